import { Token, TokenType, lex } from './lex';
import { TextMemo } from '../text-memo';

/**
 * The parser of Go's text/template (src/text/template/parse/parse.go,
 * go1.19) without the tree: only what `Template.Parse` refuses, with Go's
 * messages. Prometheus parses every annotation and alert label this way when
 * it loads a rule file (and promtool when it checks one); Alertmanager parses
 * its template files at load and inline notification templates at send time.
 */

export interface GoTemplateOptions {
  /** Function names the server defines, Go's builtins included. Never changed once used: verdicts are remembered by this set. */
  readonly functions: ReadonlySet<string>;
  /** Variables declared before the text (Prometheus prepends `{{$labels := .Labels}}`…). `$` always is. @default none */
  readonly variables?: readonly string[];
}

class ParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

type Node = 'end' | 'else' | 'elseIf' | 'other';

/** Go's item.String(), for "unexpected … in …". */
function describe(token: Token): string {
  if (token.type === 'eof') return 'EOF';
  if (token.type === 'error') return token.value;
  // Go lists `.` and `nil` among its keywords.
  if (token.type === 'keyword' || token.type === 'nil' || token.type === 'dot') return `<${token.value}>`;
  if ([...token.value].length > 10) return `${goQuote([...token.value].slice(0, 10).join(''))}...`;
  return goQuote(token.value);
}

/** Go's %q of a string (close enough for messages: JSON escapes). */
function goQuote(value: string): string {
  return JSON.stringify(value);
}

