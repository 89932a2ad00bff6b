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

  it("keep the review's models beside them, one per version of the reading code, read back as they were read", () => {
    const { commits, warnings, kept } = commitsIn('repo-3');
    expect(commits.keep('key', synthesized)).toBe(true);
    // Kept once: the second keep finds it there.
    expect(commits.keep('key', synthesized)).toBe(false);
    const model = readSynthOutput(kept('key'));
    expect(commits.model('key', 'main-0123')).toBeUndefined();
    commits.keepModel('key', 'main-0123', model);
    expect(commits.model('key', 'main-0123')).toStrictEqual(model);
    // Another version of the code reads the output anew; an output not kept has no model.
    expect(commits.model('key', 'main-4567')).toBeUndefined();
    commits.keepModel('other-key', 'main-0123', model);
    expect(commits.model('other-key', 'main-0123')).toBeUndefined();
    // A restored output holds what the synth wrote, and no model.
    const restored = path.join(tmp, 'restored-3');
    expect(commits.restore('key', restored)).toBe(true);
    expect(readTreeText(restored)).toEqual(written);
    // A newer build's model takes the older one's place: that one is never read again.
    commits.keepModel('key', 'main-4567', model);
    expect(fs.readdirSync(path.join(kept('key'), 'review-models'))).toEqual(['main-4567.json']);
    expect(commits.model('key', 'main-0123')).toBeUndefined();
    // An output evicted meanwhile (here, its folder left without stacks) gets no model, nor a folder made again.
    fs.rmSync(path.join(kept('key'), 'stacks'), { recursive: true });
    commits.keepModel('key', 'main-89ab', model);
    expect(fs.readdirSync(path.join(kept('key'), 'review-models'))).toEqual(['main-4567.json']);
    commits.keepModel('gone', 'main-89ab', model);
    expect(fs.existsSync(kept('gone'))).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('keep no model JSON would change, use none that does not read, and take no reader name that is not a file name', () => {
    const { commits, warnings, kept } = commitsIn('repo-4');
    commits.keep('key', synthesized);
    const [environment] = readSynthOutput(kept('key'));
    // JSON writes NaN as null and drops an undefined: read back, such a model would be another.
    commits.keepModel('key', 'main-nan', [{ ...environment, alerts: [{ ...environment.alerts[0], thresholds: [{ op: '>', value: NaN }] }] }]);
    commits.keepModel('key', 'main-undefined', [{ ...environment, evaluationInterval: undefined as unknown as string }]);
    // A cycle, and an object JSON would give back with another prototype.
    const cyclic: Record<string, unknown> = { ...environment };
    cyclic.modules = { self: cyclic };
    commits.keepModel('key', 'main-cycle', [cyclic as unknown as typeof environment]);
    commits.keepModel('key', 'main-null-prototype', [{ ...environment, modules: Object.assign(Object.create(null), { a: 1 }) }]);
    expect(fs.existsSync(path.join(kept('key'), 'review-models'))).toBe(false);
    commits.keepModel('key', '../escape', [environment]);
    expect(fs.existsSync(path.join(kept('key'), 'escape.json'))).toBe(false);
    expect(commits.model('key', '../escape')).toBeUndefined();
    fs.mkdirSync(path.join(kept('key'), 'review-models'));
    fs.writeFileSync(path.join(kept('key'), 'review-models', 'main-cut.json'), '[{"name": "loc');
    expect(commits.model('key', 'main-cut')).toBeUndefined();
    fs.writeFileSync(path.join(kept('key'), 'review-models', 'main-object.json'), '{}');
    expect(commits.model('key', 'main-object')).toBeUndefined();
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^not using the kept review model .*main-cut\.json: /);
    expect(warnings[1]).toMatch(/^not using the kept review model .*main-object\.json: it is not a list of environments$/);
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
