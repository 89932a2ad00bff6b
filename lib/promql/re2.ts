import { TextMemo } from '../text-memo';

/**
 * Prometheus (and the blackbox exporter) match with Go's RE2; synth checks and
 * the test generator match with JavaScript. The syntaxes overlap except for a
 * few spellings, translated here: leading flag groups such as `(?i)` become
 * RegExp flags, `(?P<name>` becomes `(?<name>`. RE2 has no lookaround and no
 * backreferences, so a pattern using them is refused though JavaScript would
 * take it.
 */
export function re2Problem(pattern: string): string | undefined {
  if (/\(\?<?[=!]|\\[1-9]/.test(pattern)) return `${JSON.stringify(pattern)} uses lookaround or a backreference, which Go's RE2 does not support`;
  try {
    re2(pattern);
    return undefined;
  } catch (error) {
    return `${JSON.stringify(pattern)} is not a regular expression this project can check (${(error as Error).message})`;
  }
}

/** A pattern's leading RE2 flag group (`(?i)`) and the rest. */
export function re2Flags(pattern: string): { readonly flags: string; readonly body: string } {
  const group = /^\(\?([imsU]+)\)/.exec(pattern);
  return { flags: group?.[1] ?? '', body: group ? pattern.slice(group[0].length) : pattern };
}

/**
 * The RE2 pattern as a JavaScript RegExp; `anchored` wraps it as Prometheus' label matchers do (`^(?:…)$`).
 * Throws on invalid syntax. Compiled once per pattern: the test generator matches label values by the
 * ten thousand, and without the `g` or `y` flag a RegExp keeps no state between tests.
 */
export function re2(pattern: string, anchored = false): RegExp {
  // The key carries the anchoring: compile the pattern, not the key.
  return compiled.get(`${anchored ? '^' : ' '}${pattern}`, () => compile(pattern, anchored));
}

const compiled = new TextMemo<RegExp>();

function compile(pattern: string, anchored: boolean): RegExp {
  const { flags, body } = re2Flags(pattern);
  if (flags.includes('U')) throw new SyntaxError('the ungreedy flag U has no JavaScript equivalent');
  const js = body.replace(/\(\?P</g, '(?<');
  return new RegExp(anchored ? `^(?:${js})$` : js, flags);
}
