import { Construct } from 'constructs';
import { Fn, TerraformVariable } from 'cdktf';
import { Container } from '@cdktf/provider-docker/lib/container';
import { Image } from '@cdktf/provider-docker/lib/image';
import { Volume } from '@cdktf/provider-docker/lib/volume';
import { Network } from '@cdktf/provider-docker/lib/network';
import { ImageRef, imageName, imageProblems } from './image';
import { secretVariableName } from '../synth/secret-files';

/** A port published on the Docker host. */
export interface PublishedPort {
  /** The port the server listens on inside the container. */
  readonly internal: number;
  /** @default the internal port */
  readonly external?: number;
  /** Host address to bind. @default '127.0.0.1': reachable from this host only */
  readonly hostIp?: string;
}

/** A file written by synth beside cdk.tf.json, copied into the container. */
export interface ConfigUpload {
  /** Path inside the container, e.g. `/etc/prometheus/prometheus.yml`. */
  readonly path: string;
  /** Path relative to the stack's synth folder, e.g. `prometheus/prometheus.yml`: the file reviewers read. */
  readonly source: string;
}

/** What a container may use of its host: a server that grows cannot starve the others. */
export interface ContainerLimits {
  /** Memory limit in MB; swap is not added to it. @default no limit */
  readonly memoryMb?: number;
  /** CPUs, e.g. 1.5. @default no limit */
  readonly cpus?: number;
}

export interface ServerContainerProps {
  /** Container name suffix and the name other containers reach it by, e.g. `prometheus`. */
  readonly name: string;
  /** Prefix of Docker object names, e.g. `monitoring-local`. */
  readonly namePrefix: string;
  readonly image: ImageRef;
  readonly network: Network;
  /** @default the image's entrypoint with no arguments */
  readonly command?: readonly string[];
  /** `uid:gid`. @default '65534:65534' (nobody), as the Prometheus images run */
  readonly user?: string;
  /** Why this container must run as root (cAdvisor reads the Docker daemon's state): without it, root fails synth. @default it may not */
  readonly rootBecause?: string;
  /** Host paths mounted read-only (an exporter reading the host's /proc, /sys, /). @default none */
  readonly hostMounts?: readonly { readonly host: string; readonly container: string }[];
  /** How a secret file's content is made from its variable's value, by container path (a JSON map, a URL). @default the value as it is */
  readonly secretContent?: Readonly<Record<string, (value: string) => string>>;
  /** @default none */
  readonly ports?: readonly PublishedPort[];
  /** @default none */
  readonly uploads?: readonly ConfigUpload[];
  /**
   * Absolute paths of secret files the server reads (`*_file` settings). Each
   * becomes a sensitive Terraform variable, `<variablePrefix>_<file name>`,
   * whose value is copied to that path: never in the synth output.
   * @default none
   */
  readonly secretFiles?: readonly string[];
  /** Prefix of the secret variables' names, e.g. `alertmanager_secret`. @default `<name>_secret` */
  readonly secretVariablePrefix?: string;
  /** Variables of another container of the same group to fill the secret files from, instead of its own. @default its own */
  readonly sharedSecrets?: ReadonlyMap<string, TerraformVariable>;
  /** The server's own health endpoint, polled from inside the container, e.g. `http://127.0.0.1:9090/-/healthy`. */
  readonly healthUrl: string;
  /** Path of a named volume that keeps the server's data across container replacements. @default no volume */
  readonly dataPath?: string;
  /** Environment variables (never secrets: those are files). @default none */
  readonly environment?: Readonly<Record<string, string>>;
  /** Kernel parameters of the container's namespaces. @default none */
  readonly sysctls?: Readonly<Record<string, string>>;
  /** @default no limits */
  readonly limits?: ContainerLimits;
  /** @default 'unless-stopped' */
  readonly restart?: 'no' | 'on-failure' | 'always' | 'unless-stopped';
}

/**
 * One server of the monitoring stack as a Docker container: a pinned image,
 * an unprivileged user, a healthcheck, a restart policy, ports on 127.0.0.1,
 * a named data volume, config files copied from the synth output and secrets
 * from sensitive Terraform variables. A changed config file replaces the
 * container; the data volume stays.
 */
export class ServerContainer extends Construct {
  readonly container: Container;
  /** The sensitive variables, by the container path they fill. */
  readonly secretVariables: ReadonlyMap<string, TerraformVariable>;
  readonly volume?: Volume;

