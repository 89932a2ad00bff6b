import { Scalar } from 'yaml';

/**
 * A fast YAML emitter for the plain data the renderers build, writing exactly what
 * `yaml`'s stringify writes with toYaml's options (indent 2, sequences indented,
 * no folding, keys in insertion order), or `undefined` for anything outside the
 * cases it copies, which toYaml then gives to the library. The library builds a
 * document of nodes first and costs half of a 10 000-rule synth; this writes the
 * text in one pass. The rules below are the library's (yaml 2.x,
 * stringify/stringifyString.js, schema/core); a property test holds the two to the
 * same bytes.
 */
export function emitYaml(value: unknown): string | undefined {
  if (!Array.isArray(value) && !isPlainObject(value)) return undefined;
  try {
    return new Emitter().collection(value, '') + '\n';
  } catch (e) {
    if (e === OUTSIDE) return undefined;
    throw e;
  }
}

/** Thrown, and caught by emitYaml, where the library's own output is needed. */
const OUTSIDE = Symbol('outside the fast emitter');

const INDENT = '  ';
/** Control characters and lone surrogates: the library double-quotes them with its own escapes. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
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
/** Keys longer than this become explicit `? key` entries in the library. */
const MAX_IMPLICIT_KEY = 1024;

class Emitter {
  /** An object met twice would be an anchor and alias in the library's output. */
  private readonly seen = new Set<object>();

  /** A non-scalar's lines, the first unindented, the rest at `indent` (the column of its items). */
  collection(value: readonly unknown[] | Record<string, unknown>, indent: string): string {
    if (this.seen.has(value)) throw OUTSIDE;
    this.seen.add(value);
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]';
      // An item's own collection starts on the dash's line, its scalar after `- `.
      return value.map((item) => `- ${this.node(item, indent + INDENT)}`).join(`\n${indent}`);
    }
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return entries.map(([k, v]) => `${key(k)}:${this.afterKey(v, indent + INDENT)}`).join(`\n${indent}`);
  }

  /** A value whose lines (after the first) sit at `indent`. */
  private node(value: unknown, indent: string): string {
    if (Array.isArray(value) || isPlainObject(value)) return this.collection(value, indent);
    return scalar(value, indent);
  }

  /** After `key:`: a non-empty collection on the next lines (sequences indented), anything else after a space. */
  private afterKey(value: unknown, indent: string): string {
    const nonEmpty = Array.isArray(value) ? value.length > 0 : isPlainObject(value) && Object.values(value).some((v) => v !== undefined);
    return nonEmpty ? `\n${indent}${this.node(value, indent)}` : ` ${this.node(value, indent)}`;
  }
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
  if (value instanceof Scalar && value.type === Scalar.QUOTE_DOUBLE && typeof value.value === 'string' && !/[\n\\]/.test(value.value) && !CONTROL.test(value.value)) return JSON.stringify(value.value);
  throw OUTSIDE;
}

/** A string value in block context (its continuation lines at `indent`): plain, quoted, or a `|-` literal block. */
function string(value: string, indent: string): string {
  if (CONTROL.test(value) || DOCUMENT_MARKER.test(value)) throw OUTSIDE;
  if (value.includes('\n')) return literalBlock(value, indent);
  if (NOT_PLAIN.test(value) || OTHER_TYPES.some((t) => t.test(value))) return quoted(value);
  return value;
}

/** The library's choice of quotes for one-line text: single when only double quotes occur in it. */
function quoted(value: string): string {
  return value.includes('"') && !value.includes("'") ? `'${value}'` : JSON.stringify(value);
}

/** Multi-line text as `|-`, when it neither starts with a space or newline nor ends in whitespace. */
function literalBlock(value: string, indent: string): string {
  if (/^[ \n]|[\n\t ]$/.test(value)) throw OUTSIDE;
  return `|-\n${indent}${value.replace(/\n+/g, `$&${indent}`)}`;
}

function key(k: string): string {
  if (k.length > MAX_IMPLICIT_KEY || k.includes('\n') || CONTROL.test(k) || DOCUMENT_MARKER.test(k) || NOT_PLAIN.test(k) || OTHER_TYPES.some((t) => t.test(k))) throw OUTSIDE;
  return k;
}
