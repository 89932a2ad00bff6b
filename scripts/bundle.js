// The one way this project compiles an entry ahead: esbuild, one CommonJS file for node 20,
// node_modules left to node's own loading. Used by the synth entry and the benchmark.
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
    packages: 'external',
    outfile,
    metafile: true,
    write,
    logLevel: 'error',
  });
}

module.exports = { bundle, root };
