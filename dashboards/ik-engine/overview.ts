import { RATE_INTERVAL, alertPanel, dashboard, firingAlertsPanel, latencyHeatmap, min, probePanel, rate, re, row, scrapeTargetsPanel, stat, sum, timeseries, upDown } from '../../lib';
import { apiReadyHighLatency95p, high5xx, highLatency, ikEngineDown, lowTraffic, postgresExporterDown } from '../../rules/ik-engine/alerts';
import { apiReadyMs, httpRequests, ikEngine, ikEnginePostgres } from '../../rules/ik-engine/metrics';
import { readinessProbe } from '../../rules/ik-engine/probes';
import { apiReadyP95, http5xxRatio } from '../../rules/ik-engine/recording';
import { headlineStat } from './panels';

/**
 * Spec 000 § 4 "API Health: request rate, p95 latency, error %, group by route pattern".
 * No catalogued series carries a route label (http_requests_total has `status` only, and
 * the only latency histogram is api_ready_ms): the panels group by status and job instead.
 */
export const ikEngineOverview = dashboard({
  uid: 'ik-engine-overview',
  title: 'ik-engine: API health',
  description:
    'The ik-engine image API at a glance (spec 000, "API Health"): request rate, 5xx share, readiness latency and the blackbox probe of /api/ready. Most ik-engine alerts open their panel here or on the other ik-engine dashboards.',
  source: 'dashboards/ik-engine/overview.ts',
  systems: [ikEngine, ikEnginePostgres, readinessProbe.system],
  tags: ['ik-engine'],
  headline: [
    stat({
      ...headlineStat,
      title: 'Requests per second',
      description: 'HTTP requests served by ik-engine per second, all status codes, over the last $__rate_interval.',
      unit: 'reqps',
      min: 0,
      queries: [{ expr: sum(rate(httpRequests, RATE_INTERVAL), { by: ['job'] }), legend: '{{job}}' }],
    }),
    stat({
      ...headlineStat,
      title: '5xx share (5m)',
      description: 'Share of requests answered with a 5xx over the last 5 minutes (the recorded ratio IkEngineHigh5xx reads; its threshold is drawn in the Errors row).',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [{ expr: http5xxRatio.series, legend: '{{job}}' }],
    }),
    stat({
      ...headlineStat,
      title: 'Readiness p95 (5m)',
      description: 'p95 latency of /api/ready over the last 5 minutes, in milliseconds (the recorded p95 the latency alerts read; see the Latency row for their thresholds).',
      unit: 'ms',
      min: 0,
      queries: [{ expr: apiReadyP95.series, legend: '{{job}}' }],
    }),
    stat({
      ...headlineStat,
      title: 'Readiness probe',
      description: `Whether the blackbox probe of ${readinessProbe.props.target} succeeds (worst of its probes): No means /api/ready did not answer 200 over TLS.`,
      ...upDown,
      queries: [{ expr: min(readinessProbe.metrics.success, { by: ['job'] }), legend: '{{job}}' }],
    }),
  ],
  rows: [
    row('Traffic', [
      timeseries({
        title: 'Requests by status',
        description: 'Requests per second by HTTP status code, summed over instances. A drop of 2xx with a rise of 5xx is an outage; a rise of 429 is the rate limiter (see ik-engine: rate limiting).',
        unit: 'reqps',
        min: 0,
        width: 12,
        queries: [{ expr: sum(rate(httpRequests, RATE_INTERVAL), { by: ['status'] }), legend: '{{status}}' }],
      }),
      alertPanel(lowTraffic, { legend: ['{{job}}: share of last week', '{{job}}: last week (req/s)'],
        title: 'Traffic against last week',
        description:
          'Top line: requests over the last 30m as a share of the same 30m a week ago (1 = as busy as last week). Bottom line: last week\'s rate in req/s. IkEngineLowTraffic fires when the share stays below 0.25 while last week had over 0.5 req/s: the dashed lines are those two bars, each for its own line.',
        unit: 'short',
        min: 0,
        width: 12,
      }),
    ]),
    row('Errors', [
      alertPanel(high5xx, {
        unit: 'percentunit',
        min: 0,
        max: 1,
        legend: '{{job}}',
        width: 12,
        title: '5xx share of requests',
        description: 'Share of requests answered with a 5xx over 5 minutes (4xx are expected answers and do not count). The dashed line is IkEngineHigh5xx\'s threshold.',
      }),
      timeseries({
        title: '5xx by status',
        description: 'Requests per second answered with each 5xx status code: 500 is the app failing, 502/503/504 usually the ingress or an upstream.',
        unit: 'reqps',
        min: 0,
        width: 12,
        queries: [{ expr: sum(rate(httpRequests.where({ status: re('5..') }), RATE_INTERVAL), { by: ['status'] }), legend: '{{status}}' }],
      }),
    ]),
    row('Latency', [
      alertPanel(apiReadyHighLatency95p, {
        with: [highLatency],
        unit: 'ms',
        min: 0,
        legend: '{{job}}',
        width: 12,
        title: 'Readiness p95 latency',
        description:
          'p95 latency of /api/ready over 5 minutes, in milliseconds (the only latency histogram the API exports; per-route latency waits for the request-duration middleware). The dashed lines are the thresholds of APIReadyHighLatency95p and IkEngineHighLatency, as deployed (listed below).',
      }),
      latencyHeatmap(apiReadyMs, {
        title: 'Readiness latency distribution',
        description: 'Requests to /api/ready per second in each latency bucket (50 ms to 2 s, in ms): a band moving up is the API slowing down for everyone; a second band is a slow subset.',
        unit: 'ms',
        width: 12,
      }),
    ]),
    row('Readiness probe (blackbox)', readinessProbe.panels.map((p) => probePanel(p))),
    row('Scrape targets', [scrapeTargetsPanel([ikEngineDown, postgresExporterDown], { width: 24 })]),
    // Last, so the panel ids the alerts link to stay put.
    row('Firing alerts', [firingAlertsPanel('ik-engine', { width: 24, height: 6 })]),
  ],
});
