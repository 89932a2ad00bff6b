import { Duration, Window, durationMs, durationProblem, windowProblem } from './duration';
import { Condition, Expr, NumericKind, SeriesKind, exprNode, formatNumber } from './expr';
import { Selector } from './selector';

/** A function over a range of one selector, e.g. `rate(x[5m])`. */
function overRange<K extends SeriesKind, L extends string>(
  fn: string,
  series: Selector,
  window: string,
  kind: K,
  extra: { readonly before?: number; readonly after?: number } = {},
): Expr<K, L> {
  const problem = windowProblem(window);
  // PromQL puts the offset after the range: `x[1d] offset 1h`.
  const offset = series.ast.op === 'selector' ? series.ast.offset : undefined;
  const range = offset === undefined ? `${series.promql}[${window}]` : `${series.promql.replace(/ offset \S+$/, '')}[${window}] offset ${offset}`;
  const args = [extra.before, range, extra.after].filter((a) => a !== undefined).map((a) => (typeof a === 'number' ? formatNumber(a) : a));
  return exprNode<K, L>({
    ast: { op: 'range', fn, series, window, ...(extra.before ?? extra.after) !== undefined ? { parameter: (extra.before ?? extra.after)! } : {} },
    kind,
    labels: series.labels as readonly L[],
    promql: `${fn}(${args.join(', ')})`,
    operands: [series],
    problems: problem ? [`${fn}() window: ${problem}`] : [],
  });
}

/** Per-second rate of a counter. Counters only: a rate of a gauge does not compile. */
export interface CounterRangeFunction {
  <L extends string>(series: Selector<'buckets', L>, window: Window): Expr<'bucketRate', L>;
  <L extends string>(series: Selector<'counter', L>, window: Window): Expr<'value', L>;
}

function counterRangeFunction(fn: string): CounterRangeFunction {
  return ((series: Selector, window: string) =>
    overRange(fn, series, window, series.kind === 'buckets' ? 'bucketRate' : 'value')) as CounterRangeFunction;
}

/** `rate(counter[window])`: per-second average increase, reset-aware. */
export const rate = counterRangeFunction('rate');
/** `irate(counter[window])`: per-second rate of the last two samples. */
export const irate = counterRangeFunction('irate');
/** `increase(counter[window])`: increase over the window, reset-aware. */
export const increase = counterRangeFunction('increase');

/** A `*_over_time` function: gauges and recorded values only (of a counter it would read resets as drops). */
export type OverTimeFunction = <L extends string>(series: Selector<NumericKind, L>, window: Window) => Expr<'value', L>;

const overTime =
  (fn: string): OverTimeFunction =>
  (series, window) =>
    overRange(fn, series, window, 'value');

export const avgOverTime = overTime('avg_over_time');
export const minOverTime = overTime('min_over_time');
export const maxOverTime = overTime('max_over_time');
export const sumOverTime = overTime('sum_over_time');
export const lastOverTime = overTime('last_over_time');
/** Per-second derivative of a gauge (linear regression). */
export const deriv = overTime('deriv');
/** Difference between first and last value of a gauge. */
export const delta = overTime('delta');

/** `count_over_time` counts samples, so it reads any series. */
export const countOverTime = <L extends string>(series: Selector<SeriesKind, L>, window: Window): Expr<'value', L> =>
  overRange('count_over_time', series, window, 'value');

/** The φ-quantile of a gauge's samples over the window. */
export function quantileOverTime<L extends string>(phi: number, series: Selector<NumericKind, L>, window: Duration): Expr<'value', L> {
  const expr = overRange<'value', L>('quantile_over_time', series, window, 'value', { before: phi });
  return withProblems(expr, quantileProblem('quantile_over_time', phi));
}

/** Value of a gauge `horizon` ahead, extrapolated linearly from the window. */
export function predictLinear<L extends string>(series: Selector<NumericKind, L>, window: Duration, horizon: Duration): Expr<'value', L> {
  const problem = durationProblem(horizon);
  const seconds = problem ? NaN : durationMs(horizon) / 1000;
  const expr = overRange<'value', L>('predict_linear', series, window, 'value', { after: seconds });
  return withProblems(expr, problem ? [`predict_linear() horizon: ${problem}`] : []);
}

/**
 * The φ-quantile from histogram buckets. Accepts only a rate (or increase) of
 * `_bucket` series that still carries `le`: a quantile of raw buckets, or of
 * an aggregate that dropped `le`, does not compile.
 */
export function histogramQuantile<L extends string>(phi: number, buckets: Expr<'bucketRate', L>): Expr<'value', Exclude<L, 'le'>> {
  const problems = quantileProblem('histogram_quantile', phi);
  if (!(buckets.labels as readonly string[]).includes('le')) {
    problems.push('histogram_quantile() input has no "le" label; aggregate with by (le, …)');
  }
  return exprNode({
    ast: { op: 'histogramQuantile', phi, input: buckets },
    kind: 'value',
    labels: buckets.labels.filter((l): l is Exclude<L, 'le'> => l !== 'le'),
    promql: `histogram_quantile(${formatNumber(phi)}, ${buckets.promql})`,
    operands: [buckets],
    problems,
  });
}

/**
 * `vector(1)`: a condition that holds at every evaluation with no input at
 * all, the heartbeat of the alerting pipeline (kube-prometheus' Watchdog). It
 * fires as long as Prometheus evaluates rules and reaches Alertmanager.
 */
export function alwaysFiring(): Condition<never> {
  return exprNode({ ast: { op: 'alwaysOne' }, kind: 'condition', labels: [], promql: 'vector(1)' });
}

/** 1 when no series matches: the condition for "the data stopped". */
export function absent(series: Selector): Condition<string> {
  return exprNode({ ast: { op: 'absent', series }, kind: 'condition', labels: equalityLabels(series), promql: `absent(${series.promql})`, operands: [series] });
}

/** 1 when no sample matched during the whole window. */
export function absentOverTime(series: Selector, window: Duration): Condition<string> {
  return { ...overRange('absent_over_time', series, window, 'condition'), labels: equalityLabels(series), ast: { op: 'absent', series, window } };
}

/** Labels `absent()` puts on its result: the equality matchers of the selector. */
function equalityLabels(series: Selector): string[] {
  return series.matchers.filter((m) => m.op === '=').map((m) => m.label);
}

function quantileProblem(fn: string, phi: number): string[] {
  return phi >= 0 && phi <= 1 ? [] : [`${fn}() quantile ${phi} is outside [0, 1]; write 0.95 for p95`];
}

function withProblems<K extends SeriesKind, L extends string>(expr: Expr<K, L>, problems: readonly string[]): Expr<K, L> {
  return { ...expr, problems: [...expr.problems, ...problems] };
}

/**
 * `time()`: seconds since the epoch at evaluation, a scalar. Subtract it from
 * a timestamp gauge for the time left, e.g. `sub(certExpiry, time())`.
 */
export function time(): Expr<'value', never> {
  return exprNode({ ast: { op: 'time' }, kind: 'value', labels: [], promql: 'time()' });
}
