import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode, Tree } from '@lezer/common';
import { LabelMatcher, MatchOperator } from './selector';
import { TextMemo } from '../text-memo';
import type { Ast, Expr } from './expr';

/** A vector selector found in PromQL text. */
export interface ParsedSelector {
  readonly name: string;
  readonly matchers: readonly LabelMatcher[];
  /** Inside `absent()` or `absent_over_time()`: the expression watches for the series to vanish. */
  readonly watchedForAbsence: boolean;
}

const ABSENCE_FUNCTIONS = ['absent', 'absent_over_time'];

export interface ParsedPromQL {
  /** Syntax errors, each with the offending position; empty when the text parses. */
  readonly syntaxErrors: readonly string[];
  readonly selectors: readonly ParsedSelector[];
}

const MATCH_OPERATORS: Record<string, MatchOperator> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

const trees = new TextMemo<Tree>();
const parsed = new TextMemo<ParsedPromQL>();

/**
 * The lezer syntax tree of a PromQL text. Trees are immutable, and one synth
 * asks for the same text several times (dashboards, the review's label analysis,
 * raw expressions), so each text is parsed once.
 */
export function syntaxTree(text: string): Tree {
  return trees.get(text, () => parser.parse(text));
}

/**
 * Parses PromQL with Prometheus' own lezer grammar (the one its web UI uses),
 * returning syntax errors and every vector selector in the text.
 */
export function parsePromQL(text: string): ParsedPromQL {
  return parsed.get(text, () => readPromQL(text));
}

/**
 * What an expression reads, and its syntax errors. Typed builders write valid PromQL, reporting as a
 * problem what they cannot (test/promql/typed-selectors.test.ts holds them to the grammar and promtool),
 * so their selectors are read from the structure; text with a raw part is parsed (as `rawText`, the
 * expression's own unless given). A 10 000-rule synth spent a tenth of its time re-parsing what the
 * builders had just written.
 */
export function readExpr(expr: Expr, rawText = expr.promql): ParsedPromQL {
  const selectors = typedSelectors(expr);
  return selectors ? { syntaxErrors: [], selectors } : parsePromQL(rawText);
}

/** A typed expression's selectors in the order its text has them, or undefined where part of it is raw. */
export function typedSelectors(expr: Expr): ParsedSelector[] | undefined {
  const selectors: ParsedSelector[] = [];
  // A recorded series is read by its recorded name: what its rule reads is that rule's business.
  const typed = visitTyped(expr, { selector: (s, around) => selectors.push({ name: s.name, matchers: s.matchers, watchedForAbsence: around.watchedForAbsence }) });
  return typed ? selectors : undefined;
}

type AstOf<Op extends Ast['op']> = Extract<Ast, { op: Op }>;

/** Where a selector stands in a typed expression. */
export interface AroundSelector {
  /** The function its range is passed to (`rate`, `absent_over_time`…), if it is in one. */
  readonly rangeFunction?: string;
  /** Inside `absent()` or `absent_over_time()`. */
  readonly watchedForAbsence: boolean;
}

/** What {@link visitTyped} calls on the way through an expression. */
export interface TypedVisitor {
  readonly selector?: (selector: AstOf<'selector'>, around: AroundSelector) => void;
  /** A function over a range, before the selector it reads. */
  readonly range?: (range: AstOf<'range'>) => void;
}

/**
 * Walks a typed expression in the order its text has its parts, as the parser would meet them; false
 * (having stopped) where part of it is raw, which only parsing can read.
 */
export function visitTyped(expr: Expr, visitor: TypedVisitor, around: AroundSelector = { watchedForAbsence: false }): boolean {
  const ast = expr.ast;
  switch (ast.op) {
    case 'selector':
      visitor.selector?.(ast, around);
      return true;
    case 'range':
      visitor.range?.(ast);
      return visitTyped(ast.series, visitor, { ...around, rangeFunction: ast.fn });
    // absent_over_time() too: its node is an `absent` with a window.
    case 'absent':
      return visitTyped(ast.series, visitor, { watchedForAbsence: true, rangeFunction: ast.window === undefined ? undefined : 'absent_over_time' });
    case 'histogramQuantile':
    case 'aggregate':
      return visitTyped(ast.input, visitor, { watchedForAbsence: around.watchedForAbsence });
    case 'binary':
      return visitTyped(ast.left, visitor, { watchedForAbsence: around.watchedForAbsence }) && visitTyped(ast.right, visitor, { watchedForAbsence: around.watchedForAbsence });
    case 'number':
    case 'time':
    case 'alwaysOne':
      return true;
    case 'raw':
      return false;
  }
}

function readPromQL(text: string): ParsedPromQL {
  const tree = syntaxTree(text);
  const syntaxErrors: string[] = [];
  const selectors: ParsedSelector[] = [];
  tree.iterate({
    enter: (ref) => {
      if (ref.type.isError) {
        const near = text.slice(Math.max(0, ref.from - 15), ref.from + 15);
        syntaxErrors.push(`syntax error at offset ${ref.from} near ${JSON.stringify(near)}`);
      } else if (ref.name === 'VectorSelector') {
        selectors.push(readSelector(ref.node, text));
      }
    },
  });
  if (text.trim() === '') syntaxErrors.push('the expression is empty');
  return { syntaxErrors, selectors };
}

function readSelector(node: SyntaxNode, text: string): ParsedSelector {
  const slice = (n: SyntaxNode | null) => (n ? text.slice(n.from, n.to) : '');
  const matchers: LabelMatcher[] = [];
  for (const m of node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []) {
    const opNode = m.getChild('MatchOp')?.firstChild;
    matchers.push({
      label: slice(m.getChild('LabelName')),
      op: MATCH_OPERATORS[opNode?.name ?? 'EqlSingle'] ?? '=',
      value: unquote(slice(m.getChild('StringLiteral'))),
    });
  }
  let watchedForAbsence = false;
  for (let p = node.parent; p; p = p.parent) {
    if (p.name === 'FunctionCall' && ABSENCE_FUNCTIONS.includes(slice(p.getChild('FunctionIdentifier')))) watchedForAbsence = true;
  }
  return { name: slice(node.getChild('Identifier')), matchers, watchedForAbsence };
}

function unquote(literal: string): string {
  if (literal.startsWith('"')) {
    try {
      return JSON.parse(literal) as string;
    } catch {
      return literal.slice(1, -1);
    }
  }
  return literal.slice(1, -1);
}
