import { System } from '../../lib/promql';
import { dcgmExporterMetrics, nodeExporterMetrics, postgresExporterMetrics, redisExporterMetrics } from '../../lib/exporters';

/**
 * The AI video dubbing platform (spec 003): the Node backend exposes
 * Prometheus metrics at `GET /metrics` (spec, "Kubernetes Monitoring").
 * One System per scrape job; the exporters each have their own job.
 */
export const dubbing = new System({
  name: 'dubbing',
  title: 'AI video dubbing platform',
  team: 'dubbing',
  selector: { job: 'dubbing' },
});

// ---------------------------------------------------------------------------
// Metrics listed in the spec ("Metrics Exposed").
// ---------------------------------------------------------------------------

/** HTTP requests by method and status, as the spec lists them (no route label: see docs/spec-coverage/dubbing.md). */
export const httpRequests = dubbing.counter({
  name: 'http_requests_total',
  help: 'HTTP requests served, by method and status code.',
  labels: ['method', 'status'],
});

/**
 * HTTP request duration. The spec gives no buckets; these are prom-client's
 * (and the Go/Python clients') default buckets, which the backend exposes
 * unless configured otherwise. The 2 s alert threshold falls inside the
 * (1, 2.5] bucket, so p95 near 2 s is linearly interpolated there; adding a
 * 2 s boundary in the app would make the alert exact.
 */
export const httpRequestDuration = dubbing.histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration, in seconds.',
  unit: 'seconds',
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
});

/**
 * Processing time of one pipeline stage of a dubbing job (stt, translation,
 * tts, …). Stages run for seconds to an hour, so the buckets (our choice, the
 * spec gives none) run from 1 s to 1 h.
 */
export const jobProcessingDuration = dubbing.histogram({
  name: 'job_processing_duration_seconds',
  help: 'Job processing duration, in seconds, by pipeline stage.',
  labels: ['stage'],
  unit: 'seconds',
  buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600],
});

/** Jobs waiting per stage. The queue lives in Redis, so every instance reports the same number: read it with max by (job, stage). */
export const queueDepth = dubbing.gauge({
  name: 'queue_depth',
  help: 'Jobs currently queued, by pipeline stage.',
  labels: ['stage'],
});

export const activeWebsocketConnections = dubbing.gauge({
  name: 'active_websocket_connections',
  help: 'Open WebSocket connections.',
});

/**
 * Model inference latency by model. Buckets are our choice (the spec gives
 * none): 100 ms to 5 min, with a boundary at the 10 s alert threshold.
 * The histogram must observe failed inferences too: its `_count` is the
 * denominator of the model error ratio.
 */
export const modelInferenceDuration = dubbing.histogram({
  name: 'model_inference_duration_seconds',
  help: 'Model inference duration, in seconds, by model.',
  labels: ['model'],
  unit: 'seconds',
  buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
});

// ---------------------------------------------------------------------------
// Not listed in the spec: the minimal counters its alerts need.
// Counters with labels must be initialised to 0 per label value at start-up
// (prom-client exports a labelled series only after its first inc), or the
// first failure after a restart is invisible to rate()/increase().
// ---------------------------------------------------------------------------

/**
 * Required by the job failure rate alerts (spec: "Job failure rate > 10%",
 * "Job failure rate > 5%"); not listed in the spec. One increment per finished
 * stage run, `status` = `completed` or `failed`.
 */
export const jobsProcessed = dubbing.counter({
  name: 'jobs_processed_total',
  help: 'Pipeline stage runs finished, by stage and status (completed or failed).',
  labels: ['stage', 'status'],
});

/** Required by the model error rate alert (spec: "Model error rate > 1%"); not listed in the spec. */
export const modelInferenceErrors = dubbing.counter({
  name: 'model_inference_errors_total',
  help: 'Model inferences that failed, by model.',
  labels: ['model'],
});

/** Required by the GPU out-of-memory alert (spec: "GPU out of memory errors"); not listed in the spec. */
export const gpuOomErrors = dubbing.counter({
  name: 'gpu_oom_errors_total',
  help: 'CUDA out-of-memory errors raised during inference, by model.',
  labels: ['model'],
});

// ---------------------------------------------------------------------------
// Exporters: one System (and scrape job) each, read by the pack via `reads`.
// ---------------------------------------------------------------------------

/** postgres_exporter next to the platform database ("Database connection failure"). */
export const dubbingPostgres = new System({
  name: 'dubbing-postgres',
  title: 'Dubbing PostgreSQL (postgres_exporter)',
  team: 'dubbing',
  selector: { job: 'dubbing-postgres' },
});
export const postgres = postgresExporterMetrics(dubbingPostgres);

/** redis_exporter next to the job queue's Redis ("Redis connection failure"). */
export const dubbingRedis = new System({
  name: 'dubbing-redis',
  title: 'Dubbing Redis (redis_exporter)',
  team: 'dubbing',
  selector: { job: 'dubbing-redis' },
});
export const redis = redisExporterMetrics(dubbingRedis);

/** node_exporter on the platform hosts ("Disk usage > 80%"). */
export const dubbingNode = new System({
  name: 'dubbing-node',
  title: 'Dubbing hosts (node_exporter)',
  team: 'dubbing',
  selector: { job: 'dubbing-node' },
});
export const node = nodeExporterMetrics(dubbingNode);

/** NVIDIA DCGM exporter on the GPU inference hosts ("GPU utilization > 90%"). */
export const dubbingGpu = new System({
  name: 'dubbing-dcgm',
  title: 'Dubbing GPUs (dcgm-exporter)',
  team: 'dubbing',
  selector: { job: 'dubbing-dcgm' },
});
export const gpu = dcgmExporterMetrics(dubbingGpu);
