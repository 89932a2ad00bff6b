import { ImageRef, imageName } from '../docker/image';
import { KubernetesObject, MONITORING_V1, ObjectMeta } from './objects';
import { PersistentStorage, ServerResources } from './target';

/** Pods of the servers run as `nobody`, like the containers of the Docker deployment. */
export const NON_ROOT = { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, fsGroup: 65534 };

/** The version the operator is told: the release tag without its `v` (it picks flags by version). */
const versionOf = (image: ImageRef) => image.tag.replace(/^v/, '');

/** The operator's server kinds, and the label value it gives their pods (`app.kubernetes.io/name`). */
export type OperatorServerKind = 'Prometheus' | 'Alertmanager';

/**
 * The Prometheus or Alertmanager resource of an environment, named after it: the operator runs
 * StatefulSet `<kind>-<environment>`. What the two share is here: how many pods, their image and
 * version, running as nobody; `spec` adds the rest.
 */
export function operatorServer(kind: OperatorServerKind, environment: string, image: ImageRef, replicas: number | undefined, meta: (name: string) => ObjectMeta, spec: Record<string, unknown>): KubernetesObject {
  return { apiVersion: MONITORING_V1, kind, metadata: meta(environment), spec: { replicas: replicas ?? 1, image: imageName(image), version: versionOf(image), securityContext: NON_ROOT, ...spec } };
}

/**
 * A Service in front of exactly this environment's server pods, by the labels the operator gives them
 * (`app.kubernetes.io/name`, `app.kubernetes.io/instance`). The operator's own `prometheus-operated` and
 * `alertmanager-operated` select every server of the namespace, another install's too.
 */
export function serverService(kind: OperatorServerKind, environment: string, port: number, meta: (name: string) => ObjectMeta): KubernetesObject {
  const name = kind.toLowerCase();
  const m = meta(serverServiceName(kind, environment));
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { ...m, labels: { ...m.labels, [SERVER_LABEL]: name } },
    spec: { selector: { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': environment }, ports: [{ name: 'web', port, targetPort: 'web' }] },
  };
}

/** The label the stack's server Services carry (`prometheus`, `alertmanager`), telling them from the operator's own. */
export const SERVER_LABEL = 'monitoring-as-code/server';

/**
 * `host:port` of each pod of the environment's server, by the stable names the operator's governing
 * Service gives StatefulSet pods (`alertmanager-<env>-0.alertmanager-operated.<ns>.svc`): static targets,
 * so a pod that is gone is an `up` of 0, as a container that is gone is on Docker.
 */
export function serverPodAddresses(kind: OperatorServerKind, environment: string, namespace: string, replicas: number, port: number): string[] {
  const name = kind.toLowerCase();
  return Array.from({ length: replicas }, (_, i) => `${name}-${environment}-${i}.${name}-operated.${namespace}.svc:${port}`);
}

/** `prometheus-<environment>`, `alertmanager-<environment>`: the environment's server Service. */
export function serverServiceName(kind: OperatorServerKind, environment: string): string {
  return `${kind.toLowerCase()}-${environment}`;
}

/** `resources` of a pod's container, when any are given. */
export function resources(r: ServerResources | undefined): Record<string, unknown> {
  return r && (r.requests || r.limits) ? { resources: { ...(r.requests ? { requests: { ...r.requests } } : {}), ...(r.limits ? { limits: { ...r.limits } } : {}) } } : {};
}

/** A volume claimed per replica, kept when the pod is replaced; without one the operator uses an emptyDir. */
export function persistentStorage(storage: PersistentStorage | undefined): Record<string, unknown> {
  if (!storage) return {};
  const spec = { accessModes: ['ReadWriteOnce'], ...(storage.storageClassName ? { storageClassName: storage.storageClassName } : {}), resources: { requests: { storage: storage.size } } };
  return { storage: { volumeClaimTemplate: { spec } } };
}
