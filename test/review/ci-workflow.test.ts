import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';

/* eslint-disable @typescript-eslint/no-explicit-any -- the workflow as parsed YAML */
const ROOT = path.join(__dirname, '..', '..');
const workflow = parse(fs.readFileSync(path.join(ROOT, '.github', 'workflows', 'ci.yml'), 'utf8'));
const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts;
const steps = (job: string): any[] => workflow.jobs[job].steps;
const allSteps = Object.keys(workflow.jobs).flatMap(steps);

/** The npm scripts a shell snippet runs: `npm run x`, `npm run --silent x`, `npm test`. */
function npmScripts(run: string): string[] {
  const out: string[] = [];
  for (const m of run.matchAll(/\bnpm\s+(run(?:\s+--?\S+)*\s+(\S+)|test\b|start\b)/g)) out.push(m[2] ?? m[1]);
  return out;
}

describe('.github/workflows/ci.yml', () => {
  it('runs on pushes to main and on pull requests', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on.push.branches).toEqual(['main']);
  });

  it('pins every action to a released version or a commit', () => {
    const uses = allSteps.filter((s) => s.uses).map((s) => s.uses as string);
    expect(uses.length).toBeGreaterThan(2);
    for (const u of uses) expect(u).toMatch(/^[\w-]+\/[\w-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$/);
    for (const job of Object.values<any>(workflow.jobs)) expect(job.container).toMatch(/^node:\d+\.\d+\.\d+-bookworm$/);
  });

  it('runs only npm scripts that exist', () => {
    const used = allSteps.filter((s) => s.run).flatMap((s) => npmScripts(s.run));
    expect(used).toEqual(expect.arrayContaining(['tools', 'synth', 'test', 'review']));
    for (const name of used) expect(Object.keys(scripts)).toContain(name);
  });

  it('does what .ci/run does: npm ci, then the tests', () => {
    const local = fs.readFileSync(path.join(ROOT, '.ci', 'run'), 'utf8');
    const runs = steps('test').filter((s) => s.run).map((s) => s.run as string);
    for (const command of ['npm ci --no-audit --no-fund', 'npm test']) {
      expect(local).toContain(command);
      expect(runs).toContain(command);
    }
    expect(runs.indexOf('npm ci --no-audit --no-fund')).toBeLessThan(runs.indexOf('npm test'));
  });

  it('keeps cdktf.out as an artifact', () => {
    const upload = steps('test').find((s) => String(s.uses).startsWith('actions/upload-artifact@'));
    expect(upload.with.path).toBe('cdktf.out');
  });

  it('on pull requests, reviews against the merge base and keeps one comment up to date', () => {
    const review = workflow.jobs.review;
    expect(review.if).toBe("github.event_name == 'pull_request'");
    expect(review.permissions['pull-requests']).toBe('write');
    expect(steps('review')[0].with['fetch-depth']).toBe(0);
    // Jobs run the pull request's code: no token left behind in .git/config.
    for (const job of ['test', 'review']) expect(steps(job)[0].with['persist-credentials']).toBe(false);
    const run = steps('review').find((s) => s.run?.includes('npm run --silent review'))?.run as string;
    expect(run).toContain('git merge-base "origin/$BASE_REF" HEAD');
    expect(run).toContain('npm run --silent review -- "$base" HEAD > review.md');
    // The base branch name reaches the shell as a variable, never spliced into the script.
    expect(run).not.toContain('${{');
    const post = steps('review').find((s) => String(s.uses).startsWith('actions/github-script@'));
    expect(post.if).toBe('github.event.pull_request.head.repo.full_name == github.repository');
    expect(post.with.script).toContain('updateComment');
    expect(post.with.script).toContain('createComment');
  });
});
