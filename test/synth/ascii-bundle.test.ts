// eslint-disable-next-line @typescript-eslint/no-require-imports
const { asciiBundle } = require('../../scripts/bundle') as {
  asciiBundle: (text: string, inputs: string[], known?: Record<string, boolean>, read?: (input: string) => string) => { text: string; verdicts: Record<string, boolean> };
};

const NON_ASCII = /[^\x00-\x7f]/;

/** asciiBundle over inputs given as text, and a bundle made of their lines as they are. */
function escape(sources: Record<string, string>, known?: Record<string, boolean>) {
  const bundle = Object.entries(sources).map(([file, source]) => `// ${file}\n${source}`).join('\n');
  return { bundle, ...asciiBundle(bundle, Object.keys(sources), known, (input) => sources[input]) };
}

describe('the synth bundle in ASCII (scripts/bundle.js)', () => {
  it('escapes characters outside ASCII where every one stands in a comment, and the code means the same', () => {
    const { bundle, text } = escape({
      'lib/a.ts': "/** Series name → its metric. */\nexport const arrow = 'plain'; // café\n",
      'node_modules/x/b.js': '// the dashboard’s time range\nmodule.exports = { sum: 1 + 2 };\n',
    });
    expect(NON_ASCII.test(bundle)).toBe(true);
    expect(NON_ASCII.test(text)).toBe(false);
    expect(text).toContain('/** Series name \\u2192 its metric. */');
    expect(text).toContain('// the dashboard\\u2019s time range');
    // Only the comments changed.
    const strip = (t: string) => t.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '');
    expect(strip(text)).toBe(strip(bundle));
  });

  it.each([
    ['a template’s raw text, which an escape would change', 'module.exports = String.raw`caf\u00e9`;\n'],
    ['a regular expression (left as esbuild left it)', 'module.exports = /\u2019/;\n'],
  ])('leaves the bundle as it is when an input holds one in %s', (_, source) => {
    const { bundle, text, verdicts } = escape({ 'lib/a.ts': '// → fine\nexport const a = 1;\n', 'node_modules/x/raw.js': source });
    expect(text).toBe(bundle);
    expect(Object.values(verdicts).sort()).toEqual([false, true]);
  });

  it('takes an input judged before by its content, not judging it again', () => {
    const sources = { 'lib/a.ts': '// → fine\nexport const a = 1;\n' };
    const first = escape(sources);
    expect(NON_ASCII.test(first.text)).toBe(false);
    // A verdict recorded as not escapable is taken as it stands: the bundle stays as it is.
    const recorded = Object.fromEntries(Object.keys(first.verdicts).map((key) => [key, false]));
    expect(escape(sources, recorded).text).toBe(first.bundle);
    // Judged by another esbuild, or another version of the judgement: judged anew.
    const elsewhere = Object.fromEntries(Object.keys(first.verdicts).map((key) => [key.replace(/esbuild[^:]+/, 'esbuild0.0.1'), false]));
    expect(NON_ASCII.test(escape(sources, elsewhere).text)).toBe(false);
    // Another content is judged anew.
    expect(NON_ASCII.test(escape({ 'lib/a.ts': '// → changed\nexport const a = 2;\n' }, recorded).text)).toBe(false);
  });

  it('leaves an input of a kind it cannot judge, and a bundle already in ASCII, as they are', () => {
    expect(escape({ 'lib/style.css': '/* → */ a { color: red }\n' }).text).toContain('→');
    const ascii = asciiBundle('module.exports = 1;\n', ['lib/a.ts'], {}, () => 'never read');
    expect(ascii).toEqual({ text: 'module.exports = 1;\n', verdicts: {} });
  });
});
