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

/** Go reads an implicit key of at most this many characters. */
export const MAX_IMPLICIT_KEY = 1024;

/** `text` double-quoted, with YAML's escapes for what Go would misread (JSON's escapes are YAML's too). */
export function goQuoted(text: string): string {
  return JSON.stringify(text).replace(UNREADABLE_IN_GO_ALL, (c) => {
    const code = c.charCodeAt(0);
    return NAMED_ESCAPES[c] ?? (code <= 0xff ? `\\x${code.toString(16)}` : `\\u${code.toString(16).toUpperCase()}`);
  });
}
