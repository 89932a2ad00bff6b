import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { YamlFiles } from '../../lib/review';
import { toYaml } from '../../lib/synth/yaml';
import { buildApp } from '../../main';
import { yamlDocument } from '../util/yaml-documents';

// The review reads synth output with js-yaml (lib/review/load.ts), the yaml library's schema but faster:
// it must read every value as the library does, which is how the output was checked when written.
describe("the review's YAML reader", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-reader-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const read = (file: string, text: string) => {
    fs.writeFileSync(file, text);
    return new YamlFiles().read(file);
  };

  it('reads every YAML file of a synth of all environments as the yaml library does', () => {
    const outdir = path.join(dir, 'out');
    buildApp(outdir).app.synth();
    const files = (fs.readdirSync(outdir, { recursive: true }) as string[]).filter((f) => /\.ya?ml$/.test(f));
    expect(files.length).toBeGreaterThan(100);
    const yaml = new YamlFiles();
    for (const file of files) {
      const text = fs.readFileSync(path.join(outdir, file), 'utf8');
      expect({ file, value: yaml.read(path.join(outdir, file)) }).toEqual({ file, value: parse(text) });
    }
  });

  it('reads what the emitter writes, for documents of tricky text, as the yaml library does', () => {
    const file = path.join(dir, 'doc.yml');
    fc.assert(
      fc.property(yamlDocument, (value) => {
        const written = toYaml(value, 'h');
        // As JSON, as the emitter's own test: -0 and inherited keys compare plainly.
        expect(JSON.stringify(read(file, written))).toBe(JSON.stringify(parse(written)));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads a file with no document (only comments) as null and refuses one with two, as the yaml library does', () => {
    for (const text of ['', '# nothing but a comment\n']) {
      expect(parse(text)).toBeNull();
      expect(read(path.join(dir, 'empty.yml'), text)).toBeNull();
    }
    expect(() => parse('a: 1\n---\nb: 2\n')).toThrow();
    expect(() => read(path.join(dir, 'two.yml'), 'a: 1\n---\nb: 2\n')).toThrow(/two\.yml holds 2 YAML documents/);
  });

  it('refuses a key written twice, as the yaml library does', () => {
    expect(() => parse('a: 1\na: 2\n')).toThrow();
    expect(() => read(path.join(dir, 'twice.yml'), 'a: 1\na: 2\n')).toThrow(/duplicated mapping key/);
  });
});
