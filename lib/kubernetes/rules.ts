import { RulePack, packName, ruleFileGroups } from '../prometheus';
import { KubernetesObject, MONITORING_V1, ObjectMeta, objectName } from './objects';

/** A rule pack as a PrometheusRule: its `spec.groups` are the rule file's groups, the ones promtool checks and tests. */
export function prometheusRuleResource(pack: RulePack, meta: (name: string) => ObjectMeta): KubernetesObject {
  return { apiVersion: MONITORING_V1, kind: 'PrometheusRule', metadata: meta(objectName(packName(pack))), spec: { groups: ruleFileGroups(pack) } };
}
