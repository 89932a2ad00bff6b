import * as os from 'os';
import { App, Testing } from 'cdktf';
import { Environment, local } from '../../stacks/environments';
import { MonitoringStack } from '../../stacks/monitoring-stack';

/** A `docker_container` as it stands in cdk.tf.json (the attributes tests read). */
export interface ContainerJson {
  readonly name: string;
  readonly image: string;
  readonly command: string[];
  readonly user: string;
  readonly restart: string;
  readonly capabilities: { drop: string[] };
  readonly security_opts: string[];
  readonly healthcheck: { test: string[] };
  readonly ports: { internal: number; external: number; ip: string }[];
  readonly volumes?: { container_path: string; volume_name: string }[];
  readonly networks_advanced: { name: string; aliases: string[] }[];
  readonly upload: { file: string; source?: string; source_hash?: string; content?: string; permissions?: string }[];
}

/** The Terraform JSON of a stack (the parts tests read). */
export interface StackJson {
  readonly terraform: { backend: unknown };
  readonly provider: Record<string, unknown>;
  readonly variable: Record<string, unknown>;
  readonly resource: {
    readonly docker_container: Record<string, ContainerJson>;
    readonly docker_image: Record<string, { name: string }>;
    readonly docker_volume: Record<string, { name: string }>;
  };
}

/** The cdk.tf.json content of an environment's stack, as synth writes it. */
export function synthesizedStack(env: Environment = local): StackJson {
  return JSON.parse(Testing.synth(new MonitoringStack(new App({ outdir: os.tmpdir() }), env))) as StackJson;
}

/** The containers of a stack, by the name other containers reach them by (their network alias). */
export function containersOf(stack: StackJson): Map<string, ContainerJson> {
  return new Map(Object.values(stack.resource.docker_container).map((c) => [c.networks_advanced[0].aliases[0], c]));
}
