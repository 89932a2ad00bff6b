import { alertRule, gt, histogramQuantile, max } from '../../lib';
import { imageProcessingBacklog } from './metrics';
import { apiReadyBucketRate, http5xxRatio } from './recording';

/** p95 of /api/ready, in milliseconds: the spec's `histogram_quantile(0.95, sum by (le) (rate(api_ready_ms_bucket[5m])))`. */
const apiReadyP95 = histogramQuantile(0.95, apiReadyBucketRate.series);

export const apiReadyHighLatency95p = alertRule({
  name: 'APIReadyHighLatency95p',
  expr: gt(apiReadyP95, 750),
  for: '2m',
  severity: 'warning',
  summary: '95p readiness latency high',
  description: 'p95 latency of /api/ready on {{ $labels.job }} is {{ $value | printf "%.0f" }} ms (threshold 750 ms) for 2m.',
});

export const highLatency = alertRule({
  name: 'IkEngineHighLatency',
  expr: gt(apiReadyP95, 1000),
  for: '10m',
  severity: 'warning',
  summary: 'High p95 latency',
  description: 'p95 latency of /api/ready on {{ $labels.job }} is {{ $value | printf "%.0f" }} ms, above 1 s for 10m.',
});

export const high5xx = alertRule({
  name: 'IkEngineHigh5xx',
  expr: gt(http5xxRatio.series, 0.05),
  for: '10m',
  severity: 'warning',
  summary: 'High 5xx error rate',
  description: '{{ $value | humanizePercentage }} of requests to {{ $labels.job }} fail with 5xx (threshold 5%) for 10m.',
});

/**
 * The backlog counts pending database records, so every instance reports the
 * same number: take the max per job, or one backlog would page once per instance.
 */
export const imageBacklog = alertRule({
  name: 'IkEngineImageBacklog',
  expr: gt(max(imageProcessingBacklog, { by: ['job'] }), 50),
  for: '15m',
  severity: 'warning',
  summary: 'Image backlog high',
  description: '{{ $value | humanize }} image jobs queued or processing on {{ $labels.job }} (threshold 50) for more than 15m.',
});

export const alertRules = [apiReadyHighLatency95p, highLatency, high5xx, imageBacklog];
