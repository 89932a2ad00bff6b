import * as path from 'path';
import { App } from 'cdktf';
import { SynthError } from './lib';
import { environments } from './stacks/environments';
import { MonitoringStack } from './stacks/monitoring-stack';
import { GrafanaStack } from './stacks/grafana-stack';

/** The cdktf app: one monitoring stack per environment, and a Grafana stack where it manages an existing Grafana. */
export function buildApp(outdir?: string): { app: App; stacks: MonitoringStack[]; grafanaStacks: GrafanaStack[] } {
  const app = new App(outdir ? { outdir } : {});
  const stacks = environments.map((env) => new MonitoringStack(app, env));
  const grafanaStacks = environments.flatMap((env, i) => (env.managedGrafana ? [new GrafanaStack(app, { ...env, managedGrafana: env.managedGrafana }, stacks[i])] : []));
  return { app, stacks, grafanaStacks };
}

if (require.main === module) {
  const { app, stacks, grafanaStacks } = buildApp();
  try {
    app.synth();
  } catch (error) {
    if (!(error instanceof SynthError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  for (const stack of stacks) {
    const dir = path.relative(process.cwd(), path.join(app.outdir, 'stacks', stack.node.id));
    process.stdout.write(`stack ${stack.node.id}: ${dir}/\n`);
    for (const file of ['cdk.tf.json', ...stack.writtenFiles]) process.stdout.write(`  ${dir}/${file}\n`);
    process.stdout.write(`secrets to export before \`cdktf deploy ${stack.node.id}\`:\n`);
    for (const name of stack.deployment.secretVariableNames) process.stdout.write(`  TF_VAR_${name}\n`);
  }
  for (const stack of grafanaStacks) {
    const dir = path.relative(process.cwd(), path.join(app.outdir, 'stacks', stack.node.id));
    process.stdout.write(`stack ${stack.node.id}: ${dir}/cdk.tf.json (${stack.grafana.dashboards.length} dashboards in ${stack.grafana.folders.size} folders)\n`);
    process.stdout.write(`secrets to export before \`cdktf deploy ${stack.node.id}\`:\n  TF_VAR_${stack.grafana.auth.friendlyUniqueId}\n`);
  }
}
