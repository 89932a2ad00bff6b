import { createHash } from 'crypto';
import { PrometheusConfig, RemoteWrite, RemoteWriteQueue } from '../prometheus';
import { ALERTMANAGER_IMAGE, BLACKBOX_EXPORTER_IMAGE, BLACKBOX_EXPORTER_PORT, ImageRef, PROMETHEUS_IMAGE, imageName } from '../docker';
import { KubernetesObject, MONITORING_V1, ObjectMeta } from './objects';
import { basicAuthFromSecret, relabelings } from './scrape';
import { ALERTMANAGER_CONFIG_SECRET, ALERTMANAGER_SECRET, prometheusCredential } from './secrets';
import { KubernetesTarget, PersistentStorage, ServerResources } from './target';

/** The name of the Prometheus and Alertmanager resources; the operator runs `prometheus-<name>-<i>` and `alertmanager-<name>-<i>`. */
export const SERVER_NAME = 'monitoring';
/** The Service the operator creates in front of every Alertmanager pod. */
export const ALERTMANAGER_SERVICE = 'alertmanager-operated';
/** The Service the operator creates in front of every Prometheus pod. */
export const PROMETHEUS_SERVICE = 'prometheus-operated';
export const BLACKBOX_EXPORTER_NAME = 'blackbox-exporter';

/** Pods of the servers run as `nobody`, like the containers of the Docker deployment. */
const NON_ROOT = { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, fsGroup: 65534 };

/** The version the operator is told: the tag without its `v` (it picks flags by version). */
const versionOf = (image: ImageRef) => image.tag.replace(/^v/, '');

function resources(r: ServerResources | undefined): Record<string, unknown> {
  return r && (r.requests || r.limits) ? { resources: { ...(r.requests ? { requests: { ...r.requests } } : {}), ...(r.limits ? { limits: { ...r.limits } } : {}) } } : {};
}

/** A volume claimed per replica, kept when the pod is replaced; without one the operator uses an emptyDir. */
function persistentStorage(storage: PersistentStorage | undefined): Record<string, unknown> {
  if (!storage) return {};
  const spec = { accessModes: ['ReadWriteOnce'], ...(storage.storageClassName ? { storageClassName: storage.storageClassName } : {}), resources: { requests: { storage: storage.size } } };
  return { storage: { volumeClaimTemplate: { spec } } };
}

const QUEUE_FIELDS: Record<keyof RemoteWriteQueue, string> = { capacity: 'capacity', minShards: 'minShards', maxShards: 'maxShards', maxSamplesPerSend: 'maxSamplesPerSend', batchSendDeadline: 'batchSendDeadline' };

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
    ...(queue.length ? { queueConfig: Object.fromEntries(queue.map(([k, v]) => [QUEUE_FIELDS[k as keyof RemoteWriteQueue], v])) } : {}),
    ...(writeRelabel.length ? { writeRelabelConfigs: writeRelabel } : {}),
  };
}

export interface PrometheusResourceProps {
  readonly config: PrometheusConfig;
  readonly target: KubernetesTarget;
  /** The label every rule, scrape and probe resource of the stack carries: the Prometheus selects exactly those. */
  readonly selector: Readonly<Record<string, string>>;
  readonly serviceAccountName: string;
}

/** What the operator's two server kinds share: how many pods, their image and version, running as nobody. */
function operatorServer(kind: 'Prometheus' | 'Alertmanager', image: ImageRef, replicas: number | undefined, meta: (name: string) => ObjectMeta, spec: Record<string, unknown>): KubernetesObject {
  return { apiVersion: MONITORING_V1, kind, metadata: meta(SERVER_NAME), spec: { replicas: replicas ?? 1, image: imageName(image), version: versionOf(image), securityContext: NON_ROOT, ...spec } };
}

/**
 * The Prometheus resource: the operator runs the StatefulSet and writes prometheus.yml from
 * the selected PrometheusRules, ScrapeConfigs, ServiceMonitors and Probes.
 */
export function prometheusResource(props: PrometheusResourceProps, meta: (name: string) => ObjectMeta): KubernetesObject {
  const { config, target, selector } = props;
  const select = { matchLabels: { ...selector } };
  return operatorServer('Prometheus', target.images?.prometheus ?? PROMETHEUS_IMAGE, target.prometheus?.replicas, meta, {
    serviceAccountName: props.serviceAccountName,
    ...(config.global.scrapeInterval ? { scrapeInterval: config.global.scrapeInterval } : {}),
    ...(config.global.scrapeTimeout ? { scrapeTimeout: config.global.scrapeTimeout } : {}),
    ...(config.global.evaluationInterval ? { evaluationInterval: config.global.evaluationInterval } : {}),
    // Exactly the environment's labels: no `prometheus` label on alerts (the Docker stack has none);
    // `prometheus_replica` stays, and the operator drops it from alerts so Alertmanager deduplicates the replicas.
    externalLabels: { ...config.global.externalLabels },
    prometheusExternalLabelName: '',
    ...(config.retention?.time ? { retention: config.retention.time } : {}),
    ...(config.retention?.size ? { retentionSize: config.retention.size } : {}),
    ...(config.retention?.walCompression !== undefined ? { walCompression: config.retention.walCompression } : {}),
    ...(config.query ? { query: { ...(config.query.timeout ? { timeout: config.query.timeout } : {}), ...(config.query.maxConcurrency !== undefined ? { maxConcurrency: config.query.maxConcurrency } : {}) } } : {}),
    ...(config.alertResendDelay ? { additionalArgs: [{ name: 'rules.alert.resend-delay', value: config.alertResendDelay }] } : {}),
    ...(config.remoteWrite?.length ? { remoteWrite: config.remoteWrite.map(remoteWriteSpec) } : {}),
    ruleSelector: select,
    scrapeConfigSelector: select,
    serviceMonitorSelector: select,
    probeSelector: select,
    // ServiceMonitors may name Services in other namespaces: each names its own in namespaceSelector.
    serviceMonitorNamespaceSelector: {},
    alerting: { alertmanagers: [{ namespace: target.namespace, name: ALERTMANAGER_SERVICE, port: 'web', apiVersion: 'v2' }] },
    ...resources(target.prometheus?.resources),
    ...persistentStorage(target.prometheus?.storage),
  });
}

