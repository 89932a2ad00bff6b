import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runSynth } from '../../main';
import { Environment, local } from '../../stacks/environments';

/** Runs the real entry point's synth on `envs` into a fresh folder: exit code, what it printed, whether anything was written. */
function synth(envs: readonly Environment[]) {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mac-fail-')), 'out');
  let stdout = '';
  let stderr = '';
  const code = runSynth(outdir, envs, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  // cdktf may leave empty folders; a written file is what counts.
  const files = fs.existsSync(outdir) ? fs.readdirSync(outdir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()) : [];
  return { code, stdout, stderr, wrote: files.length > 0 };
}

/** The one format every failure has: the count, "nothing was written", one line per problem, and no stack trace. */
function expectOneClearMessage(result: ReturnType<typeof synth>, problem: string) {
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.wrote).toBe(false);
  expect(result.stderr).toBe(`synth failed with 1 problem; nothing was written:\n  - ${problem}\n`);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe('every synth failure is the one clear message, never a stack trace', () => {
  test('two environments with the same name', () => {
    expectOneClearMessage(synth([local, local]), 'environment local is defined twice; environment names are stack names and must be unique');
  });

  test("an environment named like another's Grafana stack", () => {
    const managed = { ...local, managedGrafana: local.managedGrafana ?? { url: 'https://grafana.example.com' } } as Environment;
    expectOneClearMessage(
      synth([managed, { ...local, name: 'local-grafana' }]),
      'stack local-grafana would be made twice: by environment local-grafana and as the Grafana stack of environment local; rename the environment',
    );
  });

  test('an exception thrown by content code while the app is built', () => {
    const broken = Object.defineProperty({ ...local }, 'scrapeConfigs', {
      get: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'jobName')");
      },
    });
    expectOneClearMessage(synth([broken]), "Cannot read properties of undefined (reading 'jobName')");
  });

  test('a content mistake found by the checks: the same format, nothing written', () => {
    const result = synth([{ ...local, alertOverrides: { NoSuchAlert: { threshold: 1 } } }]);
    expect(result.code).toBe(1);
    expect(result.wrote).toBe(false);
    expect(result.stderr).toMatch(/^synth failed with 1 problem; nothing was written:\n {2}- alert override NoSuchAlert: no rule pack has an alert of that name/);
  });

  test('a sound app synthesizes and lists what it wrote', () => {
    const result = synth([local]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('alertmanager/alertmanager.yml');
  });
});
