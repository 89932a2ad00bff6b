import { RATE_INTERVAL, alertPanel, barGauge, dashboard, gauge, rate, rateRatio, row, stat, sum, timeseries } from '../../lib';
import { rateLimitSpike } from '../../rules/ik-engine/alerts';
import { httpRequests, ikEngine, rateLimitDenied } from '../../rules/ik-engine/metrics';
import { headlineStat } from './panels';

const tooMany = httpRequests.where({ status: '429' });

/**
 * Spec 000 § 4 "Rate Limiting: 429 count, top offending IPs/domains". The spec's 429
 * "count" is drawn as a rate (a count per window would change with the zoom). No
 * catalogued series carries a client IP or domain (the spec's § 9 keeps raw IDs out of
 * labels): "top offending IPs/domains" is not implemented (docs/spec-coverage/ik-engine.md).
 */
export const ikEngineRateLimiting = dashboard({
  uid: 'ik-engine-rate-limiting',
  title: 'ik-engine: rate limiting',
  description:
    'The rate limiter (spec 000, "Rate Limiting"): requests answered 429, denials by limiter backend (redis, or the per-instance memory fallback) and the denial spike alert. Use it to tune the limits and to spot abuse.',
  source: 'dashboards/ik-engine/rate-limiting.ts',
  systems: [ikEngine],
  tags: ['ik-engine'],
  headline: [
    stat({
      ...headlineStat,
      width: 8,
      title: '429 responses per second',
      description: 'Requests answered 429 Too Many Requests per second, over the last $__rate_interval.',
      unit: 'reqps',
      min: 0,
      queries: [{ expr: sum(rate(tooMany, RATE_INTERVAL), { by: ['job'] }), legend: '{{job}}' }],
    }),
    stat({
      ...headlineStat,
      width: 8,
      title: 'Rate-limit denials per second',
      description: 'Requests the rate limiter blocked per second (both backends), over the last $__rate_interval.',
      unit: 'ops',
      min: 0,
      queries: [{ expr: sum(rate(rateLimitDenied, RATE_INTERVAL), { by: ['job'] }), legend: '{{job}}' }],
    }),
    stat({
      ...headlineStat,
      width: 8,
      title: '429 share of requests',
      description: 'Share of all requests answered 429 over the last $__rate_interval: how much of the traffic the limits turn away.',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [{ expr: rateRatio(tooMany, httpRequests, RATE_INTERVAL, { by: ['job'] }), legend: '{{job}}' }],
    }),
  ],
  rows: [
    row('Denials', [
      alertPanel(rateLimitSpike, { legend: ['{{job}}: 15m rate / previous day', '{{job}}: denials/s (15m)'],
        title: 'Denials against the previous day',
        description:
          'First line: the denial rate over the last 15 minutes divided by the average rate of the day before (1 = a normal day). Second line: that 15m denial rate in denials/s. IkEngineRateLimitDenialsSpike fires when the ratio passes 3 while the rate is above the 0.1/s floor: the dashed lines are those two bars, each for its own line.',
        unit: 'short',
        min: 0,
        width: 12,
      }),
      timeseries({
        title: '429 responses and denials',
        description: 'Requests answered 429 per second next to the rate limiter\'s denials per second, by backend. The two should match; 429s without denials come from somewhere else (ingress, upstream).',
        unit: 'reqps',
        min: 0,
        width: 12,
        queries: [
          { expr: sum(rate(tooMany, RATE_INTERVAL), { by: ['job'] }), legend: '429 responses' },
          { expr: sum(rate(rateLimitDenied, RATE_INTERVAL), { by: ['backend'] }), legend: 'denied ({{backend}})' },
        ],
      }),
    ]),
    row('By backend and instance', [
      barGauge({
        title: 'Denials by backend',
        description: 'Denials per second by limiter backend at the end of the range: "memory" means Redis was unreachable and an instance limits on its own (limits then apply per instance, so they are looser).',
        unit: 'ops',
        min: 0,
        queries: [{ expr: sum(rate(rateLimitDenied, RATE_INTERVAL), { by: ['backend'] }), legend: '{{backend}}' }],
      }),
      barGauge({
        title: 'Denials by instance',
        description: 'Denials per second by instance and backend at the end of the range: one instance far above the others is an instance on the memory fallback, or one client pinned to it.',
        unit: 'ops',
        min: 0,
        queries: [{ expr: sum(rate(rateLimitDenied, RATE_INTERVAL), { by: ['instance', 'backend'] }), legend: '{{instance}} ({{backend}})' }],
      }),
      gauge({
        title: 'Memory-fallback share of denials',
        description: 'Share of the denials over the last $__rate_interval made by the in-memory fallback rather than Redis: above 0 means Redis is failing for some instance (spec § 8: scale in with caution until it is back).',
        unit: 'percentunit',
        min: 0,
        max: 1,
        queries: [{ expr: rateRatio(rateLimitDenied.where({ backend: 'memory' }), rateLimitDenied, RATE_INTERVAL, { by: ['job'] }), legend: '{{job}}' }],
      }),
    ]),
  ],
});
