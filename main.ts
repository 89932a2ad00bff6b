import * as path from 'path';
import { App } from 'cdktf';
import { SynthError, asSynthError, duplicates } from './lib';
import { Environment, environments } from './stacks/environments';
import { MonitoringStack } from './stacks/monitoring-stack';
import { GrafanaStack } from './stacks/grafana-stack';
import { KubernetesDeployment, objectId } from './lib/kubernetes';

/** The cdktf app: one monitoring stack per environment, and a Grafana stack where it manages an existing Grafana. */
export function buildApp(outdir?: string, envs: readonly Environment[] = environments): { app: App; stacks: MonitoringStack[]; grafanaStacks: GrafanaStack[] } {
  // Stack names are construct ids and state files: a clash is a content mistake, said as one, not constructs' exception.
  const twice = duplicates(envs.map((env) => env.name));
  if (twice.length) throw new SynthError(twice.map((name) => `environment ${name} is defined twice; environment names are stack names and must be unique`));
  const names = new Set(envs.map((env) => env.name));
  const clashes = envs.filter((env) => env.managedGrafana && names.has(`${env.name}-grafana`));
  if (clashes.length) {
    throw new SynthError(clashes.map((env) => `stack ${env.name}-grafana would be made twice: by environment ${env.name}-grafana and as the Grafana stack of environment ${env.name}; rename the environment`));
  }
  const app = new App(outdir ? { outdir } : {});
  const stacks = envs.map((env) => new MonitoringStack(app, env));
  const shared = kubernetesClashes(stacks);
  if (shared.length) throw new SynthError(shared);
  const grafanaStacks = envs.flatMap((env, i) => (env.managedGrafana ? [new GrafanaStack(app, { ...env, managedGrafana: env.managedGrafana }, stacks[i])] : []));
  return { app, stacks, grafanaStacks };
}

/**
 * Objects two Kubernetes environments would both manage (the same kind and name in one namespace of one
 * kubeconfig context): two states applying one object, each undoing the other's. Environments in one
 * namespace clash on every object; in different ones they can still clash where their dashboards go.
 * (An unset context and a named one may be the same cluster; that is not seen here.)
 */
function kubernetesClashes(stacks: readonly MonitoringStack[]): string[] {
  const owners = new Map<string, string[]>();
  for (const stack of stacks) {
    if (!(stack.deployment instanceof KubernetesDeployment)) continue;
    const context = stack.deployment.context ?? '(current context)';
    for (const o of stack.deployment.objects) {
      const key = `${objectId(o)} in namespace ${o.metadata.namespace} of ${context}`;
      owners.set(key, [...(owners.get(key) ?? []), stack.node.id]);
    }
  }
  const shared = [...owners].filter(([, envs]) => envs.length > 1);
  if (!shared.length) return [];
  const byEnvs = new Map<string, string[]>();
  for (const [key, envs] of shared) byEnvs.set(envs.join(' and '), [...(byEnvs.get(envs.join(' and ')) ?? []), key]);
  return [...byEnvs].map(
    ([envs, keys]) =>
      `environments ${envs} would both manage ${keys.length === 1 ? keys[0] : `${keys.length} objects (${keys[0]}, …)`}; give each its own namespace (and dashboardsNamespace: one Grafana shows one environment's dashboards, which switch environments by their datasource variable)`,
  );
}

export interface SynthOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/**
 * Builds and synthesizes the app; prints what was written and which secrets
 * to export, or the one `synth failed` message. Returns the exit code.
 */
export function runSynth(outdir?: string, envs: readonly Environment[] = environments, out: SynthOutput = { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }): number {
  let built: ReturnType<typeof buildApp>;
  try {
    built = buildApp(outdir, envs);
    built.app.synth();
  } catch (error) {
    out.stderr(`${asSynthError(error).message}\n`);
    return 1;
  }
  const { app, stacks, grafanaStacks } = built;
  // Printed at once: a write each was ~320 writes to the pipe (a few ms).
  const lines: string[] = [];
  for (const stack of stacks) {
    const dir = path.relative(process.cwd(), path.join(app.outdir, 'stacks', stack.node.id));
    lines.push(`stack ${stack.node.id}: ${dir}/`);
    for (const file of ['cdk.tf.json', ...stack.writtenFiles]) lines.push(`  ${dir}/${file}`);
    lines.push(`secrets to export before \`cdktf deploy ${stack.node.id}\`:`);
    for (const name of stack.deployment.secretVariableNames) lines.push(`  TF_VAR_${name}`);
  }
  for (const stack of grafanaStacks) {
    const dir = path.relative(process.cwd(), path.join(app.outdir, 'stacks', stack.node.id));
    lines.push(`stack ${stack.node.id}: ${dir}/cdk.tf.json (${stack.grafana.dashboards.length} dashboards in ${stack.grafana.folders.size} folders)`);
    lines.push(`secrets to export before \`cdktf deploy ${stack.node.id}\`:`, `  TF_VAR_${stack.grafana.auth.friendlyUniqueId}`);
  }
  if (lines.length) out.stdout(`${lines.join('\n')}\n`);
  return 0;
}

// Run as a program (ts-node main.ts, node dist/synth/main.js), not when bundled into another entry.
if (require.main === module && /(^|[\\/])main\.[jt]s$/.test(require.main.filename)) process.exitCode = runSynth();
