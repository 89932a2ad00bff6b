import type { SyntaxNode } from '@lezer/common';
import { LabelMatcher, parsePromQL, syntaxTree } from '../promql';
import { ComparisonOp, Threshold } from './model';

const COMPARISONS: Record<string, ComparisonOp> = { Gtr: '>', Gte: '>=', Lss: '<', Lte: '<=', Eql: '==', Neq: '!=' };
const MIRRORED: Record<ComparisonOp, ComparisonOp> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=', '==': '==', '!=': '!=' };

/** Collapses whitespace outside string literals, so that layout changes are no change. */
export function normalizePromQL(text: string): string {
  const tree = syntaxTree(text);
  const strings: [number, number][] = [];
  tree.iterate({ enter: (ref) => void (ref.name === 'StringLiteral' && strings.push([ref.from, ref.to])) });
  let out = '';
  let at = 0;
  // Only outside string literals: inside one, a space is part of a regex or a label value.
  const tidy = (code: string) => code.replace(/\s+/g, ' ').replace(/\(\s/g, '(').replace(/\s\)/g, ')');
  for (const [from, to] of [...strings, [text.length, text.length] as [number, number]]) {
    out += tidy(text.slice(at, from)) + text.slice(from, to);
    at = to;
  }
  return out.trim();
}

/**
 * Every comparison of the expression with a number (`x > 0.1`, `0.1 < x`
 * read as `> 0.1`), in text order; `bool` comparisons are values, not filters.
 */
export function thresholdsOf(expr: string): Threshold[] {
  const out: Threshold[] = [];
  syntaxTree(expr).iterate({
    enter: (ref) => {
      if (ref.name !== 'BinaryExpr') return;
      const children = childOps(ref.node);
      const opNode = children.find((n) => COMPARISONS[n.name]);
      if (!opNode || children.some((n) => n.name === 'BoolModifier')) return;
      const number = (n: SyntaxNode | null) => (n?.name === 'NumberDurationLiteral' ? Number(expr.slice(n.from, n.to)) : undefined);
      const op = COMPARISONS[opNode.name];
      const right = number(ref.node.lastChild);
      const left = number(ref.node.firstChild);
      if (right !== undefined) out.push({ op, value: right });
      else if (left !== undefined) out.push({ op: MIRRORED[op], value: left });
    },
  });
  return out;
}

