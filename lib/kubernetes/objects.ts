/**
 * Kubernetes objects as plain data: what the stack applies (through the
 * kubernetes provider's `kubernetes_manifest`) and writes out as YAML for review.
 */

/** The Prometheus Operator's API group and version of its stable kinds. */
export const MONITORING_V1 = 'monitoring.coreos.com/v1';
/** ScrapeConfig is still v1alpha1 in the pinned operator (v0.93.0: test/fixtures/prometheus-operator/SOURCE.md). */
export const MONITORING_V1ALPHA1 = 'monitoring.coreos.com/v1alpha1';

export interface ObjectMeta {
  /** An RFC 1123 label: lowercase letters, digits and dashes, at most 63. */
  readonly name: string;
  /** Every object of the stack is namespaced. */
  readonly namespace: string;
  /** @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** @default none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** The label Prometheus selects its rules, scrapes and probes by: only this environment's. */
export const ENVIRONMENT_LABEL = 'monitoring-as-code/environment';

/** The labels every object of an environment carries. */
export function environmentLabels(environment: string): Record<string, string> {
  return { 'app.kubernetes.io/managed-by': 'monitoring-as-code', [ENVIRONMENT_LABEL]: environment };
}

export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly spec?: Record<string, unknown>;
  readonly data?: Readonly<Record<string, string>>;
  /** Kinds with other top-level fields (a Role's `rules`, a RoleBinding's `subjects`). */
  readonly [field: string]: unknown;
}

/** A key of a Secret in the stack's namespace: how operator resources name a credential. */
export interface SecretKeySelector {
  readonly name: string;
  readonly key: string;
}

/** Kubernetes object names (RFC 1123 labels): lowercase letters, digits and dashes, at most 63. */
export const OBJECT_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** `kind/name`, as kubectl names an object: what messages and file names use. */
export function objectId(o: KubernetesObject): string {
  return `${o.kind.toLowerCase()}/${o.metadata.name}`;
}

/** An object name from free text: `IK Engine_rules` → `ik-engine-rules`. */
export function objectName(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}
