import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { FixtureRepo } from '../review/fixture-repo';

/** scripts/synth.js runs main.ts compiled ahead, and never a build older than the sources. */
describe('the compiled synth entry', () => {
  const repo = new FixtureRepo();
  afterAll(() => repo.remove());
  const synth = () => spawnSync(process.execPath, ['scripts/synth.js'], { cwd: repo.dir, encoding: 'utf8', env: { ...process.env, CDKTF_OUTDIR: path.join(repo.dir, 'out') } });
  /** The bundle the build record names, and when it was written. */
  const built = () => {
    const record = JSON.parse(fs.readFileSync(path.join(repo.dir, 'dist', 'synth', 'build.json'), 'utf8')) as { bundle: string; codeCache: string };
    const bundle = path.join(repo.dir, 'dist', 'synth', record.bundle);
    return { bundle: record.bundle, mtimeMs: fs.statSync(bundle).mtimeMs, codeCache: path.join(repo.dir, 'dist', 'synth', record.codeCache) };
  };
  const rule = () => fs.readFileSync(path.join(repo.dir, 'out', 'stacks', 'local', 'prometheus', 'rules', 'canvascast.yml'), 'utf8');

  it('builds on first use, then runs the build as long as the sources are the same', () => {
    expect(fs.existsSync(path.join(repo.dir, 'dist', 'synth'))).toBe(false);
    expect(synth().status).toBe(0);
    const first = built();
    // The packages are in the bundle: node loads one module, and V8's code cache is kept for the next run.
    expect(fs.readFileSync(path.join(repo.dir, 'dist', 'synth', first.bundle), 'utf8')).toContain('node_modules/cdktf/lib/app.js');
    expect(fs.existsSync(first.codeCache)).toBe(true);
    expect(rule()).toContain('job:http_requests_5xx_per_requests:ratio_rate5m{job="canvascast-api"} > 0.1\n');
    // Touched, not changed: the same content is no reason to rebuild.
    const source = path.join(repo.dir, 'rules', 'canvascast', 'alerts.ts');
    fs.utimesSync(source, new Date(), new Date());
    expect(synth().status).toBe(0);
    expect(built()).toEqual(first);
  });

  it('rebuilds when a source changed, so the output follows the edit', () => {
    repo.edit('rules/canvascast/alerts.ts', 'gt(http5xxRatio.series, 0.1)', 'gt(http5xxRatio.series, 0.2)');
    const before = built();
    const run = synth();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(rule()).toContain('job:http_requests_5xx_per_requests:ratio_rate5m{job="canvascast-api"} > 0.2\n');
    // A new bundle by another name: the old code cache can never be applied to it.
    expect(built().bundle).not.toBe(before.bundle);
  });

  it('fails a bad edit with the one synth message, as the TypeScript entry does', () => {
    repo.edit('rules/canvascast/alerts.ts', "for: '5m',\n  severity: 'critical',\n  summary: 'High API error rate'", "for: 'soon',\n  severity: 'critical',\n  summary: 'High API error rate'");
    const run = synth();
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^synth failed with 1 problem; nothing was written:\n {2}- alert CanvascastHighErrorRate .*for: "soon" is not a Prometheus duration/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
