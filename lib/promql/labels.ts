/**
 * Prometheus' label rules, shared by every object that names or sets a label:
 * alert labels, external labels, relabel targets, route and inhibition
 * matchers, `group_by` and `equal`.
 */

/** Prometheus' (and Alertmanager's) label-name rule, `model.LabelNameRE`. */
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Why `name` is not a label name, or undefined when it is one. */
export function labelNameProblem(name: unknown): string | undefined {
  if (typeof name === 'string' && LABEL_NAME.test(name)) return undefined;
  return `${JSON.stringify(name)} is not a label name; use letters, digits and underscores, not starting with a digit`;
}

// Tabs, newlines and the rest: Alertmanager's matcher syntax unescapes only \n, \" and \\,
// so any other control character in a rendered matcher would compare against a different value.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** Why `value` cannot be a label value that routing compares, or undefined when it can. */
export function labelValueProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `${JSON.stringify(value)} is not a string`;
  if (CONTROL.test(value)) return `${JSON.stringify(value)} holds a control character (tab, newline…); routing compares label values exactly, remove it`;
  return undefined;
}
