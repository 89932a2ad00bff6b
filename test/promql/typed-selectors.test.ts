import fc from 'fast-check';
import { toYaml } from '../../lib/synth/yaml';
import {
  Expr,
  RATE_INTERVAL,
  absent,
  absentOverTime,
  add,
  and,
  avg,
  avgOverTime,
  bucketRates,
  div,
  gt,
  histogramQuantile,
  increase,
  irate,
  countOverTime,
  lt,
  max,
  maxOverTime,
  not,
  notRe,
  or,
  parsePromQL,
  predictLinear,
  quantileOverTime,
  rate,
  raw,
  re,
  readExpr,
  typedSelectors,
  recordingRule,
  sub,
  sum,
  time,
  topk,
  unless,
} from '../../lib';
import { layOut, panelQueries, withInstanceMatcher } from '../../lib/grafana';
import { counterProblems, typedCounterProblems } from '../../lib/grafana/counters';
import { promtool, writeTempFiles } from '../../lib/testing';
import { environments } from '../../stacks/environments';
import { testSystem } from '../util/fixtures';

/**
 * Synth reads what a typed expression selects from its structure instead of parsing its text
 * (readExpr). That holds only while the builders' text is valid PromQL with exactly those
 * selectors: for every expression the content builds, and for random ones with awkward values.
 */

/** Every expression under `expr`, itself included. */
function subExpressions(expr: Expr): Expr[] {
  const ast = expr.ast;
  const children =
    ast.op === 'selector' ? [] : ast.op === 'range' || ast.op === 'absent' ? [ast.series] : ast.op === 'aggregate' || ast.op === 'histogramQuantile' ? [ast.input] : ast.op === 'binary' ? [ast.left, ast.right] : [];
  return [expr, ...children.flatMap(subExpressions)];
}

/** Where reading the structure and parsing the text disagree, if they do. */
function disagreement(expr: Expr): string | undefined {
  const typed = readExpr(expr);
  const parsed = parsePromQL(expr.promql);
  if (parsed.syntaxErrors.length) return `${expr.promql}: ${parsed.syntaxErrors.join('; ')}`;
  try {
    expect(typed.selectors).toEqual(parsed.selectors);
  } catch {
    return `${expr.promql}: selectors ${JSON.stringify(typed.selectors)} read from the structure, ${JSON.stringify(parsed.selectors)} parsed`;
  }
  return undefined;
}

