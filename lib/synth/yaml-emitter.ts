import { Scalar } from 'yaml';
import { TextMemo } from '../text-memo';
import { MAX_IMPLICIT_KEY, UNREADABLE_IN_GO, goQuoted } from './go-yaml';

/**
 * A fast YAML emitter for the plain data the renderers build, writing exactly what
 * `yaml`'s stringify writes with toYaml's options (indent 2, sequences indented,
 * no folding, keys in insertion order), or `undefined` for anything outside the
 * cases it copies, which toYaml then gives to the library. An object met twice is
 * written out twice, as the library does with `aliasDuplicateObjects: false`: no
 * reader of these files should have to follow an anchor. The library builds a
 * document of nodes first and costs half of a 10 000-rule synth; this writes the
 * text in one pass. The rules below are the library's (yaml 2.x,
 * stringify/stringifyString.js, schema/core); a property test holds the two to the
 * same bytes, except where the library's bytes are wrong for Go (./go-yaml.ts): there
 * both write YAML's escapes.
 */
export function emitYaml(value: unknown): string | undefined {
  if (!Array.isArray(value) && !isPlainObject(value)) return undefined;
  const text = emitted((emitter) => emitter.collection(value, ''));
  return text === undefined ? undefined : text + '\n';
}

/**
 * One item of a sequence under a top-level key, as emitYaml writes it inside the whole document
 * (`- ` and the item, its lines indented for that place), or `undefined` where it would leave the
 * document to the library. A long sequence can then be written item by item, none kept once written.
 */
export function emitTopLevelItem(item: unknown): string | undefined {
  if (!Array.isArray(item) && !isPlainObject(item)) return undefined;
  return emitted((emitter) => emitter.collection([item], INDENT));
}

/** What `write` makes an emitter write, or undefined where it met something left to the library. */
function emitted(write: (emitter: Emitter) => void): string | undefined {
  try {
    const emitter = new Emitter();
    write(emitter);
    return emitter.text();
  } catch (e) {
    if (e === OUTSIDE) return undefined;
    throw e;
  }
}

/** Thrown, and caught by emitYaml, where the library's own output is needed. */
const OUTSIDE = Symbol('outside the fast emitter');

const INDENT = '  ';
/** C0 control characters and lone surrogates: the library double-quotes them with its own escapes. */
const CONTROL = /[\x00-\x08\x0b-\x1f\u{D800}-\u{DFFF}]/u;
const LONE_SURROGATE = /[\u{D800}-\u{DFFF}]/u;
/** Text a plain scalar cannot carry (stringifyString's plainString). */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
/** The core schema's tests: a plain scalar matching one would read back as null, a bool or a number. */
const OTHER_TYPES = [
  /^(?:~|[Nn]ull|NULL)?$/,
  /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/,
  /^0o[0-7]+$/,
  /^[-+]?[0-9]+$/,
  /^0x[0-9a-fA-F]+$/,
  /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/,
];
const MAX_DEPTH = 100;

class Emitter {
  /**
   * The text so far, in pieces joined once at the end: joining writes one flat string, where `+=`
   * would keep a node per piece alive (and copied by every young-generation collection) until written.
   */
  private readonly parts: string[] = [];
  text(): string {
    return this.parts.join('');
  }
  /** A non-scalar: its first line where the text stands, the others at `indent` (the column of its items). */
  collection(value: readonly unknown[] | Record<string, unknown>, indent: string): void {
    // Deeper than any rendered file: a cycle, which the library reports in its own way.
    if (indent.length > MAX_DEPTH * INDENT.length) throw OUTSIDE;
    const inner = indent + INDENT;
    let first = true;
    if (Array.isArray(value)) {
      // An item's own collection starts on the dash's line, its scalar after `- `.
      for (const item of value) {
        this.parts.push(first ? '- ' : `\n${indent}- `);
        first = false;
        this.node(item, inner);
      }
      if (first) this.parts.push('[]');
      return;
    }
    const map = value as Record<string, unknown>;
    for (const k in map) {
      const v = map[k];
      if (v === undefined) continue;
      this.parts.push(first ? key(k) : `\n${indent}${key(k)}`);
      first = false;
      // After `key:`, a non-empty collection goes on the next lines (sequences indented), anything else after a space.
      this.parts.push(isEmpty(v) ? ': ' : `:\n${inner}`);
      this.node(v, inner);
    }
    if (first) this.parts.push('{}');
  }

