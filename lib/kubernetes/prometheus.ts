import { PrometheusConfig, RemoteWrite } from '../prometheus';
import { ImageRef } from '../docker/image';
import { KubernetesObject, ObjectMeta } from './objects';
import { relabelings } from './relabel';
import { basicAuthFromSecret, prometheusCredential } from './secrets';
import { operatorServer, persistentStorage, resources, serverServiceName } from './operator-server';
import { KubernetesTarget } from './target';

/**
 * The oldest Prometheus the pinned operator supports (its PrometheusCompatibilityMatrix starts at
 * v2.45.0), so the default here; the Docker stack runs Debian's v2.42.0, whose promtool checks the rules.
 */
export const KUBERNETES_PROMETHEUS_IMAGE: ImageRef = { repository: 'prom/prometheus', tag: 'v2.45.0' };

export const PROMETHEUS_PORT = 9090;

/** remote_write with its credential read from the credentials Secret instead of a mounted file. */
export function remoteWriteSpec(w: RemoteWrite): Record<string, unknown> {
  const auth = w.auth;
  const queue = Object.entries(w.queue ?? {}).filter(([, v]) => v !== undefined);
  const writeRelabel = relabelings(w.writeRelabelConfigs);
  return {
    url: w.url,
    ...(w.name ? { name: w.name } : {}),
    ...(w.headers ? { headers: { ...w.headers } } : {}),
    ...(auth && 'basicAuth' in auth ? { basicAuth: basicAuthFromSecret(auth.basicAuth) } : {}),
    ...(auth && 'bearerTokenFile' in auth ? { authorization: { type: 'Bearer', credentials: prometheusCredential(auth.bearerTokenFile) } } : {}),
    // The queue's field names are the operator's already.
    ...(queue.length ? { queueConfig: Object.fromEntries(queue) } : {}),
    ...(writeRelabel.length ? { writeRelabelConfigs: writeRelabel } : {}),
  };
}

export interface PrometheusResourceProps {
  /** The environment: names the resource (`prometheus-<environment>` pods) and its Services. */
  readonly environment: string;
  /** prometheus.yml's model: global settings, retention, query limits, remote write. */
  readonly config: PrometheusConfig;
  readonly target: KubernetesTarget;
  /** The label every rule, scrape and probe resource of the stack carries: the Prometheus selects exactly those. */
  readonly selector: Readonly<Record<string, string>>;
  /** The ServiceAccount whose Roles allow the ServiceMonitors' discovery. */
  readonly serviceAccountName: string;
}

/**
 * The Prometheus resource: the operator runs the StatefulSet and writes prometheus.yml from
 * the selected PrometheusRules, ScrapeConfigs, ServiceMonitors and Probes.
 */
export function prometheusResource(props: PrometheusResourceProps, meta: (name: string) => ObjectMeta): KubernetesObject {
  const { config, target } = props;
  // Unset namespace selectors mean the Prometheus' own namespace, where the stack puts every one of these.
  const select = { matchLabels: { ...props.selector } };
  return operatorServer('Prometheus', props.environment, target.images?.prometheus ?? KUBERNETES_PROMETHEUS_IMAGE, target.prometheus?.replicas, meta, {
    serviceAccountName: props.serviceAccountName,
    ...(config.global.scrapeInterval ? { scrapeInterval: config.global.scrapeInterval } : {}),
    ...(config.global.scrapeTimeout ? { scrapeTimeout: config.global.scrapeTimeout } : {}),
    ...(config.global.evaluationInterval ? { evaluationInterval: config.global.evaluationInterval } : {}),
    // Exactly the environment's labels: no `prometheus` label on alerts (the Docker stack has none);
    // `prometheus_replica` stays on samples, and the operator drops it from alerts so Alertmanager deduplicates the replicas.
    externalLabels: { ...config.global.externalLabels },
    prometheusExternalLabelName: '',
    ...(config.retention?.time ? { retention: config.retention.time } : {}),
    ...(config.retention?.size ? { retentionSize: config.retention.size } : {}),
    ...(config.retention?.walCompression !== undefined ? { walCompression: config.retention.walCompression } : {}),
    ...(config.query ? { query: { ...(config.query.timeout ? { timeout: config.query.timeout } : {}), ...(config.query.maxConcurrency !== undefined ? { maxConcurrency: config.query.maxConcurrency } : {}) } } : {}),
    ...(config.alertResendDelay ? { rules: { alert: { resendDelay: config.alertResendDelay } } } : {}),
    ...(config.remoteWrite?.length ? { remoteWrite: config.remoteWrite.map(remoteWriteSpec) } : {}),
    ruleSelector: select,
    scrapeConfigSelector: select,
    serviceMonitorSelector: select,
    probeSelector: select,
    // This environment's Alertmanagers only: the operator's alertmanager-operated selects every Alertmanager of the namespace.
    alerting: { alertmanagers: [{ namespace: target.namespace, name: serverServiceName('Alertmanager', props.environment), port: 'web', apiVersion: 'v2' }] },
    ...resources(target.prometheus?.resources),
    ...persistentStorage(target.prometheus?.storage),
  });
}