/** Operand kinds that cannot start a later pipeline stage (Go's checkPipeline). */
type Operand = 'bool' | 'dot' | 'nil' | 'number' | 'string' | 'other';

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  private vars: string[];
  private rangeDepth = 0;
  /** Line of the action being read, for Go's "in action started at" (0 between actions). */
  private actionLine = 0;

  constructor(
    text: string,
    private readonly options: GoTemplateOptions,
  ) {
    // `break` and `continue` are keywords unless a function of that name exists (Go 1.18+).
    this.tokens = lex(text).map((t) => (t.type === 'keyword' && (t.value === 'break' || t.value === 'continue') && options.functions.has(t.value) ? { ...t, type: 'identifier' } : t));
    this.vars = ['$', ...(options.variables ?? [])];
  }

  private next(): Token {
    const token = this.tokens[Math.min(this.index, this.tokens.length - 1)];
    this.index++;
    return token;
  }

  private backup(n = 1): void {
    this.index -= n;
  }

  private peek(): Token {
    const token = this.next();
    this.backup();
    return token;
  }

  private nextNonSpace(): Token {
    let token = this.next();
    while (token.type === 'space') token = this.next();
    return token;
  }

  private peekNonSpace(): Token {
    const at = this.index;
    const token = this.nextNonSpace();
    this.index = at;
    return token;
  }

  private fail(message: string, token?: Token): never {
    throw new ParseError(message, token?.line ?? this.tokens[Math.min(this.index, this.tokens.length) - 1]?.line ?? 1);
  }

  private unexpected(token: Token, context: string): never {
    if (token.type === 'error') {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at line ${this.actionLine}`;
        // Go avoids "unclosed action in action started at".
        if (token.value.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.fail(`${token.value}${extra}`, token);
    }
    this.fail(`unexpected ${describe(token)} in ${context}`, token);
  }

  private expect(type: TokenType, context: string): Token {
    const token = this.nextNonSpace();
    if (token.type !== type) this.unexpected(token, context);
    return token;
  }

  /** The whole text: text, actions and definitions, up to EOF. */
  parse(): void {
    for (;;) {
      const token = this.peek();
      if (token.type === 'eof') return;
      if (token.type === 'leftDelim') {
        const at = this.index;
        this.next();
        const after = this.nextNonSpace();
        if (after.type === 'keyword' && after.value === 'define') {
          this.definition();
          continue;
        }
        this.index = at;
      }
      const node = this.textOrAction();
      if (node === 'end' || node === 'else' || node === 'elseIf') this.fail(`unexpected {{${node === 'end' ? 'end' : 'else'}}}`);
    }
  }

  /** `{{define "name"}} … {{end}}`: a template of its own, with only `$` declared. */
  private definition(): void {
    this.expectName('define clause');
    this.expect('rightDelim', 'define clause');
    this.ownTemplate('define clause');
  }

  private ownTemplate(context: string): void {
    const outer = this.vars;
    this.vars = ['$'];
    try {
      const [, end] = this.itemList();
      if (end !== 'end') this.fail(`unexpected {{else}} in ${context}`);
    } finally {
      this.vars = outer;
    }
  }

  private expectName(context: string): void {
    const token = this.nextNonSpace();
    if (token.type !== 'string' && token.type !== 'rawString') this.unexpected(token, context);
    this.unquote(token);
  }

  /** Nodes up to {{end}} or {{else}}, which it returns (the first element is unused: Go returns the list). */
  private itemList(): [number, Node] {
    for (;;) {
      if (this.peekNonSpace().type === 'eof') this.fail('unexpected EOF');
      const node = this.textOrAction();
      if (node !== 'other') return [0, node];
    }
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'text':
        return 'other';
      case 'leftDelim':
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      default:
        this.unexpected(token, 'input');
    }
  }

  private action(): Node {
    const token = this.nextNonSpace();
    if (token.type === 'keyword') {
      switch (token.value) {
        case 'block':
          return this.blockControl();
        case 'break':
        case 'continue':
          return this.loopControl(token.value);
        case 'else':
          return this.elseControl();
        case 'end':
          this.expect('rightDelim', 'end');
          return 'end';
        case 'if':
          return this.control(true, 'if');
        case 'range':
          this.rangeDepth++;
          try {
            return this.control(false, 'range');
          } finally {
            this.rangeDepth--;
          }
        case 'template':
          return this.templateControl();
        case 'with':
          return this.control(false, 'with');
      }
    }
    this.backup();
    this.pipeline('command', 'rightDelim');
    return 'other';
  }

  private loopControl(word: 'break' | 'continue'): Node {
    const token = this.nextNonSpace();
    if (token.type !== 'rightDelim') this.unexpected(token, `{{${word}}}`);
    if (this.rangeDepth === 0) this.fail(`{{${word}}} outside {{range}}`, token);
    return 'other';
  }

  private elseControl(): Node {
    // "{{else if …}}" is the start of a nested if.
    const peek = this.peekNonSpace();
    if (peek.type === 'keyword' && peek.value === 'if') return 'elseIf';
    this.expect('rightDelim', 'else');
    return 'else';
  }

  private control(allowElseIf: boolean, context: string): Node {
    const depth = this.vars.length;
    try {
      this.pipeline(context, 'rightDelim');
      const [, next] = this.itemList();
      if (next === 'end') return 'other';
      if (next === 'elseIf' && allowElseIf) {
        // {{else if x}} … is {{else}}{{if x}} … {{end}}{{end}}: the nested if's end ends both.
        this.nextNonSpace();
        return this.control(true, 'if');
      }
      // In range and with, the "if" after else is left pending and parsed as input.
      const [, last] = this.itemList();
      if (last !== 'end') this.fail('expected end; found {{else}}');
      return 'other';
    } finally {
      this.vars.length = depth;
    }
  }

  private templateControl(): Node {
    this.expectName('template clause');
    if (this.nextNonSpace().type !== 'rightDelim') {
      this.backup();
      this.pipeline('template clause', 'rightDelim');
    }
    return 'other';
  }

  private blockControl(): Node {
    this.expectName('block clause');
    this.pipeline('block clause', 'rightDelim');
    this.ownTemplate('block clause');
    return 'other';
  }

  private pipeline(context: string, end: TokenType): void {
    let declarations = 0;
    for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== 'variable') break;
      const at = this.index;
      this.nextNonSpace();
      const next = this.peekNonSpace();
      if (next.type === 'assign' || next.type === 'declare') {
        this.nextNonSpace();
        this.vars.push(v.value);
        declarations++;
        break;
      }
      if (next.type === 'char' && next.value === ',') {
        this.nextNonSpace();
        this.vars.push(v.value);
        declarations++;
        if (context === 'range' && declarations < 2) {
          const after = this.peekNonSpace().type;
          if (after === 'variable' || after === 'rightDelim' || after === 'rightParen') continue;
          this.fail('range can only initialize variables');
        }
        this.fail(`too many declarations in ${context}`);
      }
      this.index = at;
      break;
    }
    const commands: Operand[] = [];
    for (;;) {
      const token = this.nextNonSpace();
      if (token.type === end) {
        // Go's checkPipeline, once the whole pipeline is read.
        if (commands.length === 0) this.fail(`missing value for ${context}`, token);
        const stage = commands.findIndex((first, i) => i > 0 && first !== 'other');
        if (stage > 0) this.fail(`non executable command in pipeline stage ${stage + 1}`, token);
        return;
      }
      if (['bool', 'charConstant', 'dot', 'field', 'identifier', 'number', 'nil', 'rawString', 'string', 'variable', 'leftParen'].includes(token.type)) {
        this.backup();
        commands.push(this.command());
      } else this.unexpected(token, context);
    }
  }

  /** One command: its operands, up to `|` or the end; returns the kind of its first operand. */
  private command(): Operand {
    let first: Operand | undefined;
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand !== undefined) first ??= operand;
      const token = this.next();
      if (token.type === 'space') continue;
      if (token.type === 'rightDelim' || token.type === 'rightParen') this.backup();
      else if (token.type !== 'pipe') this.unexpected(token, 'operand');
      break;
    }
    if (first === undefined) this.fail('empty command');
    return first;
  }

  private operand(): Operand | undefined {
    const term = this.term();
    if (term === undefined) return undefined;
    if (this.peek().type === 'field') {
      while (this.peek().type === 'field') this.next();
      if (term.kind !== 'other') this.fail(`unexpected . after term ${goQuote(term.text)}`);
      return 'other';
    }
    return term.kind;
  }

  private term(): { kind: Operand; text: string } | undefined {
    const token = this.nextNonSpace();
    switch (token.type) {
      case 'identifier':
        if (!this.options.functions.has(token.value)) this.fail(`function ${goQuote(token.value)} not defined`, token);
        return { kind: 'other', text: token.value };
      case 'dot':
        return { kind: 'dot', text: '.' };
      case 'nil':
        return { kind: 'nil', text: 'nil' };
      case 'variable':
        if (!this.vars.includes(token.value)) this.fail(`undefined variable ${goQuote(token.value)}`, token);
        return { kind: 'other', text: token.value };
      case 'field':
        return { kind: 'other', text: token.value };
      case 'bool':
        return { kind: 'bool', text: token.value };
      case 'charConstant':
      case 'number':
        this.number(token);
        return { kind: 'number', text: token.value };
      case 'leftParen':
        this.pipeline('parenthesized pipeline', 'rightParen');
        return { kind: 'other', text: '(…)' };
      case 'string':
      case 'rawString':
        this.unquote(token);
        return { kind: 'string', text: token.value };
      default:
        this.backup();
        return undefined;
    }
  }

  /** Go's newNumber: an int, float, complex or character literal. */
  private number(token: Token): void {
    const text = token.value;
    if (token.type === 'charConstant') {
      if (!/^'(?:[^\\']|\\(?:[abfnrtv\\'"]|[0-7]{3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}))'$/u.test(text)) this.fail(`malformed character constant: ${text}`, token);
      return;
    }
    const digits = '(?:\\d(?:_?\\d)*)';
    const literal = new RegExp(
      // A hex float needs its p exponent (strconv.ParseFloat).
      `^[+-]?(?:0[xX](?:_?[0-9a-fA-F])+|0[xX](?:(?:_?[0-9a-fA-F])+(?:\\.(?:[0-9a-fA-F](?:_?[0-9a-fA-F])*)?)?|\\.[0-9a-fA-F](?:_?[0-9a-fA-F])*)[pP][+-]?${digits}|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|${digits}(?:\\.${digits}?)?(?:[eE][+-]?${digits})?|\\.${digits}(?:[eE][+-]?${digits})?)i?$`,
    );
    if (!literal.test(text)) this.fail(`illegal number syntax: ${goQuote(text)}`, token);
    // An integer-looking literal Go cannot read as an integer (08 is octal; 2^64 and more) but can as a float.
    const unsigned = text.replace(/^[+-]/, '').replace(/_/g, '');
    if (/^\d+$/.test(unsigned) && ((unsigned.length > 1 && unsigned.startsWith('0') && /[89]/.test(unsigned)) || BigInt(unsigned) > (text.startsWith('-') ? 2n ** 63n : 2n ** 64n - 1n))) {
      this.fail(`integer overflow: ${goQuote(text)}`, token);
    }
  }

  private unquote(token: Token): void {
    if (token.type === 'rawString') return;
    if (/\\(?![abfnrtv\\'"]|[0-7]{3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/.test(token.value.slice(1, -1))) this.fail('invalid syntax', token);
  }
}

/**
 * The parse error Go's text/template gives for `text`, or undefined when it
 * parses: Go's message without the `template: <name>:` prefix, led by the
 * line when the text has several, e.g. `function "humanise" not defined`.
 */
export function goTemplateProblem(text: string, options: GoTemplateOptions): string | undefined {
  let byVariables = verdicts.get(options.functions);
  if (!byVariables) verdicts.set(options.functions, (byVariables = new Map()));
  // JSON, not a join: `['$a b']` and `['$a', 'b']` are different variables.
  const variables = JSON.stringify(options.variables ?? []);
  let byText = byVariables.get(variables);
  if (!byText) byVariables.set(variables, (byText = new TextMemo()));
  return byText.get(text, (t) => parseProblem(t, options));
}

/**
 * Verdicts by function set, then by variables, then by text: every environment checks the same annotations
 * (and Alertmanager the same templates), and a verdict depends on nothing else. Keyed by the text itself, not
 * a new string of variables and text: hashing that meant copying every annotation at every check. A synth has
 * one or two sets of variables (rule annotations, Alertmanager templates), each with a bounded memo.
 */
const verdicts = new WeakMap<ReadonlySet<string>, Map<string, TextMemo<string | undefined>>>();

function parseProblem(text: string, options: GoTemplateOptions): string | undefined {
  try {
    new Parser(text, options).parse();
    return undefined;
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return text.includes('\n') ? `line ${error.line}: ${error.message}` : error.message;
  }
}