/**
 * The Alertmanager resource, configured by the whole alertmanager.yaml in `configSecret`
 * (not by AlertmanagerConfig resources: the operator adds a `namespace` matcher to each of
 * their routes, which the alerts of static targets do not carry, so they would match nothing).
 */
export function alertmanagerResource(target: KubernetesTarget, meta: (name: string) => ObjectMeta): KubernetesObject {
  return operatorServer('Alertmanager', target.images?.alertmanager ?? ALERTMANAGER_IMAGE, target.alertmanager?.replicas, meta, {
    configSecret: ALERTMANAGER_CONFIG_SECRET,
    secrets: [ALERTMANAGER_SECRET],
    ...(target.alertmanager?.dataRetention ? { retention: target.alertmanager.dataRetention } : {}),
    ...resources(target.alertmanager?.resources),
    ...persistentStorage(target.alertmanager?.storage),
  });
}

/** The blackbox exporter: a Deployment reading blackbox.yml from a ConfigMap, and the Service the probes' `blackbox-exporter:9115` names. */
export function blackboxExporterResources(target: KubernetesTarget, blackboxYml: string, pings: boolean, meta: (name: string) => ObjectMeta): KubernetesObject[] {
  const image = target.images?.blackboxExporter ?? BLACKBOX_EXPORTER_IMAGE;
  const configHash = createHash('sha256').update(blackboxYml).digest('hex');
  const podLabels = { 'app.kubernetes.io/name': BLACKBOX_EXPORTER_NAME, 'app.kubernetes.io/instance': target.namespace };
  const probe = { httpGet: { path: '/-/healthy', port: 'http' }, periodSeconds: 30, timeoutSeconds: 5 };
  const base = meta(BLACKBOX_EXPORTER_NAME);
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: meta(`${BLACKBOX_EXPORTER_NAME}-config`),
      data: { 'config.yml': blackboxYml },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: base,
      spec: {
        replicas: target.blackboxExporter?.replicas ?? 1,
        selector: { matchLabels: podLabels },
        template: {
          // A changed blackbox.yml changes the pod template, so the pods restart with it.
          metadata: { labels: { ...base.labels, ...podLabels }, annotations: { 'monitoring-as-code/config-sha256': configHash } },
          spec: {
            securityContext: { ...NON_ROOT, ...(pings ? { sysctls: [{ name: 'net.ipv4.ping_group_range', value: '0 2147483647' }] } : {}) },
            containers: [
              {
                name: BLACKBOX_EXPORTER_NAME,
                image: imageName(image),
                args: ['--config.file=/etc/blackbox_exporter/config.yml'],
                ports: [{ name: 'http', containerPort: BLACKBOX_EXPORTER_PORT }],
                readinessProbe: probe,
                livenessProbe: probe,
                securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                volumeMounts: [{ name: 'config', mountPath: '/etc/blackbox_exporter', readOnly: true }],
                ...resources(target.blackboxExporter?.resources),
              },
            ],
            volumes: [{ name: 'config', configMap: { name: `${BLACKBOX_EXPORTER_NAME}-config` } }],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: base,
      spec: { selector: podLabels, ports: [{ name: 'http', port: BLACKBOX_EXPORTER_PORT, targetPort: 'http' }] },
    },
  ];
}

/**
 * Prometheus' identity and what it may read: Services, Endpoints and Pods of the namespaces its
 * ServiceMonitors name (a Role per namespace), so service discovery is allowed exactly there.
 */
export function prometheusAccess(name: string, namespaces: readonly string[], meta: (name: string) => ObjectMeta): KubernetesObject[] {
  const account = meta(name);
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: account },
    ...namespaces.flatMap((ns) => {
      const m = { ...meta(name), namespace: ns };
      return [
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'Role',
          metadata: m,
          rules: [
            { apiGroups: [''], resources: ['services', 'endpoints', 'pods'], verbs: ['get', 'list', 'watch'] },
            { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['get', 'list', 'watch'] },
          ],
        },
        {
          apiVersion: 'rbac.authorization.k8s.io/v1',
          kind: 'RoleBinding',
          metadata: m,
          roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
          subjects: [{ kind: 'ServiceAccount', name, namespace: account.namespace }],
        },
      ] as KubernetesObject[];
    }),
  ];
}
