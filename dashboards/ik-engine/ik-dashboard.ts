import { RATE_INTERVAL, alertPanel, dashboard, increase, rate, row, sum, timeseries } from '../../lib';
import { apiReadyHighLatency95p, highLatency, imageBacklog } from '../../rules/ik-engine/alerts';
import { apiReadyMs, ikEngine, metricsExposed, rateLimitDenied } from '../../rules/ik-engine/metrics';

/**
 * The spec's starter dashboard, `ops/monitoring/grafana/ik-dashboard.json` (spec 000,
 * "Grafana"), with its five panels. It comes after the topical dashboards in
 * ikEngineDashboards, so the alerts it also draws link to those.
 */
export const ikEngineStarterDashboard = dashboard({
  uid: 'ik-engine-dashboard',
  title: 'ik-dashboard',
  description:
    'The starter dashboard of spec 000 (ik-dashboard.json): readiness p95 and request rate, the image backlog, rate-limit denials and metrics scrapes. The topical ik-engine dashboards (API health, media pipeline, rate limiting, auth, database, SLOs) go further.',
  source: 'dashboards/ik-engine/ik-dashboard.ts',
  systems: [ikEngine],
  tags: ['ik-engine'],
  headline: [
    // Spec: `ik_image_processing_backlog` as a stat. Every instance reports the same database
    // count, so the stat shows the max per job (the alert's signal), not one number per instance.
    alertPanel(imageBacklog, {
      kind: 'stat',
      unit: 'short',
      min: 0,
      legend: '{{job}}',
      width: 24,
      height: 4,
      title: 'Image processing backlog',
      description: 'ik_image_processing_backlog: image jobs queued or in progress (max over instances, which all report the same database count). Coloured by IkEngineImageBacklog\'s threshold.',
    }),
  ],
  rows: [
    row('Readiness', [
      // Spec: histogram_quantile(0.95, sum(rate(api_ready_ms_bucket[5m])) by (le)), read from its recording (per job).
      alertPanel(apiReadyHighLatency95p, {
        with: [highLatency],
        unit: 'ms',
        min: 0,
        legend: '{{job}}',
        width: 12,
        title: 'Readiness p95',
        description: 'p95 latency of /api/ready over 5 minutes, in milliseconds (histogram_quantile of the api_ready_ms buckets). Dashed: APIReadyHighLatency95p (750 ms) and IkEngineHighLatency (1 s).',
      }),
      // Spec: sum(rate(api_ready_ms_count[5m])); the spec's 5m is $__rate_interval here, as in every panel rate.
      timeseries({
        title: 'Readiness request rate',
        description: 'Requests to /api/ready per second (api_ready_ms_count), summed over instances: load balancer and probe health checks.',
        unit: 'reqps',
        min: 0,
        width: 12,
        queries: [{ expr: sum(rate(apiReadyMs.count(), RATE_INTERVAL)), legend: 'requests/s' }],
      }),
    ]),
    row('Rate limiting and scrapes', [
      // Spec: increase(rate_limit_denied_total[5m]), as written: an increase counts over the window it names.
      timeseries({
        title: 'Rate-limit denials',
        description: 'Requests the rate limiter blocked in the 5 minutes before each point, per instance and limiter backend (redis, or the per-instance memory fallback).',
        unit: 'short',
        min: 0,
        width: 12,
        queries: [{ expr: increase(rateLimitDenied, '5m'), legend: '{{instance}} {{backend}}' }],
      }),
      // Spec: rate(metrics_exposed_total[5m]). The spec said 5m; $__rate_interval here, as above.
      timeseries({
        title: 'Metrics scrapes',
        description: 'Scrapes of /api/metrics served per second, per instance: flat at 1/15s per scraper when Prometheus scrapes normally; 0 is an instance nobody scrapes.',
        unit: 'reqps',
        min: 0,
        width: 12,
        queries: [{ expr: rate(metricsExposed, RATE_INTERVAL), legend: '{{instance}}' }],
      }),
    ]),
  ],
});
