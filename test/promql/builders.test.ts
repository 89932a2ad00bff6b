import {
  absent,
  absentOverTime,
  add,
  and,
  avg,
  avgOverTime,
  bucketRates,
  compare,
  count,
  countOverTime,
  delta,
  deriv,
  div,
  eq,
  gt,
  gte,
  histogramQuantile,
  increase,
  irate,
  lastOverTime,
  lt,
  lte,
  max,
  maxOverTime,
  min,
  minOverTime,
  mul,
  neq,
  not,
  notRe,
  or,
  predictLinear,
  quantileOverTime,
  rate,
  rateRatio,
  raw,
  re,
  stddev,
  sub,
  sum,
  sumOverTime,
  System,
  time,
  topk,
  unless,
} from '../../lib';
import { testSystem } from '../util/fixtures';

const shop = testSystem('shop');
const requests = shop.counter({ name: 'http_requests_total', help: 'Requests.', labels: ['status', 'route'] });
const queueDepth = shop.gauge({ name: 'queue_depth', help: 'Queued jobs.', labels: ['queue'] });
const latency = shop.histogram({ name: 'request_seconds', help: 'Latency.', unit: 'seconds', buckets: [0.1, 0.5, 1], labels: ['route'] });
const rpcs = shop.summary({ name: 'rpc_seconds', help: 'RPC latency.', labels: ['method'] });

describe('selectors', () => {
  test('every selector carries the system scope first', () => {
    expect(requests.promql).toBe('http_requests_total{job="shop"}');
    expect(queueDepth.where({ queue: 'images' }).promql).toBe('queue_depth{job="shop",queue="images"}');
  });

  test('matchers: equality, negation and regular expressions, escaped as PromQL strings', () => {
    const sel = requests.where({ status: re('5..'), route: not('/health') });
    expect(sel.promql).toBe('http_requests_total{job="shop",status=~"5..",route!="/health"}');
    expect(requests.where({ route: notRe('/api/\\d+') }).promql).toBe('http_requests_total{job="shop",route!~"/api/\\\\d+"}');
    expect(requests.where({ route: 'say "hi"' }).promql).toBe('http_requests_total{job="shop",route="say \\"hi\\""}');
  });

  test('offset shifts a selector back in time', () => {
    expect(requests.offset('1w').promql).toBe('http_requests_total{job="shop"} offset 1w');
    expect(rate(requests.offset('1w'), '5m').promql).toBe('rate(http_requests_total{job="shop"}[5m] offset 1w)');
  });

  test('histogram and summary series carry their extra labels', () => {
    expect(latency.bucket().labels).toEqual(['job', 'instance', 'route', 'le']);
    expect(latency.count().promql).toBe('request_seconds_count{job="shop"}');
    expect(latency.sum().kind).toBe('counter');
    expect(rpcs.quantiles({ quantile: '0.99' }).promql).toBe('rpc_seconds{job="shop",quantile="0.99"}');
    expect(rpcs.count().promql).toBe('rpc_seconds_count{job="shop"}');
  });

  test('a matcher on an undeclared label or on the scope label is reported', () => {
    const bad = requests.where({ ['method' as 'status']: 'GET' });
    expect(bad.problems).toEqual([expect.stringContaining('has no label "method"')]);
    expect(requests.where({ ['job' as 'status']: 'other' }).problems).toEqual([expect.stringContaining('override the system scope')]);
  });
});

describe('range functions', () => {
  test.each([
    [rate, 'rate'],
    [irate, 'irate'],
    [increase, 'increase'],
  ] as const)('%p over a counter gives a value, over buckets a bucket rate', (fn, name) => {
    const counterRate = fn(requests, '5m');
    expect(counterRate.promql).toBe(`${name}(http_requests_total{job="shop"}[5m])`);
    expect(counterRate.kind).toBe('value');
    expect(fn(latency.bucket(), '1m').kind).toBe('bucketRate');
  });

  test.each([
    [avgOverTime, 'avg_over_time'],
    [minOverTime, 'min_over_time'],
    [maxOverTime, 'max_over_time'],
    [sumOverTime, 'sum_over_time'],
    [lastOverTime, 'last_over_time'],
    [deriv, 'deriv'],
    [delta, 'delta'],
  ] as const)('%p reads a gauge range', (fn, name) => {
    const e = fn(queueDepth, '10m');
    expect(e.promql).toBe(`${name}(queue_depth{job="shop"}[10m])`);
    expect(e.labels).toEqual(['job', 'instance', 'queue']);
  });

  test('count_over_time, quantile_over_time and predict_linear', () => {
    expect(countOverTime(requests, '1h').promql).toBe('count_over_time(http_requests_total{job="shop"}[1h])');
    expect(quantileOverTime(0.9, queueDepth, '1h').promql).toBe('quantile_over_time(0.9, queue_depth{job="shop"}[1h])');
    expect(predictLinear(queueDepth, '1h', '4h').promql).toBe('predict_linear(queue_depth{job="shop"}[1h], 14400)');
  });

  test('a malformed window is reported, not rendered silently', () => {
    expect(rate(requests, '5x' as '5m').problems).toEqual([expect.stringContaining('"5x" is not a Prometheus duration')]);
    expect(predictLinear(queueDepth, '1h', '4 hours' as '4h').problems).toEqual([expect.stringContaining('horizon')]);
  });
});

