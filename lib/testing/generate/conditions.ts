import { Expr } from '../../promql';
import { evaluate } from './evaluate';
import { SeriesPlanner } from './planner';
import { Unsupported } from './model';

/** Past the threshold; just short of it; or comfortably clear of it, as a healthy system is. */
export type Mode = 'fire' | 'quiet' | 'healthy';

/** A value of the compared expression that fires (or not) against `threshold`. */
export function valueFor(operator: string, threshold: number, mode: Mode): number {
  const t = threshold;
  // Just past the threshold (a burn-rate alert is tested at its burn factor); a ratio never past 1.
  const above = t === 0 ? 1 : t > 0 && t < 1 && t * 1.05 >= 1 ? t + (1 - t) / 2 : t * 1.05;
  const justBelow = t > 0 ? t * 0.95 : t - 1;
  const justAbove = t > 0 ? t * 1.05 : t + 1;
  // Healthy: a quarter of the bar under it, or halfway to 1 (a ratio) / twice the bar over it.
  const wellBelow = t > 0 ? t / 4 : t === 0 ? 0 : t - 1;
  const wellAbove = t > 0 && t < 1 ? (1 + t) / 2 : t > 0 ? t * 2 : t + 1;
  const table: Record<string, Record<Mode, number>> = {
    '>': { fire: above, quiet: t > 0 ? justBelow : t, healthy: wellBelow },
    '>=': { fire: t, quiet: justBelow, healthy: t > 0 ? t / 2 : t - 1 },
    '<': { fire: t > 0 ? t / 2 : t - 1, quiet: t >= 0 ? Math.max(t, justAbove) : t, healthy: t >= 0 ? wellAbove : t },
    '<=': { fire: t, quiet: justAbove, healthy: wellAbove },
    '==': { fire: t, quiet: t + 1, healthy: t + 1 },
    '!=': { fire: t + 1, quiet: t, healthy: t },
  };
  if (!table[operator]) throw new Unsupported(`comparison ${operator}`);
  return mode === 'fire' && !['>=', '<=', '=='].includes(operator) ? tidy(table[operator][mode]) : table[operator][mode];
}

/**
 * A firing value with three significant digits that no printf precision
 * rounds at a tie: Prometheus computes it with float noise, so a value of
 * exactly 787.5 might print as 787 or 788.
 */
function tidy(value: number): number {
  const v = Number(value.toPrecision(3));
  const atTie = [0, 1, 2, 3, 4].some((k) => Math.abs(((v * 10 ** k) % 1) - 0.5) < 1e-9);
  // Three significant digits end in 5 only at a tie: step the last digit to 6.
  return atTie ? Number((v + 10 ** (Math.floor(Math.log10(Math.abs(v))) - 2)).toPrecision(3)) : v;
}

/** Plans input series so that the alert condition fires, or stays quiet just short of firing. */
export function planCondition(planner: SeriesPlanner, condition: Expr, mode: Mode): void {
  const ast = condition.ast;
  if (ast.op !== 'binary') throw new Unsupported(`a ${ast.op} condition`);
  const threshold = ast.right.ast.op === 'number' ? ast.right.ast.value : undefined;
  if (threshold !== undefined && ['>', '>=', '<', '<=', '==', '!='].includes(ast.operator)) {
    return planner.demand(ast.left, valueFor(ast.operator, threshold, mode), {});
  }
  switch (ast.operator) {
    case 'and':
      planCondition(planner, ast.left, mode);
      if (mode === 'fire' && evaluate(ast.right, planner.plan).length === 0) planCondition(planner, ast.right, 'fire');
      return;
    case 'or':
      // Quiet through one alternative: just short of it may already be past another, which the caller checks.
      return planCondition(planner, ast.left, mode);
    case 'unless':
      return planCondition(planner, ast.left, mode);
    default:
      throw new Unsupported(`a comparison between two vectors (${ast.operator})`);
  }
}
