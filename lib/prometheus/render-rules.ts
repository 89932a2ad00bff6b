import { generatedHeader, toYaml } from '../synth/yaml';
import { Rule, RuleGroup } from './rule';
import { RulePack, packName, packSystems, resolveAlert } from './rule-pack';

/** The rule file's path, relative to prometheus.yml. */
export function ruleFilePath(pack: RulePack): string {
  return `rules/${packName(pack)}.yml`;
}

/** The rule file's `groups`, as data: the rule file and the Prometheus Operator's PrometheusRule both carry exactly these. */
export function ruleFileGroups(pack: RulePack): Record<string, unknown>[] {
  return pack.groups.map((group) => ({
    name: group.name,
    ...(group.interval ? { interval: group.interval } : {}),
    rules: group.rules.map((rule) => renderRule(pack, group, rule)),
  }));
}

/** Renders one system's rule file, as `promtool check rules` and Prometheus read it. */
export function renderRuleFile(pack: RulePack): string {
  return toYaml({ groups: ruleFileGroups(pack) }, `${generatedHeader(pack.source)}\n${pack.system.title}: rules for the series of ${packSystems(pack).map((s) => JSON.stringify(s.selector)).join(', ')}.`);
}

function renderRule(pack: RulePack, group: RuleGroup, rule: Rule): Record<string, unknown> {
  if (rule.type === 'record') {
    return { record: rule.record, expr: rule.expr.promql, ...(rule.labels ? { labels: { ...rule.labels } } : {}) };
  }
  const alert = resolveAlert(pack, group, rule);
  return {
    alert: rule.name,
    expr: rule.expr.promql,
    ...(rule.for ? { for: rule.for } : {}),
    ...(rule.keepFiringFor ? { keep_firing_for: rule.keepFiringFor } : {}),
    labels: { ...alert.labels },
    annotations: { ...alert.annotations },
  };
}