describe('histogram_quantile', () => {
  test('over a summed bucket rate, dropping le', () => {
    const p95 = histogramQuantile(0.95, sum(rate(latency.bucket(), '5m'), { by: ['le', 'route'] }));
    expect(p95.promql).toBe('histogram_quantile(0.95, sum by (le, route) (rate(request_seconds_bucket{job="shop"}[5m])))');
    expect(p95.labels).toEqual(['route']);
    expect(p95.kind).toBe('value');
  });

  test('a quantile outside [0, 1] is reported', () => {
    expect(histogramQuantile(95, rate(latency.bucket(), '5m')).problems).toEqual([expect.stringContaining('outside [0, 1]')]);
  });
});

describe('aggregations', () => {
  test('by, without and none', () => {
    expect(sum(rate(requests, '5m'), { by: ['route'] }).promql).toBe('sum by (route) (rate(http_requests_total{job="shop"}[5m]))');
    const without = sum(rate(requests, '5m'), { without: ['instance'] });
    expect(without.promql).toBe('sum without (instance) (rate(http_requests_total{job="shop"}[5m]))');
    expect(without.labels).toEqual(['job', 'status', 'route']);
    expect(sum(rate(requests, '5m')).labels).toEqual([]);
  });

  test.each([
    [avg, 'avg'],
    [min, 'min'],
    [max, 'max'],
    [count, 'count'],
    [stddev, 'stddev'],
  ] as const)('%p over a gauge', (fn, name) => {
    expect(fn(queueDepth, { by: ['queue'] }).promql).toBe(`${name} by (queue) (queue_depth{job="shop"})`);
  });

  test('sum keeps bucket rates quantile-ready only while le stays', () => {
    expect(sum(rate(latency.bucket(), '5m'), { by: ['le'] }).kind).toBe('bucketRate');
    expect(sum(rate(latency.bucket(), '5m'), { without: ['instance'] }).kind).toBe('bucketRate');
    expect(sum(rate(latency.bucket(), '5m'), { without: ['le'] }).kind).toBe('value');
  });

  test('topk', () => {
    expect(topk(5, sum(rate(requests, '5m'), { by: ['route'] })).promql).toBe('topk(5, sum by (route) (rate(http_requests_total{job="shop"}[5m])))');
  });

  test('grouping by a label the input lacks is reported', () => {
    expect(sum(queueDepth, { by: ['route' as 'queue'] }).problems).toEqual([expect.stringContaining('sum by (route): no such label')]);
  });
});

describe('binary operators', () => {
  const errors = sum(rate(requests.where({ status: re('5..') }), '5m'), { by: ['job'] });
  const total = sum(rate(requests, '5m'), { by: ['job'] });

  test('arithmetic with numbers on either side, parenthesised by precedence', () => {
    expect(div(errors, total).promql).toBe(
      'sum by (job) (rate(http_requests_total{job="shop",status=~"5.."}[5m])) / sum by (job) (rate(http_requests_total{job="shop"}[5m]))',
    );
    expect(sub(1, div(errors, total)).promql).toMatch(/^1 - sum by/);
    expect(mul(add(queueDepth, 1), 2).promql).toBe('(queue_depth{job="shop"} + 1) * 2');
    expect(sub(queueDepth, sub(queueDepth, 1)).promql).toBe('queue_depth{job="shop"} - (queue_depth{job="shop"} - 1)');
  });

  test('vectors with different label sets are reported: they would match nothing', () => {
    expect(div(errors, sum(rate(requests, '5m'))).problems).toEqual([expect.stringContaining('matches nothing')]);
    expect(div(errors, sum(rate(requests, '5m')), { on: [] }).problems).toEqual([]);
    expect(div(errors, total, { on: ['job'] }).promql).toContain(' / on (job) ');
  });

  test.each([
    [gt, '>'],
    [gte, '>='],
    [lt, '<'],
    [lte, '<='],
    [eq, '=='],
    [neq, '!='],
  ] as const)('%p records its threshold for tests and panels', (fn, op) => {
    const condition = fn(div(errors, total), 0.05);
    expect(condition.kind).toBe('condition');
    expect(condition.comparison).toEqual({ operator: op, threshold: 0.05, subject: expect.objectContaining({ kind: 'value' }) });
    expect(condition.promql.endsWith(` ${op} 0.05`)).toBe(true);
  });

  test('and, or, unless combine conditions', () => {
    const busy = gt(sum(rate(requests, '5m'), { by: ['job'] }), 1);
    const failing = gt(div(errors, total), 0.05);
    expect(and(failing, busy).promql).toMatch(/ > 0\.05 and sum by \(job\)/);
    expect(or(failing, busy).promql).toContain(' > 0.05 or ');
    expect(unless(failing, busy).promql).toContain(' unless ');
    expect(or(and(failing, busy), busy).promql.startsWith('sum by')).toBe(true);
    expect(and(failing, or(busy, busy)).promql).toContain('and (sum by');
  });
});