  constructor(scope: Construct, id: string, props: ServerContainerProps) {
    super(scope, id);
    const where = `container ${props.name}`;
    this.node.addValidation({ validate: () => containerProblems(props, where) });
    const image = new Image(this, 'Image', { name: imageName(props.image), keepLocally: true });
    const prefix = props.secretVariablePrefix ?? `${props.name.replace(/-/g, '_')}_secret`;
    this.secretVariables = props.sharedSecrets ?? new Map(
      (props.secretFiles ?? []).map((file) => {
        const name = secretVariableName(prefix, file);
        const variable = new TerraformVariable(this, name, { type: 'string', sensitive: true, nullable: false, description: `Content of ${file} in ${props.name}` });
        // The name an operator sets (TF_VAR_<name>): readable, not a construct path with a hash.
        variable.overrideLogicalId(name);
        return [file, variable];
      }),
    );
    if (props.dataPath) this.volume = new Volume(this, 'Data', { name: `${props.namePrefix}-${props.name}-data` });
    this.container = new Container(this, 'Container', {
      name: `${props.namePrefix}-${props.name}`,
      image: image.imageId,
      command: props.command ? [...props.command] : undefined,
      user: props.user ?? '65534:65534',
      env: props.environment ? Object.entries(props.environment).map(([k, v]) => `${k}=${v}`) : undefined,
      restart: props.restart ?? 'unless-stopped',
      // The servers need no privileges at all.
      capabilities: { drop: ['ALL'] },
      securityOpts: ['no-new-privileges:true'],
      sysctls: props.sysctls ? { ...props.sysctls } : undefined,
      // memory_swap equal to memory: the limit is the limit, not a start of swapping.
      ...(props.limits?.memoryMb !== undefined ? { memory: props.limits.memoryMb, memorySwap: props.limits.memoryMb } : {}),
      ...(props.limits?.cpus !== undefined ? { cpus: String(props.limits.cpus) } : {}),
      healthcheck: { test: ['CMD', 'wget', '-q', '--spider', props.healthUrl], interval: '30s', timeout: '5s', retries: 3, startPeriod: '30s' },
      networksAdvanced: [{ name: props.network.name, aliases: [props.name] }],
      ports: (props.ports ?? []).map((p) => ({ internal: p.internal, external: p.external ?? p.internal, ip: p.hostIp ?? '127.0.0.1' })),
      volumes: props.dataPath ? [{ volumeName: this.volume!.name, containerPath: props.dataPath }] : undefined,
      mounts: props.hostMounts?.length ? props.hostMounts.map((m) => ({ type: 'bind', source: m.host, target: m.container, readOnly: true })) : undefined,
      upload: [
        // Relative to the stack folder, where cdktf runs terraform; the hash makes a changed file replace the container.
        ...(props.uploads ?? []).map((u) => ({ file: u.path, source: u.source, sourceHash: Fn.filesha256(u.source) })),
        // Docker copies uploads as root-owned files: readable by all, so the unprivileged server can read them.
        ...[...this.secretVariables].map(([file, variable]) => ({ file, content: (props.secretContent?.[file] ?? ((v: string) => v))(variable.stringValue), permissions: '0444' })),
      ],
    });
  }
}

/** What is wrong with a container declaration: each message names the container and the fix. */
export function containerProblems(props: ServerContainerProps, where: string): string[] {
  const problems = imageProblems(props.image, where);
  const user = props.user ?? '65534:65534';
  if (/^(0|root)(:|$)/.test(user) && !props.rootBecause?.trim()) problems.push(`${where}: runs as root (user ${JSON.stringify(user)}); set an unprivileged uid:gid such as 65534:65534, or say why it must be root (rootBecause)`);
  for (const p of props.ports ?? []) {
    for (const port of [p.internal, p.external ?? p.internal]) {
      if (!Number.isInteger(port) || port < 1 || port > 65535) problems.push(`${where}: port ${port} is not a TCP port (1-65535)`);
    }
    if (p.hostIp !== undefined && !/^(\d{1,3}\.){3}\d{1,3}$/.test(p.hostIp)) problems.push(`${where}: hostIp ${JSON.stringify(p.hostIp)} is not an IPv4 address`);
  }
  const { memoryMb, cpus } = props.limits ?? {};
  if (memoryMb !== undefined && (!Number.isInteger(memoryMb) || memoryMb < 6)) problems.push(`${where}: limits.memoryMb is ${memoryMb}; Docker needs a whole number of MB, 6 or more`);
  if (cpus !== undefined && !(cpus > 0)) problems.push(`${where}: limits.cpus is ${cpus}; it must be above 0, e.g. 0.5 or 2`);
  for (const m of props.hostMounts ?? []) {
    if (!m.host.startsWith('/') || !m.container.startsWith('/')) problems.push(`${where}: host mount ${m.host} → ${m.container}: both must be absolute paths`);
  }
  const targets = [...(props.uploads ?? []).map((u) => u.path), ...(props.secretFiles ?? [])];
  for (const file of targets) {
    if (!file.startsWith('/')) problems.push(`${where}: ${file} must be an absolute path inside the container`);
  }
  for (const file of new Set(targets.filter((f, i) => targets.indexOf(f) !== i))) problems.push(`${where}: ${file} is copied into the container twice`);
  if (!/^https?:\/\/127\.0\.0\.1:\d+\//.test(props.healthUrl)) problems.push(`${where}: healthUrl ${JSON.stringify(props.healthUrl)} must be an http URL on 127.0.0.1 inside the container`);
  return problems;
}
