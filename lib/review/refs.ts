import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { SynthesizedCommits, outputKey } from './synthesized';

/** The review could not run: a ref that does not exist or does not synth. Exit code 2. */
export class ReviewError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReviewError';
  }
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) || (error && typeof error.code !== 'number' ? error.message : '') });
    });
  });
}

async function git(repo: string, ...args: string[]): Promise<string> {
  const r = await run('git', args, repo);
  if (r.code !== 0) throw new ReviewError(`git ${args.join(' ')} failed: ${r.stderr.trim()}`);
  return r.stdout.trim();
}

export interface SynthesizedRef {
  /** `HEAD~1 (3f2a9c1)` or `working tree`. */
  readonly label: string;
  /** The synth output folder (`stacks/<env>/…`). */
  readonly outdir: string;
  /**
   * The key of the kept output `outdir` is ({@link SynthesizedCommits}: restored from it, or kept as it now); none for the
   * working tree, a commit with other packages, or an output not kept (a kept one there already, a keep that failed).
   */
  readonly key?: string;
}

/**
 * Synthesizes a ref with its own `npm run synth` into `<tmp>/<name>-out`: a
 * detached git worktree in the temporary folder, sharing this checkout's
 * node_modules when the two lock files are the same (else `npm ci` there).
 * A commit synthesized before is read from its kept output instead
 * ({@link SynthesizedCommits}). Without a ref, the working tree as it is,
 * uncommitted changes included.
 */
export async function synthesizeRef(repo: string, ref: string | undefined, tmp: string, name: string): Promise<SynthesizedRef> {
  const outdir = path.join(tmp, `${name}-out`);
  fs.mkdirSync(outdir, { recursive: true });
  if (ref === undefined) {
    await synth(repo, outdir, 'the working tree');
    return { label: 'working tree', outdir };
  }
  const commit = await run('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], repo);
  if (commit.code !== 0) throw new ReviewError(`${ref} is not a commit of ${repo}: name a branch, tag or commit (git log shows them)`);
  const sha = commit.stdout.trim();
  const label = `${ref} (${sha.slice(0, 7)})`;
  const synthesized = new SynthesizedCommits(repo);
  const shared = await sharesPackages(repo, sha);
  // Another commit's packages are installed in its worktree only: its output is not kept.
  const key = shared ? await keyOf(repo, sha) : undefined;
  if (key && synthesized.restore(key, outdir)) return { label, outdir, key };
  const worktree = path.join(tmp, `${name}-src`);
  await oneWorktreeChangeAtATime(() => git(repo, 'worktree', 'add', '--detach', '--quiet', worktree, sha));
  try {
    await installDependencies(repo, worktree, sha, shared);
    await synth(worktree, outdir, ref, repo);
  } finally {
    await oneWorktreeChangeAtATime(() => run('git', ['worktree', 'remove', '--force', worktree], repo));
  }
  return { label, outdir, ...(key && synthesized.keep(key, outdir) ? { key } : {}) };
}

let synthNode: Promise<Run> | undefined;

/** The commit's {@link outputKey}: its tree, and the node `npm run synth` finds. */
async function keyOf(repo: string, sha: string): Promise<string | undefined> {
  const node = await (synthNode ??= run('node', ['-p', 'process.versions.node'], repo));
  if (node.code !== 0) return undefined;
  return outputKey({ tree: await git(repo, 'rev-parse', `${sha}^{tree}`), repo, nodeVersion: node.stdout.trim() });
}

/** Whether the commit's lock file is this checkout's (or both have none), so its worktree can share this checkout's node_modules. */
async function sharesPackages(repo: string, sha: string): Promise<boolean> {
  if (!fs.existsSync(path.join(repo, 'node_modules'))) return false;
  const theirs = await run('git', ['show', `${sha}:package-lock.json`], repo);
  const own = path.join(repo, 'package-lock.json');
  return (theirs.code === 0 ? theirs.stdout : undefined) === (fs.existsSync(own) ? fs.readFileSync(own, 'utf8') : undefined);
}

/**
 * Base and head are synthesized at once, but git's worktree list is not safe to change concurrently: an
 * `add` reading .git/worktrees while the other ref's `remove` deletes its entry fails ("failed to read
 * .git/worktrees/base-src/commondir"). Adds and removes take turns; the synths still run side by side.
 */
let worktreeChanges: Promise<unknown> = Promise.resolve();
function oneWorktreeChangeAtATime<T>(change: () => Promise<T>): Promise<T> {
  const next = worktreeChanges.then(change, change);
  worktreeChanges = next.catch(() => undefined);
  return next;
}

async function installDependencies(repo: string, worktree: string, sha: string, shared: boolean): Promise<void> {
  if (fs.existsSync(path.join(worktree, 'node_modules'))) return;
  if (shared) {
    fs.symlinkSync(path.join(repo, 'node_modules'), path.join(worktree, 'node_modules'), 'dir');
    return;
  }
  process.stderr.write(`review: ${sha.slice(0, 7)} has other dependencies than this checkout; running npm ci in its worktree\n`);
  const r = await run('npm', ['ci', '--no-audit', '--no-fund'], worktree);
  if (r.code !== 0) throw new ReviewError(`npm ci failed for ${sha.slice(0, 7)}:\n${r.stderr.trim()}`);
}

/**
 * The ref's own synth (its `npm run synth`). Its compiled entry takes a build from this checkout's dist/shared/builds when one was
 * made from the same sources (the other ref's, an earlier review's), instead of bundling anew.
 */
async function synth(dir: string, outdir: string, what: string, repo = dir): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir, MONITORING_BUILD_CACHE: path.join(repo, 'dist', 'shared', 'builds') };
  const script = plainScript(dir, 'synth');
  // As npm runs it, without npm's own start: ~0.15 s a ref.
  const r = script ? await run('/bin/sh', ['-c', script.text], dir, scriptEnv(dir, 'synth', script, env)) : await run('npm', ['run', '--silent', 'synth'], dir, env);
  if (r.code !== 0) throw new ReviewError(`${what} does not synth:\n${(r.stderr.trim() || r.stdout.trim()).replace(/^/gm, '  ')}`);
}

