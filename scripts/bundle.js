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
    // A native addon (the review's dashboard pictures) is loaded from node_modules where it is.
    external: ['@resvg/resvg-js'],
    write,
    logLevel: 'error',
  });
}

module.exports = { bundle, root };
