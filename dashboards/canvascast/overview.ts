import { RATE_INTERVAL, alertPanel, bucketRates, dashboard, firingAlertsPanel, gauge, histogramQuantile, latencyHeatmap, rate, re, row, stat, sum, timeseries } from '../../lib';
import { apiDown, highErrorRate, queueBacklog, slowResponses, workerDown, workerMetricsAbsent } from '../../rules/canvascast/alerts';
import { canvascastApi, canvascastWorker, httpActiveConnections, httpRequestDuration, httpRequests } from '../../rules/canvascast/metrics';
import { http5xxRatio, httpDurationP95, httpRequestRate, queueDepth } from '../../rules/canvascast/recording';

const headline = { width: 6, height: 4 } as const;
const up = { unit: 'bool_yes_no', min: 0, max: 1, width: 6, legend: '{{instance}}' } as const;
const apiLatency = bucketRates(httpRequestDuration, RATE_INTERVAL, { by: ['job'] });

/**
 * Spec 001 §10 "System Overview" (request rate & latency, error rate, active
 * users, queue depth) and its "Dashboard Configuration" example (Request Rate,
 * Error Rate, Job Queue Depth), then one row per alerted quantity of the pack,
 * so every canvascast alert opens a panel of its own signal.
 */
export const canvascastOverview = dashboard({
  uid: 'canvascast-overview',
  title: 'CanvasCast: System Overview',
  description:
    'The canvascast API and pipeline worker at a glance (spec 001 §10): API traffic, 5xx share and latency, the job queue, and whether both processes are scraped. Every canvascast API and queue alert opens its panel here; job failures are on Pipeline Performance.',
  source: 'dashboards/canvascast/overview.ts',
  systems: [canvascastApi, canvascastWorker],
  tags: ['canvascast'],
  headline: [
    stat({
      ...headline,
      title: 'Requests per second',
      description: 'API requests per second over 5 minutes, all routes and statuses (the recorded job:http_requests:rate5m). See Request Rate for the split by status.',
      unit: 'reqps',
      min: 0,
      queries: [{ expr: httpRequestRate.series, legend: '{{job}}' }],
    }),
    // Spec example "Error Rate" divides per-series rates without aggregating (every 5xx series divided by itself: 100 %): the recorded 5xx share per job.
    stat({
      ...headline,
      title: 'Error Rate',
      description: 'Share of API requests answered with a 5xx over the last 5 minutes (5xx rate / all requests rate, summed per job). CanvascastHighErrorRate pages above 10 % for 5m (see Error rate (5m) below).',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [{ expr: http5xxRatio.series, legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      title: 'Latency p95',
      description: '95th percentile of API request duration over 5 minutes, from the histogram buckets summed by le (recorded). CanvascastSlowResponses warns above 5 s for 5m.',
      unit: 's',
      min: 0,
      queries: [{ expr: httpDurationP95.series, legend: '{{job}}' }],
    }),
    // Spec example "Job Queue Depth" reads job_queue_depth raw: every worker reports the same Redis queue, so the recorded max per job (one number, not one per instance).
    gauge({
      ...headline,
      title: 'Job Queue Depth',
      description: 'Jobs waiting in the Redis job queue now (highest report of the worker instances). CanvascastQueueBacklog warns when it stays above its line (see Queue depth below).',
      unit: 'short',
      min: 0,
      max: 2 * queueBacklog.expr.comparison!.threshold,
      queries: [{ expr: queueDepth.series, legend: '{{job}}' }],
    }),
  ],
  rows: [
    row('Requests', [
      // Spec example "Request Rate", `rate(http_requests_total[5m])`: one line per method/route/status series and unscoped; summed by status over $__rate_interval.
      timeseries({
        title: 'Request Rate',
        description: 'API requests per second by response status, summed over routes and instances. A new 5xx line, or 2xx falling while traffic holds, is an incident.',
        unit: 'reqps',
        min: 0,
        queries: [{ expr: sum(rate(httpRequests, RATE_INTERVAL), { by: ['status'] }), legend: '{{status}}' }],
      }),
      timeseries({
        title: 'Request rate by route',
        description: 'API requests per second per route, all statuses: where the traffic goes, and which route a change of traffic comes from.',
        unit: 'reqps',
        min: 0,
        queries: [{ expr: sum(rate(httpRequests, RATE_INTERVAL), { by: ['route'] }), legend: '{{route}}' }],
      }),
      // Spec "Active users": no metric counts users; open connections is the nearest load figure and is shown as what it is.
      timeseries({
        title: 'Active connections',
        description: 'Open HTTP connections per API instance (http_active_connections, a gauge). Not a count of users: one user may hold several connections, and none between requests.',
        unit: 'short',
        min: 0,
        queries: [{ expr: sum(httpActiveConnections, { by: ['instance'] }), legend: '{{instance}}' }],
      }),
    ]),
    row('Errors', [
      alertPanel(highErrorRate, {
        unit: 'percentunit',
        min: 0,
        max: 1,
        width: 12,
        legend: '{{job}}',
        title: 'Error rate (5m)',
        description: 'Share of API requests answered with a 5xx over 5 minutes, per job (the recorded ratio CanvascastHighErrorRate reads). Above the red line (10 %) for 5m it pages.',
      }),
      timeseries({
        title: '5xx responses by route',
        description: 'API responses with a 5xx status per second, by route and status: which route the Error rate comes from.',
        unit: 'reqps',
        min: 0,
        width: 12,
        queries: [{ expr: sum(rate(httpRequests.where({ status: re('5..') }), RATE_INTERVAL), { by: ['route', 'status'] }), legend: '{{route}} {{status}}' }],
      }),
    ]),
    row('Latency', [
      alertPanel(slowResponses, {
        unit: 's',
        min: 0,
        legend: '{{job}}',
        title: 'Request latency p95 (5m)',
        description: '95th percentile of API request duration over 5 minutes, per job (the recorded quantile CanvascastSlowResponses reads). Above the orange line (5 s) for 5m it warns. Buckets end at 10 s: a p95 of 10 s means at least that.',
      }),
      // Spec "latency": histogram_quantile over the rate of the buckets summed by le (never over raw buckets).
      timeseries({
        title: 'Request latency p50 / p95 / p99',
        description: 'Median, 95th and 99th percentile of API request duration from the histogram buckets (rates over $__rate_interval, by job). The gap between p50 and p99 is the slow tail.',
        unit: 's',
        min: 0,
        queries: [
          { expr: histogramQuantile(0.5, apiLatency), legend: 'p50' },
          { expr: histogramQuantile(0.95, apiLatency), legend: 'p95' },
          { expr: histogramQuantile(0.99, apiLatency), legend: 'p99' },
        ],
      }),
      latencyHeatmap(httpRequestDuration, {
        title: 'Request latency distribution',
        description: 'API requests per second by duration bucket (0.1, 0.5, 1, 2, 5, 10 s), over $__rate_interval: a band moving up is requests getting slower.',
        unit: 's',
      }),
    ]),
    row('Queue and processes', [
      alertPanel(queueBacklog, {
        unit: 'short',
        min: 0,
        width: 6,
        legend: '{{job}}',
        title: 'Queue depth',
        description: 'Jobs waiting in the job queue (highest report of the worker instances, recorded). CanvascastQueueBacklog warns when it stays above the orange line: workers are too few, stuck, or down.',
      }),
      alertPanel(workerMetricsAbsent, {
        unit: 'short',
        min: 0,
        width: 6,
        legend: '{{instance}}',
        title: 'Queue depth per worker instance',
        description: 'job_queue_depth as each worker instance exports it (all should agree). No line at all for 5m fires CanvascastWorkerMetricsAbsent: no worker is scraped, or it stopped exporting.',
      }),
      alertPanel(apiDown, {
        ...up,
        title: 'API up',
        description: 'up of each canvascast-api scrape target: 0 means Prometheus cannot scrape /metrics (process down); CanvascastApiDown fires when it stays 0.',
      }),
      alertPanel(workerDown, {
        ...up,
        title: 'Worker up',
        description: 'up of each canvascast-worker scrape target: 0 means Prometheus cannot scrape the worker (process down); CanvascastWorkerDown fires after 2m.',
      }),
    ]),
    // Last, so the panel ids the alerts link to stay put.
    row('Firing alerts', [firingAlertsPanel('canvascast', { width: 24, height: 6 })]),
  ],
});
