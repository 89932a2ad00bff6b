import { System } from '../../lib/promql';

/**
 * canvascast, the video pipeline SaaS (spec 001, "Monitoring & Observability").
 * Two processes expose prom-client metrics, each scraped as its own job:
 * the API (`apps/api/src/metrics.ts`, `/metrics`) and the pipeline worker
 * (`apps/worker/src/metrics.ts`). The frontend only ships logs (spec §3), so
 * it has no System here. HTTP metrics label the response code `status`.
 */
export const canvascastApi = new System({
  name: 'canvascast-api',
  title: 'canvascast API',
  team: 'canvascast',
  selector: { job: 'canvascast-api' },
});

/** The pipeline worker: runs video jobs step by step off the job queue. */
export const canvascastWorker = new System({
  name: 'canvascast-worker',
  title: 'canvascast pipeline worker',
  team: 'canvascast',
  selector: { job: 'canvascast-worker' },
});

// ---- API metrics (spec §5, "API Metrics") ----

export const httpRequestDuration = canvascastApi.histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP request duration in seconds.',
  labels: ['method', 'route', 'status'],
  unit: 'seconds',
  buckets: [0.1, 0.5, 1, 2, 5, 10],
});

export const httpRequests = canvascastApi.counter({
  name: 'http_requests_total',
  help: 'Total HTTP requests, by method, route and response status code.',
  labels: ['method', 'route', 'status'],
});

export const httpActiveConnections = canvascastApi.gauge({
  name: 'http_active_connections',
  help: 'Active HTTP connections.',
});

// ---- Business metrics (spec §5, "Business Metrics"): dashboard-only, no alerts. ----
// The spec does not say which process exports them; purchases, signups and job
// creation (where credits are spent) go through the API, so they sit on its job.

export const creditsUsed = canvascastApi.counter({
  name: 'credits_used_total',
  help: 'Total credits consumed.',
});

export const revenue = canvascastApi.counter({
  name: 'revenue_usd_total',
  help: 'Total revenue in USD, by type (purchase, subscription).',
  labels: ['type'],
});

export const signups = canvascastApi.counter({
  name: 'signups_total',
  help: 'Total user signups, by method (email, google).',
  labels: ['method'],
});

// ---- Worker metrics (spec §5, "Worker Metrics") ----

/** Whole-job duration; `_count` by `status` is also the job outcome counter (status "FAILED" for failures, as in the spec's alert). */
export const jobDuration = canvascastWorker.histogram({
  name: 'job_duration_seconds',
  help: 'Job processing duration in seconds, by final status and niche.',
  labels: ['status', 'niche'],
  unit: 'seconds',
  buckets: [60, 120, 300, 600, 900],
});

/** Per-step duration; `status` is `success` or `error` (spec §6, runPipeline). */
export const pipelineStepDuration = canvascastWorker.histogram({
  name: 'pipeline_step_duration_seconds',
  help: 'Pipeline step duration in seconds, by step and status (success, error).',
  labels: ['step', 'status'],
  unit: 'seconds',
  buckets: [5, 15, 30, 60, 120, 300],
});

/** Jobs waiting in the queue. The queue lives in Redis, so every worker instance reports the same number. */
export const jobQueueDepth = canvascastWorker.gauge({
  name: 'job_queue_depth',
  help: 'Jobs waiting in queue.',
});

/** Current number of jobs per status (a gauge: a snapshot, not a counter of transitions). */
export const jobsByStatus = canvascastWorker.gauge({
  name: 'jobs_by_status',
  help: 'Jobs grouped by status.',
  labels: ['status'],
});