interface PackageScript {
  readonly text: string;
  readonly packageName?: string;
  readonly packageVersion?: string;
}

/**
 * The checkout's npm script `name` where running it needs nothing else npm does: it has no pre- or post-script
 * (npm runs those around it), and this is not Windows (where npm runs scripts with cmd). Else undefined.
 */
function plainScript(dir: string, name: string): PackageScript | undefined {
  if (process.platform === 'win32') return undefined;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown; scripts?: Record<string, unknown> };
    const scripts = pkg.scripts ?? {};
    const text = scripts[name];
    if (typeof text !== 'string' || scripts[`pre${name}`] !== undefined || scripts[`post${name}`] !== undefined) return undefined;
    return { text, ...(typeof pkg.name === 'string' ? { packageName: pkg.name } : {}), ...(typeof pkg.version === 'string' ? { packageVersion: pkg.version } : {}) };
  } catch {
    return undefined;
  }
}

/**
 * The environment npm gives a script of the checkout in `dir`: its node_modules/.bin first on PATH, and npm's variables for
 * this script and package in place of the ones this process inherited (an `npm run review` of another checkout's). The
 * rest, npm's configuration and paths included, is passed on as npm passes it.
 */
function scriptEnv(dir: string, name: string, script: PackageScript, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const own = Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_(lifecycle|package)_/.test(key) && key !== 'npm_config_local_prefix' && key !== 'INIT_CWD'));
  return {
    ...own,
    PATH: [path.join(dir, 'node_modules', '.bin'), env.PATH].filter(Boolean).join(path.delimiter),
    INIT_CWD: dir,
    npm_lifecycle_event: name,
    npm_lifecycle_script: script.text,
    npm_package_json: path.join(dir, 'package.json'),
    npm_config_local_prefix: dir,
    ...(script.packageName ? { npm_package_name: script.packageName } : {}),
    ...(script.packageVersion ? { npm_package_version: script.packageVersion } : {}),
  };
}

/** Removes stale worktree entries of an earlier review that was killed. */
export async function pruneWorktrees(repo: string): Promise<void> {
  await run('git', ['worktree', 'prune'], repo);
}

/** The top of the git checkout holding `dir`. */
export async function repositoryRoot(dir: string): Promise<string> {
  const r = await run('git', ['rev-parse', '--show-toplevel'], dir);
  if (r.code !== 0) throw new ReviewError(`${dir} is not inside a git checkout: the review compares git refs`);
  return r.stdout.trim();
}
