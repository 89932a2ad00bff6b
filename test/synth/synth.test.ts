import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects } from 'cdktf';
import { CheckedStack, GeneratedFiles, SynthError, rulePack } from '../../lib';
import { ikEngine } from '../../rules/ik-engine';
import { imageBacklog } from '../../rules/ik-engine/alerts';
import { local } from '../../stacks/environments';
import { MonitoringStack } from '../../stacks/monitoring-stack';
import { readTree, readTreeText } from '../util/files';

const root = path.resolve(__dirname, '../..');

function synthInProcess(outdir: string, env = local): void {
  const app = new App({ outdir });
  new MonitoringStack(app, env);
  app.synth();
}

describe('synth', () => {
  test('same input, byte-identical output from the compiled entry and from the TypeScript, in different folders, with no absolute paths', () => {
    const outdirs = ['first-run', 'second-run'].map((name) => path.join(fs.mkdtempSync(path.join(os.tmpdir(), `mac-${name}-`)), 'out'));
    const entries = [['scripts/synth.js'], ['-r', 'ts-node/register/transpile-only', 'main.ts']];
    for (const [i, outdir] of outdirs.entries()) {
      const run = spawnSync(process.execPath, entries[i], {
        cwd: root,
        env: { ...process.env, CDKTF_OUTDIR: outdir },
        encoding: 'utf8',
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('prometheus/rules/ik-engine.yml');
      expect(run.stdout).toContain('  TF_VAR_alertmanager_secret_slack_webhook_url\n');
    }
    const [first, second] = outdirs.map(readTree);
    expect([...first.keys()].sort()).toEqual([...second.keys()].sort());
    expect([...first.keys()]).toEqual(expect.arrayContaining(['stacks/local/cdk.tf.json', 'stacks/local/prometheus/prometheus.yml']));
    for (const [file, bytes] of first) {
      expect({ file, same: bytes.equals(second.get(file)!) }).toEqual({ file, same: true });
      const text = bytes.toString('utf8');
      for (const machineSpecific of [outdirs[0], root, os.tmpdir(), os.homedir()]) {
        expect({ file, hasPath: text.includes(machineSpecific) }).toEqual({ file, hasPath: false });
      }
    }
  });

  test('bad content fails synth with one message naming the object, and writes nothing', () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mac-bad-')), 'out');
    // An alert that has its panel, written with a duration Prometheus cannot read.
    const ik = local.rulePacks[0];
    const broken = { ...imageBacklog, for: '10 minutes' as '10m' };
    const pack = rulePack({ ...ik, groups: ik.groups.map((g) => ({ ...g, rules: g.rules.map((r) => (r === imageBacklog ? broken : r)) })) });
    expect(pack.system).toBe(ikEngine);
    const synth = () => synthInProcess(outdir, { ...local, rulePacks: [pack, ...local.rulePacks.slice(1)] });
    expect(synth).toThrow(SynthError);
    expect(synth).toThrow(
      'synth failed with 1 problem; nothing was written:\n  - alert IkEngineImageBacklog (group ik-engine.alerts (rule pack ik-engine)): for: "10 minutes" is not a Prometheus duration',
    );
    expect(fs.existsSync(path.join(outdir, 'stacks', 'local'))).toBe(false);
  });

  test('a renderer that throws fails synth with a message, and writes nothing (not even cdk.tf.json)', () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mac-throw-')), 'out');
    const app = new App({ outdir });
    const stack = new CheckedStack(app, 'throwing');
    new GeneratedFiles(stack, 'Files', { directory: 'things', problems: () => [], render: () => { throw new Error('cannot render thing 3'); } });
    expect(() => app.synth()).toThrow('stack throwing: rendering its files failed: cannot render thing 3');
    expect(fs.existsSync(path.join(outdir, 'stacks', 'throwing'))).toBe(false);
  });

  test('every check runs once per synth: cdktf does not run them all again after the stack checked them', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mac-once-'));
    const app = new App({ outdir });
    const stack = new CheckedStack(app, 'counted');
    let checks = 0;
    new GeneratedFiles(stack, 'Files', { directory: 'things', problems: () => (checks++, []), render: () => new Map([['a.txt', 'a\n']]) });
    app.synth();
    expect(checks).toBe(1);
    expect(fs.readFileSync(path.join(outdir, 'stacks', 'counted', 'things', 'a.txt'), 'utf8')).toBe('a\n');
  });

  test('with an aspect, which cdktf applies only when it writes, cdktf checks again: what the aspect breaks still fails synth', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mac-aspect-'));
    const app = new App({ outdir });
    const stack = new CheckedStack(app, 'aspected');
    new GeneratedFiles(stack, 'Files', { directory: 'things', problems: () => [], render: () => new Map([['a.txt', 'a\n']]) });
    // An aspect that adds a construct with a problem, after the stack's own checks ran.
    Aspects.of(stack).add({ visit: (node) => void (node === stack && !stack.node.tryFindChild('Late') && new GeneratedFiles(stack, 'Late', { directory: 'late', problems: () => ['late: added by an aspect, and wrong'], render: () => new Map() })) });
    expect(() => app.synth()).toThrow(/late: added by an aspect, and wrong/);
  });

  test('a second synth leaves the generated folder as a first one writes it: stale files go, edits are undone, unchanged files are not rewritten', () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mac-stale-')), 'out');
    synthInProcess(outdir);
    const first = readTreeText(outdir);
    const stale = path.join(outdir, 'stacks/local/prometheus/rules/removed-system.yml');
    fs.writeFileSync(stale, 'groups: []\n');
    const edited = path.join(outdir, 'stacks/local/prometheus/prometheus.yml');
    fs.appendFileSync(edited, '# edited\n');
    const unchanged = path.join(outdir, 'stacks/local/prometheus/rules/ik-engine.yml');
    const longAgo = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(unchanged, longAgo, longAgo);
    synthInProcess(outdir);
    expect(fs.existsSync(stale)).toBe(false);
    expect(readTreeText(outdir)).toEqual(first);
    expect(fs.statSync(unchanged).mtime).toEqual(longAgo);
  });

  test('the Terraform JSON declares a relative local state path', () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mac-tf-')), 'out');
    synthInProcess(outdir);
    const tf = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks/local/cdk.tf.json'), 'utf8'));
    expect(tf.terraform.backend).toEqual({ local: { path: 'terraform.local.tfstate' } });
  });
});
