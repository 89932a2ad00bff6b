import { ComparisonOperator, Condition, Expr, NumericKind, Precedence, SeriesKind, exprNode, formatNumber, operand } from './expr';
import { listedLabelsProblems } from './reserved-words';

/** Which labels two vectors are matched on. Default: all of them. */
export interface VectorMatching<K extends string> {
  readonly on?: readonly K[];
  readonly ignoring?: readonly K[];
}

type Operand = Expr | number;

function binary<K extends SeriesKind>(
  operator: string,
  precedence: Precedence,
  kind: K,
  left: Operand,
  right: Operand,
  matching: VectorMatching<string> = {},
): Expr<K, string> {
  const l = literal(left);
  const r = literal(right);
  const bothVectors = !isScalar(left) && !isScalar(right);
  const matched = bothVectors && precedence !== Precedence.Or;
  // `on` labels missing from a side: matchingProblems reports them, so they are not reported again as listed names.
  const missing = matched && matching.on ? matching.on.filter((n) => !l.labels.includes(n) || !r.labels.includes(n)) : [];
  const labels = !isScalar(left) ? l.labels : r.labels;
  const clause = matching.on ? ` on (${matching.on.join(', ')})` : matching.ignoring ? ` ignoring (${matching.ignoring.join(', ')})` : '';
  return exprNode({
    ast: { op: 'binary', operator, left: l, right: r, ...(matching.on ? { on: matching.on } : {}), ...(matching.ignoring ? { ignoring: matching.ignoring } : {}) },
    kind,
    labels: operator === 'or' && bothVectors ? [...new Set([...l.labels, ...r.labels])] : labels,
    promql: `${operand(l, precedence)} ${operator}${clause} ${operand(r, precedence, true)}`,
    precedence,
    operands: [l, r],
    problems: [
      ...(matched ? matchingProblems(operator, l, r, matching, missing) : []),
      ...listedLabelsProblems(`"${operator}" ${matching.on ? 'on' : 'ignoring'}`, (matching.on ?? matching.ignoring ?? []).filter((n) => !missing.includes(n))),
      ...scalarProblems(operator, precedence, isScalar(left), isScalar(right), matching),
    ],
  });
}

/**
 * Vectors with different label sets match nothing, silently: an alert that
 * can never fire. Report it where the expression is built.
 */
function matchingProblems(operator: string, left: Expr, right: Expr, matching: VectorMatching<string>, missingOn: readonly string[]): string[] {
  const ignored = new Set(matching.ignoring ?? []);
  const compared = (labels: readonly string[]) => (matching.on ? [...matching.on] : labels.filter((l) => !ignored.has(l))).sort();
  if (matching.on) return missingOn.length ? [`"${operator}" on (${missingOn.join(', ')}): not a label of both sides`] : [];
  const a = compared(left.labels);
  const b = compared(right.labels);
  if (operator === 'and' || operator === 'unless' || a.join() === b.join()) return [];
  return [
    `"${operator}" between vectors with labels {${a.join(', ')}} and {${b.join(', ')}} matches nothing; aggregate both sides to the same labels or use on()/ignoring()`,
  ];
}

const SET_OPERATORS = ['and', 'or', 'unless'];

/** What Prometheus refuses where a side is a scalar (a number or `time()`). */
function scalarProblems(operator: string, precedence: Precedence, leftScalar: boolean, rightScalar: boolean, matching: VectorMatching<string>): string[] {
  if (!leftScalar && !rightScalar) return [];
  return [
    ...(matching.on || matching.ignoring ? [`"${operator}" ${matching.on ? 'on' : 'ignoring'} (…) with a number or time() on one side: vector matching needs vectors on both; drop the clause`] : []),
    ...(SET_OPERATORS.includes(operator) ? [`"${operator}" with a number or time() on one side: set operators join vectors only; compare the number instead`] : []),
    ...(leftScalar && rightScalar && precedence === Precedence.Comparison ? [`"${operator}" between two scalars: Prometheus compares them only with bool, which the builders do not write; compare a vector`] : []),
  ];
}

/** Numbers and `time()` are scalars: they combine with every series of a vector, whatever its labels. */
function isScalar(value: Operand): boolean {
  return typeof value === 'number' || value.ast.op === 'number' || value.ast.op === 'time';
}

function literal(value: Operand): Expr {
  if (typeof value !== 'number') return value;
  // NaN compares false with everything and ±Inf bounds nothing: an alert on either never fires, or always does.
  const problems = Number.isFinite(value) ? [] : [`the number ${formatNumber(value)} is not finite; give a finite threshold or operand`];
  return exprNode({ ast: { op: 'number', value }, kind: 'value', labels: [], promql: formatNumber(value), problems });
}

/** `left op right`, where either side may be a number. */
export interface ArithmeticOperator {
  <L extends string>(left: Expr<NumericKind, L>, right: Expr<NumericKind> | number, matching?: VectorMatching<L>): Expr<'value', L>;
  <L extends string>(left: number, right: Expr<NumericKind, L>): Expr<'value', L>;
}

const arithmetic = (operator: string, precedence: Precedence): ArithmeticOperator =>
  ((left: Operand, right: Operand, matching?: VectorMatching<string>) => binary(operator, precedence, 'value', left, right, matching)) as ArithmeticOperator;

export const add = arithmetic('+', Precedence.Additive);
export const sub = arithmetic('-', Precedence.Additive);
export const mul = arithmetic('*', Precedence.Multiplicative);
export const div = arithmetic('/', Precedence.Multiplicative);

/** A filtering comparison; against a number it records the threshold for tests and panels. */
export interface ComparisonFunction {
  <L extends string>(subject: Expr<NumericKind, L>, threshold: number): Condition<L>;
  <L extends string>(subject: Expr<NumericKind, L>, other: Expr<NumericKind>, matching?: VectorMatching<L>): Condition<L>;
}

const comparison =
  (operator: ComparisonOperator): ComparisonFunction =>
  (subject: Expr<NumericKind, string>, other: Operand, matching?: VectorMatching<string>) => {
    const node = binary(operator, Precedence.Comparison, 'condition', subject, other, matching);
    return typeof other === 'number' ? { ...node, comparison: { operator, threshold: other, subject } } : node;
  };

/** The comparison `subject <operator> threshold`, e.g. to move an alert's threshold. */
export function compare<L extends string>(operator: ComparisonOperator, subject: Expr<NumericKind, L>, threshold: number): Condition<L> {
  return comparison(operator)(subject, threshold);
}

export const gt = comparison('>');
export const gte = comparison('>=');
export const lt = comparison('<');
export const lte = comparison('<=');
export const eq = comparison('==');
export const neq = comparison('!=');

/** Set operators between conditions. */
export type LogicalOperator = <L extends string>(left: Condition<L>, right: Expr, matching?: VectorMatching<string>) => Condition<L>;

const logical =
  (operator: string, precedence: Precedence): LogicalOperator =>
  <L extends string>(left: Condition<L>, right: Expr, matching?: VectorMatching<string>) =>
    binary(operator, precedence, 'condition', left, right, matching) as Condition<L>;

export const and = logical('and', Precedence.AndUnless);
export const unless = logical('unless', Precedence.AndUnless);
export const or = logical('or', Precedence.Or);
