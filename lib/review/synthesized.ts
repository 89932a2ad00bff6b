import * as fs from 'fs';
import * as path from 'path';

/** How many commits' outputs are kept (about 6 MB each); the least recently reviewed go first. */
const KEPT = 8;

/**
 * The synth outputs of commits reviewed before, in the checkout's dist/shared/synthesized, by git
 * tree and node version: a commit's synth reads nothing but its tree (its package-lock.json
 * included) and writes the same bytes on every run, so a base reviewed again (every review of a
 * branch against main) is read, not synthesized. The working tree is never kept: it changes.
 */
export class SynthesizedCommits {
  private readonly dir: string;

  constructor(repo: string) {
    this.dir = path.join(repo, 'dist', 'shared', 'synthesized');
  }

  /** The output folder of an earlier synth of `tree`, if kept. */
  find(tree: string): string | undefined {
    const outdir = path.join(this.dir, key(tree));
    if (!fs.existsSync(path.join(outdir, 'stacks'))) return undefined;
    const now = new Date();
    fs.utimesSync(outdir, now, now);
    return outdir;
  }

  /** Keeps a copy of `outdir`, the synth output of `tree`; complete or not at all. */
  keep(tree: string, outdir: string): void {
    const to = path.join(this.dir, key(tree));
    if (fs.existsSync(to)) return;
    const aside = `${to}.${process.pid}.tmp`;
    fs.cpSync(outdir, aside, { recursive: true });
    try {
      fs.renameSync(aside, to);
    } catch {
      // A review at the same moment kept it first.
      fs.rmSync(aside, { recursive: true, force: true });
    }
    const kept = fs
      .readdirSync(this.dir)
      .filter((name) => !name.endsWith('.tmp'))
      .map((name) => ({ name, mtimeMs: fs.statSync(path.join(this.dir, name)).mtimeMs }))
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const { name } of kept.slice(KEPT)) fs.rmSync(path.join(this.dir, name), { recursive: true, force: true });
  }
}

const key = (tree: string) => `${tree}-node${process.versions.node}`;
