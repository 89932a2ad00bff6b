import { RATE_INTERVAL, SECONDS_PER_HOUR, barGauge, dashboard, gauge, mul, rate, rateRatio, row, stat, sum, timeseries } from '../../lib';
import { canvascastApi, creditsUsed, revenue, signups } from '../../rules/canvascast/metrics';

const headline = { width: 8, height: 4 } as const;

/**
 * Business events are rare: shown per hour (a total over the dashboard's time
 * range would need increase(…[$__range]), which the typed builders do not accept).
 *
 * Spec 001 §10 "Business Metrics": signups, revenue, credit usage (conversions
 * and active subscriptions have no metric: see docs/spec-coverage/canvascast.md).
 */
export const canvascastBusiness = dashboard({
  uid: 'canvascast-business',
  title: 'CanvasCast: Business Metrics',
  description:
    'canvascast business counters exported by the API (spec 001 §10): signups by method, revenue by type (purchase, subscription) and credits consumed, as hourly rates. No alerts: for trends, not paging.',
  source: 'dashboards/canvascast/business.ts',
  systems: [canvascastApi],
  tags: ['canvascast'],
  headline: [
    stat({
      ...headline,
      title: 'Signups per hour',
      description: 'User signups per hour (all methods), from signups_total over $__rate_interval.',
      unit: 'short',
      min: 0,
      queries: [{ expr: mul(sum(rate(signups, RATE_INTERVAL), { by: ['job'] }), SECONDS_PER_HOUR), legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      title: 'Revenue per hour',
      description: 'Revenue in USD per hour (purchases and subscriptions), from revenue_usd_total over $__rate_interval.',
      unit: 'currencyUSD',
      min: 0,
      queries: [{ expr: mul(sum(rate(revenue, RATE_INTERVAL), { by: ['job'] }), SECONDS_PER_HOUR), legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      title: 'Credits used per hour',
      description: 'Credits consumed per hour (spent on video jobs), from credits_used_total over $__rate_interval.',
      unit: 'short',
      min: 0,
      queries: [{ expr: mul(sum(rate(creditsUsed, RATE_INTERVAL), { by: ['job'] }), SECONDS_PER_HOUR), legend: '{{job}}' }],
    }),
  ],
  rows: [
    // Spec "Signups/conversions": signups only; no metric counts conversions (free to paying).
    row('Signups', [
      timeseries({
        title: 'Signups by method',
        description: 'User signups per hour by method (email, google), over $__rate_interval. A method dropping to 0 while the other holds is a broken signup path (e.g. Google OAuth).',
        unit: 'short',
        min: 0,
        width: 12,
        queries: [{ expr: mul(sum(rate(signups, RATE_INTERVAL), { by: ['method'] }), SECONDS_PER_HOUR), legend: '{{method}}' }],
      }),
      barGauge({
        title: 'Signups per hour by method (now)',
        description: 'Signups per hour by method at the last instant, side by side: the current mix of email and Google signups.',
        unit: 'short',
        min: 0,
        width: 12,
        queries: [{ expr: mul(sum(rate(signups, RATE_INTERVAL), { by: ['method'] }), SECONDS_PER_HOUR), legend: '{{method}}' }],
      }),
    ]),
    row('Revenue', [
      timeseries({
        title: 'Revenue by type',
        description: 'Revenue in USD per hour by type (purchase: credit packs, subscription: recurring plans), over $__rate_interval.',
        unit: 'currencyUSD',
        min: 0,
        width: 12,
        queries: [{ expr: mul(sum(rate(revenue, RATE_INTERVAL), { by: ['type'] }), SECONDS_PER_HOUR), legend: '{{type}}' }],
      }),
      // Revenue shares are a ratio of rates summed per job (never of the raw totals).
      gauge({
        title: 'Subscription share of revenue',
        description: 'Share of the revenue over $__rate_interval that came from subscriptions (subscription / all revenue rates). Empty when no revenue came in during the window.',
        unit: 'percentunit',
        min: 0,
        max: 1,
        width: 12,
        queries: [{ expr: rateRatio(revenue.where({ type: 'subscription' }), revenue, RATE_INTERVAL, { by: ['job'] }), legend: '{{job}}' }],
      }),
    ]),
    row('Credits', [
      timeseries({
        title: 'Credit usage',
        description: 'Credits consumed per hour, over $__rate_interval: follows the number of video jobs created; a drop with steady signups is users not creating videos.',
        unit: 'short',
        min: 0,
        width: 24,
        queries: [{ expr: mul(sum(rate(creditsUsed, RATE_INTERVAL), { by: ['job'] }), SECONDS_PER_HOUR), legend: 'credits / hour' }],
      }),
    ]),
  ],
});
