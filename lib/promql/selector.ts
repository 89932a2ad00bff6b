import { Duration, durationProblem } from './duration';
import { Expr, Scope, SeriesKind, exprNode } from './expr';
import type { Ast } from './expr';
import { re2 } from './re2';
import { seriesNameProblems } from './reserved-words';

export type MatchOperator = '=' | '!=' | '=~' | '!~';

/** A label matcher: a plain string means equality. */
export type Matcher = string | { readonly op: MatchOperator; readonly value: string };

/** Matchers keyed by the series' declared labels: an undeclared label does not compile. */
export type Matchers<L extends string> = { readonly [P in L]?: Matcher };

export interface LabelMatcher {
  readonly label: string;
  readonly op: MatchOperator;
  readonly value: string;
}

/** `label=~"regex"` */
export const re = (value: string): Matcher => ({ op: '=~', value });
/** `label!~"regex"` */
export const notRe = (value: string): Matcher => ({ op: '!~', value });
/** `label!="value"` */
export const not = (value: string): Matcher => ({ op: '!=', value });

/** A vector selector: a raw series name with matchers, the only thing a range function reads. */
export interface Selector<K extends SeriesKind = SeriesKind, L extends string = string> extends Expr<K, L> {
  readonly name: string;
  /** All matchers, the system scope first. */
  readonly matchers: readonly LabelMatcher[];
  /** A narrower selector with more matchers; the system scope always stays. */
  where(matchers: Matchers<L>): Selector<K, L>;
  /** The same selector shifted back in time, e.g. for a baseline a week ago. */
  offset(duration: Duration): Selector<K, L>;
}

export interface SelectorProps<K extends SeriesKind, L extends string> {
  readonly name: string;
  readonly kind: K;
  readonly labels: readonly L[];
  /** The owning system's scope, injected first into every selector. */
  readonly scope: Scope;
  /** Where the series comes from, for messages: `metric http_requests_total of system ik-engine`. */
  readonly origin: string;
  /** For a recorded series: the recording rule's expression and added labels. */
  readonly recorded?: Extract<Ast, { op: 'selector' }>['recorded'];
  /** For histogram buckets: the upper bounds. */
  readonly buckets?: readonly number[];
}

/** Creates a selector over a series of a catalogued system. */
export function selector<K extends SeriesKind, L extends string>(
  props: SelectorProps<K, L>,
  matchers: Readonly<Record<string, Matcher>> = {},
  offsetBy?: string,
): Selector<K, L> {
  // Every selector is made here, a catalog's or any other caller's: its name must be one PromQL can select.
  const problems: string[] = [...seriesNameProblems(props.name)];
  const all: LabelMatcher[] = Object.entries(props.scope).map(([label, value]) => ({ label, op: '=', value }));
  for (const [label, matcher] of Object.entries(matchers)) {
    if (matcher === undefined) continue;
    if (!(props.labels as readonly string[]).includes(label)) {
      problems.push(`${props.origin} has no label "${label}" (declared: ${props.labels.join(', ') || 'none'}); declare it in the catalog or fix the matcher`);
    }
    if (label in props.scope) {
      problems.push(`${props.origin}: a matcher on "${label}" would override the system scope ${JSON.stringify(props.scope)}; remove it`);
    }
    all.push(typeof matcher === 'string' ? { label, op: '=', value: matcher } : { label, ...matcher });
  }
  if (offsetBy !== undefined) {
    const problem = durationProblem(offsetBy);
    if (problem) problems.push(`offset of ${props.name}: ${problem}`);
  }
  const node = exprNode<K, L>({
    kind: props.kind,
    labels: props.labels,
    promql: `${selectorText(props.name, all)}${offsetBy === undefined ? '' : ` offset ${offsetBy}`}`,
    scopes: [props.scope],
    problems,
    ast: { op: 'selector', name: props.name, matchers: all, ...(offsetBy !== undefined ? { offset: offsetBy } : {}), ...(props.recorded ? { recorded: props.recorded } : {}), ...(props.buckets ? { buckets: props.buckets } : {}) },
  });
  return {
    ...node,
    name: props.name,
    matchers: all,
    where: (more) => selector(props, { ...matchers, ...(more as Record<string, Matcher>) }, offsetBy),
    offset: (duration) => selector(props, matchers, duration),
  };
}

/** How a selector is written: `name{label="value",…}`. */
export function selectorText(name: string, matchers: readonly LabelMatcher[]): string {
  return `${name}{${matchers.map((m) => `${m.label}${m.op}${quote(m.value)}`).join(',')}}`;
}

/** A PromQL string literal. JSON escaping is a subset of what PromQL accepts. */
export function quote(value: string): string {
  return JSON.stringify(value);
}

/** Whether a label value satisfies a matcher; a missing label is the empty string, as in Prometheus. */
export function matcherMatches(m: LabelMatcher, value: string | undefined): boolean {
  const v = value ?? '';
  switch (m.op) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return re2(m.value, true).test(v);
    case '!~':
      return !re2(m.value, true).test(v);
  }
}
