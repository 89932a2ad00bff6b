import { absent, alertRule, avgOverTime, div, eq, exporterDown, formatNumber, gt, increase, mul, notRe, sub, sum, targetDown } from '../../lib';
import { dubbing, dubbingGpu, dubbingNode, gpu, gpuOomErrors, node, postgres, redis } from './metrics';
import {
  http5xxRatio,
  httpDurationP95,
  inferenceDurationP95,
  jobFailureRatio,
  jobProcessingMean1d,
  jobProcessingMean30m,
  modelErrorRatio,
  queueDepthByStage,
} from './recording';

// ---------------------------------------------------------------------------
// Critical (spec "Alert Configuration", PagerDuty/Slack)
// ---------------------------------------------------------------------------

/** "API downtime > 1 minute" / "Service downtime > 1 minute": the backend answers no scrape for 1m. */
export const apiDown = targetDown({
  system: dubbing,
  name: 'DubbingApiDown',
  for: '1m',
  severity: 'critical',
  summary: 'Dubbing API is down',
});

/** "Database connection failure": postgres_exporter cannot connect to PostgreSQL. */
export const databaseDown = alertRule({
  name: 'DubbingDatabaseDown',
  expr: eq(postgres.up, 0),
  for: '1m',
  severity: 'critical',
  // Its own component: DubbingApiDown must not hold back the database page, often the cause.
  labels: { component: 'database' },
  summary: 'Dubbing database connection failure',
  description: 'postgres_exporter {{ $labels.instance }} (job {{ $labels.job }}) has failed to connect to PostgreSQL for 1m.',
});

/** "Redis connection failure": redis_exporter cannot connect to Redis (the job queue). */
export const redisDown = alertRule({
  name: 'DubbingRedisDown',
  expr: eq(redis.up, 0),
  for: '1m',
  severity: 'critical',
  labels: { component: 'redis' },
  summary: 'Dubbing Redis connection failure',
  description: 'redis_exporter {{ $labels.instance }} (job {{ $labels.job }}) has failed to connect to Redis for 1m.',
});

/** "Job failure rate > 10%" (critical), per stage like the job processing dashboard. */
export const jobFailureRateCritical = alertRule({
  name: 'DubbingJobFailureRateCritical',
  expr: gt(jobFailureRatio.series, 0.1),
  for: '10m',
  severity: 'critical',
  labels: { family: 'job-failure-rate' },
  summary: 'Dubbing job failure rate above 10%',
  description: '{{ $value | humanizePercentage }} of {{ $labels.stage }} stage runs on {{ $labels.job }} failed over the last 15m (threshold 10%) for 10m.',
});

/** "GPU out of memory errors": any OOM page; the counter is not in the spec (see metrics.ts). */
export const gpuOutOfMemory = alertRule({
  name: 'DubbingGpuOutOfMemory',
  expr: gt(sum(increase(gpuOomErrors, '5m'), { by: ['job', 'model'] }), 0),
  severity: 'critical',
  summary: 'GPU out-of-memory errors during inference',
  description: 'Model {{ $labels.model }} on {{ $labels.job }} raised {{ $value | printf "%.0f" }} GPU out-of-memory errors in the last 5m.',
});

// ---------------------------------------------------------------------------
// Warning (spec "Alert Configuration", Email/Slack, and the dashboards' alerts)
// ---------------------------------------------------------------------------

/** "API response time > 2 seconds" (also Sentry "Performance Degradation"), read as p95. */
export const apiHighLatency = alertRule({
  name: 'DubbingApiHighLatency',
  expr: gt(httpDurationP95.series, 2),
  for: '5m',
  severity: 'warning',
  summary: 'Dubbing API p95 response time above 2s',
  description: (s) => `p95 HTTP response time of {{ $labels.job }} is {{ $value | humanizeDuration }} (threshold ${formatNumber(s.threshold!)}s) for ${s.for}.`,
});

/** "Queue depth > 100 jobs", per stage. */
export const queueDepthHigh = alertRule({
  name: 'DubbingQueueDepthHigh',
  expr: gt(queueDepthByStage.series, 100),
  for: '10m',
  severity: 'warning',
  summary: 'Dubbing job queue above 100',
  description: (s) => `{{ $value | humanize }} jobs are waiting in the {{ $labels.stage }} queue of {{ $labels.job }} (threshold ${formatNumber(s.threshold!)}) for ${s.for}.`,
});

/** "Error rate > 1%" (and, per job, "Error rate > 1% for any endpoint": there is no endpoint label). */
export const highErrorRate = alertRule({
  name: 'DubbingHighErrorRate',
  expr: gt(http5xxRatio.series, 0.01),
  for: '10m',
  severity: 'warning',
  summary: 'Dubbing API 5xx error rate above 1%',
  description: '{{ $value | humanizePercentage }} of HTTP requests to {{ $labels.job }} answered 5xx over the last 5m (threshold 1%) for 10m.',
});