function childOps(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** Names of the vector selectors in an expression, in order. */
export function selectorNames(expr: string): string[] {
  const names: string[] = [];
  syntaxTree(expr).iterate({
    enter: (ref) => {
      if (ref.name !== 'VectorSelector') return;
      const id = ref.node.getChild('Identifier');
      if (id) names.push(expr.slice(id.from, id.to));
    },
  });
  return names;
}

/** One rule recording a name; several packs may record the same name for their own jobs. */
export interface RecordedDefinition {
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The expression with each selector of a recording rule replaced by the
 * rule's own expression in parentheses, recursively; a matcher on the
 * reference (`{job="x"}`) is kept after the parentheses, so the text shows
 * the filter though it is no longer PromQL Prometheus would run. Of a name
 * recorded by several rules, those whose fixed labels or selectors contradict
 * the reference's `=` matchers are left out (another pack's job); the rest
 * are joined with `or`, which is what the selector returns.
 */
export function expandRecordingRules(expr: string, recorded: ReadonlyMap<string, readonly RecordedDefinition[]>, seen: readonly string[] = []): { text: string; reads: string[] } {
  const reads: string[] = [];
  const replacements: { from: number; to: number; text: string }[] = [];
  syntaxTree(expr).iterate({
    enter: (ref) => {
      if (ref.name !== 'VectorSelector') return;
      const id = ref.node.getChild('Identifier');
      const name = id ? expr.slice(id.from, id.to) : '';
      const definitions = recorded.get(name);
      if (!definitions || seen.includes(name)) return;
      const wanted = equalityMatchers(parsePromQL(expr.slice(ref.from, ref.to)).selectors[0]?.matchers ?? []);
      const fitting = definitions.filter((d) => !contradicts(d, wanted));
      const expanded = (fitting.length ? fitting : definitions).map((d) => expandRecordingRules(d.expr, recorded, [...seen, name]));
      reads.push(name, ...expanded.flatMap((e) => e.reads));
      const matchers = ref.node.getChild('LabelMatchers');
      const inner = expanded.map((e) => e.text).join(' or ');
      replacements.push({ from: ref.from, to: ref.to, text: `(${inner})${matchers ? expr.slice(matchers.from, matchers.to) : ''}` });
    },
  });
  let text = expr;
  for (const r of replacements.reverse()) text = text.slice(0, r.from) + r.text + text.slice(r.to);
  return { text, reads: [...new Set(reads)] };
}

function equalityMatchers(matchers: readonly LabelMatcher[]): Map<string, string> {
  return new Map(matchers.filter((m) => m.op === '=' && m.label !== '__name__').map((m) => [m.label, m.value]));
}

function contradicts(definition: RecordedDefinition, wanted: ReadonlyMap<string, string>): boolean {
  const differs = (label: string, value: string) => wanted.has(label) && wanted.get(label) !== value;
  if (Object.entries(definition.labels).some(([l, v]) => differs(l, v))) return true;
  return parsePromQL(definition.expr).selectors.some((s) => [...equalityMatchers(s.matchers)].some(([l, v]) => differs(l, v)));
}

/** Aggregations that pick samples and keep every label of the input, `by` or not. */
const KEEPS_INPUT_LABELS = ['Topk', 'Bottomk', 'LimitK', 'LimitRatio'];
const NO_LABELS = ['Vector', 'Time', 'Scalar', 'Pi'];
const SCALAR_FUNCTIONS = ['Scalar', 'Time', 'Pi'];

/**
 * The labels an expression's result series may carry, by PromQL's rules:
 * `by`/`without`, vector matching (`on` keeps its labels, `ignoring` drops
 * its own, `group_left`/`group_right` keep the many side's and add the
 * named), `absent()`, `label_replace()`; a recorded name adds the labels of
 * the rules that may record it (as expandRecordingRules picks them). A
 * selector is taken to carry `job`, `instance` and the labels it matches to a
 * value: a label the exporter adds that nothing names is not seen.
 */
export function seriesLabels(expr: string, recorded: ReadonlyMap<string, readonly RecordedDefinition[]> = new Map(), seen: readonly string[] = []): Set<string> {
  const text = (n: SyntaxNode | null | undefined) => (n ? expr.slice(n.from, n.to) : '');
  const grouping = (n: SyntaxNode | null | undefined) => (n ? childOps(n).filter((c) => c.name === 'LabelName').map(text) : []);
  const inner = (n: SyntaxNode) => childOps(n).find((c) => c.name.endsWith('Expr') || c.name.endsWith('Selector') || c.name === 'FunctionCall' || c.name === 'NumberDurationLiteral') ?? null;
  const isScalar = (n: SyntaxNode | null): boolean => {
    if (!n) return false;
    if (n.name === 'NumberDurationLiteral') return true;
    if (n.name === 'ParenExpr' || n.name === 'UnaryExpr') return isScalar(inner(n));
    if (n.name === 'FunctionCall') return SCALAR_FUNCTIONS.includes(n.getChild('FunctionIdentifier')?.firstChild?.name ?? '');
    if (n.name === 'BinaryExpr') return isScalar(n.firstChild) && isScalar(n.lastChild);
    return false;
  };
  const visit = (n: SyntaxNode | null): Set<string> => {
    if (!n) return new Set();
    switch (n.name) {
      case 'PromQL':
      case 'ParenExpr':
      case 'UnaryExpr':
      case 'OffsetExpr':
      case 'SubqueryExpr':
      case 'MatrixSelector':
      case 'StepInvariantExpr':
        return visit(inner(n));
      case 'VectorSelector': {
        const name = text(n.getChild('Identifier'));
        const matchers = parsePromQL(text(n)).selectors[0]?.matchers ?? [];
        // `l=""` selects series without l.
        const own = new Set(['job', 'instance', ...matchers.filter((m) => !(m.op === '=' && m.value === '')).map((m) => m.label)]);
        const definitions = recorded.get(name);
        if (!definitions || seen.includes(name)) return own;
        const wanted = equalityMatchers(matchers);
        const fitting = definitions.filter((d) => !contradicts(d, wanted));
        for (const d of fitting.length ? fitting : definitions) {
          for (const l of [...seriesLabels(d.expr, recorded, [...seen, name]), ...Object.keys(d.labels)]) own.add(l);
        }
        return own;
      }
      case 'AggregateExpr': {
        const op = n.getChild('AggregateOp')?.firstChild?.name ?? '';
        const body = n.getChild('FunctionCallBody');
        const input = visit(childOps(body as SyntaxNode).filter((c) => c.name !== 'StringLiteral' && c.name !== 'NumberDurationLiteral' && c.name !== ',').pop() ?? null);
        if (KEEPS_INPUT_LABELS.includes(op)) return input;
        const modifier = n.getChild('AggregateModifier');
        const labels = grouping(modifier?.getChild('GroupingLabels'));
        const out = modifier?.getChild('Without') ? new Set([...input].filter((l) => !labels.includes(l))) : new Set(labels);
        if (op === 'CountValues') out.add(JSON.parse(text(body?.getChild('StringLiteral')) || '""') as string);
        return out;
      }
      case 'FunctionCall': {
        const fn = n.getChild('FunctionIdentifier')?.firstChild?.name ?? '';
        const args = childOps(n.getChild('FunctionCallBody') as SyntaxNode).filter((c) => c.name !== ',');
        if (NO_LABELS.includes(fn)) return new Set();
        if (fn === 'Absent' || fn === 'AbsentOverTime') return new Set(equalityMatchers(parsePromQL(text(args[0])).selectors[0]?.matchers ?? []).keys());
        const result = visit(args.find((a) => a.name !== 'StringLiteral' && a.name !== 'NumberDurationLiteral') ?? null);
        if (fn === 'LabelReplace' || fn === 'LabelJoin') result.add(JSON.parse(text(args[1])) as string);
        if (fn === 'HistogramQuantile') result.delete('le');
        return result;
      }
      case 'BinaryExpr': {
        const [left, right] = [n.firstChild, n.lastChild];
        if (isScalar(left)) return visit(right);
        if (isScalar(right)) return visit(left);
        const [l, r] = [visit(left), visit(right)];
        if (n.getChild('Or')) return new Set([...l, ...r]);
        if (n.getChild('And') || n.getChild('Unless')) return l;
        const clause = n.getChild('MatchingModifierClause');
        const matching = grouping(clause?.getChild('GroupingLabels'));
        const include = (side: string) => grouping(clause?.getChild(side)?.nextSibling);
        if (clause?.getChild('GroupLeft')) return new Set([...l, ...include('GroupLeft')]);
        if (clause?.getChild('GroupRight')) return new Set([...r, ...include('GroupRight')]);
        if (clause?.getChild('On')) return new Set([...l].filter((x) => matching.includes(x)));
        if (clause?.getChild('Ignoring')) return new Set([...l].filter((x) => !matching.includes(x)));
        return l;
      }
      default:
        return new Set();
    }
  };
  const labels = visit(syntaxTree(expr).topNode);
  labels.delete('__name__');
  return labels;
}
