import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readSynthOutput, reviewModels } from '../../lib/review';
import { SynthesizedCommits } from '../../lib/review/synthesized';
import { buildApp } from '../../main';

/** Every file under `dir`, relative, with its content. */
function files(dir: string, at = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(path.join(dir, at), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = path.join(at, entry.name);
    if (entry.isDirectory()) Object.assign(out, files(dir, rel));
    else out[rel] = fs.readFileSync(path.join(dir, rel), 'utf8');
  }
  return out;
}

describe("a review's synth outputs", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kept-outputs-'));
  const synthesized = path.join(tmp, 'synthesized');
  fs.mkdirSync(synthesized);
  buildApp(synthesized).app.synth();
  const written = files(synthesized);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('are kept and restored whole, and removing one folder leaves the other whole', () => {
    const warnings: string[] = [];
    const commits = new SynthesizedCommits(path.join(tmp, 'repo'), (m) => warnings.push(m));
    commits.keep('some-key', synthesized);
    const kept = path.join(tmp, 'repo', 'dist', 'shared', 'synthesized', 'some-key');
    expect(files(kept)).toEqual(written);
    const restored = path.join(tmp, 'restored');
    expect(commits.restore('some-key', restored)).toBe(true);
    expect(files(restored)).toEqual(written);
    // The review removes its folder when done; another review may evict the kept one meanwhile.
    fs.rmSync(synthesized, { recursive: true });
    fs.rmSync(restored, { recursive: true });
    expect(files(kept)).toEqual(written);
    expect(commits.restore('some-key', restored)).toBe(true);
    fs.rmSync(kept, { recursive: true });
    expect(files(restored)).toEqual(written);
    expect(commits.restore('some-key', path.join(tmp, 'again'))).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('are read into models that the review only reads: one output read twice shares its parsed files, and neither changes', () => {
    const dir = path.join(tmp, 'restored');
    const [before, after] = [readSynthOutput(dir), readSynthOutput(dir)];
    expect(before.length).toBeGreaterThan(1);
    expect(after).toEqual(before);
    expect(after[0].modules).toBe(before[0].modules);
    const asRead = JSON.stringify(before);
    const review = reviewModels(before, after, { base: 'a', head: 'b' });
    expect(review.environments.flatMap((e) => [...e.changes, ...e.risks])).toEqual([]);
    expect(JSON.stringify(before)).toBe(asRead);
    expect(JSON.stringify(after)).toBe(asRead);
  });
});
