import { AlertmanagerConfig } from '../alertmanager';
import { BlackboxModule, Probe, renderBlackboxConfig } from '../blackbox';
import { Dashboard, DashboardJson, DatasourceRef } from '../grafana';
import { PrometheusConfig, RulePack } from '../prometheus';
import { prometheusAccess } from './access';
import { ALERTMANAGER_PORT, alertmanagerResource } from './alertmanager';
import { blackboxExporterResources } from './blackbox-exporter';
import { dashboardConfigMap, datasourceConfigMap } from './dashboards';
import { ENVIRONMENT_LABEL, KubernetesObject, ObjectMeta, environmentLabels, objectId } from './objects';
import { serverService, serverServiceName } from './operator-server';
import { PROMETHEUS_PORT, prometheusResource } from './prometheus';
import { prometheusRuleResource } from './rules';
import { scrapeResources } from './scrape';
import { KubernetesTarget } from './target';

/** Everything the Kubernetes deployment of one environment is made of, as data. */
export interface KubernetesInput {
  /** The environment: names the servers, labels every object and names the Grafana datasource. */
  readonly environment: string;
  readonly target: KubernetesTarget;
  /** prometheus.yml's model (global settings, jobs with the environment's targets, remote write). */
  readonly prometheus: PrometheusConfig;
  /** The packs as deployed: overrides applied, alerts linked. */
  readonly rulePacks: readonly RulePack[];
  /** Routing as checked; the config Secret carries it. */
  readonly alertmanager: AlertmanagerConfig;
  /** The probes, whose jobs become Probe resources. */
  readonly probes: readonly Probe[];
  /** blackbox.yml's modules, for the exporter's ConfigMap. */
  readonly blackboxModules: readonly BlackboxModule[];
  readonly dashboards: readonly Dashboard[];
  /** The dashboards rendered for `datasource`, in order. */
  readonly dashboardJson: readonly DashboardJson[];
  /** The environment's datasource in the cluster's Grafana. */
  readonly datasource: DatasourceRef;
  /** Named in the generated headers. */
  readonly source: string;
}

/** Prometheus as Grafana and people in the cluster reach it: the environment's own Service. */
export function prometheusUrlIn(environment: string, namespace: string): string {
  return `http://${serverServiceName('Prometheus', environment)}.${namespace}.svc:${PROMETHEUS_PORT}`;
}

/** Every object but the Secrets (they come from variables): access, servers, then what they select. */
export function kubernetesObjects(input: KubernetesInput): KubernetesObject[] {
  const { target, environment } = input;
  const namespace = target.namespace;
  const labels = environmentLabels(environment);
  const meta = (name: string): ObjectMeta => ({ name, namespace, labels });
  const services = target.services ?? {};
  const serviceNamespaces = [...new Set([namespace, ...Object.values(services).map((s) => s.namespace ?? namespace)])];
  const account = serverServiceName('Prometheus', environment);
  const dashboardsMeta = (name: string): ObjectMeta => ({ ...meta(name), namespace: target.dashboardsNamespace ?? namespace });
  return [
    ...prometheusAccess(account, serviceNamespaces, meta),
    prometheusResource({ environment, config: input.prometheus, target, selector: { [ENVIRONMENT_LABEL]: environment }, serviceAccountName: account }, meta),
    serverService('Prometheus', environment, PROMETHEUS_PORT, meta),
    alertmanagerResource(environment, target, meta),
    serverService('Alertmanager', environment, ALERTMANAGER_PORT, meta),
    ...blackboxExporterResources(environment, target, renderBlackboxConfig(input.blackboxModules, input.source), input.blackboxModules.some((m) => m.prober === 'icmp'), meta),
    ...input.rulePacks.map((pack) => prometheusRuleResource(pack, meta)),
    ...scrapeResources(input.prometheus.scrapeConfigs, input.probes, services, namespace, meta),
    datasourceConfigMap(input.datasource, prometheusUrlIn(environment, namespace), input.source, dashboardsMeta),
    ...input.dashboards.map((d, i) => dashboardConfigMap(d, input.dashboardJson[i], dashboardsMeta)),
  ];
}

/** The file an object is written to, relative to the stack's `kubernetes/` folder. */
export function objectFile(o: KubernetesObject, namespace: string): string {
  const [kind, name] = objectId(o).split('/');
  return o.metadata.namespace === namespace ? `${kind}/${name}.yaml` : `${kind}/${name}.${o.metadata.namespace}.yaml`;
}
