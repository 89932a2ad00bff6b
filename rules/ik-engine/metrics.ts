import { System } from '../../lib/promql';

/**
 * ik-engine, the image API (spec 000). It exposes in-memory metrics at
 * `/api/metrics` (reset on deploy, so rules use rate()/increase()).
 */
export const ikEngine = new System({
  name: 'ik-engine',
  title: 'ik-engine image API',
  team: 'ik-engine',
  selector: { job: 'ik-engine' },
});

/** Readiness endpoint latency, from the `${name}_ms` histograms (buckets in ms). */
export const apiReadyMs = ikEngine.histogram({
  name: 'api_ready_ms',
  help: 'Latency of /api/ready in milliseconds.',
  unit: 'milliseconds',
  buckets: [50, 100, 250, 500, 1000, 2000],
});

/** HTTP responses by status code (needs the ingress or app middleware to export it, per the spec). */
export const httpRequests = ikEngine.counter({
  name: 'http_requests_total',
  help: 'HTTP requests served, by status code.',
  labels: ['status'],
});

export const imageProcessingBacklog = ikEngine.gauge({
  name: 'ik_image_processing_backlog',
  help: 'Image processing jobs queued or in progress (pending ImageProcessingJob records).',
});

export const rateLimitDenied = ikEngine.counter({
  name: 'rate_limit_denied_total',
  help: 'Requests blocked by the rate limiter, by limiter backend (redis or memory).',
  labels: ['backend'],
});

export const metricsExposed = ikEngine.counter({
  name: 'metrics_exposed_total',
  help: 'Scrapes of /api/metrics served.',
});

export const mediaProcessStarted = ikEngine.counter({ name: 'media_process_started_total', help: 'Media processing jobs started.' });
export const mediaProcessError = ikEngine.counter({ name: 'media_process_error_total', help: 'Media processing jobs that failed.' });
export const mediaProcessDuplicate = ikEngine.counter({ name: 'media_process_duplicate_total', help: 'Uploads detected as duplicates.' });
export const authLoginSuccess = ikEngine.counter({ name: 'auth_login_success_total', help: 'Successful logins.' });
export const authLoginFailure = ikEngine.counter({ name: 'auth_login_failure_total', help: 'Failed logins.' });
