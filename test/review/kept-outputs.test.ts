import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { YamlFiles, readSynthOutput, reviewModels } from '../../lib/review';
import { SynthesizedCommits } from '../../lib/review/synthesized';
import { buildApp } from '../../main';
import { readTreeText } from '../util/files';

describe("a review's synth outputs", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kept-outputs-'));
  const synthesized = path.join(tmp, 'synthesized');
  let written = new Map<string, string>();
  beforeAll(() => {
    buildApp(synthesized).app.synth();
    written = readTreeText(synthesized);
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const commitsIn = (repo: string) => {
    const warnings: string[] = [];
    return { commits: new SynthesizedCommits(path.join(tmp, repo), (m) => warnings.push(m)), warnings, kept: (key: string) => path.join(tmp, repo, 'dist', 'shared', 'synthesized', key) };
  };

  it('are kept and restored whole, as links to the same files, and removing one folder leaves the other whole', () => {
    const { commits, warnings, kept } = commitsIn('repo');
    const output = path.join(tmp, 'output');
    fs.cpSync(synthesized, output, { recursive: true });
    commits.keep('some-key', output);
    expect(readTreeText(kept('some-key'))).toEqual(written);
    const restored = path.join(tmp, 'restored');
    expect(commits.restore('some-key', restored)).toBe(true);
    expect(readTreeText(restored)).toEqual(written);
    const manifest = (dir: string) => fs.statSync(path.join(dir, 'manifest.json')).ino;
    expect(manifest(restored)).toBe(manifest(kept('some-key')));
    // The review removes its folder when done; another review may evict the kept one meanwhile.
    fs.rmSync(output, { recursive: true });
    fs.rmSync(restored, { recursive: true });
    expect(readTreeText(kept('some-key'))).toEqual(written);
    expect(commits.restore('some-key', restored)).toBe(true);
    fs.rmSync(kept('some-key'), { recursive: true });
    expect(readTreeText(restored)).toEqual(written);
    expect(commits.restore('some-key', path.join(tmp, 'again'))).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('are kept past a leftover of a failed keep, and a kept output that cannot be restored leaves the folder empty, with a warning', () => {
    const { commits, warnings, kept } = commitsIn('repo-2');
    fs.mkdirSync(`${kept('key')}.${process.pid}.tmp`, { recursive: true });
    fs.writeFileSync(path.join(`${kept('key')}.${process.pid}.tmp`, 'manifest.json'), 'half of an output');
    commits.keep('key', synthesized);
    expect(warnings).toEqual([]);
    expect(readTreeText(kept('key'))).toEqual(written);
    // Something a synth never writes: the kept output is not restored.
    fs.symlinkSync('/etc/hostname', path.join(kept('key'), 'stacks', 'a-link'));
    const restored = path.join(tmp, 'restored-2');
    expect(commits.restore('key', restored)).toBe(false);
    expect(fs.readdirSync(restored)).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('a-link is neither a file nor a folder');
  });

  it('are read into models that share the parsed files of one review, frozen, so that the review cannot change them', () => {
    const yaml = new YamlFiles();
    const [before, after] = [readSynthOutput(synthesized, yaml), readSynthOutput(synthesized, yaml)];
    expect(before.length).toBeGreaterThan(1);
    expect(after).toEqual(before);
    expect(after[0].modules).toBe(before[0].modules);
    expect(readSynthOutput(synthesized)[0].modules).not.toBe(before[0].modules);
    const environment = before[0].externalLabels.environment;
    try {
      (before[0].externalLabels as Record<string, string>).environment = 'changed';
    } catch {
      // Strict code throws; either way nothing changes.
    }
    expect(after[0].externalLabels.environment).toBe(environment);
    const asRead = JSON.stringify(before);
    const review = reviewModels(before, after, { base: 'a', head: 'b' });
    expect(review.environments.flatMap((e) => [...e.changes, ...e.risks])).toEqual([]);
    expect(JSON.stringify(after)).toBe(asRead);
  });
});
