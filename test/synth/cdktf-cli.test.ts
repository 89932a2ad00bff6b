import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** `cdktf synth` goes through cdktf.json's `app`: the path `cdktf deploy` takes. */
test('cdktf synth (the CLI) writes the same stack as npm run synth', () => {
  const root = path.resolve(__dirname, '../..');
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mac-cli-')), 'out');
  const run = spawnSync(path.join(root, 'node_modules/.bin/cdktf'), ['synth', '--output', outdir], {
    cwd: root,
    env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: 'true', FORCE_COLOR: '0' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(run.status).toBe(0);
  for (const file of ['stacks/local/cdk.tf.json', 'stacks/local/prometheus/prometheus.yml', 'stacks/local/prometheus/rules/ik-engine.yml']) {
    expect({ file, exists: fs.existsSync(path.join(outdir, file)) }).toEqual({ file, exists: true });
  }
});