/** "GPU utilization > 90%", per GPU, smoothed over 5m (inference bursts are normal). */
export const gpuUtilizationHigh = alertRule({
  name: 'DubbingGpuUtilizationHigh',
  expr: gt(avgOverTime(gpu.gpuUtil, '5m'), 90),
  for: '10m',
  severity: 'warning',
  summary: 'GPU utilisation above 90%',
  description: 'GPU {{ $labels.gpu }} ({{ $labels.modelName }}) on {{ $labels.Hostname }} averaged {{ $value | printf "%.0f" }}% utilisation over 5m (threshold 90%) for 10m.',
});

/** Filesystems that are not disks: no alert on them. */
const realFilesystems = { fstype: notRe('tmpfs|overlay|squashfs|nsfs|ramfs') };

/** "Disk usage > 80%", per filesystem, from node_exporter. */
export const diskUsageHigh = alertRule({
  name: 'DubbingDiskUsageHigh',
  expr: gt(sub(1, div(node.filesystemAvail.where(realFilesystems), node.filesystemSize.where(realFilesystems))), 0.8),
  for: '15m',
  severity: 'warning',
  summary: 'Disk usage above 80%',
  description: 'Filesystem {{ $labels.mountpoint }} ({{ $labels.device }}) on {{ $labels.instance }} is {{ $value | humanizePercentage }} full (threshold 80%) for 15m.',
});

/** "Job failure rate > 5%" (job processing dashboard): the warning band below the 10% page. */
export const jobFailureRateHigh = alertRule({
  name: 'DubbingJobFailureRateHigh',
  expr: gt(jobFailureRatio.series, 0.05),
  for: '15m',
  severity: 'warning',
  labels: { family: 'job-failure-rate' },
  summary: 'Dubbing job failure rate above 5%',
  description: '{{ $value | humanizePercentage }} of {{ $labels.stage }} stage runs on {{ $labels.job }} failed over the last 15m (threshold 5%) for 15m.',
});

/** "Processing time > 2x average": the 30m mean per stage against twice its 1d mean. */
export const jobProcessingSlow = alertRule({
  name: 'DubbingJobProcessingSlow',
  expr: gt(jobProcessingMean30m.series, mul(2, jobProcessingMean1d.series)),
  for: '15m',
  severity: 'warning',
  summary: 'Dubbing stage processing time above twice its daily average',
  description: 'Mean {{ $labels.stage }} processing time on {{ $labels.job }} over the last 30m is {{ $value | humanizeDuration }}, more than twice its 1d mean, for 15m.',
});

/** "Inference latency > 10 seconds" (model performance dashboard), read as p95 per model. */
export const modelInferenceSlow = alertRule({
  name: 'DubbingModelInferenceSlow',
  expr: gt(inferenceDurationP95.series, 10),
  for: '10m',
  severity: 'warning',
  summary: 'Model inference p95 latency above 10s',
  description: 'p95 inference latency of model {{ $labels.model }} on {{ $labels.job }} is {{ $value | humanizeDuration }} (threshold 10s) for 10m.',
});

/** "Model error rate > 1%" (model performance dashboard), per model. */
export const modelErrorRateHigh = alertRule({
  name: 'DubbingModelErrorRateHigh',
  expr: gt(modelErrorRatio.series, 0.01),
  for: '10m',
  severity: 'warning',
  summary: 'Model inference error rate above 1%',
  description: '{{ $value | humanizePercentage }} of inferences of model {{ $labels.model }} on {{ $labels.job }} failed over the last 5m (threshold 1%) for 10m.',
});

// ---------------------------------------------------------------------------
// Not in the spec: without these, a dead exporter silences the connection
// alerts above (pg_up / redis_up disappear instead of turning 0).
// ---------------------------------------------------------------------------

export const postgresExporterAbsent = alertRule({
  name: 'DubbingPostgresExporterAbsent',
  expr: absent(postgres.up),
  for: '5m',
  severity: 'warning',
  summary: 'postgres_exporter reports nothing',
  description: 'No pg_up series from job {{ $labels.job }} for 5m: postgres_exporter is down or not scraped, so DubbingDatabaseDown cannot fire.',
});

export const redisExporterAbsent = alertRule({
  name: 'DubbingRedisExporterAbsent',
  expr: absent(redis.up),
  for: '5m',
  severity: 'warning',
  summary: 'redis_exporter reports nothing',
  description: 'No redis_up series from job {{ $labels.job }} for 5m: redis_exporter is down or not scraped, so DubbingRedisDown cannot fire.',
});

export const criticalAlerts = [apiDown, databaseDown, redisDown, jobFailureRateCritical, gpuOutOfMemory];

export const warningAlerts = [
  apiHighLatency,
  queueDepthHigh,
  highErrorRate,
  gpuUtilizationHigh,
  diskUsageHigh,
  jobFailureRateHigh,
  jobProcessingSlow,
  modelInferenceSlow,
  modelErrorRateHigh,
  postgresExporterAbsent,
  redisExporterAbsent,
];

/** The host and GPU exporters: while they answer no scrape, the host and GPU alerts are blind. */
export const nodeExporterDown = exporterDown({ system: dubbingNode, name: 'DubbingNodeExporterDown', watches: 'host' });
export const gpuExporterDown = exporterDown({ system: dubbingGpu, name: 'DubbingGpuExporterDown', watches: 'GPU' });

export const alertRules = [...criticalAlerts, ...warningAlerts, nodeExporterDown, gpuExporterDown];
