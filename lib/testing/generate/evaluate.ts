import { Expr, durationMs, matcherMatches } from '../../promql';
import { CONSTANT_PRESERVING, Labels, Plan, Sample, Unsupported, labelsKey } from './model';

/**
 * Evaluates an expression over linear input series once every window has
 * filled: what Prometheus computes from the generated tests' input, without
 * running Prometheus. Shapes it does not know throw {@link Unsupported}.
 */
export function evaluate(expr: Expr, plan: Plan): Sample[] {
  const ast = expr.ast;
  switch (ast.op) {
    case 'number':
      throw new Unsupported('a bare number is not a vector');
    case 'raw':
      throw new Unsupported('raw() PromQL');
    case 'time':
      throw new Unsupported('time() other than subtracted from a timestamp gauge');
    case 'selector': {
      if (ast.recorded) {
        const recorded = evaluate(ast.recorded.expr, plan).map((s) => ({ labels: { ...s.labels, ...ast.recorded!.labels }, value: s.value }));
        return recorded.filter((s) => ast.matchers.every((m) => matcherMatches(m, s.labels[m.label])));
      }
      return [...plan.values()]
        .filter((p) => p.name === ast.name && ast.matchers.every((m) => matcherMatches(m, p.labels[m.label])))
        .map((p) => ({ labels: p.labels, value: p.value }));
    }
    case 'range': {
      const samples = evaluate(ast.series, plan);
      const seconds = durationMs(ast.window) / 1000;
      if (CONSTANT_PRESERVING.has(ast.fn)) return samples;
      switch (ast.fn) {
        case 'rate':
        case 'irate':
          return samples;
        case 'increase':
          return samples.map((s) => ({ labels: s.labels, value: s.value * seconds }));
        case 'deriv':
        case 'delta':
          return samples.map((s) => ({ labels: s.labels, value: 0 }));
        default:
          throw new Unsupported(`${ast.fn}() over generated series`);
      }
    }
    case 'histogramQuantile':
      return groupBy(evaluate(ast.input, plan), (l) => without(l, ['le'])).map(([labels, group]) => ({
        labels,
        value: bucketQuantile(
          ast.phi,
          group.map((s) => ({ upper: Number(s.labels.le === '+Inf' ? Infinity : s.labels.le), count: s.value })),
        ),
      }));
    case 'aggregate': {
      const samples = evaluate(ast.input, plan);
      const key = (l: Labels) => (ast.by ? only(l, ast.by) : ast.without ? without(l, ast.without) : {});
      return groupBy(samples, key).map(([labels, group]) => ({ labels, value: aggregateValue(ast.fn, group.map((s) => s.value)) }));
    }
    case 'binary':
      return binary(ast, plan);
    case 'alwaysOne':
      return [{ labels: {}, value: 1 }];
    case 'absent': {
      const present = evaluate(ast.series, plan);
      if (present.length) return [];
      const series = ast.series.ast;
      const labels = series.op === 'selector' ? Object.fromEntries(series.matchers.filter((m) => m.op === '=').map((m) => [m.label, m.value])) : {};
      return [{ labels, value: 1 }];
    }
  }
}

type BinaryAst = Extract<Expr['ast'], { op: 'binary' }>;

const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
};
const COMPARISON: Record<string, (a: number, b: number) => boolean> = {
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

function binary(ast: BinaryAst, plan: Plan): Sample[] {
  // The evaluator works relative to the evaluation time: time() is 0, and a
  // clock series (planned against time()) holds its offset from it.
  const numberOf = (e: Expr) => (e.ast.op === 'number' ? e.ast.value : e.ast.op === 'time' ? 0 : undefined);
  const ln = numberOf(ast.left);
  const rn = numberOf(ast.right);
  const left = ln === undefined ? evaluate(ast.left, plan) : [];
  const right = rn === undefined ? evaluate(ast.right, plan) : [];
  const signature = (l: Labels) => labelsKey(ast.on ? only(l, ast.on) : without(l, ast.ignoring ?? []));
  if (ast.operator === 'and' || ast.operator === 'unless') {
    const keys = new Set(right.map((s) => signature(s.labels)));
    return left.filter((s) => keys.has(signature(s.labels)) === (ast.operator === 'and'));
  }
  if (ast.operator === 'or') {
    const keys = new Set(left.map((s) => signature(s.labels)));
    return [...left, ...right.filter((s) => !keys.has(signature(s.labels)))];
  }
  const arithmetic = ARITHMETIC[ast.operator];
  const compare = COMPARISON[ast.operator];
  if (!arithmetic && !compare) throw new Unsupported(`operator ${ast.operator}`);
  const apply = (a: number, b: number, labels: Labels, keep: number): Sample[] =>
    arithmetic ? [{ labels, value: arithmetic(a, b) }] : compare(a, b) ? [{ labels, value: keep }] : [];
  if (ln !== undefined) return right.flatMap((s) => apply(ln, s.value, s.labels, s.value));
  if (rn !== undefined) return left.flatMap((s) => apply(s.value, rn, s.labels, s.value));
  const byKey = new Map(right.map((s) => [signature(s.labels), s]));
  return left.flatMap((s) => {
    const match = byKey.get(signature(s.labels));
    return match ? apply(s.value, match.value, s.labels, s.value) : [];
  });
}

function aggregateValue(fn: string, values: number[]): number {
  switch (fn) {
    case 'sum':
      return values.reduce((a, b) => a + b, 0);
    case 'avg':
      return values.reduce((a, b) => a + b, 0) / values.length;
    case 'min':
      return Math.min(...values);
    case 'max':
      return Math.max(...values);
    case 'count':
      return values.length;
    default:
      throw new Unsupported(`${fn}() over generated series`);
  }
}

/** Prometheus' bucketQuantile: linear interpolation inside the bucket holding the rank. */
export function bucketQuantile(phi: number, buckets: { upper: number; count: number }[]): number {
  const sorted = [...buckets].sort((a, b) => a.upper - b.upper);
  if (sorted.length < 2 || sorted[sorted.length - 1].upper !== Infinity) return NaN;
  const total = sorted[sorted.length - 1].count;
  if (total === 0) return NaN;
  const rank = phi * total;
  const b = sorted.findIndex((x) => x.count >= rank);
  if (b === sorted.length - 1) return sorted[sorted.length - 2].upper;
  if (b === 0 && sorted[0].upper <= 0) return sorted[0].upper;
  const start = b === 0 ? 0 : sorted[b - 1].upper;
  const below = b === 0 ? 0 : sorted[b - 1].count;
  return start + (sorted[b].upper - start) * ((rank - below) / (sorted[b].count - below));
}

function groupBy(samples: readonly Sample[], key: (l: Labels) => Labels): [Labels, Sample[]][] {
  const groups = new Map<string, [Labels, Sample[]]>();
  for (const s of samples) {
    const labels = key(s.labels);
    const id = labelsKey(labels);
    const group = groups.get(id);
    if (group) group[1].push(s);
    else groups.set(id, [labels, [s]]);
  }
  return [...groups.values()];
}

export function only(labels: Labels, keep: readonly string[]): Labels {
  return picked(labels, (name) => keep.includes(name));
}

export function without(labels: Labels, drop: readonly string[]): Labels {
  return picked(labels, (name) => !drop.includes(name));
}

/** The labels whose names `keep` accepts, in their order. */
function picked(labels: Labels, keep: (name: string) => boolean): Labels {
  const out: Record<string, string> = {};
  for (const name of Object.keys(labels)) if (keep(name)) out[name] = labels[name];
  return out;
}
