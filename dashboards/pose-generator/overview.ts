import { RATE_INTERVAL, alertPanel, barChart, bucketRates, dashboard, firingAlertsPanel, gauge, histogramQuantile, increase, latencyHeatmap, min, minOverTime, probePanel, rate, rateRatio, row, stat, sum, timeseries, upDown } from '../../lib';
import {
  creditRefundSpike,
  failureRateElevated,
  generationCriticallySlow,
  highFailureRate,
  highRefundRate,
  queueBacklog,
  queueOverloaded,
  refundRateElevated,
  slowGeneration,
  targetIsDown,
  workerDown,
} from '../../rules/pose-generator/alerts';
import { creditsRefunded, creditsSpent, errors, generationDuration, generations, poseGenerator } from '../../rules/pose-generator/metrics';
import { healthProbe } from '../../rules/pose-generator/probes';
import { errorsByTypeLastHour, failureRatio, queueByState, queueDepthWaitingActive } from '../../rules/pose-generator/recording';

const headline = { width: 6, height: 4 } as const;

/**
 * Spec 002, "Grafana (Dashboard)": its five panels (Generation Rate, Success
 * Rate, Queue Depth, Average Duration, Error Rate by Type), then one row per
 * alerted quantity of the pack, so every alert opens a panel of its own signal.
 */
