import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { FixtureRepo } from '../review/fixture-repo';

/** scripts/synth.js runs main.ts compiled ahead, and never a build older than the sources. */
describe('the compiled synth entry', () => {
  const repo = new FixtureRepo();
  afterAll(() => repo.remove());
  /** The synth entry run in checkout `dir` (NODE_OPTIONS cleared: cache file names depend on it), writing to `dir`/out. */
  const synthIn = (dir: string, env: Record<string, string> = {}) =>
    spawnSync(process.execPath, ['scripts/synth.js'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', CDKTF_OUTDIR: path.join(dir, 'out'), ...env } });
  const synth = (env: Record<string, string> = {}) => synthIn(repo.dir, env);
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
    const bundle = fs.readFileSync(path.join(repo.dir, 'dist', 'synth', first.bundle), 'utf8');
    expect(bundle).toContain('node_modules/cdktf/lib/app.js');
    // In ASCII (its comments' other characters escaped: scripts/bundle.js), which V8 reads and keeps in one byte a character.
    expect(bundle).not.toMatch(/[^\x00-\x7f]/);
    expect(fs.existsSync(first.codeCache)).toBe(true);
    expect(rule()).toContain('job:http_requests_5xx_per_requests:ratio_rate5m{job="canvascast-api"} > 0.1\n');
    // Touched, not changed: the same content is no reason to rebuild.
    const source = path.join(repo.dir, 'rules', 'canvascast', 'alerts.ts');
    fs.utimesSync(source, new Date(), new Date());
    expect(synth().status).toBe(0);
    expect(built()).toEqual(first);
  });

  it('keeps a code cache per set of V8 flags: cdktf synth (NODE_OPTIONS=--max-old-space-size=4096) and npm run synth do not throw each other’s away', () => {
    expect(synth().status).toBe(0);
    const plain = fs.readFileSync(built().codeCache);
    expect(synth({ NODE_OPTIONS: '--max-old-space-size=4096' }).status).toBe(0);
    const caches = fs.readdirSync(path.dirname(built().codeCache)).filter((f) => f.endsWith('.cache'));
    expect(caches).toHaveLength(2);
    const flagged = path.join(path.dirname(built().codeCache), caches.find((f) => f !== path.basename(built().codeCache))!);
    const withFlags = fs.readFileSync(flagged);
    // V8 accepted each run's own cache again, so neither run wrote a new one over it.
    expect(synth().status).toBe(0);
    expect(synth({ NODE_OPTIONS: '--max-old-space-size=4096' }).status).toBe(0);
    expect(fs.readFileSync(built().codeCache).equals(plain)).toBe(true);
    expect(fs.readFileSync(flagged).equals(withFlags)).toBe(true);
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

  it('takes another checkout’s build of the same sources from a shared folder, and never one of other sources', () => {
    const shared = path.join(repo.dir, 'shared-builds');
    const other = new FixtureRepo();
    try {
      const sharing = (dir: string, env: Record<string, string> = {}) => synthIn(dir, { MONITORING_BUILD_CACHE: shared, ...env });
      // Both checkouts hold the same sources (the bad edit above undone); this one builds them and shares the build.
      repo.edit('rules/canvascast/alerts.ts', "for: 'soon'", "for: '5m'");
      fs.writeFileSync(path.join(other.dir, 'rules/canvascast/alerts.ts'), fs.readFileSync(path.join(repo.dir, 'rules/canvascast/alerts.ts')));
      expect(sharing(repo.dir).status).toBe(0);
      expect(fs.readdirSync(path.join(shared, 'synth'))).toEqual([path.basename(built().bundle, '.js')]);
      // With esbuild broken, the other checkout can only synthesize from the shared build, code cache included.
      const noEsbuild = { ESBUILD_BINARY_PATH: '/bin/false' };
      const taken = sharing(other.dir, noEsbuild);
      expect(taken.stderr).toBe('');
      expect(taken.status).toBe(0);
      const cache = path.basename(built().codeCache);
      // Buffer.equals: jest's toEqual walks 2.6 MB byte by byte.
      expect(fs.readFileSync(path.join(other.dir, 'dist', 'synth', cache)).equals(fs.readFileSync(path.join(shared, 'synth', path.basename(cache, '.cache'), cache)))).toBe(true);
      expect(fs.readFileSync(path.join(other.dir, 'out', 'stacks', 'local', 'prometheus', 'rules', 'canvascast.yml'), 'utf8')).toBe(fs.readFileSync(path.join(repo.dir, 'out', 'stacks', 'local', 'prometheus', 'rules', 'canvascast.yml'), 'utf8'));
      // Other sources: the shared build is not theirs, so they must be bundled (and esbuild is needed).
      other.edit('rules/canvascast/alerts.ts', 'gt(http5xxRatio.series, 0.2)', 'gt(http5xxRatio.series, 0.3)');
      const refused = sharing(other.dir, noEsbuild);
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain('esbuild');
      // Built without a build of its own, as a review's worktree is: the shared builds' verdicts on which inputs
      // hold other characters than ASCII in comments only are taken (planted here: all "no", so nothing is escaped).
      fs.rmSync(path.join(other.dir, 'dist'), { recursive: true });
      const sharedRecord = path.join(shared, 'synth', fs.readdirSync(path.join(shared, 'synth'))[0], 'build.json');
      const record = JSON.parse(fs.readFileSync(sharedRecord, 'utf8')) as { asciiVerdicts: Record<string, boolean> };
      expect(Object.values(record.asciiVerdicts).length).toBeGreaterThan(0);
      fs.writeFileSync(sharedRecord, JSON.stringify({ ...record, asciiVerdicts: Object.fromEntries(Object.keys(record.asciiVerdicts).map((k) => [k, false])) }));
      expect(sharing(other.dir).status).toBe(0);
      const otherRecord = JSON.parse(fs.readFileSync(path.join(other.dir, 'dist', 'synth', 'build.json'), 'utf8')) as { bundle: string };
      expect(fs.readFileSync(path.join(other.dir, 'dist', 'synth', otherRecord.bundle), 'utf8')).toMatch(/[^\x00-\x7f]/);
      expect(fs.readFileSync(path.join(other.dir, 'out', 'stacks', 'local', 'prometheus', 'rules', 'canvascast.yml'), 'utf8')).toContain('{job="canvascast-api"} > 0.3\n');
    } finally {
      other.remove();
    }
  });
});
