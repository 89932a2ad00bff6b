import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { EnvironmentModel } from './model';

/** How many commits' outputs are kept (about 6 MB each); the least recently reviewed go first. */
const KEPT = 8;
/** Older than this, a half-kept output is a leftover of a review that died. */
const LEFTOVER_MS = 3_600_000;
/** Inside a kept output: the review's models of it, one per version of the code that read them. */
const MODELS = 'review-models';
/** A reader's name is a file name (the review bundle's: `main-<hash>`). */
const READER = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Environment variables cdktf reads that change what a synth writes (HCL instead of JSON, context). */
const CHANGES_OUTPUT = (name: string) => (name.startsWith('CDKTF_') && name !== 'CDKTF_OUTDIR') || name === 'SYNTH_HCL_OUTPUT';

/** What a commit's synth output is made from, besides cdktf's environment variables. */
export interface OutputInputs {
  readonly tree: string;
  /** This checkout, whose node_modules the commit's worktree shares (the caller checked their lock files are one). */
  readonly repo: string;
  /** The version of the node `npm run synth` runs. */
  readonly nodeVersion: string;
}

/**
 * The key of a commit's synth output: its tree (package-lock.json included), the packages installed
 * (this checkout's node_modules, shared with the worktree) and the node that runs it. Given those and
 * cdktf's environment variables, a synth writes the same bytes (test/synth/synth.test.ts holds that
 * across folders). Undefined when one cannot be told: npm has no record of node_modules, or a variable
 * of cdktf's is set. (A commit with other dependencies, installed in its own worktree, gets no key.)
 */
export function outputKey(inputs: OutputInputs, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (Object.keys(env).some(CHANGES_OUTPUT)) return undefined;
  // npm rewrites its record of what node_modules holds on every install.
  const record = path.join(inputs.repo, 'node_modules', '.package-lock.json');
  if (!fs.existsSync(record)) return undefined;
  const installed = fs.readFileSync(record);
  return `${inputs.tree}-${createHash('sha1').update(installed).digest('hex').slice(0, 12)}-node${inputs.nodeVersion}`;
}

/**
 * The synth outputs of commits reviewed before, in the checkout's dist/shared/synthesized by
 * {@link outputKey}: a base reviewed again (every review of a branch against main) is linked, not
 * synthesized. The working tree is never kept: it changes. Keeping is an extra: when it fails, the
 * review synthesizes, with a warning.
 */
export class SynthesizedCommits {
  private readonly dir: string;

  constructor(
    repo: string,
    private readonly warn: (message: string) => void = (m) => process.stderr.write(`review: ${m}\n`),
  ) {
    this.dir = path.join(repo, 'dist', 'shared', 'synthesized');
  }

  /** Links the kept output of `key` into `outdir` (empty); false, leaving it empty, when none is kept or linking fails. */
  restore(key: string, outdir: string): boolean {
    const kept = path.join(this.dir, key);
    if (!fs.statSync(path.join(kept, 'stacks'), { throwIfNoEntry: false })?.isDirectory()) return false;
    try {
      // Links, not the kept folder itself: another review may evict it while this one reads.
      linkTree(kept, outdir, MODELS);
      const now = new Date();
      fs.utimesSync(kept, now, now);
      return true;
    } catch (error) {
      this.warn(`not using the kept synth output ${kept}: ${(error as Error).message}`);
      fs.rmSync(outdir, { recursive: true, force: true });
      fs.mkdirSync(outdir, { recursive: true });
      return false;
    }
  }

  /** Keeps `outdir`, the synth output of `key` (linked); complete or not at all. Whether it was kept now (not before, nor failed). */
  keep(key: string, outdir: string): boolean {
    const to = path.join(this.dir, key);
    try {
      if (fs.existsSync(to)) return false;
      const aside = `${to}.${process.pid}.tmp`;
      // One left by a failed keep of this process (a test runner reviews many times in one).
      fs.rmSync(aside, { recursive: true, force: true });
      try {
        linkTree(outdir, aside);
        fs.renameSync(aside, to);
      } catch (error) {
        fs.rmSync(aside, { recursive: true, force: true });
        // A review at the same moment kept it first.
        if (!fs.existsSync(to)) throw error;
        return false;
      }
      const entries = fs.readdirSync(this.dir).map((name) => ({ name, mtimeMs: fs.statSync(path.join(this.dir, name)).mtimeMs }));
      const kept = entries.filter((e) => !e.name.endsWith('.tmp')).sort((a, b) => b.mtimeMs - a.mtimeMs);
      const leftovers = entries.filter((e) => e.name.endsWith('.tmp') && Date.now() - e.mtimeMs > LEFTOVER_MS);
      for (const { name } of [...kept.slice(KEPT), ...leftovers]) fs.rmSync(path.join(this.dir, name), { recursive: true, force: true });
      return fs.existsSync(to);
    } catch (error) {
      this.warn(`could not keep the synth output in ${to}: ${(error as Error).message}`);
      return false;
    }
  }

