import { Expr, SeriesKind, exprNode } from './expr';

export interface RawOptions<K extends SeriesKind, L extends string> {
  /** What the result means; decides where it may be used. */
  readonly kind: K;
  /** The result's labels, for grouping and annotation checks. */
  readonly labels: readonly L[];
  /** Why the typed builder does not cover this expression; shows up in review. */
  readonly reason: string;
}

/**
 * The explicit escape hatch: PromQL text the builder cannot express. It is
 * still parsed at synth, and its metrics must still be catalogued and scoped.
 */
export function raw<K extends SeriesKind, L extends string = never>(promql: string, options: RawOptions<K, L>): Expr<K, L> {
  return exprNode({
    ast: { op: 'raw' },
    kind: options.kind,
    labels: options.labels,
    promql,
    problems: options.reason?.trim() ? [] : ['raw() PromQL needs a reason: say why the typed builder does not cover it'],
  });
}
