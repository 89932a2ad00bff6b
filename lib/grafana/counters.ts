import type { SyntaxNode } from '@lezer/common';
import { Expr, RATE_INTERVAL, System, syntaxTree } from '../promql';
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
  /** `rangeFn`: the function the selector's range is passed to, if it is in one. */
  const visit = (e: Expr, rangeFn?: string): boolean => {
    const ast = e.ast;
    switch (ast.op) {
      case 'selector':
        if (isCounter(ast.name, systems) && !COUNTER_FUNCTIONS.includes(rangeFn ?? '')) problems.push(rawCounterProblem(ast.name));
        return true;
      case 'range':
        if (checkWindows && RATE_FUNCTIONS.includes(ast.fn) && ast.window !== RATE_INTERVAL) problems.push(rateWindowProblem(ast.fn, ast.window));
        return visit(ast.series, ast.fn);
      // absent() and absent_over_time() count no increases: a counter in them reads raw.
      case 'absent':
        return visit(ast.series);
      case 'histogramQuantile':
      case 'aggregate':
        return visit(ast.input);
      case 'binary':
        return visit(ast.left) && visit(ast.right);
      case 'number':
      case 'time':
      case 'alwaysOne':
        return true;
      case 'raw':
        return false;
    }
  };
  return visit(expr) ? problems : undefined;
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
