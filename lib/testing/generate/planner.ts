import { Expr, durationMs, formatNumber, matcherMatches, re2Flags } from '../../promql';
import { TextMemo } from '../../text-memo';
import { evaluate, only, without } from './evaluate';
import { CONSTANT_PRESERVING, Labels, MatcherAst, PlannedSeries, SelectorAst, Unsupported, selectorsOf, seriesKey } from './model';

/** The total a ratio's denominator gets; any positive number would do. */
const RATIO_BASE = 100;

/**
 * Builds linear input series so that an expression settles on a demanded
 * value: the inverse of {@link evaluate}, for the shapes rule packs use.
 */
export class SeriesPlanner {
  readonly plan = new Map<string, PlannedSeries>();
  /** Selectors of the whole condition: a filler series must stay out of its siblings. */
  private readonly siblings: SelectorAst[];

  constructor(condition: Expr) {
    this.siblings = selectorsOf(condition);
  }

  /** Makes `expr` evaluate to `value` for the series with `labels`. */
  demand(expr: Expr, value: number, labels: Labels, fresh = false): void {
    const ast = expr.ast;
    switch (ast.op) {
      case 'selector':
        if (ast.recorded) {
          const pinned = Object.fromEntries(ast.matchers.flatMap((m) => (m.op === '=' ? [[m.label, m.value]] : m.op === '=~' ? [[m.label, exampleOf(m)]] : [])));
          return this.demand(ast.recorded.expr, value, without({ ...pinned, ...labels }, Object.keys(ast.recorded.labels)), fresh);
        }
        if (expr.kind !== 'gauge') throw new Unsupported(`raw counter ${ast.name} compared without rate()`);
        return this.put(ast, 'gauge', value, labels, fresh);
      case 'range':
        return this.demandRange(ast, value, labels, fresh);
      case 'histogramQuantile':
        return this.demandQuantile(ast.phi, ast.input, value, labels, fresh);
      case 'aggregate':
        return this.demandAggregate(ast, value, labels, fresh);
      case 'binary':
        return this.demandBinary(ast, value, labels, fresh);
      case 'number':
        if (ast.value !== value) throw new Unsupported(`the constant ${ast.value} cannot become ${value}`);
        return;
      default:
        throw new Unsupported(`${ast.op} inside a compared expression`);
    }
  }

  /** Makes a selector's series exist (value 1, or growing by 1/s for a counter): data that flows. */
  present(series: Expr): void {
    const ast = series.ast;
    if (ast.op !== 'selector' || ast.recorded) throw new Unsupported('absent() of something other than a catalogued series');
    this.put(ast, series.kind === 'gauge' ? 'gauge' : 'counter', 1, {}, false);
  }

