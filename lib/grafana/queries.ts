import { Expr, RATE_INTERVAL, System, quote, selectorText, syntaxTree, typedSelectors } from '../promql';

/** Name of the dashboards' target variable, and the matcher every raw selector gets. */
export const INSTANCE_VARIABLE = 'instance';
const INSTANCE_MATCHER = `${INSTANCE_VARIABLE}=~"$${INSTANCE_VARIABLE}"`;

/**
 * The panel's PromQL with `instance=~"$instance"` added to every selector of
 * a scraped series (recorded series, named `level:metric:ops`, may have
 * aggregated `instance` away, and ALERTS has the alert's labels only: a
 * matcher on it would select nothing).
 */
export function withInstanceMatcher(query: string | Expr): string {
  const promql = typeof query === 'string' ? query : query.promql;
  const inserts = (typeof query === 'string' ? undefined : typedMatcherEnds(query)) ?? parsedMatcherEnds(promql);
  let out = promql;
  for (const at of inserts.sort((a, b) => b - a)) {
    const empty = out.slice(0, at).trimEnd().endsWith('{');
    out = `${out.slice(0, at)}${empty ? '' : ','}${INSTANCE_MATCHER}${out.slice(at)}`;
  }
  return out;
}

/** Recorded series, and the alert state Prometheus records itself (with the alert's labels only), get no instance matcher. */
const takesInstanceMatcher = (series: string) => !series.includes(':') && series !== 'ALERTS' && series !== 'ALERTS_FOR_STATE';

/**
 * Where each selector of a typed expression closes its matchers, found without parsing: its
 * selectors are written in text order as `selectorText` writes them, and nothing between two of
 * them holds a brace. Undefined where part of it is raw (or, defensively, a selector is not found).
 */
function typedMatcherEnds(expr: Expr): number[] | undefined {
  const selectors = typedSelectors(expr);
  if (!selectors) return undefined;
  const ends: number[] = [];
  let from = 0;
  for (const s of selectors) {
    const text = selectorText(s.name, s.matchers);
    const at = expr.promql.indexOf(text, from);
    if (at < 0) return undefined;
    from = at + text.length;
    if (takesInstanceMatcher(s.name)) ends.push(from - 1);
  }
  return ends;
}

/** Where each selector of `promql` with a matcher list closes it, from the parsed text. */
function parsedMatcherEnds(promql: string): number[] {
  const ends: number[] = [];
  syntaxTree(parseableInPlace(promql)).iterate({
    enter: (ref) => {
      if (ref.name !== 'VectorSelector') return;
      const name = ref.node.getChild('Identifier');
      const matchers = ref.node.getChild('LabelMatchers');
      if (matchers && takesInstanceMatcher(name ? promql.slice(name.from, name.to) : '')) ends.push(matchers.to - 1);
    },
  });
  return ends;
}

/**
 * The panel's PromQL with `$__rate_interval` written as a duration padded to its length, which the grammar
 * reads (spaces may stand in a range's brackets) where it would recover from an error, slowly, at every
 * one; every position stays where it was in `promql`.
 */
function parseableInPlace(promql: string): string {
  return promql.split(RATE_INTERVAL).join(RATE_INTERVAL_IN_PLACE);
}

const RATE_INTERVAL_IN_PLACE = '5m'.padEnd(RATE_INTERVAL.length);

/**
 * The text Prometheus would receive: Grafana's variables replaced by values of
 * their type (`$__rate_interval` by a duration, `$instance` by a regex), so the
 * query can be parsed and checked as PromQL.
 */
export function asPrometheusSees(promql: string): string {
  return promql.split(RATE_INTERVAL).join('5m').split(`$${INSTANCE_VARIABLE}`).join('.+');
}

/** The `instance` variable's query: the targets of the dashboard's systems only. */
export function instanceVariableQuery(systems: readonly System[]): string {
  const jobs = [...new Set(systems.map((s) => s.selector.job).filter((j): j is string => j !== undefined))];
  const scope = jobs.length === 1 ? `job=${quote(jobs[0])}` : `job=~${quote(jobs.map(escapeRegex).join('|'))}`;
  return `label_values(up{${scope}}, ${INSTANCE_VARIABLE})`;
}

function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
