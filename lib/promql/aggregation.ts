import { Expr, NumericKind, exprNode, formatNumber } from './expr';
import { listedLabelsProblems } from './reserved-words';

export interface By<K extends string> {
  /** Keep only these labels. */
  readonly by: readonly K[];
}
export interface Without<K extends string> {
  /** Drop these labels, keep the rest. */
  readonly without: readonly K[];
}

/**
 * An aggregation operator over numeric vectors. Grouping labels must be
 * labels of the input: `by: ['route']` over a vector without `route` does not compile.
 */
export interface AggregationFunction {
  <L extends string, K extends L>(vector: Expr<NumericKind, L>, grouping: By<K>): Expr<'value', K>;
  <L extends string, K extends L>(vector: Expr<NumericKind, L>, grouping: Without<K>): Expr<'value', Exclude<L, K>>;
  <L extends string>(vector: Expr<NumericKind, L>): Expr<'value', never>;
}

/** `sum` also adds up bucket rates, and keeps them quantile-ready while `le` stays. */
export interface SumFunction extends AggregationFunction {
  <L extends string, K extends L>(vector: Expr<'bucketRate', L>, grouping: By<K>): Expr<'le' extends K ? 'bucketRate' : 'value', K>;
  <L extends string, K extends L>(
    vector: Expr<'bucketRate', L>,
    grouping: Without<K>,
  ): Expr<'le' extends K ? 'value' : 'bucketRate', Exclude<L, K>>;
  <L extends string, K extends L>(vector: Expr<NumericKind, L>, grouping: By<K>): Expr<'value', K>;
  <L extends string, K extends L>(vector: Expr<NumericKind, L>, grouping: Without<K>): Expr<'value', Exclude<L, K>>;
  <L extends string>(vector: Expr<NumericKind | 'bucketRate', L>): Expr<'value', never>;
}

function aggregate(op: string, vector: Expr, grouping: Partial<By<string> & Without<string>> = {}, parameter?: number): Expr {
  const clause = grouping.by ? 'by' : grouping.without ? 'without' : undefined;
  const named = grouping.by ?? grouping.without ?? [];
  const unknown = named.filter((l) => !vector.labels.includes(l));
  const labels = grouping.by ? named : grouping.without ? vector.labels.filter((l) => !named.includes(l)) : [];
  const keepsBuckets = vector.kind === 'bucketRate' && op === 'sum' && labels.includes('le');
  const modifier = clause ? ` ${clause} (${named.join(', ')})` : '';
  const args = parameter === undefined ? vector.promql : `${formatNumber(parameter)}, ${vector.promql}`;
  return exprNode({
    ast: { op: 'aggregate', fn: op, input: vector, ...(grouping.by ? { by: grouping.by } : {}), ...(grouping.without ? { without: grouping.without } : {}), ...(parameter !== undefined ? { parameter } : {}) },
    kind: keepsBuckets ? 'bucketRate' : 'value',
    labels,
    promql: clause ? `${op}${modifier} (${args})` : `${op}(${args})`,
    operands: [vector],
    problems: [
      ...(unknown.length ? [`${op} ${clause} (${unknown.join(', ')}): no such label on its input (labels: ${vector.labels.join(', ') || 'none'})`] : []),
      ...(clause ? listedLabelsProblems(`${op} ${clause}`, named.filter((l) => !unknown.includes(l))) : []),
    ],
  });
}

const aggregation = (op: string) => ((vector: Expr, grouping?: By<string> | Without<string>) => aggregate(op, vector, grouping)) as AggregationFunction;

export const sum = aggregation('sum') as SumFunction;
export const avg = aggregation('avg');
export const min = aggregation('min');
export const max = aggregation('max');
export const count = aggregation('count');
export const stddev = aggregation('stddev');

/** The `k` largest series by value, e.g. the top offending routes. */
export function topk<L extends string>(k: number, vector: Expr<NumericKind, L>): Expr<'value', L> {
  return aggregate('topk', vector, undefined, k) as Expr<'value', L>;
}
