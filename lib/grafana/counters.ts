import type { SyntaxNode } from '@lezer/common';
import { Expr, RATE_INTERVAL, System, syntaxTree, visitTyped } from '../promql';
import { asPrometheusSees } from './queries';

const COUNTER_FUNCTIONS = ['rate', 'irate', 'increase'];
/** dashboard-linter's rate-interval rule: rate() and irate(). An increase() counts over the window it names. */
const RATE_FUNCTIONS = ['rate', 'irate'];

/*
 * What a panel query does with counters (dashboard-linter): a counter appears only inside rate(),
 * irate() or increase(), and, unless the query is an alert's own signal (`checkWindows` false), the
 * window of rate() and irate() is `$__rate_interval`. Problems come in the text's order.
 */

const rateWindowProblem = (fn: string, window: string) => `${fn}() over [${window}]; use $__rate_interval (RATE_INTERVAL) so the rate has four samples at every zoom`;
const rawCounterProblem = (name: string) => `reads the counter ${name} raw; wrap it in rate() or increase()`;

function isCounter(name: string, systems: readonly System[]): boolean {
  const metric = systems.map((s) => s.metricOfSeries(name)).find((m) => m);
  return name.endsWith('_total') || (metric !== undefined && (metric.type === 'counter' || (metric.type !== 'gauge' && name !== metric.name)));
}

/**
 * The counter problems of a typed query, read from its structure (a range's series is always a
 * selector); undefined where part of it is raw. Parsing every panel query again was a tenth of synth.
 */
export function typedCounterProblems(expr: Expr, systems: readonly System[], checkWindows: boolean): string[] | undefined {
  const problems: string[] = [];
  const typed = visitTyped(expr, {
    range: (range) => {
      if (checkWindows && RATE_FUNCTIONS.includes(range.fn) && range.window !== RATE_INTERVAL) problems.push(rateWindowProblem(range.fn, range.window));
    },
    selector: (selector, around) => {
      if (isCounter(selector.name, systems) && !COUNTER_FUNCTIONS.includes(around.rangeFunction ?? '')) problems.push(rawCounterProblem(selector.name));
    },
  });
  return typed ? problems : undefined;
}

/** The counter problems of a query's text, parsed as Prometheus would receive it, so `raw()` PromQL is held to them too. */
export function counterProblems(promql: string, systems: readonly System[], checkWindows: boolean): string[] {
  // A duration no one writes stands in for $__rate_interval, so the text parses and the window is still told apart.
  const SENTINEL = '1234567ms';
  const text = asPrometheusSees(promql.split(RATE_INTERVAL).join(SENTINEL));
  const problems: string[] = [];
  syntaxTree(text).iterate({
    enter: (ref) => {
      if (ref.name === 'MatrixSelector' && checkWindows) {
        const fn = rangeFunction(ref.node, text);
        const window = ref.node.getChild('DurationExpr');
        const range = window ? text.slice(window.from, window.to) : '';
        if (RATE_FUNCTIONS.includes(fn) && range !== SENTINEL) problems.push(rateWindowProblem(fn, range));
      }
      if (ref.name !== 'VectorSelector') return;
      const nameNode = ref.node.getChild('Identifier');
      const name = nameNode ? text.slice(nameNode.from, nameNode.to) : '';
      const inRange = ref.node.parent?.name === 'MatrixSelector' && COUNTER_FUNCTIONS.includes(rangeFunction(ref.node.parent, text));
      if (isCounter(name, systems) && !inRange) problems.push(rawCounterProblem(name));
    },
  });
  return problems;
}

/** The function a range selector is passed to (through an `offset`), or '' when none. */
function rangeFunction(matrix: SyntaxNode, promql: string): string {
  let call = matrix.parent;
  while (call && (call.name === 'OffsetExpr' || call.name === 'StepInvariantExpr' || call.name === 'FunctionCallBody')) call = call.parent;
  return call?.name === 'FunctionCall' ? promql.slice(call.from, call.to).split('(')[0].trim() : '';
}
