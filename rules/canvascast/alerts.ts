import { absent, alertRule, formatNumber, gt, targetDown } from '../../lib';
import { canvascastApi, canvascastWorker, jobQueueDepth } from './metrics';
import { http5xxRatio, httpDurationP95, jobFailureRatio, queueDepth } from './recording';

/**
 * Spec §9 HighErrorRate: `rate(http_requests_total{status=~"5.."}[5m]) > 0.1`.
 * As written that is an absolute rate per series (0.1 5xx/s on any one
 * method/route/status), which pages on busy routes and never on quiet ones,
 * while the summary says "error rate" and the §10 "Error Rate" panel divides
 * 5xx by all requests. Implemented as the 5xx ratio per job, above 10%.
 */
export const highErrorRate = alertRule({
  name: 'CanvascastHighErrorRate',
  expr: gt(http5xxRatio.series, 0.1),
  for: '5m',
  severity: 'critical',
  summary: 'High API error rate',
  description: '{{ $value | humanizePercentage }} of requests to {{ $labels.job }} fail with 5xx (threshold 10%) for 5m.',
});

/**
 * The pipeline worker's alerts share a component, so that CanvascastWorkerDown
 * (service-down) holds back the worker's consequences (backlog, failures) and
 * not the API's, and CanvascastApiDown not the worker's.
 */
const WORKER = { component: 'worker' };

/** Spec §9 QueueBacklog: `job_queue_depth > 100` for 10m, read once per worker job (see job:job_queue_depth:max). */
export const queueBacklog = alertRule({
  name: 'CanvascastQueueBacklog',
  expr: gt(queueDepth.series, 100),
  for: '10m',
  severity: 'warning',
  labels: WORKER,
  summary: 'Job queue backlog',
  description: (s) => `{{ $value | humanize }} jobs waiting in the queue of {{ $labels.job }} (threshold ${formatNumber(s.threshold!)}) for more than ${s.for}.`,
});

/**
 * Spec §9 HighJobFailureRate: `rate(jobs_by_status{status="FAILED"}[1h]) > 0.1`.
 * jobs_by_status is a gauge (a count of jobs currently in each status), so
 * rate() of it is meaningless (and does not compile here). Implemented as
 * meant: more than 10% of the jobs finished in the last hour failed, from
 * job_duration_seconds_count by status (see job:jobs_failed_per_jobs_finished:ratio_rate1h).
 */
export const highJobFailureRate = alertRule({
  name: 'CanvascastHighJobFailureRate',
  expr: gt(jobFailureRatio.series, 0.1),
  for: '15m',
  severity: 'critical',
  labels: WORKER,
  summary: 'High job failure rate',
  description: '{{ $value | humanizePercentage }} of the jobs finished by {{ $labels.job }} in the last hour failed (threshold 10%) for 15m.',
});

/**
 * Spec §9 SlowResponses: `histogram_quantile(0.95, http_request_duration_seconds) > 5`.
 * histogram_quantile needs the per-second rate of the `_bucket` series,
 * aggregated by le; implemented as p95 over 5m per job (job:http_request_duration_seconds:p95_rate5m).
 */
export const slowResponses = alertRule({
  name: 'CanvascastSlowResponses',
  expr: gt(httpDurationP95.series, 5),
  for: '5m',
  severity: 'warning',
  summary: 'Slow API responses',
  description: 'p95 latency of {{ $labels.job }} is {{ $value | humanizeDuration }} (threshold 5s) for 5m.',
});

/**
 * Not in the spec's alert list: when a process stops answering scrapes, its
 * series vanish and the alerts above go silent instead of firing. These stand
 * in for the spec's liveness checks (§8 `/health`) on what Prometheus sees.
 */
export const apiDown = targetDown({ system: canvascastApi, name: 'CanvascastApiDown' });

/** The worker's counterpart of CanvascastApiDown: `up{job="canvascast-worker"} == 0`, per instance. */
export const workerDown = targetDown({ system: canvascastWorker, name: 'CanvascastWorkerDown', labels: WORKER });

/**
 * The "stopped exporting" companion of CanvascastWorkerDown: a worker that
 * answers its scrape but no longer exports job_queue_depth silences
 * CanvascastQueueBacklog with no target down. Also fires when no worker
 * target is left to scrape at all (no `up` series, so CanvascastWorkerDown
 * cannot). While CanvascastWorkerDown fires, Alertmanager holds this back
 * (impact=service-down, same component).
 */
export const workerMetricsAbsent = alertRule({
  name: 'CanvascastWorkerMetricsAbsent',
  expr: absent(jobQueueDepth),
  for: '5m',
  severity: 'critical',
  labels: WORKER,
  summary: 'canvascast pipeline worker metrics missing',
  description: 'No job_queue_depth series from {{ $labels.job }} for 5m: no worker answers its scrape, or it stopped exporting its metrics.',
});

export const alertRules = [highErrorRate, queueBacklog, highJobFailureRate, slowResponses, apiDown, workerDown, workerMetricsAbsent];
