import { labelNameProblem, re2Problem } from '../promql';
import { RelabelConfig } from './config';

// Prometheus' relabelTarget: a label name in which $1 / ${name} references may stand for parts.
const RELABEL_TARGET = /^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$/;

/**
 * A relabel step checked as Prometheus 2.42 loads it (model/relabel
 * Config.UnmarshalYAML): which fields each action needs and allows, label
 * names, and a regex RE2 compiles.
 */
export function relabelProblems(r: RelabelConfig, where: string): string[] {
  const action = r.action ?? 'replace';
  const problems: string[] = [];
  for (const label of r.sourceLabels ?? []) {
    const problem = labelNameProblem(label);
    if (problem) problems.push(`${where}: sourceLabels ${problem}`);
  }
  const regexProblem = r.regex === undefined ? undefined : re2Problem(r.regex);
  if (regexProblem) problems.push(`${where}: regex ${regexProblem}`);
  if (action === 'replace' && !RELABEL_TARGET.test(r.targetLabel ?? '')) {
    problems.push(`${where}: targetLabel ${JSON.stringify(r.targetLabel)} is not a label name (the replace action needs one; $1 references may stand for parts)`);
  }
  if (action === 'hashmod') {
    if (!(Number.isInteger(r.modulus) && r.modulus! > 0)) problems.push(`${where}: the hashmod action needs modulus, a positive whole number`);
    const problem = labelNameProblem(r.targetLabel);
    if (problem) problems.push(`${where}: targetLabel ${problem}`);
  } else if (r.modulus !== undefined) problems.push(`${where}: modulus is only read by the hashmod action; remove it`);
  if (action === 'labelmap' && !RELABEL_TARGET.test(r.replacement ?? '$1')) {
    problems.push(`${where}: replacement ${JSON.stringify(r.replacement)} is not a label name (the labelmap action names labels with it)`);
  }
  if ((action === 'labeldrop' || action === 'labelkeep') && [r.sourceLabels, r.targetLabel, r.separator, r.replacement].some((v) => v !== undefined)) {
    problems.push(`${where}: the ${action} action takes only regex (matched against label names); remove sourceLabels, targetLabel, separator and replacement`);
  }
  return problems;
}