  /**
   * The models a review read from the kept output of `key` with the code `reader` names (a name that changes with
   * that code: the review bundle's), kept by {@link keepModel}; undefined when there is none. Reading them is ~4 ms
   * where reading the output is ~300: a base reviewed again is most reviews.
   */
  model(key: string, reader: string): EnvironmentModel[] | undefined {
    if (!READER.test(reader)) return undefined;
    const file = path.join(this.dir, key, MODELS, `${reader}.json`);
    try {
      const model: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
      if (!isModel(model)) throw new Error('it is not a list of environments');
      return model;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.warn(`not using the kept review model ${file}: ${(error as Error).message}`);
      return undefined;
    }
  }

  /**
   * Keeps `model`, read from the kept output of `key` by the code `reader` names, beside it, in place of other
   * readers' (an older build's model is never read again); when it reads back as the same model.
   */
  keepModel(key: string, reader: string, model: readonly EnvironmentModel[]): void {
    const kept = path.join(this.dir, key);
    // JSON would turn an undefined into nothing, NaN and the infinities into null: such a model is read anew each time.
    if (!READER.test(reader) || !readsBackAsItself(model, new Set())) return;
    const models = path.join(kept, MODELS);
    const file = path.join(models, `${reader}.json`);
    const aside = `${file}.${process.pid}.tmp`;
    try {
      if (!fs.statSync(path.join(kept, 'stacks'), { throwIfNoEntry: false })?.isDirectory()) return;
      // Not recursive: an output evicted meanwhile is not made again, as a folder holding only this.
      if (!fs.existsSync(models)) fs.mkdirSync(models);
      fs.writeFileSync(aside, JSON.stringify(model));
      fs.renameSync(aside, file);
      // Other readers' models, and what a review that died left half written.
      for (const name of fs.readdirSync(models)) {
        const other = path.join(models, name);
        if (name !== path.basename(file) && (!name.endsWith('.tmp') || Date.now() - fs.statSync(other).mtimeMs > LEFTOVER_MS)) fs.rmSync(other, { force: true });
      }
    } catch (error) {
      fs.rmSync(aside, { force: true });
      this.warn(`could not keep the review model in ${file}: ${(error as Error).message}`);
    }
  }
}

/**
 * Whether JSON writes `value` so that it reads back the same: plain objects (of any realm's Object) and arrays of
 * strings, booleans, null and finite numbers, with no undefined, no -0, no holes and no cycle (`within`: the
 * objects holding this one).
 */
function readsBackAsItself(value: unknown, within: Set<object>): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object' || within.has(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value) ? Object.keys(value).length !== value.length : proto === null || Object.getPrototypeOf(proto) !== null || 'toJSON' in value) return false;
  if (Object.getOwnPropertySymbols(value).length) return false;
  within.add(value);
  const whole = Object.values(value).every((v) => readsBackAsItself(v, within));
  within.delete(value);
  return whole;
}

/** The shape of a kept model, as far as a review needs to trust it: a list of named environments. */
function isModel(value: unknown): value is EnvironmentModel[] {
  return Array.isArray(value) && value.every((e) => e !== null && typeof e === 'object' && typeof (e as { name?: unknown }).name === 'string' && Array.isArray((e as { alerts?: unknown }).alerts));
}

/**
 * `to` made a tree of hard links to the files of `from` (copies where a file cannot be linked: another
 * file system, or one without hard links): a review's outputs are only read, and written once, before they are kept, so a kept
 * output and a review's folder can share the files, and removing either leaves the other whole.
 * Here 35 ms for a whole output (~260 files, 6 MB) where copying took 250 ms.
 */
function linkTree(from: string, to: string, except?: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name === except) continue;
    const [source, target] = [path.join(from, entry.name), path.join(to, entry.name)];
    if (entry.isDirectory()) linkTree(source, target);
    else if (entry.isFile()) linkOrCopy(source, target);
    else throw new Error(`${source} is neither a file nor a folder`);
  }
}

function linkOrCopy(source: string, target: string): void {
  try {
    fs.linkSync(source, target);
  } catch {
    fs.copyFileSync(source, target);
  }
}
