import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Review, reviewModels } from './diff';
import { YamlFiles, readSynthOutput } from './load';
import { renderReviewMarkdown } from './markdown';
import { EnvironmentModel } from './model';
import { ReviewError, SynthesizedRef, pruneWorktrees, repositoryRoot, synthesizeRef } from './refs';
import { SynthesizedCommits } from './synthesized';

export const REVIEW_USAGE = 'usage: npm run review -- <base> [<head>] [--format markdown|json]  (head defaults to the working tree)';

export interface ReviewOptions {
  readonly base: string;
  /** @default the working tree */
  readonly head?: string;
  readonly format: 'markdown' | 'json';
}

export function parseReviewArgs(argv: readonly string[]): ReviewOptions {
  const refs: string[] = [];
  let format: ReviewOptions['format'] = 'markdown';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice('--format='.length) : argv[++i];
      if (value !== 'markdown' && value !== 'json') throw new ReviewError(`--format takes markdown or json, not ${value ?? 'nothing'}\n${REVIEW_USAGE}`);
      format = value;
    } else if (arg.startsWith('-')) throw new ReviewError(`unknown option ${arg}\n${REVIEW_USAGE}`);
    else refs.push(arg);
  }
  if (refs.length < 1 || refs.length > 2) throw new ReviewError(`name one or two refs\n${REVIEW_USAGE}`);
  return { base: refs[0], head: refs[1], format };
}

/**
 * Pictures of the head's dashboards the review found changed, by uid: the
 * path of each picture written. Given by the caller (a running local stack
 * draws them); the review links them.
 */
export type DashboardPictures = (uids: readonly string[], headOutdir: string) => Promise<Readonly<Record<string, string>>>;

/**
 * Synthesizes both refs side by side and compares what they deploy. With `reader`, a name that changes with the
 * code reading synth outputs (the review bundle's), a kept commit's model is read as that code read it before.
 */
export async function reviewRefs(cwd: string, base: string, head?: string, pictures?: DashboardPictures, reader?: string): Promise<Review> {
  const repo = await repositoryRoot(cwd);
  await pruneWorktrees(repo);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'review-'));
  try {
    // Both run to the end before the folder is removed, even when one fails.
    const settled = await Promise.allSettled([synthesizeRef(repo, base, tmp, 'base'), synthesizeRef(repo, head, tmp, 'head')]);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [b, h] = settled.map((s) => (s as PromiseFulfilledResult<Awaited<ReturnType<typeof synthesizeRef>>>).value);
    const yaml = new YamlFiles();
    const synthesized = new SynthesizedCommits(repo);
    const modelOf = (ref: SynthesizedRef): EnvironmentModel[] => {
      const kept = reader && ref.key ? synthesized.model(ref.key, reader) : undefined;
      if (kept) return kept;
      const model = readSynthOutput(ref.outdir, yaml);
      if (reader && ref.key) synthesized.keepModel(ref.key, reader, model);
      return model;
    };
    const [before, after] = [modelOf(b), modelOf(h)];
    for (const [ref, envs] of [[b.label, before], [h.label, after]] as const) {
      if (!envs.length) throw new ReviewError(`${ref} synthesized no environment (no stacks/<env>/prometheus/prometheus.yml): nothing to compare`);
    }
    const review = reviewModels(before, after, { base: b.label, head: h.label });
    const touched = [...new Set(review.environments.flatMap((e) => e.changes.filter((c) => c.kind === 'dashboard' && c.change !== 'removed').map((c) => c.name)))];
    if (!touched.length || !pictures) return review;
    try {
      return { ...review, pictures: await pictures(touched, h.outdir) };
    } catch (error) {
      // The pictures are an extra: the review stands without them.
      process.stderr.write(`review: no dashboard pictures: ${(error as Error).message}\n`);
      return review;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

export interface ReviewOutput {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** The command: 0 no change in meaning, 1 changes, 2 it could not review. `reader`: as {@link reviewRefs}. */
export async function runReview(argv: readonly string[], cwd: string, out: ReviewOutput, pictures?: DashboardPictures, reader?: string): Promise<number> {
  try {
    const options = parseReviewArgs(argv);
    const review = await reviewRefs(cwd, options.base, options.head, pictures, reader);
    out.stdout(options.format === 'json' ? `${JSON.stringify(review, null, 2)}\n` : renderReviewMarkdown(review));
    return review.changed ? 1 : 0;
  } catch (error) {
    out.stderr(`review failed: ${error instanceof ReviewError ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
    return 2;
  }
}
