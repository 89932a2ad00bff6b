import { RulePack, RulePackConfig, dashboardUrlFor, ruleGroup, rulePack, runbookUrlFor } from '../../lib';
import { alertRules } from './alerts';
import { ikEngine } from './metrics';
import { recordingRules } from './recording';

export { ikEngine } from './metrics';

/** The ik-engine rule pack (spec 000). */
export function ikEngineRules(config: RulePackConfig): RulePack {
  return rulePack({
    system: ikEngine,
    source: 'rules/ik-engine',
    runbookUrl: runbookUrlFor(config, ikEngine),
    dashboardUrl: dashboardUrlFor(config, 'ik-engine-overview'),
    groups: [
      ruleGroup({ name: 'ik-engine.rules', rules: recordingRules }),
      ruleGroup({ name: 'ik-engine.alerts', rules: alertRules }),
    ],
  });
}