  /** A value whose lines (after the first) sit at `indent`. */
  private node(value: unknown, indent: string): void {
    if (Array.isArray(value) || isPlainObject(value)) this.collection(value, indent);
    else this.parts.push(scalar(value, indent));
  }
}

/** A scalar or an empty collection: written on its key's line. */
function isEmpty(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 0;
  if (!isPlainObject(value)) return true;
  for (const k in value) if (value[k] !== undefined) return false;
  return true;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function scalar(value: unknown, indent: string): string {
  if (typeof value === 'string') return string(value, indent);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw OUTSIDE;
    return Object.is(value, -0) ? '-0' : JSON.stringify(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (value === null) return 'null';
  if (value instanceof Scalar && value.type === Scalar.QUOTE_DOUBLE && typeof value.value === 'string' && !/[\n\\]/.test(value.value) && !CONTROL.test(value.value)) return escaped(value.value);
  throw OUTSIDE;
}

/** A string value in block context (its continuation lines at `indent`): plain, quoted, or a `|-` literal block. */
function string(value: string, indent: string): string {
  if (value.includes('\n')) {
    if (UNREADABLE_IN_GO.test(value)) return escaped(value);
    if (unusual(value)) throw OUTSIDE;
    return literalBlock(value, indent);
  }
  return value.length > MEMO_LENGTH ? oneLine(value) : ONE_LINE.get(value, oneLine);
}

/** A one-line string as written: plain or quoted, whatever the indent. */
function oneLine(value: string): string {
  if (UNREADABLE_IN_GO.test(value)) return escaped(value);
  if (unusual(value)) throw OUTSIDE;
  return NOT_PLAIN.test(value) || readsAsOtherType(value) ? quoted(value) : value;
}

/**
 * Short one-line strings as written: label values, names and durations recur by the thousand. Longer
 * text (descriptions, expressions) is mostly met once, and hashing it costs as much as judging it.
 */
const ONE_LINE = new TextMemo<string>(50_000);
const MEMO_LENGTH = 64;

/** Control characters, lone surrogates, document markers: the first test passes most text at once. */
function unusual(text: string): boolean {
  if (/^[\x20-\x7e\n]*$/.test(text) && !/(^|\n)(%|---|\.\.\.)/.test(text)) return false;
  return CONTROL.test(text) || DOCUMENT_MARKER.test(text);
}

/** Only text starting like a null, bool or number can read as one. */
function readsAsOtherType(text: string): boolean {
  if (text !== '' && !/^[-+.0-9~nNtTfF]/.test(text)) return false;
  // A loop, not some() with a new closure per call: every value the memo misses comes here.
  for (const type of OTHER_TYPES) if (type.test(text)) return true;
  return false;
}

/** Double-quoted for Go (see ./go-yaml.ts); a lone surrogate goes to the library, as before. */
function escaped(value: string): string {
  if (LONE_SURROGATE.test(value)) throw OUTSIDE;
  return goQuoted(value);
}

/** The library's choice of quotes for one-line text: single when only double quotes occur in it. */
function quoted(value: string): string {
  return value.includes('"') && !value.includes("'") ? `'${value}'` : JSON.stringify(value);
}

/**
 * Multi-line text as a literal block: `|-` when it neither starts with a space or newline nor ends in
 * whitespace, `|` (clip) when it is such text and one final newline (a file's content, a dashboard's JSON).
 */
function literalBlock(value: string, indent: string): string {
  const clipped = value.endsWith('\n') ? value.slice(0, -1) : undefined;
  const body = clipped ?? value;
  if (body === '' || /^[ \n]|[\n\t ]$/.test(body)) throw OUTSIDE;
  return `${clipped === undefined ? '|-' : '|'}\n${indent}${body.replace(/\n+/g, `$&${indent}`)}`;
}

/** A mapping key as written: the same few dozen names, judged once each. */
function key(k: string): string {
  return KEYS.get(k, keyText);
}
const KEYS = new TextMemo<string>(1_000);

function keyText(k: string): string {
  if (UNREADABLE_IN_GO.test(k)) {
    const quoted = escaped(k);
    if (quoted.length > MAX_IMPLICIT_KEY) throw OUTSIDE;
    return quoted;
  }
  if (k.length > MAX_IMPLICIT_KEY || k.includes('\n') || unusual(k) || NOT_PLAIN.test(k) || readsAsOtherType(k)) throw OUTSIDE;
  return k;
}