describe('selectors read from typed expressions', () => {
  test('agree with the parser for every expression the environments deploy', () => {
    const exprs = [...new Set(environments.flatMap((e) => e.rulePacks.flatMap((p) => p.groups.flatMap((g) => g.rules.flatMap((r) => subExpressions(r.expr))))))];
    const typed = exprs.filter((e) => !subExpressions(e).some((s) => s.ast.op === 'raw'));
    // The content is built typed: a handful of raw expressions would make this check hollow.
    expect(typed.length).toBeGreaterThan(500);
    expect(typed.map(disagreement).filter((d) => d !== undefined)).toEqual([]);
  });

  test('place the dashboards\' instance matcher where parsing places it, in every panel query the environments deploy', () => {
    const queries = [...new Set(environments.flatMap((e) => e.dashboards.flatMap((d) => layOut(d).flatMap((i) => (i.type === 'panel' ? panelQueries(i.panel).map((q) => q.expr) : [])))))];
    expect(queries.filter((q) => typedSelectors(q)).length).toBeGreaterThan(300);
    expect(queries.filter((q) => withInstanceMatcher(q) !== withInstanceMatcher(q.promql)).map((q) => q.promql)).toEqual([]);
    // The check can fail: both paths add the matcher somewhere.
    expect(queries.filter((q) => withInstanceMatcher(q).includes('instance=~"$instance"')).length).toBeGreaterThan(100);
  });

  test('give the dashboards\' counter and window problems parsing gives, for every panel query the environments deploy', () => {
    const queries = environments.flatMap((e) => e.dashboards.flatMap((d) => layOut(d).flatMap((i) => (i.type === 'panel' ? panelQueries(i.panel).map((q) => ({ expr: q.expr, systems: d.systems ?? [] })) : []))));
    const typed = queries.filter((q) => typedCounterProblems(q.expr, q.systems, true));
    expect(typed.length).toBeGreaterThan(300);
    for (const checkWindows of [true, false]) {
      const differ = typed.filter((q) => JSON.stringify(typedCounterProblems(q.expr, q.systems, checkWindows)) !== JSON.stringify(counterProblems(q.expr.promql, q.systems, checkWindows)));
      expect(differ.map((q) => q.expr.promql)).toEqual([]);
    }
    expect(typedCounterProblems(raw('up', { kind: 'value', labels: [], reason: 'test' }), [], true)).toBeUndefined();
  });

  test('an expression with a raw part is parsed, its selectors found in the text', () => {
    const shop = testSystem('shop');
    const requests = shop.counter({ name: 'http_requests_total', help: 'Requests.' });
    const mixed = gt(add(rate(requests, '5m'), raw('sum(other_total{job="shop"})', { kind: 'value', labels: [], reason: 'test' })), 1);
    expect(readExpr(mixed).selectors.map((s) => s.name)).toEqual(['http_requests_total', 'other_total']);
    expect(readExpr(raw('sum(', { kind: 'value', labels: [], reason: 'test' })).syntaxErrors).not.toEqual([]);
  });

  test('absent() and absent_over_time() mark what they watch', () => {
    const shop = testSystem('shop');
    const depth = shop.gauge({ name: 'queue_depth', help: 'Depth.' });
    const watched = or(absent(depth), absentOverTime(depth.where({}), '10m'));
    expect(readExpr(watched).selectors.map((s) => s.watchedForAbsence)).toEqual([true, true]);
    expect(readExpr(gt(depth, 1)).selectors.map((s) => s.watchedForAbsence)).toEqual([false]);
  });

  describe('random expressions with awkward label values', () => {
    const shop = testSystem('shop');
    const requests = shop.counter({ name: 'http_requests_total', help: 'Requests.', labels: ['status', 'route'] });
    const depth = shop.gauge({ name: 'queue_depth', help: 'Depth.', labels: ['queue'] });
    const latency = shop.histogram({ name: 'request_seconds', help: 'Latency.', unit: 'seconds', buckets: [0.1, 0.5, 1], labels: ['route'] });
    const recorded = recordingRule({ record: 'job:http_requests:rate5m', expr: sum(rate(requests, '5m'), { by: ['job'] }) }).series;

    const value = fc.oneof(fc.constantFrom('', '5xx', 'say "hi"', 'back\\slash', 'new\nline', 'tab\there', '}{', 'é✓', '\u2028', "it's", '${x}', 'a,b=c'), fc.string({ maxLength: 12 }));
    const regex = fc.constantFrom('5..', 'a|b', '.*', '[0-9]+', '\\d+', '(?i)get', '/api/.+');
    const matcher = fc.oneof(value, value.map(not), regex.map(re), regex.map(notRe));
    const window = fc.constantFrom('1m', '5m', '1h', '1d', '90s');
    const counter = fc.record({ status: matcher, route: matcher, offset: fc.option(fc.constantFrom('1w', '5m'), { nil: undefined }) }).map(({ status, route, offset }) => {
      const s = requests.where({ status, route });
      return offset ? s.offset(offset) : s;
    });
    const gauge = matcher.map((queue) => depth.where({ queue }));
    const vector: fc.Arbitrary<Expr> = fc.oneof(
      fc.tuple(counter, window).map(([s, w]) => rate(s, w)),
      fc.tuple(counter, window).map(([s, w]) => increase(s, w)),
      fc.tuple(counter, window).map(([s, w]) => sum(rate(s, w), { by: ['job', 'route'] })),
      fc.tuple(gauge, window).map(([g, w]) => avgOverTime(g, w)),
      fc.tuple(gauge, window).map(([g, w]) => maxOverTime(g, w)),
      fc.tuple(gauge, window, fc.constantFrom(0, 0.5, 0.99)).map(([g, w, phi]) => quantileOverTime(phi, g, w)),
      fc.tuple(gauge, window).map(([g, w]) => predictLinear(g, w, '4h')),
      gauge.map((g) => max(g, { without: ['instance'] })),
      gauge.map((g) => topk(3, g)),
      fc.tuple(window, fc.constantFrom(0.5, 0.9, 0.999)).map(([w, phi]) => histogramQuantile(phi, bucketRates(latency, w, { by: ['job'] }))),
      fc.constant(recorded),
      gauge.map((g) => sub(g, time())),
    );
    const number = fc.oneof(fc.constantFrom(0, -1, 1e-9, 1e21, 0.1, 123456789), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    // Names a clause may list: labels of both sides, and names PromQL cannot read there, which the builders must report.
    const listed = fc.subarray(['job', 'route', 'bad-label', '1x', 'inf', 'Without'], { minLength: 1 });
    const v = (e: Expr) => e as Expr<'value', string>;
    const condition: fc.Arbitrary<Expr> = fc.oneof(
      fc.tuple(vector, vector, listed).map(([a, b, on]) => gt(div(sum(v(a), { by: on }), sum(v(b), { by: on }), { on }), 0.5)),
      fc.tuple(vector, vector, listed).map(([a, b, ignoring]) => or(gt(v(a), 1), lt(v(b), 0), { ignoring })),
      // A scalar side: what Prometheus refuses there (matching clauses, set operators) must be reported.
      fc.tuple(vector, listed, fc.constantFrom<Expr | number>(2, time())).map(([a, on, scalar]) => gt(div(v(a), scalar as number, { on }), 0)),
      fc.tuple(vector, fc.constantFrom('and', 'or', 'unless')).map(([a, op]) => ({ and, or, unless })[op](gt(v(a), 1), time())),
      fc.tuple(vector, number).map(([v, n]) => gt(v as Expr<'value'>, n)),
      fc.tuple(vector, number).map(([v, n]) => lt(avg(v as Expr<'value'>, { by: ['job'] }), n)),
      fc.tuple(vector, vector).map(([a, b]) => gt(div(sum(a as Expr<'value'>, { by: ['job'] }), sum(b as Expr<'value'>, { by: ['job'] }), { on: ['job'] }), 0.5)),
      fc.tuple(vector, vector).map(([a, b]) => or(gt(a as Expr<'value'>, 1), lt(b as Expr<'value'>, 0))),
      fc.tuple(vector, vector).map(([a, b]) => and(gt(a as Expr<'value'>, 1), b as Expr<'value'>)),
      fc.tuple(vector, vector).map(([a, b]) => unless(gt(a as Expr<'value'>, 1), b as Expr<'value'>)),
      fc.tuple(gauge, window).map(([g, w]) => or(absent(g), absentOverTime(g, w))),
    );

    test('parse to exactly the selectors their structure names, and take the instance matcher where parsing places it', () => {
      fc.assert(
        fc.property(condition, (expr) => {
          // Where the builders report a problem, synth stops there and never reads the selectors.
          if (expr.problems.length) return;
          expect(disagreement(expr)).toBeUndefined();
          expect(withInstanceMatcher(expr)).toBe(withInstanceMatcher(expr.promql));
        }),
        { numRuns: 2000 },
      );
    });

    test('give the counter and window problems parsing gives, raw counters and $__rate_interval included', () => {
      const rateWindow = fc.oneof(window, fc.constant(RATE_INTERVAL));
      const dashboardQuery = fc.oneof(
        condition,
        counter.map((c) => gt(c as unknown as Expr<'value'>, 1)),
        fc.tuple(counter, rateWindow).map(([c, w]) => sum(rate(c, w), { by: ['job'] })),
        fc.tuple(counter, rateWindow).map(([c, w]) => gt(div(irate(c, w), rate(c, RATE_INTERVAL)), 2)),
        fc.tuple(counter, window).map(([c, w]) => or(absent(c), absentOverTime(c, w))),
        fc.tuple(counter, window).map(([c, w]) => countOverTime(c, w)),
      );
      let found = 0;
      fc.assert(
        fc.property(dashboardQuery, fc.boolean(), (expr, checkWindows) => {
          const typed = typedCounterProblems(expr, [shop], checkWindows);
          expect(typed).toEqual(counterProblems(expr.promql, [shop], checkWindows));
          if (typed!.length) found += 1;
        }),
        { numRuns: 2000 },
      );
      // Not vacuous: many random queries have a counter or window problem.
      expect(found).toBeGreaterThan(300);
    });

    test('are accepted by promtool when the builders report no problem', () => {
      const exprs = fc.sample(condition, { numRuns: 500, seed: 42 }).filter((e) => e.problems.length === 0);
      expect(exprs.length).toBeGreaterThan(300);
      const rules = exprs.map((e, i) => ({ record: `job:random_${i}:test`, expr: e.promql }));
      const result = promtool(['check', 'rules', 'random.yml'], writeTempFiles(new Map([['random.yml', toYaml({ groups: [{ name: 'random', rules }] }, 'Random typed expressions.')]])));
      expect(result.output).toContain(`SUCCESS: ${rules.length} rules found`);
    });
  });
});
