import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { ToolResult, writeTempFiles } from '../tools';

/**
 * Differential testing of synth against the real servers: random but
 * type-correct inputs are checked by synth; every input synth accepts is
 * rendered and handed to the server's own checker. The principle under test:
 * synth refuses it, or the server accepts every file synth wrote.
 */
export interface DifferentialSubject<T> {
  /** What is generated, e.g. `alertmanager.yml`. */
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<T>;
  /** Synth's verdict: the problems it reports (empty: it would write the files). */
  readonly problems: (input: T) => readonly string[];
  /** The files synth writes for an accepted input, path → content. */
  readonly render: (input: T) => ReadonlyMap<string, string>;
  /** The server's checker on the case folders (each holding one rendered case), all at once. */
  readonly check: (dirs: readonly string[]) => ToolResult;
  /** The checker takes one file per run: check each case once instead of halving batches. @default false */
  readonly oneAtATime?: boolean;
}

/** An input synth accepted and the server refused. */
export interface Disagreement<T> {
  readonly input: T;
  readonly files: ReadonlyMap<string, string>;
  /** What the server said. */
  readonly refusal: string;
}

export interface DifferentialResult<T> {
  readonly accepted: number;
  readonly refused: number;
  readonly disagreements: readonly Disagreement<T>[];
  /** Synth's messages for the refused inputs, to see what the generator reaches. */
  readonly refusals: readonly string[];
}

export interface DifferentialOptions {
  /** fast-check seed: the same seed gives the same inputs. */
  readonly seed: number;
  readonly runs: number;
}

/**
 * Runs the comparison. The checker sees all accepted cases in one call (a
 * server start per case would cost minutes); a batch it refuses is halved
 * until each refused case stands alone.
 */
export function differential<T>(subject: DifferentialSubject<T>, options: DifferentialOptions): DifferentialResult<T> {
  const inputs = fc.sample(subject.arbitrary, { seed: options.seed, numRuns: options.runs });
  const refusals: string[] = [];
  const accepted: { input: T; files: ReadonlyMap<string, string>; dir: string }[] = [];
  for (const input of inputs) {
    const problems = subject.problems(input);
    if (problems.length) {
      refusals.push(...problems);
      continue;
    }
    const files = subject.render(input);
    accepted.push({ input, files, dir: writeTempFiles(files, 'mac-diff-') });
  }
  const disagreements: Disagreement<T>[] = [];
  // Halving a refused batch finds k refused cases in about k·log(n) checker runs.
  const search = (batch: typeof accepted): void => {
    if (!batch.length) return;
    const result = subject.check(batch.map((a) => a.dir));
    if (result.status === 0) return;
    if (batch.length === 1) {
      disagreements.push({ input: batch[0].input, files: batch[0].files, refusal: result.output.trim() });
      return;
    }
    const half = Math.ceil(batch.length / 2);
    search(batch.slice(0, half));
    search(batch.slice(half));
  };
  if (subject.oneAtATime) accepted.forEach((a) => search([a]));
  else search(accepted);
  for (const a of accepted) fs.rmSync(a.dir, { recursive: true, force: true });
  return { accepted: accepted.length, refused: inputs.length - accepted.length, disagreements, refusals };
}

/** The path of `file` in each case folder, for checkers that take many files. */
export function filesIn(dirs: readonly string[], file: string): string[] {
  return dirs.map((dir) => path.join(dir, file));
}

/** A disagreement as a reviewer reads it: the server's words, then the files synth wrote. */
export function describeDisagreement(d: Disagreement<unknown>): string {
  const files = [...d.files].map(([file, content]) => `--- ${file}\n${content}`).join('\n');
  return `the server refused what synth accepted:\n${d.refusal}\n${files}`;
}
