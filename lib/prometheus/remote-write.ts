import { Duration, durationProblem } from '../promql';
import { BasicAuth, RelabelConfig } from './config';
import { relabelProblems } from './validate-relabel';

/** How a remote write endpoint authenticates Prometheus. Secrets are only ever read from mounted files. */
export type RemoteWriteAuth = { readonly basicAuth: BasicAuth } | { readonly bearerTokenFile: string };

/** Prometheus' send queue per endpoint: how much it buffers and how hard it pushes. Each @default Prometheus' own */
export interface RemoteWriteQueue {
  /** Samples buffered per shard. */
  readonly capacity?: number;
  readonly minShards?: number;
  readonly maxShards?: number;
  readonly maxSamplesPerSend?: number;
  /** How long a partly filled batch waits before it is sent. */
  readonly batchSendDeadline?: Duration;
}

/**
 * Long-term storage: every sample Prometheus ingests is also sent to a
 * Mimir-, Thanos-receive- or Cortex-compatible endpoint (`remote_write`), so
 * metrics outlive the server's own retention and disk.
 */
export interface RemoteWrite {
  /** The push URL, e.g. `https://mimir.example.com/api/v1/push`. Never credentials in it: use `auth`. */
  readonly url: string;
  /** Shown in Prometheus' own metrics (`remote_name`). @default a hash of the URL */
  readonly name?: string;
  /** @default none */
  readonly auth?: RemoteWriteAuth;
  /** @default Prometheus' queue settings */
  readonly queue?: RemoteWriteQueue;
  /** Relabelling before a series is sent, e.g. dropping high-cardinality debug series. @default everything is sent */
  readonly writeRelabelConfigs?: readonly RelabelConfig[];
  /** Extra HTTP headers, e.g. Mimir's `X-Scope-OrgID` tenant (never a secret). @default none */
  readonly headers?: Readonly<Record<string, string>>;
}

const QUEUE_KEYS: Record<keyof RemoteWriteQueue, string> = {
  capacity: 'capacity',
  minShards: 'min_shards',
  maxShards: 'max_shards',
  maxSamplesPerSend: 'max_samples_per_send',
  batchSendDeadline: 'batch_send_deadline',
};

/** prometheus.yml's `remote_write` entry. */
export function renderRemoteWrite(w: RemoteWrite, renderRelabel: (r: RelabelConfig) => Record<string, unknown>): Record<string, unknown> {
  const auth = w.auth;
  const queue = Object.entries(w.queue ?? {}).filter(([, v]) => v !== undefined);
  return {
    url: w.url,
    ...(w.name ? { name: w.name } : {}),
    ...(w.headers ? { headers: { ...w.headers } } : {}),
    ...(auth && 'basicAuth' in auth ? { basic_auth: { username: auth.basicAuth.username, password_file: auth.basicAuth.passwordFile } } : {}),
    ...(auth && 'bearerTokenFile' in auth ? { authorization: { type: 'Bearer', credentials_file: auth.bearerTokenFile } } : {}),
    ...(queue.length ? { queue_config: Object.fromEntries(queue.map(([k, v]) => [QUEUE_KEYS[k as keyof RemoteWriteQueue], v])) } : {}),
    ...(w.writeRelabelConfigs?.length ? { write_relabel_configs: w.writeRelabelConfigs.map(renderRelabel) } : {}),
  };
}

/** Headers Prometheus 2.42 refuses in remote_write (config.go's reservedHeaders, and Authorization). */
const RESERVED_HEADERS = new Set([
  'authorization',
  'host',
  'content-encoding',
  'content-length',
  'content-type',
  'user-agent',
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'www-authenticate',
  'accept-encoding',
  'x-prometheus-remote-write-version',
  'x-prometheus-remote-read-version',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
]);

/** `user:password@` in a URL: a secret in a file everyone reads. */
export const CREDENTIALS_IN_URL = /\/\/[^/\s:@]+:[^/\s@]+@/;

/** What is wrong with the remote write endpoints, each naming the endpoint and the fix. */
export function remoteWriteProblems(writes: readonly RemoteWrite[]): string[] {
  const problems: string[] = [];
  const names = writes.map((w) => w.name).filter((n): n is string => n !== undefined);
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i))) problems.push(`prometheus remoteWrite ${name}: the name is used twice; Prometheus refuses that`);
  writes.forEach((w, i) => {
    const where = `prometheus remoteWrite ${w.name ?? `#${i + 1}`}`;
    // A URL with credentials is said as such and never echoed: the message would carry the secret.
    if (CREDENTIALS_IN_URL.test(w.url)) problems.push(`${where}: the url carries credentials; put them in a file and use auth: { basicAuth } or { bearerTokenFile }`);
    else {
      let url: URL | undefined;
      try {
        url = new URL(w.url);
      } catch {
        problems.push(`${where}: url ${JSON.stringify(w.url)} is not a URL; write e.g. https://mimir.example.com/api/v1/push`);
      }
      if (url && !['http:', 'https:'].includes(url.protocol)) problems.push(`${where}: url must be http or https, not ${url.protocol}`);
    }
    for (const header of Object.keys(w.headers ?? {})) {
      const name = header.toLowerCase();
      if (RESERVED_HEADERS.has(name)) problems.push(`${where}: header ${header} is set by Prometheus itself (it refuses the config); use auth for credentials`);
      // Header values are written into prometheus.yml as they are: a credential there is a credential in review.
      else if (/auth|token|secret|password|api-?key/.test(name)) problems.push(`${where}: header ${header} looks like a credential, which prometheus.yml would show in plain text; use auth: { bearerTokenFile } or { basicAuth }`);
    }
    for (const [key, value] of Object.entries(w.queue ?? {})) {
      if (key === 'batchSendDeadline') {
        const problem = durationProblem(value);
        if (problem) problems.push(`${where}: queue.batchSendDeadline: ${problem}`);
      } else if (!Number.isInteger(value) || (value as number) < 1) problems.push(`${where}: queue.${key} is ${value}; it must be a whole number, 1 or more`);
    }
    const q = w.queue;
    if (q?.minShards !== undefined && q.maxShards !== undefined && q.minShards > q.maxShards) problems.push(`${where}: queue.minShards ${q.minShards} is above queue.maxShards ${q.maxShards}`);
    for (const file of [w.auth && 'bearerTokenFile' in w.auth ? w.auth.bearerTokenFile : undefined, w.auth && 'basicAuth' in w.auth ? w.auth.basicAuth.passwordFile : undefined]) {
      if (file !== undefined && !file.startsWith('/')) problems.push(`${where}: ${file} must be an absolute path of a mounted secret file`);
    }
    (w.writeRelabelConfigs ?? []).forEach((r, j) => problems.push(...relabelProblems(r, `${where} writeRelabelConfigs[${j}]`)));
  });
  return problems;
}
