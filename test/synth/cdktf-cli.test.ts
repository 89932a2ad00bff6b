import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { environments } from '../../stacks/environments';

const root = path.resolve(__dirname, '../..');

/** Every file under `dir`, relative to it, with its content. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(path.relative(dir, full), fs.readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/** `cdktf synth` goes through cdktf.json's `app`: the path `cdktf deploy` takes. */
test('cdktf synth (the CLI) writes every environment\'s stack, the same files as the direct entry (npm run synth)', () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mac-cli-'));
  const [viaCli, direct] = [path.join(scratch, 'cli'), path.join(scratch, 'direct')];
  const run = spawnSync(path.join(root, 'node_modules/.bin/cdktf'), ['synth', '--output', viaCli], {
    cwd: root,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: 'true', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.status).toBe(0);
  const entry = spawnSync(process.execPath, ['scripts/synth.js'], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: direct }, encoding: 'utf8', timeout: 120_000 });
  expect(entry.status).toBe(0);
  const [cli, own] = [tree(path.join(viaCli, 'stacks')), tree(path.join(direct, 'stacks'))];
  for (const env of environments) expect({ env: env.name, stack: cli.has(`${env.name}/cdk.tf.json`) }).toEqual({ env: env.name, stack: true });
  expect([...cli.keys()].sort()).toEqual([...own.keys()].sort());
  for (const [file, content] of cli) expect({ file, same: content === own.get(file) }).toEqual({ file, same: true });
}, 180_000);
