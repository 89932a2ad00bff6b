import { BasicAuth } from '../prometheus';
import { SecretKeySelector } from './objects';

/** The Secret holding Prometheus' credentials (scrape passwords, remote-write tokens), referenced key by key. */
export const PROMETHEUS_SECRET = 'prometheus-credentials';
/** The Secret holding the files Alertmanager's config reads (webhook URLs, routing keys), mounted by the operator. */
export const ALERTMANAGER_SECRET = 'alertmanager-credentials';
/** The Secret holding alertmanager.yaml itself: the Alertmanager resource's `configSecret`. */
export const ALERTMANAGER_CONFIG_SECRET = 'alertmanager-config';

/**
 * The Secret key of a secret file: its file name (`/etc/prometheus/secrets/mimir-token` → `mimir-token`),
 * so the Docker and Kubernetes deployments fill the same names from the same variables.
 */
export function secretKeyOfFile(file: string): string {
  return file.split('/').pop()!;
}

/** The key of `PROMETHEUS_SECRET` that replaces a password or token file of prometheus.yml. */
export function prometheusCredential(file: string): SecretKeySelector {
  return { name: PROMETHEUS_SECRET, key: secretKeyOfFile(file) };
}

/** The key holding a basic-auth user name: the operator reads user names from Secrets too. */
export function usernameKey(passwordFile: string): SecretKeySelector {
  return { name: PROMETHEUS_SECRET, key: `${secretKeyOfFile(passwordFile)}-username` };
}

/** Basic auth from the credentials Secret: the operator reads user names from Secrets as well as passwords. */
export function basicAuthFromSecret(auth: BasicAuth): Record<string, unknown> {
  return { username: usernameKey(auth.passwordFile), password: prometheusCredential(auth.passwordFile) };
}

/** Where the operator mounts key `key` of a Secret listed in the Alertmanager resource's `secrets`. */
export function alertmanagerSecretPath(file: string): string {
  return `/etc/alertmanager/secrets/${ALERTMANAGER_SECRET}/${secretKeyOfFile(file)}`;
}

/**
 * A copy of `config` with every `*File` setting moved by `move`: the files the
 * Docker deployment mounts one by one sit in a Secret's folder on Kubernetes.
 */
export function withSecretFilesMoved<T>(config: T, move: (file: string) => string): T {
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (!value || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, /File$/.test(key) && typeof v === 'string' ? move(v) : visit(v)]));
  };
  return visit(config) as T;
}
