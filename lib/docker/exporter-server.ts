import { Construct } from 'constructs';
import { Fn } from 'cdktf';
import { ImageRef } from './image';
import { ServerProps } from './deployment';
import { ContainerLimits, ServerContainer, ServerContainerProps } from './server-container';

/**
 * The exporters the stack can run itself, beside the servers. Like the servers, pinned to the
 * releases Debian ships, whose binaries the tests run with the containers' own settings.
 */
export type ExporterKind = 'node' | 'cadvisor' | 'postgres' | 'redis';

/**
 * One exporter an environment runs as a container. The same declaration makes
 * the container (`<job>-exporter` on the stack's network), the address its
 * system's scrape job scrapes, and the sensitive variable of its password; the
 * system's catalog and alerts are the pack's, as for any scraped system.
 */
export interface ExporterDeployment {
  /** The system whose metrics it serves: its `job` selector names the scrape job that reads it. */
  readonly system: { readonly name: string; readonly selector: Readonly<Record<string, string>> };
  readonly kind: ExporterKind;
  /**
   * What it connects to. postgres: `host:port/database?sslmode=…` (no user, no password);
   * redis: `redis://host:port`. @default none (node, cadvisor: the Docker host itself)
   */
  readonly connectsTo?: string;
  /** postgres: the database user; the password is a sensitive variable. @default 'postgres_exporter' */
  readonly user?: string;
  /** @default the kind's pinned release */
  readonly image?: ImageRef;
  /** @default none */
  readonly limits?: ContainerLimits;
}

/** Where each kind listens, how it is checked and what it needs from the host. */
interface ExporterSpec {
  readonly image: ImageRef;
  readonly port: number;
  readonly healthPath: string;
  readonly container: (d: ExporterDeployment, secretFile: string) => Partial<ServerContainerProps>;
}

const SECRET_DIR = '/etc/exporter/secrets';

export const EXPORTERS: Readonly<Record<ExporterKind, ExporterSpec>> = {
  // The Docker host's filesystems, memory and CPU, read through a read-only mount of its root.
  node: {
    image: { repository: 'prom/node-exporter', tag: 'v1.5.0' },
    port: 9100,
    healthPath: '/',
    container: () => ({ command: ['--path.rootfs=/host'], hostMounts: [{ host: '/', container: '/host' }] }),
  },
  // Per-container usage: it reads the Docker daemon's state, which only root may.
  cadvisor: {
    image: { repository: 'gcr.io/cadvisor/cadvisor', tag: 'v0.49.1' },
    port: 8080,
    healthPath: '/healthz',
    container: () => ({
      user: '0:0',
      rootBecause: "cAdvisor reads the Docker daemon's state under /var/lib/docker and /var/run, which only root may read",
      command: ['--docker_only=true', '--store_container_labels=false'],
      hostMounts: ['/', '/var/run', '/sys', '/var/lib/docker'].map((host) => ({ host, container: host === '/' ? '/rootfs' : host })),
    }),
  },
  // The password from a file (DATA_SOURCE_PASS_FILE): never in the environment or the command line.
  postgres: {
    image: { repository: 'quay.io/prometheuscommunity/postgres-exporter', tag: 'v0.11.1' },
    port: 9187,
    healthPath: '/',
    container: (d, secretFile) => ({
      environment: { DATA_SOURCE_URI: d.connectsTo ?? '', DATA_SOURCE_USER: d.user ?? 'postgres_exporter', DATA_SOURCE_PASS_FILE: secretFile },
      secretFiles: [secretFile],
    }),
  },
  // redis_exporter reads passwords from a JSON map of address to password: made from the variable's value.
  redis: {
    // The alpine variant: the plain image has no wget for the healthcheck.
    image: { repository: 'oliver006/redis_exporter', tag: 'v1.45.0-alpine' },
    port: 9121,
    healthPath: '/health',
    container: (d, secretFile) => ({
      environment: { REDIS_ADDR: d.connectsTo ?? '', REDIS_PASSWORD_FILE: secretFile },
      secretFiles: [secretFile],
      secretContent: { [secretFile]: (password) => Fn.jsonencode({ [d.connectsTo ?? '']: password }) },
    }),
  },
};

/** The container's name on the stack's network: the scrape job's name with `-exporter`, as the jobs' placeholders have it. */
export const exporterName = (d: ExporterDeployment): string => `${d.system.selector.job}-exporter`;

/** `host:port` its scrape job scrapes. */
export const exporterAddress = (d: ExporterDeployment): string => `${exporterName(d)}:${EXPORTERS[d.kind].port}`;

export interface ExporterServerProps extends Omit<ServerProps, 'hostPort'> {
  readonly exporter: ExporterDeployment;
}

/** An exporter container: pinned, unprivileged unless its kind cannot be, reached by Prometheus on the network only (no host port). */
export class ExporterServer extends ServerContainer {
  constructor(scope: Construct, id: string, props: ExporterServerProps) {
    const d = props.exporter;
    const spec = EXPORTERS[d.kind];
    const name = exporterName(d);
    super(scope, id, {
      name,
      namePrefix: props.deployment.namePrefix,
      network: props.deployment.network,
      image: d.image ?? props.image ?? spec.image,
      healthUrl: `http://127.0.0.1:${spec.port}${spec.healthPath}`,
      limits: d.limits,
      secretVariablePrefix: `${name.replace(/-/g, '_')}_secret`,
      ...spec.container(d, `${SECRET_DIR}/password`),
    });
    this.node.addValidation({ validate: () => exporterProblems(d) });
  }
}

/** What an exporter declaration lacks, naming the exporter. */
export function exporterProblems(d: ExporterDeployment): string[] {
  const where = `exporter ${d.system.name} (${d.kind})`;
  if (d.system.selector.job === undefined) return [`${where}: its system's selector has no job label, so no scrape job reads it; add { job: '…' }`];
  const needs = d.kind === 'postgres' || d.kind === 'redis';
  if (needs && !d.connectsTo) return [`${where}: connectsTo is missing; say which ${d.kind === 'postgres' ? 'database (host:port/database?sslmode=require)' : 'Redis (redis://host:port)'} it reads`];
  if (!needs && d.connectsTo) return [`${where}: connectsTo is for postgres and redis exporters; a ${d.kind} exporter reads the Docker host it runs on`];
  // Credentials belong in the sensitive variable, not in an address every reviewer reads (nor in its query string).
  if (d.connectsTo && (/\/\/[^/\s@]+@|^[^/\s@]+@/.test(d.connectsTo) || /[?&](password|pass|user)=/i.test(d.connectsTo))) {
    return [`${where}: connectsTo carries credentials; leave them out (the password is the variable ${exporterName(d).replace(/-/g, '_')}_secret_password)`];
  }
  // redis_exporter adds redis:// before it looks the address up in the password file: without it, no AUTH is sent.
  if (d.kind === 'redis' && d.connectsTo && !/^rediss?:\/\//.test(d.connectsTo)) {
    return [`${where}: connectsTo ${d.connectsTo} has no redis:// (or rediss://); give the scheme, e.g. redis://${d.connectsTo}, or the exporter sends no password`];
  }
  return [];
}
