import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeFolders } from '../../lib/synth/write-folders';
import { readTree } from '../util/files';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'mac-write-folders-'));
const text = (root: string) => new Map([...readTree(root)].map(([file, bytes]) => [file.split(path.sep).join('/'), bytes.toString('utf8')]));
/** A time long past, set on a file so that a rewrite shows in its modification time. */
const LONG_AGO = new Date('2020-01-01T00:00:00Z');

describe('writeFolders', () => {
  test('writes what differs, leaves what holds its content, removes the rest of its folders and nothing outside them', () => {
    const root = tmp();
    writeFolders(root, ['prometheus', 'grafana'], new Map([
      ['prometheus/prometheus.yml', 'global: {}\n'],
      ['prometheus/rules/a.yml', 'groups: []\n'],
      ['prometheus/rules/b.yml', 'groups: []\n'],
      ['grafana/dashboards/x/x.json', '{}\n'],
    ]));
    fs.writeFileSync(path.join(root, 'cdk.tf.json'), '{}');
    for (const file of ['prometheus/prometheus.yml', 'prometheus/rules/a.yml']) fs.utimesSync(path.join(root, file), LONG_AGO, LONG_AGO);
    // An edit by hand, a file where a folder goes, and a link to a file outside.
    fs.writeFileSync(path.join(root, 'prometheus/rules/a.yml'), 'groups: [edited]\n');
    fs.utimesSync(path.join(root, 'prometheus/rules/a.yml'), LONG_AGO, LONG_AGO);
    fs.writeFileSync(path.join(root, 'prometheus/tests'), 'not a folder');
    const outside = path.join(tmp(), 'outside.yml');
    fs.writeFileSync(outside, 'keep me\n');
    fs.symlinkSync(outside, path.join(root, 'prometheus/rules/linked.yml'));

    const written = writeFolders(root, ['prometheus', 'grafana'], new Map([
      ['prometheus/prometheus.yml', 'global: {}\n'],
      ['prometheus/rules/a.yml', 'groups: []\n'],
      ['prometheus/rules/linked.yml', 'groups: []\n'],
      ['prometheus/tests/a.test.yml', 'tests: []\n'],
    ]));

    expect(written.sort()).toEqual(['prometheus/rules/a.yml', 'prometheus/rules/linked.yml', 'prometheus/tests/a.test.yml']);
    expect(text(root)).toEqual(new Map([
      ['cdk.tf.json', '{}'],
      ['prometheus/prometheus.yml', 'global: {}\n'],
      ['prometheus/rules/a.yml', 'groups: []\n'],
      ['prometheus/rules/linked.yml', 'groups: []\n'],
      ['prometheus/tests/a.test.yml', 'tests: []\n'],
    ]));
    expect(fs.statSync(path.join(root, 'prometheus/prometheus.yml')).mtime).toEqual(LONG_AGO);
    expect(fs.statSync(path.join(root, 'prometheus/rules/a.yml')).mtime).not.toEqual(LONG_AGO);
    expect(fs.lstatSync(path.join(root, 'prometheus/rules/linked.yml')).isSymbolicLink()).toBe(false);
    expect(fs.readFileSync(outside, 'utf8')).toBe('keep me\n');
    // grafana/ had no files left: gone whole, not left as empty folders.
    expect(fs.existsSync(path.join(root, 'grafana'))).toBe(false);
  });

  test('a changed file is a new file: a hard link to the old one keeps its bytes, a read-only one is replaced', () => {
    const root = tmp();
    writeFolders(root, ['f'], new Map([['f/a', 'old\n'], ['f/b', 'old\n']]));
    const snapshot = path.join(tmp(), 'a');
    fs.linkSync(path.join(root, 'f/a'), snapshot);
    fs.chmodSync(path.join(root, 'f/b'), 0o444);
    expect(writeFolders(root, ['f'], new Map([['f/a', 'new\n'], ['f/b', 'new\n']])).sort()).toEqual(['f/a', 'f/b']);
    expect(text(root)).toEqual(new Map([['f/a', 'new\n'], ['f/b', 'new\n']]));
    expect(fs.readFileSync(snapshot, 'utf8')).toBe('old\n');
  });

  test('a linked folder, or a link to nothing, is removed, never followed: a real folder takes its place', () => {
    const root = tmp();
    const elsewhere = tmp();
    fs.writeFileSync(path.join(elsewhere, 'keep.yml'), 'keep\n');
    fs.mkdirSync(path.join(root, 'prometheus'));
    fs.symlinkSync(elsewhere, path.join(root, 'prometheus/rules'));
    fs.symlinkSync(elsewhere, path.join(root, 'grafana'));
    fs.symlinkSync(path.join(elsewhere, 'nothing'), path.join(root, 'prometheus/prometheus.yml'));
    writeFolders(root, ['prometheus', 'grafana'], new Map([['prometheus/rules/a.yml', 'a\n'], ['prometheus/prometheus.yml', 'p\n'], ['grafana/g.json', '{}\n']]));
    expect(text(root)).toEqual(new Map([['grafana/g.json', '{}\n'], ['prometheus/prometheus.yml', 'p\n'], ['prometheus/rules/a.yml', 'a\n']]));
    for (const dir of ['prometheus/rules', 'grafana']) expect(fs.lstatSync(path.join(root, dir)).isDirectory()).toBe(true);
    expect(fs.readdirSync(elsewhere)).toEqual(['keep.yml']);
  });

  test('a file outside the folders is written when it differs, and left alone when it holds its content', () => {
    const root = tmp();
    expect(writeFolders(root, ['f'], new Map([['f/a', 'a\n'], ['g/b', 'b\n']])).sort()).toEqual(['f/a', 'g/b']);
    expect(writeFolders(root, ['f'], new Map([['f/a', 'a\n'], ['g/b', 'b\n']]))).toEqual([]);
    expect(writeFolders(root, ['f'], new Map([['f/a', 'a\n'], ['g/b', 'c\n']]))).toEqual(['g/b']);
  });

  test('a file of the same size but other bytes is rewritten', () => {
    const root = tmp();
    writeFolders(root, ['f'], new Map([['f/a', 'aaaa']]));
    expect(writeFolders(root, ['f'], new Map([['f/a', 'aaab']]))).toEqual(['f/a']);
    expect(writeFolders(root, ['f'], new Map([['f/a', 'aaab']]))).toEqual([]);
    expect(fs.readFileSync(path.join(root, 'f/a'), 'utf8')).toBe('aaab');
  });

  test('bytes that are not UTF-8 are not taken for the U+FFFD they read as, and a lone surrogate is not rewritten every time', () => {
    const root = tmp();
    fs.mkdirSync(path.join(root, 'f'));
    fs.writeFileSync(path.join(root, 'f/a'), Buffer.from([0xff]));
    // 0xFF reads as U+FFFD: the text matches, the bytes (EF BF BD) do not.
    expect(writeFolders(root, ['f'], new Map([['f/a', '\uFFFD']]))).toEqual(['f/a']);
    expect(fs.readFileSync(path.join(root, 'f/a'))).toEqual(Buffer.from([0xef, 0xbf, 0xbd]));
    expect(writeFolders(root, ['f'], new Map([['f/a', '\uFFFD']]))).toEqual([]);
    // A lone surrogate is written as U+FFFD's bytes, and those hold it from then on.
    expect(writeFolders(root, ['f'], new Map([['f/a', 'x\uD800']]))).toEqual(['f/a']);
    expect(writeFolders(root, ['f'], new Map([['f/a', 'x\uD800']]))).toEqual([]);
  });

  // Paths from a tiny alphabet, so that one synth's file is the next one's folder and the other way round.
  const segment = fc.constantFrom('x', 'y', 'X');
  const filePath = fc.tuple(fc.constantFrom('a', 'b'), fc.array(segment, { minLength: 1, maxLength: 3 })).map(([folder, rest]) => [folder, ...rest].join('/'));
  const files = fc
    .dictionary(filePath, fc.constantFrom('', '1', '2', '12', 'é\n'), { maxKeys: 8 })
    // A path cannot be a file and a folder in one synth.
    .map((d) => new Map(Object.entries(d).filter(([file]) => !Object.keys(d).some((other) => other.startsWith(`${file}/`)))));

  test('after every write, in any sequence, the folders hold exactly the files given, and only files that differed were written', () => {
    // Case-insensitive file systems (macOS) cannot hold x and X side by side.
    const probe = tmp();
    fs.writeFileSync(path.join(probe, 'x'), '');
    const caseSensitive = !fs.existsSync(path.join(probe, 'X'));
    fc.assert(
      fc.property(fc.array(files, { minLength: 1, maxLength: 5 }), (sequence) => {
        const root = tmp();
        let before = new Map<string, string>();
        for (const wanted of sequence) {
          const given = caseSensitive ? wanted : new Map([...wanted].filter(([file]) => !file.includes('X')));
          const written = writeFolders(root, ['a', 'b'], given);
          expect(text(root)).toEqual(given);
          expect(written.sort()).toEqual([...given].filter(([file, content]) => before.get(file) !== content).map(([file]) => file).sort());
          before = given;
        }
        fs.rmSync(root, { recursive: true, force: true });
      }),
      { numRuns: 300 },
    );
  });
});
