import * as path from 'path';
import { App } from 'cdktf';
import { SynthError } from './lib';
import { environments } from './stacks/environments';
import { MonitoringStack } from './stacks/monitoring-stack';

/** The cdktf app: one monitoring stack per environment. */
export function buildApp(outdir?: string): { app: App; stacks: MonitoringStack[] } {
  const app = new App(outdir ? { outdir } : {});
  const stacks = environments.map((env) => new MonitoringStack(app, env));
  return { app, stacks };
}

if (require.main === module) {
  const { app, stacks } = buildApp();
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
}
