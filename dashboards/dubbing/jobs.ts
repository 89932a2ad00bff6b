import { RATE_INTERVAL, SECONDS_PER_HOUR, alertPanel, barGauge, bucketRates, dashboard, histogramQuantile, latencyHeatmap, max, mul, rate, rateRatio, row, share, stat, sum, timeseries } from '../../lib';
import { jobFailureRateCritical, jobFailureRateHigh, jobProcessingSlow, queueDepthHigh } from '../../rules/dubbing/alerts';
import { dubbing, jobProcessingDuration, jobsProcessed } from '../../rules/dubbing/metrics';
import { jobFailureRatio, jobProcessingMean1d, jobProcessingMean30m, queueDepthByStage } from '../../rules/dubbing/recording';
import { headline } from './common';

/**
 * Spec 003, "Operational Dashboards › 2. Job Processing Dashboard" (also
 * "Grafana Dashboards › 2. Job Processing"): jobs per hour, average processing
 * time, failure rate and queue depth, each by stage. Worker utilisation has no
 * metric (see docs/spec-coverage/dubbing.md). The queue depth, failure rate and
 * "2x average" alerts open their panels here.
 */
export const dubbingJobs = dashboard({
  uid: 'dubbing-jobs',
  title: 'Dubbing: job processing',
  description:
    'The dubbing pipeline stage by stage (stt, translation, tts, …): how many stage runs finish per hour, how long they take against their daily average, how many fail, and how many jobs wait in each queue.',
  source: 'dashboards/dubbing/jobs.ts',
  systems: [dubbing],
  tags: ['dubbing'],
  headline: [
    stat({
      ...headline,
      width: 6,
      title: 'Stage runs per hour',
      description: 'Stage runs finished (completed or failed) per hour over all stages, at the current rate.',
      unit: 'short',
      min: 0,
      queries: [{ expr: mul(SECONDS_PER_HOUR, sum(rate(jobsProcessed, RATE_INTERVAL), { by: ['job'] })), legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      ...share,
      width: 6,
      title: 'Worst stage failure share',
      description: 'Failure share of the stage failing most over the last 15 minutes (warning above 5 %, critical above 10 %; see Job failure rate by stage).',
      queries: [{ expr: max(jobFailureRatio.series, { by: ['job'] }), legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      width: 6,
      title: 'Deepest queue',
      description: 'Jobs waiting in the longest stage queue now (warning above 100; see Queue depth by stage).',
      unit: 'short',
      min: 0,
      queries: [{ expr: max(queueDepthByStage.series, { by: ['job'] }), legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      width: 6,
      title: 'Slowest stage (30m mean)',
      description: 'Mean processing time over the last 30 minutes of the slowest stage.',
      unit: 's',
      min: 0,
      queries: [{ expr: max(jobProcessingMean30m.series, { by: ['job'] }), legend: '{{job}}' }],
    }),
  ],
  rows: [
    row('Throughput', [
      // "Jobs processed per hour by stage": a per-second rate over $__rate_interval times 3600, not an increase over a fixed hour.
      timeseries({
        title: 'Jobs processed per hour by stage',
        description: 'Stage runs finished per hour (completed and failed), by stage, at the rate of the last $__rate_interval. A stage that drops to 0 while its queue grows is stuck.',
        unit: 'short',
        min: 0,
        width: 12,
        queries: [{ expr: mul(SECONDS_PER_HOUR, sum(rate(jobsProcessed, RATE_INTERVAL), { by: ['stage'] })), legend: '{{stage}}' }],
      }),
      alertPanel(queueDepthHigh, {
        unit: 'short',
        min: 0,
        width: 12,
        legend: '{{stage}}',
        title: 'Queue depth by stage',
        description: 'Jobs waiting per stage queue (the highest report of the shared Redis queue). DubbingQueueDepthHigh warns when a stage stays above the orange line: its workers cannot keep up.',
      }),
    ]),
    row('Processing time', [
      // "Average processing time by stage" is rate(_sum) / rate(_count), not an average of the histogram's raw counters.
      timeseries({
        title: 'Average processing time by stage',
        description: 'Mean time of one stage run over $__rate_interval: rate of the observed seconds over rate of runs, by stage.',
        unit: 's',
        min: 0,
        width: 8,
        queries: [{ expr: rateRatio(jobProcessingDuration.sum(), jobProcessingDuration.count(), RATE_INTERVAL, { by: ['stage'] }), legend: '{{stage}}' }],
      }),
      timeseries({
        title: 'Processing time against 2x the daily average',
        description:
          'Per stage, the mean processing time of the last 30 minutes and twice its mean over the day before. DubbingJobProcessingSlow warns when the first stays above the second for 15 minutes (the spec\'s "processing time > 2x average"); the "above 2x" line appears only while a stage breaches.',
        unit: 's',
        min: 0,
        width: 8,
        alerts: [jobProcessingSlow],
        queries: [
          { expr: jobProcessingMean30m.series, legend: '{{stage}} 30m mean' },
          { expr: mul(2, jobProcessingMean1d.series), legend: '{{stage}} 2x daily mean' },
          // The alert's own condition (its threshold is a series, not a number): drawn only while a stage is above 2x.
          { expr: jobProcessingSlow.expr, legend: '{{stage}} above 2x' },
        ],
      }),
      timeseries({
        title: 'Processing time p95 by stage',
        description: 'p95 of stage run time over $__rate_interval, by stage: the slow tail the mean hides (long videos, retries).',
        unit: 's',
        min: 0,
        width: 8,
        queries: [{ expr: histogramQuantile(0.95, bucketRates(jobProcessingDuration, RATE_INTERVAL, { by: ['stage'] })), legend: '{{stage}}' }],
      }),
      latencyHeatmap(jobProcessingDuration, {
        title: 'Processing time distribution',
        description: 'Stage runs per second by duration bucket, all stages together (1 s to 1 h buckets).',
        unit: 's',
        width: 24,
      }),
    ]),
    row('Failures', [
      alertPanel(jobFailureRateHigh, {
        with: [jobFailureRateCritical],
        ...share,
        width: 12,
        legend: '{{stage}}',
        title: 'Job failure rate by stage',
        description: 'Share of stage runs that failed over 15 minutes, by stage. DubbingJobFailureRateHigh warns above 5 % for 15 minutes, DubbingJobFailureRateCritical pages above 10 % for 10 minutes.',
      }),
      barGauge({
        title: 'Failed stage runs per hour',
        description: 'Failed stage runs per hour by stage, at the current rate: which stage the failures come from.',
        unit: 'short',
        min: 0,
        width: 12,
        queries: [{ expr: mul(SECONDS_PER_HOUR, sum(rate(jobsProcessed.where({ status: 'failed' }), RATE_INTERVAL), { by: ['stage'] })), legend: '{{stage}}' }],
      }),
    ]),
  ],
});
