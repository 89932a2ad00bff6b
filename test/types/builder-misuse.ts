/**
 * Compile-time tests: each `@ts-expect-error` line must fail to type-check.
 * If the builder ever accepts one of them, tsc reports the directive as unused
 * and `npm run typecheck` (part of `npm test`) fails. Expression statements only: a declaration
 * (`const x = …`) would satisfy its directive with "declared but never read" whatever the builder did.
 */
import { System, avg, avgOverTime, div, gt, histogramQuantile, increase, rate, recordingRule, sum } from '../../lib';

const shop = new System({ name: 'shop', title: 'Shop', team: 'shop', selector: { job: 'shop' } });
const requests = shop.counter({ name: 'http_requests_total', help: 'Requests.', labels: ['status', 'route'] });
const queueDepth = shop.gauge({ name: 'queue_depth', help: 'Queued jobs.', labels: ['queue'] });
const latency = shop.histogram({ name: 'request_seconds', help: 'Latency.', unit: 'seconds', buckets: [0.1, 1], labels: ['route'] });

// What should compile, does:
export const ok = [
  rate(requests, '5m'),
  histogramQuantile(0.95, sum(rate(latency.bucket(), '5m'), { by: ['le', 'route'] })),
  histogramQuantile(0.99, rate(latency.bucket(), '5m')),
  avgOverTime(queueDepth, '10m'),
  gt(div(sum(rate(requests.where({ status: '500' }), '5m')), sum(rate(requests, '5m'))), 0.05),
];

// @ts-expect-error rate() of a gauge: the rate of a level is meaningless.
rate(queueDepth, '5m');
// @ts-expect-error increase() of a gauge.
increase(queueDepth, '1h');
// @ts-expect-error histogram_quantile() over a counter that is not a histogram.
histogramQuantile(0.95, rate(requests, '5m'));
// @ts-expect-error histogram_quantile() over raw buckets, without rate().
histogramQuantile(0.95, latency.bucket());
// @ts-expect-error histogram_quantile() after an aggregation that dropped `le`.
histogramQuantile(0.95, sum(rate(latency.bucket(), '5m'), { by: ['route'] }));
// @ts-expect-error histogram_quantile() over a gauge.
histogramQuantile(0.95, queueDepth);
// @ts-expect-error avg() of bucket rates gives no quantile-ready buckets.
histogramQuantile(0.95, avg(rate(latency.bucket(), '5m'), { by: ['le'] }));
// @ts-expect-error *_over_time of a raw counter reads resets as drops.
avgOverTime(requests, '5m');
// @ts-expect-error grouping by a label the metric does not have.
sum(rate(requests, '5m'), { by: ['method'] });
// @ts-expect-error a matcher on an undeclared label.
requests.where({ method: 'GET' });
// @ts-expect-error comparing a raw counter with a threshold (counters reset on deploy).
gt(requests, 100);
// @ts-expect-error aggregating a raw counter without rate().
sum(requests);
// @ts-expect-error a malformed duration.
rate(requests, '5 minutes');
// @ts-expect-error recording a raw counter.
recordingRule({ record: 'job:http_requests:sum', expr: requests });
