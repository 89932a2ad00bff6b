/**
 * The lexer of Go's text/template (src/text/template/parse/lex.go, go1.19,
 * the Go that built Debian bookworm's Prometheus 2.42 and Alertmanager 0.25),
 * ported for its errors: a template that lexes here lexes there, and a lexing
 * error is reported with Go's words.
 */

export type TokenType =
  | 'text'
  | 'leftDelim'
  | 'rightDelim'
  | 'space'
  | 'identifier'
  | 'keyword'
  | 'bool'
  | 'nil'
  | 'dot'
  | 'field'
  | 'variable'
  | 'number'
  | 'charConstant'
  | 'string'
  | 'rawString'
  | 'leftParen'
  | 'rightParen'
  | 'pipe'
  | 'assign'
  | 'declare'
  | 'char'
  | 'error'
  | 'eof';

export interface Token {
  readonly type: TokenType;
  readonly value: string;
  readonly line: number;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'template', 'with']);
const SPACE = /[ \t\r\n]/;
const ALNUM = /[\p{L}\p{Nd}_]/u;

/** Go's `%#U` of a character, e.g. `U+007D '}'`. */
export function goRune(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} '${ch}'`;
}

/** Every token of `text`, ending with `eof` or with the first `error`. */
export function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;
  let done = false;

  const emit = (type: TokenType) => {
    tokens.push({ type, value: text.slice(start, pos), line: startLine });
    start = pos;
    startLine = line;
  };
  const fail = (message: string) => {
    tokens.push({ type: 'error', value: message, line: startLine });
    done = true;
  };
  const advance = (n = 1) => {
    for (let i = 0; i < n && pos < text.length; i++) {
      if (text[pos] === '\n') line++;
      pos++;
    }
  };
  const skip = () => {
    start = pos;
    startLine = line;
  };
  const peek = (offset = 0) => text[pos + offset];
  const atRightDelim = () => {
    if (text.startsWith(' -}}', pos) || text.startsWith('\t-}}', pos) || text.startsWith('\r-}}', pos) || text.startsWith('\n-}}', pos)) return { trim: true };
    if (text.startsWith('}}', pos)) return { trim: false };
    return undefined;
  };
  // Go's atTerminator: what may follow an identifier, field or variable.
  const atTerminator = () => {
    const r = peek();
    // The first character of the right delimiter ends a word too.
    return r === undefined || SPACE.test(r) || '.,|:)(}'.includes(r);
  };

  const lexText = () => {
    const at = text.indexOf('{{', pos);
    if (at < 0) {
      advance(text.length - pos);
      if (pos > start) emit('text');
      tokens.push({ type: 'eof', value: '', line });
      done = true;
      return;
    }
    advance(at - pos);
    if (pos > start) emit('text');
    lexLeftDelim();
  };

  const lexLeftDelim = () => {
    advance(2);
    const trim = peek() === '-' && peek(1) !== undefined && SPACE.test(peek(1));
    if (trim) advance(2);
    // A comment: {{/* … */}} or {{- /* … */ -}}, with nothing but the delimiters around it.
    if (text.startsWith('/*', pos)) {
      const end = text.indexOf('*/', pos + 2);
      if (end < 0) return fail('unclosed comment');
      advance(end + 2 - pos);
      const delim = atRightDelim();
      if (!delim) return fail('comment ends before closing delimiter');
      advance(delim.trim ? 4 : 2);
      skip();
      return;
    }
    emit('leftDelim');
    parenDepth = 0;
    lexInsideAction();
  };

  const lexInsideAction = () => {
    while (!done) {
      const delim = atRightDelim();
      if (delim) {
        if (parenDepth) return fail('unclosed left paren');
        if (delim.trim) {
          advance(1);
          skip();
        }
        advance(delim.trim ? 3 : 2);
        emit('rightDelim');
        return;
      }
      const r = peek();
      if (r === undefined) return fail('unclosed action');
      if (SPACE.test(r)) {
        while (peek() !== undefined && SPACE.test(peek()) && !atRightDelim()) advance();
        emit('space');
      } else if (r === '=') {
        advance();
        emit('assign');
      } else if (r === ':') {
        advance();
        if (peek() !== '=') return fail('expected :=');
        advance();
        emit('declare');
      } else if (r === '|') {
        advance();
        emit('pipe');
      } else if (r === '"') {
        if (!lexQuoted('"', 'string', 'unterminated quoted string')) return;
      } else if (r === '`') {
        const end = text.indexOf('`', pos + 1);
        if (end < 0) return fail('unterminated raw quoted string');
        advance(end + 1 - pos);
        emit('rawString');
      } else if (r === "'") {
        if (!lexQuoted("'", 'charConstant', 'unterminated character constant')) return;
      } else if (r === '$') {
        advance();
        if (!lexFieldOrVariable('variable')) return;
      } else if (r === '.') {
        // Go's look-ahead: a digit after the dot, or the end of the input, makes it a number.
        if (peek(1) === undefined || /[0-9]/.test(peek(1))) {
          if (!lexNumber()) return;
        } else {
          advance();
          if (!lexFieldOrVariable('field')) return;
        }
      } else if (r === '+' || r === '-' || /[0-9]/.test(r)) {
        if (!lexNumber()) return;
      } else if (ALNUM.test(r)) {
        while (peek() !== undefined && ALNUM.test(peek())) advance();
        const word = text.slice(start, pos);
        if (!atTerminator()) return fail(`bad character ${goRune(peek())}`);
        emit(KEYWORDS.has(word) ? 'keyword' : word === 'true' || word === 'false' ? 'bool' : word === 'nil' ? 'nil' : 'identifier');
        // An identifier directly followed by .x is a chain of fields.
      } else if (r === '(') {
        advance();
        emit('leftParen');
        parenDepth++;
      } else if (r === ')') {
        advance();
        emit('rightParen');
        parenDepth--;
        if (parenDepth < 0) return fail(`unexpected right paren ${goRune(')')}`);
      } else if (r.charCodeAt(0) <= 0x7f && r >= ' ' && r !== '\x7f') {
        advance();
        emit('char');
      } else {
        return fail(`unrecognized character in action: ${goRune(String.fromCodePoint(text.codePointAt(pos) ?? 0))}`);
      }
    }
  };

  const lexFieldOrVariable = (type: 'field' | 'variable'): boolean => {
    if (atTerminator()) {
      // `$` alone is the variable $; `.` alone is dot.
      emit(type === 'variable' ? 'variable' : 'dot');
      return true;
    }
    while (peek() !== undefined && ALNUM.test(peek())) advance();
    if (!atTerminator()) {
      fail(`bad character ${goRune(peek())}`);
      return false;
    }
    emit(type);
    return true;
  };

  /** A "string" or a 'c'haracter: backslash escapes, and no newline or end of input before the closing quote. */
  const lexQuoted = (quote: string, type: TokenType, unterminated: string): boolean => {
    advance();
    for (;;) {
      const r = peek();
      if (r === '\\') advance();
      if (peek() === undefined || peek() === '\n') {
        fail(unterminated);
        return false;
      }
      if (r !== '\\' && r === quote) {
        advance();
        emit(type);
        return true;
      }
      advance();
    }
  };

  // Go's scanNumber: sign, base prefix, digits with underscores, fraction, exponent, imaginary.
  const lexNumber = (): boolean => {
    if (peek() === '+' || peek() === '-') advance();
    let digits = '0123456789_';
    if (peek() === '0' && peek(1) !== undefined && /[xXoObB]/.test(peek(1))) {
      advance();
      const base = peek().toLowerCase();
      advance();
      digits = base === 'x' ? '0123456789abcdefABCDEF_' : base === 'o' ? '01234567_' : '01_';
    }
    const run = (set: string) => {
      while (peek() !== undefined && set.includes(peek())) advance();
    };
    run(digits);
    if (peek() === '.') {
      advance();
      run(digits);
    }
    if (digits.length === 11 && peek() !== undefined && /[eE]/.test(peek())) {
      advance();
      if (peek() === '+' || peek() === '-') advance();
      run('0123456789_');
    }
    if (digits.length === 23 && peek() !== undefined && /[pP]/.test(peek())) {
      advance();
      if (peek() === '+' || peek() === '-') advance();
      run('0123456789_');
    }
    if (peek() === 'i') advance();
    if (peek() !== undefined && ALNUM.test(peek())) {
      advance();
      fail(`bad number syntax: "${text.slice(start, pos)}"`);
      return false;
    }
    emit('number');
    return true;
  };

  while (!done) lexText();
  return tokens;
}
