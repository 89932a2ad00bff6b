import { Ast, Expr } from '../../promql';

/**
 * One input series of a generated test. Generated series are linear: a gauge
 * holds `value`, a counter grows by `value` per second, and a clock (a
 * timestamp gauge compared with `time()`) holds `value` seconds ahead of the
 * evaluation time. So every windowed function settles on one value once its
 * window has filled: the steady state.
 */
export interface PlannedSeries {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly kind: 'gauge' | 'counter' | 'clock';
  readonly value: number;
}

export type Labels = Readonly<Record<string, string>>;

/** A sample of an instant vector in the steady state. */
export interface Sample {
  readonly labels: Labels;
  readonly value: number;
}

/** The input series of one test, keyed by name and labels. */
export type Plan = ReadonlyMap<string, PlannedSeries>;

/** A series' identity, not a text anyone reads. */
export function seriesKey(name: string, labels: Labels): string {
  return `${name}{${labelsKey(labels)}}`;
}

/**
 * A label set's identity: names in code-unit order, each with its value quoted (names cannot hold
 * `=` or `"`, so no two sets share a key). Built by hand: the generator asks for tens per alert.
 */
export function labelsKey(labels: Labels): string {
  let key = '';
  for (const name of Object.keys(labels).sort()) key += `${name}=${JSON.stringify(labels[name])},`;
  return key;
}

/** An expression shape the generator cannot reason about; the alert needs a hand-written test. */
export class Unsupported extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'Unsupported';
  }
}

export type SelectorAst = Extract<Ast, { op: 'selector' }>;
export type MatcherAst = SelectorAst['matchers'][number];


/** Every selector in an expression, recorded series' sources included. */
export function selectorsOf(expr: Expr): SelectorAst[] {
  const ast = expr.ast;
  switch (ast.op) {
    case 'selector':
      return [ast, ...(ast.recorded ? selectorsOf(ast.recorded.expr) : [])];
    case 'range':
    case 'absent':
      return selectorsOf(ast.series);
    case 'histogramQuantile':
    case 'aggregate':
      return selectorsOf(ast.input);
    case 'binary':
      return [...selectorsOf(ast.left), ...selectorsOf(ast.right)];
    default:
      return [];
  }
}

/** Every range window (and offset) in an expression, recorded series' sources included. */
export function windowsOf(expr: Expr): string[] {
  const ast = expr.ast;
  switch (ast.op) {
    case 'selector':
      return ast.recorded ? windowsOf(ast.recorded.expr) : [];
    case 'range':
      return [ast.window, ...windowsOf(ast.series)];
    case 'absent':
      return [...(ast.window ? [ast.window] : []), ...windowsOf(ast.series)];
    case 'histogramQuantile':
    case 'aggregate':
      return windowsOf(ast.input);
    case 'binary':
      return [...windowsOf(ast.left), ...windowsOf(ast.right)];
    default:
      return [];
  }
}

/** Range functions whose value over a constant series is that constant. */
export const CONSTANT_PRESERVING = new Set(['avg_over_time', 'min_over_time', 'max_over_time', 'last_over_time', 'quantile_over_time', 'predict_linear']);
