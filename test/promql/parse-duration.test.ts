import { durationMs, durationProblem, gt, histogramQuantile, parsePromQL, rate, re, sum } from '../../lib';
import { testSystem } from '../util/fixtures';

describe('durationProblem / durationMs', () => {
  test.each(['5m', '1h30m', '250ms', '1y2w3d4h5m6s7ms', '0s'])('%s is a duration', (d) => {
    expect(durationProblem(d)).toBeUndefined();
  });

  test.each(['', '5', '1.5m', '-1m', '5 m', '5x', '30m1h', 'm'])('%p is not', (d) => {
    expect(durationProblem(d)).toContain('is not a Prometheus duration');
  });

  test('milliseconds', () => {
    expect(durationMs('1h30m')).toBe(5_400_000);
    expect(durationMs('250ms')).toBe(250);
    expect(() => durationMs('1.5m')).toThrow('not a Prometheus duration');
  });
});

describe('parsePromQL (Prometheus lezer grammar)', () => {
  test('finds every selector with its matchers', () => {
    const parsed = parsePromQL('sum by (job) (rate(a_total{job="x",code=~"5.."}[5m])) / on (job) b:c:rate5m{job="x"}');
    expect(parsed.syntaxErrors).toEqual([]);
    expect(parsed.selectors).toEqual([
      { name: 'a_total', matchers: [{ label: 'job', op: '=', value: 'x' }, { label: 'code', op: '=~', value: '5..' }], watchedForAbsence: false },
      { name: 'b:c:rate5m', matchers: [{ label: 'job', op: '=', value: 'x' }], watchedForAbsence: false },
    ]);
  });

  test('knows which selectors are watched for absence', () => {
    const parsed = parsePromQL('absent(up{job="a"}) or max(absent_over_time(b{job="b"}[5m])) or up{job="c"} == 0');
    expect(parsed.selectors.map((s) => [s.name, s.watchedForAbsence])).toEqual([
      ['up', true],
      ['b', true],
      ['up', false],
    ]);
  });

  test.each(['sum(rate(x[5m])', 'x +', 'rate(x[5m]) > > 1', '', 'x{a="b"'])('syntax error in %p', (text) => {
    expect(parsePromQL(text).syntaxErrors.length).toBeGreaterThan(0);
  });

  test('what the builder renders parses cleanly', () => {
    const shop = testSystem();
    const req = shop.counter({ name: 'http_requests_total', help: 'Requests.', labels: ['status'] });
    const lat = shop.histogram({ name: 'lat_seconds', help: 'Latency.', unit: 'seconds', buckets: [1] });
    const exprs = [
      gt(sum(rate(req.where({ status: re('5..') }), '5m'), { by: ['job'] }), 1),
      gt(histogramQuantile(0.99, sum(rate(lat.bucket(), '5m'), { by: ['le'] })), 0.5),
    ];
    for (const e of exprs) expect(parsePromQL(e.promql).syntaxErrors).toEqual([]);
  });
});