describe('absence and raw PromQL', () => {
  test('absent() keeps the equality labels of its selector', () => {
    const gone = absent(queueDepth.where({ queue: 'images' }));
    expect(gone.promql).toBe('absent(queue_depth{job="shop",queue="images"})');
    expect(gone.labels).toEqual(['job', 'queue']);
    expect(absentOverTime(requests, '10m').promql).toBe('absent_over_time(http_requests_total{job="shop"}[10m])');
  });

  test('raw() is explicit and needs a reason', () => {
    expect(raw('vector(1)', { kind: 'value', labels: [], reason: 'constant for a test' }).problems).toEqual([]);
    expect(raw('vector(1)', { kind: 'value', labels: [], reason: ' ' }).problems).toEqual([expect.stringContaining('needs a reason')]);
  });
});

describe('names the text could not carry', () => {
  test('a clause listing something other than a label name is reported, once', () => {
    const bad = ['bad-label' as 'route'];
    expect(sum(rate(requests, '5m'), { by: bad }).problems).toEqual([expect.stringContaining('sum by (bad-label): no such label on its input')]);
    expect(or(gt(queueDepth, 1), lt(queueDepth, 0), { on: ['1x'] }).problems).toEqual(['"or" on (1x): not a label name; use letters, digits and underscores, not starting with a digit']);
    expect(div(queueDepth, queueDepth, { ignoring: ['a b' as 'queue'] }).problems).toEqual([expect.stringContaining('"/" ignoring (a b): not a label name')]);
  });

  test('what Prometheus refuses beside a scalar is reported: matching clauses, set operators, two scalars compared', () => {
    expect(div(queueDepth, 2, { on: ['queue'] }).problems).toEqual([expect.stringContaining('vector matching needs vectors on both')]);
    expect(gt(queueDepth, time(), { ignoring: ['queue'] }).problems).toEqual([expect.stringContaining('">" ignoring (…) with a number or time() on one side')]);
    expect(and(gt(queueDepth, 1), time()).problems).toEqual([expect.stringContaining('set operators join vectors only')]);
    expect(gt(time(), 5).problems).toEqual([expect.stringContaining('between two scalars')]);
    expect(gt(queueDepth, time()).problems).toEqual([]);
  });

  test('a selector of a name PromQL cannot write is reported', () => {
    expect(testSystem('odd').gauge({ name: 'bad-name', help: 'Odd.' }).problems).toEqual([expect.stringContaining('series name "bad-name" is not one PromQL can write')]);
  });

  test('a system selector keyed by something other than a label name is reported', () => {
    expect(new System({ name: 'odd', title: 'Odd', team: 't', selector: { 'service-name': 'odd' } }).problems).toEqual([
      'system odd: selector label "service-name" is not a label name; use letters, digits and underscores, not starting with a digit',
    ]);
  });
});

describe('shapes and helpers', () => {
  test('rateRatio: the share of one counter among another, per group', () => {
    const errors = rateRatio(requests.where({ status: re('5..') }), requests, '5m', { by: ['job'] });
    expect(errors.promql).toBe('sum by (job) (rate(http_requests_total{job="shop",status=~"5.."}[5m])) / sum by (job) (rate(http_requests_total{job="shop"}[5m]))');
    expect(errors.labels).toEqual(['job']);
    expect(errors.problems).toEqual([]);
  });

  test('bucketRates: bucket rates summed per group with le kept, the input of a quantile', () => {
    const buckets = bucketRates(latency, '5m', { by: ['job', 'route'] });
    expect(buckets.promql).toBe('sum by (job, route, le) (rate(request_seconds_bucket{job="shop"}[5m]))');
    expect(buckets.kind).toBe('bucketRate');
    expect(histogramQuantile(0.95, buckets).labels).toEqual(['job', 'route']);
  });

  test('compare: the same condition as the named comparisons, with its threshold recorded', () => {
    const depth = max(queueDepth, { by: ['job'] });
    const condition = compare('>', depth, 100);
    expect(condition.promql).toBe(gt(depth, 100).promql);
    expect(condition.comparison).toEqual({ operator: '>', threshold: 100, subject: depth });
  });

  test('time(): the evaluation time, for timestamps compared with now', () => {
    const expiry = shop.gauge({ name: 'cert_expiry_timestamp_seconds', help: 'Certificate expiry.' });
    const left = sub(expiry, time());
    expect(left.promql).toBe('cert_expiry_timestamp_seconds{job="shop"} - time()');
    expect(lt(left, 86400).promql).toBe('cert_expiry_timestamp_seconds{job="shop"} - time() < 86400');
  });
});
