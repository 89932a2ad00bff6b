import { ComparisonOperator, Condition, Expr } from '../promql';
import type { AlertRule, Severity } from '../prometheus';
import { ThresholdStep } from './panel';

/** What an alert compares: the expression a panel must plot to show it, and its threshold. */
export interface AlertSignal {
  readonly expr: Expr;
  readonly operator?: ComparisonOperator;
  readonly threshold?: number;
}

const LOGICAL = ['and', 'or', 'unless'];

/**
 * The signals of an alert condition: the subject of each comparison (every
 * alternative of an `or`, both sides of an `and`), or the series an `absent()` watches;
 * none for the heartbeat, which reads nothing.
 */
export function alertSignals(condition: Expr): AlertSignal[] {
  if (condition.ast.op === 'alwaysOne') return [];
  const comparison = (condition as Condition).comparison;
  if (comparison) return [{ expr: comparison.subject, operator: comparison.operator, threshold: comparison.threshold }];
  const ast = condition.ast;
  if (ast.op === 'binary' && LOGICAL.includes(ast.operator)) return unique([...alertSignals(ast.left), ...alertSignals(ast.right)]);
  if (ast.op === 'absent') return [{ expr: ast.series }];
  return [{ expr: condition }];
}

function unique(signals: AlertSignal[]): AlertSignal[] {
  const seen = new Set<string>();
  return signals.filter((s) => {
    const key = `${s.expr.promql} ${s.operator} ${s.threshold}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

const SEVERITY_COLOR: Record<Severity, ThresholdStep['color']> = { critical: 'red', warning: 'orange', info: 'blue', none: 'green' };
const RANK: Record<ThresholdStep['color'], number> = { green: 0, blue: 1, orange: 2, red: 3 };

function breaches(op: ComparisonOperator, value: number, threshold: number): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
  }
}

/**
 * Grafana colours a value with the last step at or below it, so a strict
 * `> t` starts its colour just above t (else a `> 0` alert paints the normal 0
 * red). One part in 10^9: invisible on a graph, exact for counts and ratios.
 */
export function justAbove(t: number): number {
  return t + 1e-9 * Math.max(1, Math.abs(t));
}

/** Where Grafana must start a new step for a comparison: the edges of the values it fires on. */
function edges(op: ComparisonOperator, t: number): number[] {
  switch (op) {
    case '>':
    case '<=':
      return [justAbove(t)];
    case '>=':
    case '<':
      return [t];
    case '==':
    case '!=':
      return [t, justAbove(t)];
  }
}

/**
 * Colour steps from the alerts' thresholds: each band between two edges takes
 * the colour of the worst severity that fires in it (green when none does), so
 * `> 0.05` warning and `> 0.1` critical give green, orange, red, and a `< 0.9`
 * alert gives a red band below a green one; two warnings give two orange
 * steps, one line each. With `plotted`, only the
 * comparisons of the expressions a panel plots count: the slow-probe alert's
 * `probe_success == 1` side does not colour its duration panel.
 */
export function thresholdStepsOf(alerts: readonly AlertRule[], plotted?: ReadonlySet<string>): ThresholdStep[] {
  const compared = alerts.flatMap((a) =>
    alertSignals(a.expr).flatMap((s) =>
      s.operator && s.threshold !== undefined && Number.isFinite(s.threshold) && (!plotted || plotted.has(s.expr.promql)) ? [{ op: s.operator, threshold: s.threshold, severity: a.severity }] : [],
    ),
  );
  const bounds = [...new Set(compared.flatMap((c) => edges(c.op, c.threshold)))].sort((a, b) => a - b);
  if (bounds.length === 0) return [{ value: null, color: 'green' }];
  const colorAt = (value: number): ThresholdStep['color'] =>
    compared.filter((c) => breaches(c.op, value, c.threshold)).reduce<ThresholdStep['color']>((worst, c) => (RANK[SEVERITY_COLOR[c.severity]] > RANK[worst] ? SEVERITY_COLOR[c.severity] : worst), 'green');
  // Bands are closed at their lower edge, so the edge itself is a value of the band.
  // Every edge stays a step, even between bands of one colour: a time series draws a line at each, one per threshold.
  return [{ value: null, color: colorAt(bounds[0] - Math.max(1, Math.abs(bounds[0]))) }, ...bounds.map((b) => ({ value: b, color: colorAt(b) }))];
}
