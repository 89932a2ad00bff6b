import { AlertmanagerConfig, renderAlertmanagerConfig } from '../alertmanager';
import { BlackboxModule, Probe, renderBlackboxConfig } from '../blackbox';
import { Dashboard, DashboardJson, DatasourceRef } from '../grafana';
import { PrometheusConfig, RulePack } from '../prometheus';
import { dashboardConfigMap, datasourceConfigMap } from './dashboards';
import { KubernetesObject, ObjectMeta, objectId } from './objects';
import { prometheusRuleResource } from './rules';
import { scrapeResources } from './scrape';
import { alertmanagerSecretPath, withSecretFilesMoved } from './secrets';
import { PROMETHEUS_SERVICE, SERVER_NAME, alertmanagerResource, blackboxExporterResources, prometheusAccess, prometheusResource } from './servers';
import { KubernetesTarget } from './target';

/** Everything the Kubernetes deployment of one environment is made of, as data. */
export interface KubernetesInput {
  /** The environment: labels every object and names the Grafana datasource. */
  readonly environment: string;
  readonly target: KubernetesTarget;
  /** prometheus.yml's model (global settings, jobs with the environment's targets, remote write). */
  readonly prometheus: PrometheusConfig;
  /** The packs as deployed: overrides applied, alerts linked. */
  readonly rulePacks: readonly RulePack[];
  readonly alertmanager: AlertmanagerConfig;
  readonly probes: readonly Probe[];
  readonly blackboxModules: readonly BlackboxModule[];
  readonly dashboards: readonly Dashboard[];
  /** The dashboards rendered for `datasource`, in order. */
  readonly dashboardJson: readonly DashboardJson[];
  readonly datasource: DatasourceRef;
  /** Named in the generated headers. */
  readonly source: string;
}

/** The label Prometheus selects its rules, scrapes and probes by: only this environment's. */
export const ENVIRONMENT_LABEL = 'monitoring-as-code/environment';

/** Prometheus as Grafana and people in the cluster reach it. */
export function prometheusUrlIn(namespace: string): string {
  return `http://${PROMETHEUS_SERVICE}.${namespace}.svc:9090`;
}

/** alertmanager.yaml for the config Secret: the Docker deployment's, reading its secret files from the operator's mount. */
export function alertmanagerYaml(input: Pick<KubernetesInput, 'alertmanager' | 'source'>): string {
  return renderAlertmanagerConfig(withSecretFilesMoved(input.alertmanager, alertmanagerSecretPath), input.source);
}

/** Every object, in apply order: identity and access, servers, then what they select. Secrets are not here: they come from variables. */
export function kubernetesObjects(input: KubernetesInput): KubernetesObject[] {
  const { target } = input;
  const namespace = target.namespace;
  const selector = { [ENVIRONMENT_LABEL]: input.environment };
  const meta = (name: string): ObjectMeta => ({ name, namespace, labels: { 'app.kubernetes.io/managed-by': 'monitoring-as-code', ...selector } });
  const services = target.services ?? {};
  const serviceNamespaces = [...new Set([namespace, ...Object.values(services).map((s) => s.namespace ?? namespace)])];
  const account = `prometheus-${SERVER_NAME}`;
  const dashboardsMeta = (name: string): ObjectMeta => ({ ...meta(name), namespace: target.dashboardsNamespace ?? namespace });
  return [
    ...prometheusAccess(account, serviceNamespaces, meta),
    prometheusResource({ config: input.prometheus, target, selector, serviceAccountName: account }, meta),
    alertmanagerResource(target, meta),
    ...blackboxExporterResources(target, renderBlackboxConfig(input.blackboxModules, input.source), input.blackboxModules.some((m) => m.prober === 'icmp'), meta),
    ...input.rulePacks.map((pack) => prometheusRuleResource(pack, meta)),
    ...scrapeResources(input.prometheus.scrapeConfigs, input.probes, services, namespace, meta),
    datasourceConfigMap(input.datasource, prometheusUrlIn(namespace), input.source, dashboardsMeta),
    ...input.dashboards.map((d, i) => dashboardConfigMap(d, input.dashboardJson[i], dashboardsMeta)),
  ];
}

/** The file an object is written to, relative to the stack's `kubernetes/` folder. */
export function objectFile(o: KubernetesObject, namespace: string): string {
  const [kind, name] = objectId(o).split('/');
  return o.metadata.namespace === namespace ? `${kind}/${name}.yaml` : `${kind}/${name}.${o.metadata.namespace}.yaml`;
}
