/**
 * The typed core of the PromQL builder. Every expression carries, in its type,
 * what its samples mean (`kind`) and which labels it has (`L`), so that
 * `rate()` of a gauge or a quantile of raw buckets does not compile.
 */

/** What an instant vector's samples mean; this decides which functions accept it. */
export type SeriesKind =
  /** Raw monotonic series: counters, histogram and summary `_count`/`_sum`. */
  | 'counter'
  /** Raw histogram `_bucket` series: counter semantics, carries `le`. */
  | 'buckets'
  /** Raw gauge series. */
  | 'gauge'
  /** Per-second rate (or increase) of histogram buckets, still carrying `le`. */
  | 'bucketRate'
  /** Any derived instant vector: rates, ratios, aggregates, quantiles. */
  | 'value'
  /** A filter that keeps the series breaching a threshold: an alert condition. */
  | 'condition';

/** Kinds whose sample values may be compared, averaged and combined arithmetically. */
export type NumericKind = 'gauge' | 'value';

/** Label matchers that pin an expression to one system's series, e.g. `{ job: 'ik-engine' }`. */
export type Scope = Readonly<Record<string, string>>;

/** PromQL operator precedence, lowest first; atoms bind tightest. */
export enum Precedence {
  Or = 1,
  AndUnless = 2,
  Comparison = 3,
  Additive = 4,
  Multiplicative = 5,
  Atom = 10,
}

/**
 * The structure of an expression, kept beside its text so tools (the promtool
 * test generator) can reason about it without re-parsing.
 */
export type Ast =
  | {
      readonly op: 'selector';
      readonly name: string;
      readonly matchers: readonly { readonly label: string; readonly op: '=' | '!=' | '=~' | '!~'; readonly value: string }[];
      /** `offset` modifier, e.g. `1d`. */
      readonly offset?: string;
      /** Set on a histogram's `_bucket` series: its upper bounds, without +Inf. */
      readonly buckets?: readonly number[];
      /** Set on a recorded series: the recording rule's expression and added labels. */
      readonly recorded?: { readonly expr: Expr; readonly labels: Readonly<Record<string, string>> };
    }
  | { readonly op: 'range'; readonly fn: string; readonly series: Expr; readonly window: string; readonly parameter?: number }
  | { readonly op: 'histogramQuantile'; readonly phi: number; readonly input: Expr }
  | {
      readonly op: 'aggregate';
      readonly fn: string;
      readonly input: Expr;
      readonly by?: readonly string[];
      readonly without?: readonly string[];
      readonly parameter?: number;
    }
  | {
      readonly op: 'binary';
      readonly operator: string;
      readonly left: Expr;
      readonly right: Expr;
      readonly on?: readonly string[];
      readonly ignoring?: readonly string[];
    }
  | { readonly op: 'number'; readonly value: number }
  /** `time()`: the evaluation timestamp in seconds, a scalar. */
  | { readonly op: 'time' }
  | { readonly op: 'absent'; readonly series: Expr; readonly window?: string }
  /** `vector(1)`: one sample with no labels at every evaluation, whatever was scraped. */
  | { readonly op: 'alwaysOne' }
  | { readonly op: 'raw' };

export interface Expr<K extends SeriesKind = SeriesKind, L extends string = string> {
  readonly kind: K;
  /** Output label names, known at synth time. */
  readonly labels: readonly L[];
  /** The rendered PromQL. */
  readonly promql: string;
  readonly precedence: Precedence;
  /** The system scopes of the selectors it reads (one, unless systems are mixed on purpose). */
  readonly scopes: readonly Scope[];
  /** Mistakes found while building; synth reports them under the rule that uses the expression. */
  readonly problems: readonly string[];
  readonly ast: Ast;
}

/** A comparison against a fixed threshold: what alerts, tests and panels share. */
export interface Comparison {
  readonly operator: ComparisonOperator;
  readonly threshold: number;
  /** The compared expression, without the threshold. */
  readonly subject: Expr;
}

export type ComparisonOperator = '>' | '>=' | '<' | '<=' | '==' | '!=';

/** An alert condition. When it compares against a number, `comparison` records it. */
export interface Condition<L extends string = string> extends Expr<'condition', L> {
  readonly comparison?: Comparison;
}

/** Builds an expression node, merging what its operands found. */
export function exprNode<K extends SeriesKind, L extends string>(
  props: Pick<Expr<K, L>, 'kind' | 'labels' | 'promql' | 'ast'> & {
    readonly precedence?: Precedence;
    readonly operands?: readonly Expr[];
    readonly problems?: readonly string[];
    readonly scopes?: readonly Scope[];
  },
): Expr<K, L> {
  const operands = props.operands ?? [];
  return {
    kind: props.kind,
    labels: props.labels,
    promql: props.promql,
    precedence: props.precedence ?? Precedence.Atom,
    scopes: uniqueScopes([...(props.scopes ?? []), ...operands.flatMap((o) => o.scopes)]),
    problems: [...operands.flatMap((o) => o.problems), ...(props.problems ?? [])],
    ast: props.ast,
  };
}

/** `expr` rendered as an operand of an operator of precedence `outer`. */
export function operand(expr: Expr, outer: Precedence, rightHandSide = false): string {
  const needsParens = rightHandSide ? expr.precedence <= outer : expr.precedence < outer;
  return needsParens ? `(${expr.promql})` : expr.promql;
}

/** Renders a number the way PromQL reads it back unchanged. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function uniqueScopes(scopes: readonly Scope[]): Scope[] {
  const seen = new Map<string, Scope>();
  for (const scope of scopes) seen.set(JSON.stringify(Object.entries(scope)), scope);
  return [...seen.values()];
}