export const poseGeneratorOverview = dashboard({
  uid: 'pose-generator-overview',
  title: 'Pose Generator: overview',
  description:
    'The pose generator (spec 002) at a glance: generations per second and their success rate, the BullMQ queue, generation time, errors by type, credit refunds, and the health probe. Every pose-generator alert opens its panel here.',
  source: 'dashboards/pose-generator/overview.ts',
  systems: [poseGenerator, healthProbe.system],
  tags: ['pose-generator'],
  headline: [
    stat({
      ...headline,
      title: 'Generations per second',
      description: 'Pose generations finished per second (completed and failed), over the last $__rate_interval.',
      unit: 'ops',
      min: 0,
      queries: [{ expr: sum(rate(generations, RATE_INTERVAL), { by: ['job'] }), legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      title: 'Failed share (1h)',
      description: 'Share of the generations of the last hour that failed (the recorded ratio the failure-rate alerts read: warning above 5 %, critical above 10 %; see the Failures row).',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [{ expr: failureRatio.series, legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      title: 'Jobs queued (waiting + active)',
      description: 'Jobs waiting or active in the BullMQ queue now (the queue alerts read it: warning above 100, critical above 500; see the Queue Depth panel).',
      unit: 'short',
      min: 0,
      queries: [{ expr: queueDepthWaitingActive.series, legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      title: 'Health check',
      description: `Whether the blackbox probe of ${healthProbe.props.target} succeeds: No means the endpoint answered 503 (database, Redis or queue unhealthy) or did not answer.`,
      ...upDown,
      queries: [{ expr: min(healthProbe.metrics.success, { by: ['job'] }), legend: '{{job}}' }],
    }),
  ],
  rows: [
    row('Generations (spec panels)', [
      // Spec panel 1, `rate(pose_generations_total[5m])`: scoped to the job, summed over instances by status, over $__rate_interval.
      timeseries({
        title: 'Generation Rate',
        description: 'Pose generations finished per second, by outcome (completed / failed), summed over instances. A rise of failed with a drop of completed is an outage of the FLUX API or storage.',
        unit: 'ops',
        min: 0,
        queries: [{ expr: sum(rate(generations, RATE_INTERVAL), { by: ['status'] }), legend: '{{status}}' }],
      }),
      // Spec panel 2 divides raw counters with mismatched labels (always 100 %): a ratio of rates, by job, is what it means.
      gauge({
        title: 'Success Rate',
        description: 'Share of the generations finished over the last $__rate_interval that completed (completed / all, rates summed by job). Below 95 % is the warning band, below 90 % critical (see Failure rate).',
        unit: 'percentunit',
        min: 0,
        max: 1,
        thresholds: [
          { value: null, color: 'red' },
          { value: 1 - highFailureRate.expr.comparison!.threshold, color: 'orange' },
          { value: 1 - failureRateElevated.expr.comparison!.threshold, color: 'green' },
        ],
        queries: [{ expr: rateRatio(generations.where({ status: 'completed' }), generations, RATE_INTERVAL, { by: ['job'] }), legend: '{{job}}' }],
      }),
      // Spec panel 3, `pose_queue_depth`: every process reports the same Redis queue, so the recorded max per state, plus the waiting + active depth the alerts read.
      timeseries({
        title: 'Queue Depth',
        description:
          'Jobs in the BullMQ queue: waiting + active (the queue depth the alerts read: warning above 100 for 15m, critical above 500 for 10m), and each state (waiting, active, failed, delayed) as exported.',
        unit: 'short',
        min: 0,
        alerts: [queueBacklog, queueOverloaded],
        queries: [
          { expr: queueDepthWaitingActive.series, legend: 'waiting + active' },
          { expr: queueByState.series, legend: '{{state}}' },
        ],
      }),
      // Spec panel 4: correct as written; read back from its recording (rate(_sum[5m]) / rate(_count[5m]) by job), the slow-generation alerts' signal.
      alertPanel(slowGeneration, {
        with: [generationCriticallySlow],
        unit: 's',
        min: 0,
        width: 12,
        legend: '{{job}}',
        title: 'Average Duration',
        description: 'Mean time per generated pose over 5 minutes (rate of _sum over rate of _count, by job). Above 30 s for 15m is a warning (check FLUX API latency), above 60 s critical.',
      }),
      // Spec panel 5 sums raw counters (totals since each restart): the recorded increase over the last hour, by type.
      barChart({
        title: 'Error Rate by Type',
        description: 'Generation errors in the last hour, per error_type (FLUX_API_ERROR, STORAGE_ERROR, TIMEOUT_ERROR…), at the last instant. The longest bar is where to look first (see the runbook).',
        unit: 'short',
        min: 0,
        width: 12,
        queries: [{ expr: errorsByTypeLastHour.series, legend: '{{error_type}}' }],
      }),
    ]),
    row('Failures', [
      alertPanel(failureRateElevated, {
        with: [highFailureRate],
        unit: 'percentunit',
        min: 0,
        max: 1,
        width: 12,
        legend: '{{job}}',
        title: 'Failure rate (1h)',
        description: 'Share of the generations of the last hour that failed, by job. Above the orange line for a while is a warning, above the red line critical (High Failure Rate).',
      }),
      timeseries({
        title: 'Errors per second by type',
        description: 'Generation errors per second, per error_type, over $__rate_interval: which failure started when.',
        unit: 'ops',
        min: 0,
        width: 12,
        queries: [{ expr: sum(rate(errors, RATE_INTERVAL), { by: ['error_type'] }), legend: '{{error_type}}' }],
      }),
    ]),
    row('Generation time', [
      latencyHeatmap(generationDuration, {
        title: 'Generation time distribution',
        description: 'Generations per second by duration bucket (10, 30, 60, 120, 300 s), over $__rate_interval: a band moving up is generations getting slower.',
        unit: 's',
        width: 12,
      }),
      timeseries({
        title: 'Generation time p50 / p95',
        description: 'Median and 95th percentile of generation time from the histogram buckets (rates over $__rate_interval, by job). Buckets end at 300 s: a p95 of 300 s means at least that.',
        unit: 's',
        min: 0,
        width: 12,
        queries: [
          { expr: histogramQuantile(0.5, bucketRates(generationDuration, RATE_INTERVAL, { by: ['job'] })), legend: 'p50' },
          { expr: histogramQuantile(0.95, bucketRates(generationDuration, RATE_INTERVAL, { by: ['job'] })), legend: 'p95' },
        ],
      }),
    ]),
    row('Workers', [
      // PoseGeneratorWorkerDown's own signals (its absent_over_time branch watches the raw counter, which a panel may not plot).
      timeseries({
        title: 'Queued jobs against finished jobs (5m)',
        description:
          'Smallest waiting + active queue over the last 5 minutes, and generations finished (completed or failed) in the last 5 minutes. PoseGeneratorWorkerDown fires when the first stays above 0 while the second is 0 (or missing) for 5m: work is queued and none finishes.',
        unit: 'short',
        min: 0,
        alerts: [workerDown],
        queries: [
          { expr: minOverTime(queueDepthWaitingActive.series, '5m'), legend: 'queued (min 5m)' },
          { expr: sum(increase(generations, '5m'), { by: ['job'] }), legend: 'finished (5m)' },
        ],
      }),
      alertPanel(targetIsDown, {
        unit: 'bool_yes_no',
        min: 0,
        max: 1,
        legend: '{{instance}}',
        title: 'Metrics endpoint up',
        description: 'up of each pose-generator scrape target: 0 means Prometheus cannot scrape /metrics-prometheus (process down); PoseGeneratorTargetDown fires after 5m.',
      }),
      ...healthProbe.panels.map((p) => probePanel(p, { width: 4 })),
    ]),
    row('Credits', [
      alertPanel(refundRateElevated, {
        with: [highRefundRate],
        unit: 'percentunit',
        min: 0,
        max: 1,
        legend: '{{job}}',
        title: 'Refund rate (1h)',
        description: 'Credits refunded per credit spent over the last hour, by job. Above 5 % for 15m is a warning, above 10 % for 5m critical; usually follows the failure rate.',
      }),
      alertPanel(creditRefundSpike, {
        unit: 'short',
        min: 0,
        legend: '{{job}}',
        title: 'Credits refunded (1h)',
        description: 'Credits refunded in the last hour, by job. PoseGeneratorCreditRefundSpike fires above the dashed line (its threshold as deployed is listed below).',
      }),
      timeseries({
        title: 'Credits spent and refunded',
        description: 'Credits charged and refunded per second, over $__rate_interval. Refunds follow failed generations; spending follows traffic.',
        unit: 'ops',
        min: 0,
        queries: [
          { expr: sum(rate(creditsSpent, RATE_INTERVAL), { by: ['job'] }), legend: 'spent' },
          { expr: sum(rate(creditsRefunded, RATE_INTERVAL), { by: ['job'] }), legend: 'refunded' },
        ],
      }),
    ]),
    // Last, so the panel ids the alerts link to stay put.
    row('Firing alerts', [firingAlertsPanel('pose-generator', { width: 24, height: 6 })]),
  ],
});
