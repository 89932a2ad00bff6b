import { RATE_INTERVAL, barChart, barGauge, dashboard, gauge, increase, latencyHeatmap, rate, rateRatio, re, row, share, stat, sum, timeseries } from '../../lib';
import { internetIdApi } from '../../rules/internet-id';
import { activeConnections, httpRequestDuration, httpRequests, verificationDuration, verifications } from '../../rules/internet-id/metrics';
import { http5xxRatioRate5m, httpDurationP95 } from '../../rules/internet-id/recording';
import { quantileBy } from './common';

const errors = httpRequests.where({ status_code: re('5..') });

/** The API's traffic, latency by route and the verification business metrics. */
export const internetIdApiDashboard = dashboard({
  uid: 'internet-id-api',
  title: 'Internet-ID API',
  description:
    'The Internet-ID Express API (:3001, /api/metrics): requests by status, method and route, latency quantiles and distribution, active connections, and the verification business metrics (outcomes, success share, duration). The SLIs and their alerts are on the overview.',
  source: 'dashboards/internet-id/api.ts',
  systems: [internetIdApi],
  tags: ['internet-id'],
  headline: [
    stat({ unit: 'reqps', min: 0, width: 6, title: 'Request rate', description: 'API requests per second, all routes and status codes.', queries: [sum(rate(httpRequests, RATE_INTERVAL))] }),
    stat({ ...share, width: 6, title: '5xx share (5m)', description: 'Share of API requests answered with a 5xx over the last 5 minutes (the recorded ratio InternetIdHighErrorRate reads).', queries: [{ expr: http5xxRatioRate5m.series, legend: '{{job}}' }] }),
    stat({ unit: 's', min: 0, width: 6, title: 'p95 response time', description: 'API p95 response time over the last 5 minutes, all routes.', queries: [{ expr: httpDurationP95.series, legend: '{{job}}' }] }),
    stat({ unit: 'short', min: 0, width: 6, title: 'Active connections', description: 'Connections the API holds open now, summed over its instances.', queries: [sum(activeConnections)] }),
  ],
  rows: [
    row('Traffic', [
      timeseries({
        unit: 'reqps',
        min: 0,
        width: 6,
        title: 'Requests by status code',
        description: 'API requests per second, per HTTP status code: a growing 5xx or 4xx band is clients failing.',
        queries: [{ expr: sum(rate(httpRequests, RATE_INTERVAL), { by: ['status_code'] }), legend: '{{status_code}}' }],
      }),
      timeseries({
        unit: 'reqps',
        min: 0,
        width: 6,
        title: 'Requests by method',
        description: 'API requests per second, per HTTP method.',
        queries: [{ expr: sum(rate(httpRequests, RATE_INTERVAL), { by: ['method'] }), legend: '{{method}}' }],
      }),
      timeseries({
        unit: 'reqps',
        min: 0,
        width: 6,
        title: '5xx by route',
        description: 'Requests answered with a 5xx per second, per route: which endpoint is failing.',
        queries: [{ expr: sum(rate(errors, RATE_INTERVAL), { by: ['route'] }), legend: '{{route}}' }],
      }),
      timeseries({
        unit: 'short',
        min: 0,
        width: 6,
        title: 'Active connections by instance',
        description: 'Open connections per API instance (active_connections, a gauge).',
        queries: [{ expr: sum(activeConnections, { by: ['instance'] }), legend: '{{instance}}' }],
      }),
    ]),
    row('Latency', [
      timeseries({
        unit: 's',
        min: 0,
        title: 'Response time p50, p95, p99',
        description: 'API response time quantiles over all routes, from the bucket rates of http_request_duration_seconds. The top finite bucket is 10 s.',
        queries: [
          { expr: quantileBy(0.5, httpRequestDuration, []), legend: 'p50' },
          { expr: quantileBy(0.95, httpRequestDuration, []), legend: 'p95' },
          { expr: quantileBy(0.99, httpRequestDuration, []), legend: 'p99' },
        ],
      }),
      timeseries({
        unit: 's',
        min: 0,
        title: 'p95 by route',
        description: 'API p95 response time per route: which endpoint is slow.',
        queries: [{ expr: quantileBy(0.95, httpRequestDuration, ['route']), legend: '{{route}}' }],
      }),
      latencyHeatmap(httpRequestDuration, {
        unit: 's',
        title: 'Request latency distribution',
        description: 'Requests per second in each latency bucket over time (all routes): the whole shape behind the quantiles, bands up the axis are slow requests.',
      }),
    ]),
    row('Routes now', [
      barGauge({
        unit: 'reqps',
        min: 0,
        width: 12,
        title: 'Requests by route now',
        description: 'Requests per second per route at the last instant: where the traffic goes.',
        queries: [{ expr: sum(rate(httpRequests, RATE_INTERVAL), { by: ['route'] }), legend: '{{route}}' }],
      }),
      barGauge({
        ...share,
        width: 12,
        title: '5xx share by route now',
        description: 'Share of each route\'s requests answered with a 5xx at the last instant (ratio of rates).',
        queries: [{ expr: rateRatio(errors, httpRequests, RATE_INTERVAL, { by: ['route'] }), legend: '{{route}}' }],
      }),
    ]),
    row('Verification', [
      timeseries({
        unit: 'ops',
        min: 0,
        width: 6,
        title: 'Verifications by outcome',
        description: 'Verifications per second, per outcome (success or failure) and platform.',
        queries: [{ expr: sum(rate(verifications, RATE_INTERVAL), { by: ['outcome', 'platform'] }), legend: '{{platform}} {{outcome}}' }],
      }),
      // A ratio of rates (successes over all verifications), not of the raw counters.
      gauge({
        ...share,
        width: 6,
        title: 'Verification success share',
        description: 'Share of verifications that succeeded over the interval, all platforms. Low means users cannot prove ownership of their content.',
        queries: [{ expr: rateRatio(verifications.where({ outcome: 'success' }), verifications, RATE_INTERVAL, { by: ['job'] }), legend: '{{job}}' }],
        thresholds: [
          { value: null, color: 'red' },
          { value: 0.9, color: 'orange' },
          { value: 0.99, color: 'green' },
        ],
      }),
      timeseries({
        unit: 's',
        min: 0,
        width: 6,
        title: 'Verification p95 by platform',
        description: 'p95 duration of verifications per platform (quantile of the bucket rates). Buckets run 0.1 s to 30 s.',
        queries: [{ expr: quantileBy(0.95, verificationDuration, ['platform']), legend: '{{platform}}' }],
      }),
      barChart({
        unit: 'short',
        min: 0,
        width: 6,
        title: 'Verifications by platform',
        description: 'Verifications per platform and outcome in the last interval (increase over $__rate_interval), at the last instant.',
        queries: [{ expr: sum(increase(verifications, RATE_INTERVAL), { by: ['platform', 'outcome'] }), legend: '{{platform}} {{outcome}}' }],
      }),
    ]),
  ],
});
