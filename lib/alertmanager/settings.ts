import { durationMs, durationProblem, labelNameProblem, labelValueProblem, re2Problem } from '../promql';
import { AlertMatchers, Route } from './config';

/**
 * The rules Alertmanager 0.25 applies when it loads a route or an inhibition
 * (config/config.go: Route.UnmarshalYAML, Config.UnmarshalYAML), so that a
 * file synth writes is never the one Alertmanager refuses at start or reload.
 */

/** Problems of one route's own settings; `root` adds the root's restrictions. */
export function routeSettingProblems(route: Route, path: string, root: boolean): string[] {
  const where = `route ${path}`;
  const problems = matcherProblems(route.matchers, where);
  for (const [field, value] of [['groupWait', route.groupWait], ['groupInterval', route.groupInterval], ['repeatInterval', route.repeatInterval]] as const) {
    if (value === undefined) continue;
    const problem = durationProblem(value);
    if (problem) problems.push(`${where}: ${field} ${problem}`);
    // group_wait 0 sends at once, which Alertmanager allows; the other two would loop.
    else if (field !== 'groupWait' && durationMs(value) === 0) problems.push(`${where}: ${field} cannot be zero; Alertmanager refuses it`);
  }
  problems.push(...groupByProblems(route.groupBy, where));
  if (root) {
    if (route.continue) problems.push('the root route has continue; it is the last resort, there is nothing after it (remove continue)');
    if (route.muteTimeIntervals?.length || route.activeTimeIntervals?.length) {
      problems.push('the root route has time intervals; Alertmanager refuses them there, set them on the routes below');
    }
  }
  return problems;
}

/** `group_by`: label names, or `...` alone (group by every label), each once. */
function groupByProblems(groupBy: readonly string[] | undefined, where: string): string[] {
  if (!groupBy) return [];
  const problems = groupBy.flatMap((label) => {
    const problem = label === '...' ? undefined : labelNameProblem(label);
    return problem ? [`${where}: groupBy ${problem}`] : [];
  });
  if (groupBy.includes('...') && groupBy.length > 1) problems.push(`${where}: groupBy "..." groups by every label already; it cannot be listed with other labels`);
  for (const label of new Set(groupBy.filter((l, i) => groupBy.indexOf(l) !== i))) problems.push(`${where}: groupBy lists ${JSON.stringify(label)} twice`);
  return problems;
}

/**
 * Matchers: label names, values routing can compare (no control characters,
 * which Alertmanager's matcher syntax cannot carry), and regexes RE2 accepts.
 */
export function matcherProblems(matchers: AlertMatchers | undefined, where: string): string[] {
  return Object.entries(matchers ?? {}).flatMap(([label, m]) => {
    const nameProblem = labelNameProblem(label);
    if (nameProblem) return [`${where}: matcher ${nameProblem}`];
    const value = typeof m === 'string' ? m : m.value;
    const valueProblem = labelValueProblem(value);
    if (valueProblem) return [`${where}: matcher ${label}: ${valueProblem}`];
    if (typeof m === 'string' || (m.op !== '=~' && m.op !== '!~')) return [];
    const problem = re2Problem(m.value);
    return problem ? [`${where}: matcher ${label}${m.op}: ${problem}`] : [];
  });
}

/** `equal` of an inhibition: label names, each once. */
export function equalLabelProblems(equal: readonly string[], where: string): string[] {
  const problems = equal.flatMap((label) => {
    const problem = labelNameProblem(label);
    return problem ? [`${where}: equal ${problem}`] : [];
  });
  for (const label of new Set(equal.filter((l, i) => equal.indexOf(l) !== i))) problems.push(`${where}: equal lists ${JSON.stringify(label)} twice`);
  return problems;
}
