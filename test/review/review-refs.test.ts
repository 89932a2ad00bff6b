import { ObjectChange, Review, runReview } from '../../lib/review';
import { readSynthOutput } from '../../lib/review/load';
import { buildApp } from '../../main';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as os from 'os';
import * as path from 'path';
import { FixtureRepo } from './fixture-repo';

/** `npm run review -- <args>` in the fixture, in process: exit code, stdout, stderr. */
async function review(repo: FixtureRepo, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runReview(args, repo.dir, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

async function reviewJson(repo: FixtureRepo, base: string, head: string): Promise<Review> {
  const r = await review(repo, base, head, '--format', 'json');
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as Review;
}

const kinds = (changes: readonly ObjectChange[]) => changes.map((c) => `${c.kind} ${c.name} ${c.change}`);

/** The deployed model of this checkout, to say which alerts a change should reach. */
function currentModel() {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-model-'));
  buildApp(outdir).app.synth();
  const [env] = readSynthOutput(outdir);
  fs.rmSync(outdir, { recursive: true, force: true });
  return env;
}

describe('npm run review on fixture repositories', () => {
  const repo = new FixtureRepo();
  const model = currentModel();
  afterAll(() => repo.remove());

  it('a one-threshold change prints exactly that change, its panel line and the loosening', async () => {
    repo.branch('threshold', 'base', () => repo.edit('rules/canvascast/alerts.ts', 'gt(http5xxRatio.series, 0.1)', 'gt(http5xxRatio.series, 0.2)'));
    const r = await review(repo, 'base', 'threshold');
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^## Monitoring review: `base \([0-9a-f]{7}\)` → `threshold \([0-9a-f]{7}\)`$/);
    // One change in the three environments is one change, said once with where it lands.
    expect(lines[2]).toBe('**1 alert changed; 1 dashboard changed; 1 threshold loosened; 1 text states an old value (in local, production, production-k8s, staging)**');
    expect(r.stdout).toContain('  - threshold: `> 0.1` → `> 0.2`');
    expect(r.stdout).toContain('- ⚠️ CanvascastHighErrorRate: threshold loosened from > 0.1 to > 0.2');
    // The pack's description spells the number out and was left behind.
    expect(r.stdout).toContain('- ⚠️ CanvascastHighErrorRate: its description still says 10%, the old threshold (now > 0.2)');
    // With a local stack to draw it, the changed dashboard's picture is linked.
    const asked: string[][] = [];
    let withPictures = '';
    await runReview(['base', 'threshold'], repo.dir, { stdout: (t) => (withPictures += t), stderr: () => undefined }, async (uids) => {
      asked.push([...uids]);
      return { 'canvascast-overview': '.local/review/canvascast-overview.png' };
    });
    expect(asked).toEqual([['canvascast-overview']]);
    expect(withPictures).toContain('  - picture (head, from the local stack): ![canvascast-overview](.local/review/canvascast-overview.png)');
    const json = await reviewJson(repo, 'base', 'threshold');
    const [local] = json.environments;
    expect(kinds(local.changes)).toEqual(['alert CanvascastHighErrorRate changed', 'dashboard canvascast-overview changed']);
    expect(local.changes[0].fields.map((f) => f.field)).toEqual(['expression', 'threshold']);
    expect(local.changes[1].fields).toEqual([{ field: 'panel "Error rate (5m)" thresholds', before: '0.100000001 red', after: '0.200000001 red' }]);
  });

  it('a recording-rule change shows on every alert that reads it, as its effective expression', async () => {
    const name = 'job:http_requests_5xx_per_requests:ratio_rate5m';
    const readers = model.alerts.filter((a) => a.reads.includes(name) && a.system === 'canvascast').map((a) => a.name);
    expect(readers.length).toBeGreaterThan(0);
    repo.branch('recording', 'base', () => repo.edit('rules/canvascast/recording.ts', "status: re('5..')", "status: re('5..|429')"));
    const [local] = (await reviewJson(repo, 'base', 'recording')).environments;
    expect(kinds(local.changes)).toEqual([...readers.map((a) => `alert ${a} changed`), `recording rule canvascast/${name} changed`]);
    for (const c of local.changes.filter((c) => c.kind === 'alert')) {
      expect(c.fields.map((f) => f.field)).toEqual(['effective expression']);
      expect(c.fields[0].before).toContain('status=~"5.."');
      expect(c.fields[0].after).toContain('status=~"5..|429"');
    }
    expect(local.risks).toEqual([]);
  });

  it('a route change lists each alert whose receivers moved, and the ones that start paging', async () => {
    const moved = model.alerts.filter((a) => a.labels.team === 'canvascast' && a.labels.severity === 'warning').map((a) => a.name);
    expect(moved.length).toBeGreaterThan(0);
    repo.branch('route', 'base', () =>
      repo.edit('alertmanager/routes.ts', "team('canvascast', { critical: teamCritical('canvascast').name, warning: slackWarnings.name })", "team('canvascast', { critical: teamCritical('canvascast').name, warning: teamCritical('canvascast').name })"),
    );
    const [local] = (await reviewJson(repo, 'base', 'route')).environments;
    expect(kinds(local.changes)).toEqual(moved.map((a) => `routing ${a} changed`));
    for (const c of local.changes) expect(c.fields.find((f) => f.field === 'receivers')).toEqual({ field: 'receivers', before: 'slack-warnings', after: 'canvascast-critical' });
    expect(local.risks.filter((r) => r.kind === 'starts paging').map((r) => r.subject)).toEqual(moved);
    expect(local.risks.filter((r) => r.kind === 'loses receiver').map((r) => r.subject)).toEqual(moved);
  });

  it('an override in one environment shows in that environment only (and in production-k8s, which is production on a cluster)', async () => {
    repo.branch('override', 'base', () => repo.edit('stacks/environments.ts', "name: 'production',", "name: 'production',\n  alertOverrides: { CanvascastQueueBacklog: { severity: 'critical' } },"));
    const review = await reviewJson(repo, 'base', 'override');
    // production-k8s spreads production's object, overrides included.
    expect(review.environments.map((e) => `${e.environment} ${e.change}`)).toEqual(['local unchanged', 'production changed', 'production-k8s changed', 'staging unchanged']);
    const production = review.environments[1];
    // The panel plotting it draws its line in the critical colour.
    expect(kinds(production.changes)).toEqual(['alert CanvascastQueueBacklog changed', 'routing CanvascastQueueBacklog changed', 'dashboard canvascast-overview changed']);
    expect(production.changes[2].fields.map((f) => f.field)).toEqual(['panel "Queue depth" thresholds']);
    expect(production.changes[0].fields).toEqual([{ field: 'severity', before: 'warning', after: 'critical' }]);
    expect(production.changes[1].fields.find((f) => f.field === 'receivers')).toEqual({ field: 'receivers', before: 'slack-warnings', after: 'canvascast-critical' });
    expect(production.risks.map((r) => r.kind)).toEqual(['starts paging', 'loses receiver']);
    expect(review.summary).toBe('1 alert changed; 1 alert rerouted; 1 dashboard changed; 1 alert now pages; 1 alert loses a receiver (in production, production-k8s)');
  });

  it('the same override in staging reroutes the alert to the staging channel, and pages nobody', async () => {
    repo.branch('staging-override', 'base', () => repo.edit('stacks/environments.ts', "name: 'staging',", "name: 'staging',\n  alertOverrides: { CanvascastQueueBacklog: { severity: 'critical' } },"));
    const review = await reviewJson(repo, 'base', 'staging-override');
    const staging = review.environments.find((e) => e.environment === 'staging')!;
    expect(staging.changes[1].fields.find((f) => f.field === 'receivers')).toEqual({ field: 'receivers', before: 'slack-warnings', after: 'staging-critical' });
    expect(staging.risks.map((r) => r.kind)).not.toContain('starts paging');
  });

  it('a pure refactor prints no change in meaning and exits 0', async () => {
    repo.branch('refactor', 'base', () => repo.edit('rules/canvascast/alerts.ts', /\bWORKER\b/g, 'WORKER_LABELS'));
    const r = await review(repo, 'base', 'refactor');
    expect(r.stdout).toContain('**no change in meaning**');
    expect(r.code).toBe(0);
    expect(repo.git('diff', '--stat', 'base', 'refactor')).toMatch(/rules\/canvascast\/alerts\.ts \| \d+/);
  });

  it('the working tree is the default head, uncommitted changes included', async () => {
    repo.git('checkout', '-q', 'base');
    repo.edit('rules/canvascast/alerts.ts', "for: '5m',\n  severity: 'critical',\n  summary: 'High API error rate'", "for: '2m',\n  severity: 'critical',\n  summary: 'High API error rate'");
    try {
      const r = await review(repo, 'base');
      expect(r.code).toBe(1);
      expect(r.stdout.split('\n')[0]).toMatch(/→ `working tree`$/);
      expect(r.stdout).toContain('  - for: `5m` → `2m`');
      expect(r.stdout).not.toContain('detection');
    } finally {
      repo.git('checkout', '-q', '--', '.');
    }
  });

  it("runs each ref's own synth script, with its pre- and post-scripts where it has them (through npm then)", async () => {
    const marks = fs.mkdtempSync(path.join(os.tmpdir(), 'review-marks-'));
    const mark = (name: string) => `node -e "require('fs').appendFileSync(require('path').join(process.env.REVIEW_MARKS, '${name}'), (process.env.npm_command === 'run' ? 'npm:' : 'direct:') + process.env.npm_lifecycle_event + ':' + process.env.npm_package_name + ' ')"`;
    const scripts = (extra: Record<string, string>) => () =>
      repo.edit('package.json', '"synth": "node scripts/synth.js",', `"synth": ${JSON.stringify(`node scripts/synth.js && ${mark('synth')}`)},${Object.entries(extra).map(([k, v]) => `\n    ${JSON.stringify(k)}: ${JSON.stringify(v)},`).join('')}`);
    repo.branch('own-script', 'base', scripts({}));
    repo.branch('pre-script', 'base', scripts({ presynth: mark('presynth') }));
    process.env.REVIEW_MARKS = marks;
    // What npm would have set for another checkout's script (npm run review's own) is not what the ref's script sees.
    const inherited = { npm_package_name: process.env.npm_package_name, npm_command: process.env.npm_command };
    process.env.npm_package_name = 'another-checkout';
    // npm sets npm_command to run for a script it runs; the direct run passes on what this process has.
    process.env.npm_command = 'test';
    try {
      expect((await review(repo, 'base', 'own-script')).code).toBe(0);
      // Run as npm runs it (its variables for this script and package), without npm.
      expect(fs.readFileSync(path.join(marks, 'synth'), 'utf8')).toBe('direct:synth:monitoring-as-code ');
      expect((await review(repo, 'base', 'pre-script')).code).toBe(0);
      expect(fs.readFileSync(path.join(marks, 'presynth'), 'utf8')).toBe('npm:presynth:monitoring-as-code ');
      expect(fs.readFileSync(path.join(marks, 'synth'), 'utf8')).toBe('direct:synth:monitoring-as-code npm:synth:monitoring-as-code ');
    } finally {
      delete process.env.REVIEW_MARKS;
      for (const [key, value] of Object.entries(inherited)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('a ref that does not synth exits 2 with its synth message', async () => {
    repo.branch('broken', 'base', () => repo.edit('rules/canvascast/alerts.ts', "for: '5m',\n  severity: 'critical',\n  summary: 'High API error rate'", "for: 'five minutes',\n  severity: 'critical',\n  summary: 'High API error rate'"));
    const r = await review(repo, 'base', 'broken');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^review failed: broken does not synth:\n {2}synth failed with 1 problem; nothing was written:\n/);
    expect(r.stderr).toContain('CanvascastHighErrorRate');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown ref exits 2 and says what to name, in process and through npm run review’s compiled entry', async () => {
    const r = await review(repo, 'no-such-branch');
    expect(r.code).toBe(2);
    const message = `review failed: no-such-branch is not a commit of ${fs.realpathSync(repo.dir)}: name a branch, tag or commit (git log shows them)\n`;
    expect(r.stderr).toBe(message);
    const entry = spawnSync('npm', ['run', '--silent', 'review', '--', 'no-such-branch'], { cwd: repo.dir, encoding: 'utf8' });
    expect({ status: entry.status, stderr: entry.stderr }).toEqual({ status: 2, stderr: message });
    // The native rasterizer is left out of the bundle, and found from it where npm put it.
    const bundle = fs.readdirSync(path.join(repo.dir, 'dist', 'review')).find((f) => f.endsWith('.js'))!;
    expect(fs.readFileSync(path.join(repo.dir, 'dist', 'review', bundle), 'utf8')).toContain('require("@resvg/resvg-js")');
    expect(() => createRequire(path.join(repo.dir, 'dist', 'review', bundle)).resolve('@resvg/resvg-js')).not.toThrow();
  });

  it('reads a commit reviewed before from its kept output (by tree, packages and node) instead of synthesizing it again', async () => {
    const kept = path.join(repo.dir, 'dist', 'shared', 'synthesized');
    const tree = repo.git('rev-parse', 'base^{tree}').trim();
    const base = fs.readdirSync(kept).find((name) => name.startsWith(`${tree}-`));
    expect(base).toBeDefined();
    // Planted in base's kept output: the review can only show it by reading that output.
    const rules = path.join(kept, base!, 'stacks', 'local', 'prometheus', 'rules', 'canvascast.yml');
    // A new file in its place: kept files are hard links, which an edit in place would change everywhere.
    fs.writeFileSync(`${rules}.new`, fs.readFileSync(rules, 'utf8').replace('{job="canvascast-api"} > 0.1\n', '{job="canvascast-api"} > 0.15\n'));
    fs.renameSync(`${rules}.new`, rules);
    const r = await review(repo, 'base', 'threshold');
    expect(r.stdout).toContain('  - threshold: `> 0.15` → `> 0.2`');
    // Only commits are kept: the working tree's uncommitted `for: 2m` (above) is in no kept output.
    const names = fs.readdirSync(kept);
    expect(names.every((name) => /^[0-9a-f]{40}-[0-9a-f]{12}-node[\d.]+$/.test(name))).toBe(true);
    const alert = (name: string) => /- alert: CanvascastHighErrorRate\n.*\n {8}for: (\S+)\n/.exec(fs.readFileSync(path.join(kept, name, 'stacks', 'local', 'prometheus', 'rules', 'canvascast.yml'), 'utf8'))![1];
    expect(names.map(alert)).not.toContain('2m');
    expect(names.map(alert)).toContain('5m');
  });

  it('synthesizes anew when cdktf is told to write something else, or when the kept output is not one', async () => {
    const kept = path.join(repo.dir, 'dist', 'shared', 'synthesized');
    const before = fs.readdirSync(kept);
    // A variable of cdktf's could change what it writes: the kept output of base (planted above) is not read.
    process.env.CDKTF_CONTEXT_JSON = '{}';
    try {
      const r = await review(repo, 'base', 'threshold');
      expect(r.stdout).toContain('  - threshold: `> 0.1` → `> 0.2`');
    } finally {
      delete process.env.CDKTF_CONTEXT_JSON;
    }
    // A kept output that is not one (no stacks folder): the review synthesizes.
    const base = before.find((name) => name.startsWith(`${repo.git('rev-parse', 'base^{tree}').trim()}-`))!;
    fs.rmSync(path.join(kept, base, 'stacks'), { recursive: true });
    fs.writeFileSync(path.join(kept, base, 'stacks'), 'not a folder');
    const r = await review(repo, 'base', 'threshold');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('  - threshold: `> 0.1` → `> 0.2`');
  });

  it('through the compiled entry, reads a kept commit as the same build read it before: from the model it kept', async () => {
    repo.branch('model-head', 'threshold', () => repo.edit('rules/canvascast/alerts.ts', 'gt(http5xxRatio.series, 0.2)', 'gt(http5xxRatio.series, 0.3)'));
    const entry = () => spawnSync(process.execPath, ['scripts/review.js', 'threshold', 'model-head', '--format', 'json'], { cwd: repo.dir, encoding: 'utf8' });
    const threshold = (r: ReturnType<typeof entry>) => {
      expect(r.stderr).toBe('');
      const local = (JSON.parse(r.stdout) as Review).environments.find((e) => e.environment === 'local')!;
      return local.changes.find((c) => c.name === 'CanvascastHighErrorRate')!.fields.find((f) => f.field === 'threshold');
    };
    expect(threshold(entry())).toEqual({ field: 'threshold', before: '> 0.2', after: '> 0.3' });
    // Both commits' outputs are kept, each with the model this build (dist/review's bundle) read.
    const { bundle } = JSON.parse(fs.readFileSync(path.join(repo.dir, 'dist', 'review', 'build.json'), 'utf8')) as { bundle: string };
    const kept = path.join(repo.dir, 'dist', 'shared', 'synthesized', `${repo.git('rev-parse', 'model-head^{tree}').trim()}-`);
    const [head] = fs.readdirSync(path.dirname(kept)).filter((name) => name.startsWith(path.basename(kept)));
    const model = path.join(path.dirname(kept), head, 'review-models', `${path.basename(bundle, '.js')}.json`);
    const environments = JSON.parse(fs.readFileSync(model, 'utf8')) as { name: string; alerts: { name: string; thresholds: { value: number }[] }[] }[];
    // Planted in the kept model: the review can only show it by reading the model, not the output.
    environments.find((e) => e.name === 'local')!.alerts.find((a) => a.name === 'CanvascastHighErrorRate')!.thresholds[0].value = 0.35;
    fs.writeFileSync(model, JSON.stringify(environments));
    expect(threshold(entry())).toEqual({ field: 'threshold', before: '> 0.2', after: '> 0.35' });
    // In process, with no build named, the review reads the outputs.
    const [local] = (await reviewJson(repo, 'threshold', 'model-head')).environments;
    expect(local.changes.find((c) => c.name === 'CanvascastHighErrorRate')!.fields.find((f) => f.field === 'threshold')).toEqual({ field: 'threshold', before: '> 0.2', after: '> 0.3' });
  });

  it('leaves no worktree behind', () => {
    expect(repo.git('worktree', 'list').trim().split('\n')).toHaveLength(1);
  });
});
