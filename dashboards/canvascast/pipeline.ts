import {
  RATE_INTERVAL,
  alertPanel,
  barChart,
  barGauge,
  bucketRates,
  dashboard,
  histogramQuantile,
  latencyHeatmap,
  max,
  mul,
  rate,
  rateRatio,
  row,
  stat,
  sum,
  timeseries,
} from '../../lib';
import { highJobFailureRate } from '../../rules/canvascast/alerts';
import { canvascastWorker, jobDuration, jobsByStatus, pipelineStepDuration } from '../../rules/canvascast/metrics';
import { jobFailureRatio, queueDepth, stepDurationBucketRate } from '../../rules/canvascast/recording';

const headline = { width: 6, height: 4 } as const;
const jobLatency = bucketRates(jobDuration, RATE_INTERVAL, { by: ['job'] });
/** Jobs are minutes long: count them per minute, not per second. */
const perMinute = 60;

/**
 * Spec 001 §10 "Pipeline Performance": job completion rate, step durations,
 * failure distribution (cost per job has no metric: see docs/spec-coverage/canvascast.md).
 */
export const canvascastPipeline = dashboard({
  uid: 'canvascast-pipeline',
  title: 'CanvasCast: Pipeline Performance',
  description:
    'The video pipeline worker (spec 001 §10): jobs finished per minute and by outcome, how long jobs and each pipeline step take, and where failures concentrate (by niche, by step). CanvascastHighJobFailureRate opens its panel here.',
  source: 'dashboards/canvascast/pipeline.ts',
  systems: [canvascastWorker],
  tags: ['canvascast'],
  headline: [
    stat({
      ...headline,
      title: 'Jobs finished per minute',
      description: 'Video jobs the workers finished (any final status) per minute, over $__rate_interval.',
      unit: 'opm',
      min: 0,
      queries: [{ expr: mul(sum(rate(jobDuration.count(), RATE_INTERVAL), { by: ['job'] }), perMinute), legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      title: 'Failed share (1h)',
      description: 'Share of the jobs finished in the last hour that failed (the recorded ratio CanvascastHighJobFailureRate reads: critical above 10 % for 15m, see Job failure rate (1h)).',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [{ expr: jobFailureRatio.series, legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      title: 'Jobs queued',
      description: 'Jobs waiting in the job queue now (highest report of the worker instances). The queue alert is on the System Overview.',
      unit: 'short',
      min: 0,
      queries: [{ expr: queueDepth.series, legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      title: 'Job duration p95',
      description: '95th percentile of whole-job duration from the histogram buckets, over $__rate_interval. Buckets end at 900 s: a p95 of 900 s means at least that.',
      unit: 's',
      min: 0,
      queries: [{ expr: histogramQuantile(0.95, jobLatency), legend: '{{job}}' }],
    }),
  ],
  rows: [
    row('Job completion', [
      // Spec "Job completion rate": no metric counts completions alone; job_duration_seconds_count by status counts every finished job by outcome.
      timeseries({
        title: 'Job completion rate',
        description: 'Jobs finished per minute by final status (from job_duration_seconds_count), summed over worker instances. FAILED rising while the others fall is a pipeline outage.',
        unit: 'opm',
        min: 0,
        queries: [{ expr: mul(sum(rate(jobDuration.count(), RATE_INTERVAL), { by: ['status'] }), perMinute), legend: '{{status}}' }],
      }),
      // jobs_by_status is a gauge of a shared store: every worker reports the same counts, so the max per status (a sum would multiply them).
      barChart({
        title: 'Jobs by status',
        description: 'Jobs currently in each status (jobs_by_status, a snapshot), at the last instant: a growing PENDING or processing bar with few completions is a stuck pipeline.',
        unit: 'short',
        min: 0,
        queries: [{ expr: max(jobsByStatus, { by: ['status'] }), legend: '{{status}}' }],
      }),
      timeseries({
        title: 'Job duration p50 / p95',
        description: 'Median and 95th percentile of whole-job duration from the histogram buckets (rates over $__rate_interval, by job). Buckets are 60, 120, 300, 600, 900 s, so values are coarse.',
        unit: 's',
        min: 0,
        queries: [
          { expr: histogramQuantile(0.5, jobLatency), legend: 'p50' },
          { expr: histogramQuantile(0.95, jobLatency), legend: 'p95' },
        ],
      }),
    ]),
    row('Step durations', [
      // Spec "Step durations": quantiles of the recorded step bucket rates (5m, by job, step and le).
      timeseries({
        title: 'Step duration p95 by step',
        description: '95th percentile of each pipeline step\'s duration over 5 minutes (recorded bucket rates by step). The step whose line rises is the one slowing jobs down. Buckets end at 300 s.',
        unit: 's',
        min: 0,
        queries: [{ expr: histogramQuantile(0.95, stepDurationBucketRate.series), legend: '{{step}}' }],
      }),
      timeseries({
        title: 'Step duration p50 by step',
        description: 'Median duration of each pipeline step over 5 minutes (recorded bucket rates by step): the typical cost of each step, to compare with its p95.',
        unit: 's',
        min: 0,
        queries: [{ expr: histogramQuantile(0.5, stepDurationBucketRate.series), legend: '{{step}}' }],
      }),
      latencyHeatmap(pipelineStepDuration, {
        title: 'Step duration distribution',
        description: 'Pipeline steps run per second by duration bucket (5, 15, 30, 60, 120, 300 s), all steps, over $__rate_interval: a band moving up is steps getting slower.',
        unit: 's',
      }),
    ]),
    row('Failures', [
      alertPanel(highJobFailureRate, {
        unit: 'percentunit',
        min: 0,
        max: 1,
        legend: '{{job}}',
        title: 'Job failure rate (1h)',
        description: 'Share of the jobs finished in the last hour that failed (status FAILED among all job_duration_seconds_count), per job. Above the red line (10 %) for 15m CanvascastHighJobFailureRate pages.',
      }),
      // Spec "Failure distribution": failed share of the jobs of each niche (a ratio of rates), at the last instant.
      barGauge({
        title: 'Failure distribution by niche',
        description: 'Share of each niche\'s jobs finished over $__rate_interval that failed, at the last instant: one long bar is a niche-specific problem (its prompts or assets), all bars long a shared dependency.',
        unit: 'percentunit',
        min: 0,
        max: 1,
        queries: [{ expr: rateRatio(jobDuration.count({ status: 'FAILED' }), jobDuration.count(), RATE_INTERVAL, { by: ['niche'] }), legend: '{{niche}}' }],
      }),
      timeseries({
        title: 'Failed steps per minute by step',
        description: 'Pipeline steps that ended with status error, per minute, by step (from pipeline_step_duration_seconds_count): which step the job failures come from.',
        unit: 'opm',
        min: 0,
        queries: [{ expr: mul(sum(rate(pipelineStepDuration.count({ status: 'error' }), RATE_INTERVAL), { by: ['step'] }), perMinute), legend: '{{step}}' }],
      }),
    ]),
  ],
});
