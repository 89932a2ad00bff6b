// The one way this project compiles an entry ahead: esbuild, one CommonJS file for node 20.
// Its packages go in the file too: node then resolves and reads one module instead of ~900.
// Used through scripts/compiled.js by the synth entry and the benchmark's generated apps, and for jest's
// bundle of the packages (test/vendor-bundle.js).
const path = require('path');

const root = path.resolve(__dirname, '..');

/** Bundles `entry` (relative to the checkout); with `write: false` returns the output and inputs instead of writing `outfile`. */
function bundle(entry, outfile, { write = true } = {}) {
  return require('esbuild').buildSync({
    entryPoints: [path.join(root, entry)],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    metafile: true,
    // A worktree's node_modules may be a link to another checkout's: its inputs are still named
    // inside this checkout (node_modules/…), so checkouts of the same sources make the same bundle.
    preserveSymlinks: true,
    // esbuild's default, stated: strings and names are escaped, which asciiBundle below relies on.
    charset: 'ascii',
    // A native addon (the review's dashboard pictures) is loaded from node_modules where it is.
    external: ['@resvg/resvg-js'],
    write,
    logLevel: 'error',
  });
}

/** esbuild's loader for an input, by extension; undefined for one it is not asked to judge. */
const LOADERS = { '.ts': 'ts', '.js': 'js', '.cjs': 'js', '.mjs': 'js', '.json': 'json' };
const NON_ASCII = /[^\x00-\x7f]/;

/** Whether every character outside ASCII in an input's `source` stands in a comment: esbuild strips them and escapes the rest. */
function onlyCommentsOutsideAscii(source, loader) {
  try {
    const { code } = require('esbuild').transformSync(source, { loader, minifyWhitespace: true, legalComments: 'none', charset: 'ascii', logLevel: 'silent' });
    return !NON_ASCII.test(code);
  } catch {
    // Read otherwise than the bundle read it: not judged, so not escaped.
    return false;
  }
}

/**
 * The bundle's text with every character outside ASCII written as a `\uXXXX` escape, when each such
 * character stands in a comment; else the text as it is. V8 keeps an ASCII source in one byte a
 * character and reads it faster: the bundle is 3.9 MB, and a few comments made all of it two bytes a
 * character (~10 ms of every run). esbuild escapes strings and names itself; what it leaves is comments,
 * regular expressions and templates' raw text. So each input holding such characters is stripped of
 * its comments by esbuild: when none is left in any input, the bundle holds them in comments only,
 * whose text the escapes change and nothing else.
 * `known` holds the verdicts of earlier builds by judge (this code and esbuild's version), loader and input
 * hash (each input costs a transform, ~2 ms; 90 inputs here); returned with this build's. `read` gives an
 * input's source.
 */
function asciiBundle(text, inputs, known = {}, read = (input) => require('fs').readFileSync(path.join(root, input), 'utf8')) {
  const verdicts = {};
  if (!NON_ASCII.test(text)) return { text, verdicts };
  const crypto = require('crypto');
  // The judgement's own code and esbuild's version: a verdict of another judgement is judged anew.
  const judge = `${crypto.createHash('sha1').update(`${onlyCommentsOutsideAscii}${NON_ASCII}`).digest('hex').slice(0, 8)}-esbuild${require('esbuild').version}`;
  let escapable = true;
  for (const input of inputs) {
    const source = read(input);
    if (!NON_ASCII.test(source)) continue;
    const loader = LOADERS[path.extname(input)];
    const key = `${judge}:${loader}:${crypto.createHash('sha1').update(source).digest('hex')}`;
    verdicts[key] = known[key] ?? (loader !== undefined && onlyCommentsOutsideAscii(source, loader));
    if (!verdicts[key]) escapable = false;
  }
  return { text: escapable ? text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text, verdicts };
}

module.exports = { asciiBundle, bundle, root };