  /** The expression's current value for `labels`, if the plan already fixes it. */
  valueOf(expr: Expr, labels: Labels): number | undefined {
    const samples = evaluate(expr, this.plan).filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === undefined || s.labels[k] === v));
    return samples.length === 1 ? samples[0].value : samples.length === 0 ? undefined : NaN;
  }

  private demandRange(ast: Extract<Expr['ast'], { op: 'range' }>, value: number, labels: Labels, fresh: boolean): void {
    const series = ast.series.ast;
    if (series.op !== 'selector') throw new Unsupported(`${ast.fn}() over a subquery`);
    if (series.recorded) {
      if (CONSTANT_PRESERVING.has(ast.fn)) return this.demand(ast.series, value, labels, fresh);
      throw new Unsupported(`${ast.fn}() over a recorded series`);
    }
    if (CONSTANT_PRESERVING.has(ast.fn)) return this.put(series, 'gauge', value, labels, fresh);
    switch (ast.fn) {
      case 'rate':
      case 'irate':
        return this.put(series, 'counter', value, labels, fresh);
      case 'increase':
        return this.put(series, 'counter', value / (durationMs(ast.window) / 1000), labels, fresh);
      default:
        throw new Unsupported(`${ast.fn}() cannot be set to a chosen value by linear series`);
    }
  }

  /**
   * Bucket rates whose quantile is `value`: observations split so that the
   * rank falls inside the bucket around `value` at the right fraction.
   */
  private demandQuantile(phi: number, input: Expr, value: number, labels: Labels, fresh: boolean): void {
    const bounds = bucketsOf(input);
    const i = bounds.findIndex((b) => value <= b);
    if (i < 0 || value <= 0) throw new Unsupported(`quantile ${value} lies outside the buckets ${bounds.join(', ')}`);
    const lo = i === 0 ? 0 : bounds[i - 1];
    const t = (value - lo) / (bounds[i] - lo);
    let below: number;
    let inside: number;
    if (t <= phi && i > 0 && t < 1) {
      below = (phi - t) / (1 - t);
      inside = 1 - below;
    } else if (t > phi) {
      below = 0;
      inside = phi / t;
    } else {
      throw new Unsupported(`quantile ${value} is unreachable in the first bucket of ${bounds.join(', ')}`);
    }
    bounds.forEach((b, j) => {
      const cumulative = j < i ? below : below + inside;
      this.demand(input, cumulative, { ...labels, le: formatNumber(b) }, fresh);
    });
    this.demand(input, 1, { ...labels, le: '+Inf' }, fresh);
  }

  private demandAggregate(ast: Extract<Expr['ast'], { op: 'aggregate' }>, value: number, labels: Labels, fresh: boolean): void {
    const group = ast.by ? only(labels, ast.by) : ast.without ? without(labels, ast.without) : {};
    const existing = this.valuesInGroup(ast.input, group, ast);
    if (existing.length === 0) return this.demand(ast.input, value, labels, fresh);
    const current = ast.fn === 'sum' ? existing.reduce((a, b) => a + b, 0) : undefined;
    if (current !== undefined && close(current, value)) return;
    if (ast.fn === 'sum' && current !== undefined && current < value) return this.demand(ast.input, value - current, labels, true);
    if (existing.length === 1 && close(existing[0], value)) return;
    throw new Unsupported(`${ast.fn}() already holds ${existing.join(', ')} where ${value} is needed`);
  }

  private valuesInGroup(input: Expr, group: Labels, ast: Extract<Expr['ast'], { op: 'aggregate' }>): number[] {
    const key = (l: Labels) => (ast.by ? only(l, ast.by) : ast.without ? without(l, ast.without) : {});
    // The demand may name fewer labels than the group has (job comes from the selector): agree on those it names.
    return evaluate(input, this.plan)
      .filter((s) => Object.entries(group).every(([k, v]) => key(s.labels)[k] === v))
      .map((s) => s.value);
  }

  private demandBinary(ast: Extract<Expr['ast'], { op: 'binary' }>, value: number, labels: Labels, fresh: boolean): void {
    const num = (e: Expr) => (e.ast.op === 'number' ? e.ast.value : undefined);
    const l = num(ast.left);
    const r = num(ast.right);
    const op = ast.operator;
    if (op === '-' && ast.right.ast.op === 'time') return this.demandClock(ast.left, value, labels, fresh);
    if (r !== undefined) {
      const inverse: Record<string, number> = { '+': value - r, '-': value + r, '*': value / r, '/': value * r };
      if (!(op in inverse)) throw new Unsupported(`"${op}" with a constant`);
      return this.demand(ast.left, inverse[op], labels, fresh);
    }
    if (l !== undefined) {
      const inverse: Record<string, number> = { '+': value - l, '-': l - value, '*': value / l, '/': l / value };
      if (!(op in inverse)) throw new Unsupported(`"${op}" with a constant`);
      return this.demand(ast.right, inverse[op], labels, fresh);
    }
    const known = (e: Expr) => {
      const v = this.valueOf(e, labels);
      return v === undefined || Number.isNaN(v) ? undefined : v;
    };
    if (op === '/') {
      const numerator = known(ast.left);
      if (numerator === undefined) this.demand(ast.left, value * RATIO_BASE, labels, fresh);
      const denominator = value === 0 ? RATIO_BASE : (numerator ?? value * RATIO_BASE) / value;
      return this.demand(ast.right, denominator, labels, fresh);
    }
    if (op === '+') {
      const a = known(ast.left);
      const b = known(ast.right);
      if (a !== undefined) return this.demand(ast.right, value - a, labels, fresh);
      if (b !== undefined) return this.demand(ast.left, value - b, labels, fresh);
      this.demand(ast.left, value / 2, labels, fresh);
      return this.demand(ast.right, value / 2, labels, fresh);
    }
    if (op === '-') {
      const b = known(ast.right);
      if (b !== undefined) return this.demand(ast.left, value + b, labels, fresh);
    }
    throw new Unsupported(`"${op}" between two vectors`);
  }

  /** `timestamp - time()` becomes `value`: a gauge that keeps `value` seconds ahead of the evaluation time. */
  private demandClock(expr: Expr, value: number, labels: Labels, fresh: boolean): void {
    const ast = expr.ast;
    if (ast.op !== 'selector' || ast.recorded || expr.kind !== 'gauge') throw new Unsupported('time() subtracted from something other than a catalogued gauge');
    this.put(ast, 'clock', value, labels, fresh);
  }

  /** Adds one series; a fresh one steers clear of the other selectors of the same metric. */
  private put(sel: SelectorAst, kind: PlannedSeries['kind'], value: number, demanded: Labels, fresh: boolean): void {
    if (value < 0 || !Number.isFinite(value)) throw new Unsupported(`series ${sel.name} would need the value ${value}`);
    const labels: Record<string, string> = {};
    for (const [k, v] of Object.entries(demanded)) if (k !== '__name__') labels[k] = v;
    for (const m of sel.matchers) {
      if (labels[m.label] !== undefined) {
        if (!matcherMatches(m, labels[m.label])) throw new Unsupported(`${sel.name}: label ${m.label}="${labels[m.label]}" cannot also match ${m.op}"${m.value}"`);
        continue;
      }
      const chosen = m.op === '=' ? m.value : m.op === '=~' ? exampleOf(m) : undefined;
      if (chosen !== undefined) labels[m.label] = chosen;
    }
    // Every scraped series has an instance; templates print it.
    if (labels.instance === undefined && !sel.matchers.some((m) => m.label === 'instance')) labels.instance = 'test-target:9100';
    if (fresh) this.steerClear(sel, labels);
    const key = seriesKey(sel.name, labels);
    const existing = this.plan.get(key);
    if (existing && !(existing.kind === kind && close(existing.value, value))) {
      throw new Unsupported(`series ${key} would need both ${existing.value} and ${value}`);
    }
    this.plan.set(key, { name: sel.name, labels, kind, value });
  }

  /** Picks label values that the sibling selectors of this metric do not match. */
  private steerClear(sel: SelectorAst, labels: Record<string, string>): void {
    for (const sibling of this.siblings.filter((s) => s.name === sel.name && s !== sel)) {
      const distinguishing = sibling.matchers.find((m) => !sel.matchers.some((own) => own.label === m.label && own.op === '='));
      if (!distinguishing) continue;
      const own = sel.matchers.filter((m) => m.label === distinguishing.label);
      const candidate = ['200', 'ok', 'other', 'none', '0'].find(
        (c) => !matcherMatches(distinguishing, c) && own.every((m) => matcherMatches(m, c)),
      );
      if (candidate === undefined) throw new Unsupported(`no value of ${distinguishing.label} escapes ${distinguishing.op}"${distinguishing.value}"`);
      labels[distinguishing.label] = candidate;
    }
  }
}

/** The histogram bounds under a bucket-rate expression. */
function bucketsOf(expr: Expr): readonly number[] {
  const found = selectorsOf(expr).find((s) => s.buckets);
  if (!found?.buckets) throw new Unsupported('histogram_quantile() over buckets of unknown bounds');
  return found.buckets;
}

/** A value a simple regular expression matches: `5..` → `500`, `a|b` → `a`. Worked out once per pattern. */
export function exampleOf(m: MatcherAst): string {
  return examples.get(`${m.op}${m.value}`, () => findExample(m));
}

const examples = new TextMemo<string>();

function findExample(m: MatcherAst): string {
  const first = re2Flags(m.value)
    .body.split('|')[0]
    .replace(/^\^|\$$/g, '')
    .replace(/^\(|\)$/g, '');
  const candidate = first
    .replace(/\\d/g, '0')
    .replace(/\[([^\]])[^\]]*\]/g, '$1')
    .replace(/\.\*|\.\+/g, 'x')
    .replace(/\./g, '0')
    .replace(/[+*?]/g, '');
  if (!matcherMatches(m, candidate)) throw new Unsupported(`no example value for ${m.label}=~"${m.value}"`);
  return candidate;
}

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}
