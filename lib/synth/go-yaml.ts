import { DocumentOptions, Scalar, SchemaOptions, ToStringOptions, CreateNodeOptions, stringify } from 'yaml';

/**
 * What Go's YAML reader (Prometheus, Alertmanager, the blackbox exporter) does not read as the
 * `yaml` library writes it: NEL, U+2028 and U+2029 are line breaks to it (a plain scalar breaks, a
 * quoted one folds them to a space), and DEL, the other C1 controls, U+FFFE and U+FFFF are "control
 * characters", not allowed at all. The library writes them raw; only YAML's escapes carry them
 * (test/synth/yaml-emitter.test.ts has promtool read each back).
 */
export const UNREADABLE_IN_GO = /[\x7f-\x9f\u2028\u2029\ufffe\uffff]/;
const UNREADABLE_IN_GO_ALL = new RegExp(UNREADABLE_IN_GO.source, 'g');
const NAMED_ESCAPES: Record<string, string> = { '\x85': '\\N', '\u2028': '\\L', '\u2029': '\\P' };

/** Go reads an implicit key of at most this many characters; the library writes longer keys as explicit `? key`. */
export const MAX_IMPLICIT_KEY = 1024;

/** `text` double-quoted, with YAML's escapes for what Go would misread (JSON's escapes are YAML's too). */
export function goQuoted(text: string): string {
  return JSON.stringify(text).replace(UNREADABLE_IN_GO_ALL, (c) => {
    const code = c.charCodeAt(0);
    return NAMED_ESCAPES[c] ?? (code <= 0xff ? `\\x${code.toString(16)}` : `\\u${code.toString(16).toUpperCase()}`);
  });
}

/**
 * Strings the library would write raw; whitespace-only text on several lines, which it writes as a
 * block scalar that reads back without its spaces (or not at all: `" \n"` became `"\n"`); and strings
 * that could pass for a placeholder (they hold the marker). (`^[ \t]*\n`, not `^[ \t\n]*\n`: that one
 * backtracks, seconds on a long run of newlines.)
 */
const NEEDS_PLACEHOLDER = new RegExp(`${UNREADABLE_IN_GO.source}|^[ \t]*\n[ \t\n]*$|\x01`);

/**
 * The library's text of `value`, with every string Go would misread double-quoted with YAML's
 * escapes, which the library does not write: each goes through it as a placeholder holding a
 * control character (so it must double-quote it) and is put back quoted for Go. Any string holding
 * that character gets a placeholder too, so none of the text can pass for one. `where` names the
 * file in the one error: a text left that Go would misread (from an object other than plain data).
 */
export function stringifyForGo(value: unknown, options: DocumentOptions & SchemaOptions & CreateNodeOptions & ToStringOptions, where: string): string {
  const quoted: string[] = [];
  const placeholder = (text: string, isKey: boolean): string => {
    const q = goQuoted(text);
    if (isKey && q.length > MAX_IMPLICIT_KEY) throw new Error(`${where}: the key ${q.slice(0, 60)}… is longer than Go's YAML reader reads (${MAX_IMPLICIT_KEY} characters once escaped); shorten it`);
    quoted.push(q);
    return `\x01${quoted.length - 1}\x01`;
  };
  const body = stringify(withPlaceholders(value, placeholder, new Map()), options);
  // The library writes each placeholder as "\x01<n>\x01".
  const text = quoted.length ? body.replace(/"\\x01(\d+)\\x01"/g, (_, n: string) => quoted[Number(n)]) : body;
  const left = UNREADABLE_IN_GO.exec(text);
  if (left) throw new Error(`${where}: holds U+${left[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, which Go's YAML reader would misread, in something other than plain data; pass plain objects, arrays and strings`);
  return text;
}

/** `value` with the strings (keys too) that need one replaced by placeholders; plain data and yaml Scalars copied, the rest kept. */
function withPlaceholders(value: unknown, placeholder: (text: string, isKey: boolean) => string, copies: Map<object, unknown>): unknown {
  if (typeof value === 'string') return NEEDS_PLACEHOLDER.test(value) ? placeholder(value, false) : value;
  if (typeof value !== 'object' || value === null) return value;
  if (copies.has(value)) return copies.get(value);
  if (value instanceof Scalar) {
    return typeof value.value === 'string' && NEEDS_PLACEHOLDER.test(value.value) ? Object.assign(Object.create(Object.getPrototypeOf(value)), value, { value: placeholder(value.value, false) }) : value;
  }
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    copies.set(value, copy);
    for (const item of value) copy.push(withPlaceholders(item, placeholder, copies));
    return copy;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const copy: Record<string, unknown> = {};
  copies.set(value, copy);
  for (const [k, v] of Object.entries(value)) {
    // defineProperty: a `__proto__` key stays a key, as the library writes it.
    Object.defineProperty(copy, NEEDS_PLACEHOLDER.test(k) ? placeholder(k, true) : k, { value: withPlaceholders(v, placeholder, copies), enumerable: true, writable: true, configurable: true });
  }
  return copy;
}
