import { RecordedDefinition, expandRecordingRules, normalizePromQL, seriesLabels, thresholdsOf } from '../../lib/review';

describe('review expressions', () => {
  it.each([
    ['up{job="a"} == 0', ['instance', 'job']],
    ['sum by (job) (rate(x[5m])) / sum by (job) (rate(y[5m])) > 0.1', ['job']],
    ['a{code="1"} > on(job) b', ['job']],
    ['a / ignoring(code) b{code="2"}', ['instance', 'job']],
    ['a * on(job) group_left(team) b{team="t"}', ['instance', 'job', 'team']],
    ['topk by (job) (3, x{route="r"})', ['instance', 'job', 'route']],
    ['limit_ratio(0.5, x{code="5"})', ['code', 'instance', 'job']],
    ['-rate(a{code="1"}[5m])', ['code', 'instance', 'job']],
    ['(1) - a{x="1"}', ['instance', 'job', 'x']],
    ['count_values without (instance) ("v", x)', ['job', 'v']],
    ['x{l=""}', ['instance', 'job']],
    ['absent(x{job="a",component="b",c=~"d"})', ['component', 'job']],
    ['max(x)', []],
    ['histogram_quantile(0.9, sum by (le, job) (rate(b[5m])))', ['job']],
    ['label_replace(x, "d", "$1", "s", "(.*)")', ['d', 'instance', 'job']],
    ['a and b{extra="1"}', ['instance', 'job']],
    ['a{p="1"} or b{q="2"}', ['instance', 'job', 'p', 'q']],
  ])('%s carries %j', (expr, labels) => {
    expect([...seriesLabels(expr)].sort()).toEqual(labels);
  });

  it('reads a recorded name through the rules that may record it, with their labels', () => {
    const recorded = new Map<string, RecordedDefinition[]>([['r:x:sum', [{ expr: 'sum by (job) (x{job="a"})', labels: { slo: 's' } }, { expr: 'sum by (job, pod) (x{job="b"})', labels: {} }]]]);
    expect([...seriesLabels('r:x:sum{job="a"}', recorded)].sort()).toEqual(['instance', 'job', 'slo']);
    expect(expandRecordingRules('r:x:sum{job="a"} > 1', recorded)).toEqual({ text: '(sum by (job) (x{job="a"})){job="a"} > 1', reads: ['r:x:sum'] });
  });

  it('normalizes layout outside strings only', () => {
    expect(normalizePromQL('sum by (job) (\n  rate( x[5m] )\n)')).toBe('sum by (job) (rate(x[5m]))');
    expect(normalizePromQL('x{path=~"( a)"}')).not.toBe(normalizePromQL('x{path=~"(a)"}'));
  });

  it('reads every comparison with a number, mirrored when the number is on the left', () => {
    expect(thresholdsOf('a > 0.1 and 5 <= b or c == bool 1')).toEqual([{ op: '>', value: 0.1 }, { op: '>=', value: 5 }]);
  });
});
