// The packages nearly every suite loads (through lib), bundled into one file for jest. Jest gives each
// test file its own module registry, and loading cdktf, the Grafana SDK and the rest took ~730 module
// loads per suite (resolved, read and wrapped one by one): ~0.4 s of CPU in each of ~60 suites. From one
// bundle it is one file. The resolver (test/vendor-resolver.js) sends a request that resolves to one
// of the bundle's entry files to its shim, so every suite still gets one instance of each package.
//
// The entries are what the checkout's TypeScript imports from these packages (found again on every
// run, so a new import is in the next run's bundle); each is evaluated only when first required.
// It is built as the synth entry is (scripts/bundle.js), and rebuilt when its entries, the installed
// packages (npm's record of node_modules), that script or this file change.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const { bundle, root } = require('../scripts/bundle');
const dir = path.join(root, 'dist', 'jest-vendor');
/** The environment variable naming this run's index (resolved entry file → shim); jest's workers inherit it. */
const INDEX_VARIABLE = 'MAC_JEST_VENDOR_INDEX';

/** Loaded by almost every suite, many files each, plain JavaScript with no native parts. */
const PACKAGES = ['cdktf', 'constructs', '@cdktf/provider-docker', '@cdktf/provider-kubernetes', '@grafana/grafana-foundation-sdk', 'yaml', '@lezer/common', '@lezer/lr', '@lezer/highlight', '@prometheus-io/lezer-promql'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'cdktf.out', '.git', '.gen', 'coverage']);
/** A bundle no run has used for this long is removed (a --watch session touches its own on every run). */
const UNUSED_MS = 86_400_000;
const IMPORT = /(?:\bfrom\s*|\bimport\s*|\brequire\(\s*|\bimport\(\s*)['"]([^'"./][^'"]*)['"]/g;

function* typeScriptFiles(folder) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) yield* typeScriptFiles(path.join(folder, entry.name));
    else if (entry.isFile() && entry.name.endsWith('.ts')) yield path.join(folder, entry.name);
  }
}

const vendored = (specifier) => PACKAGES.some((p) => specifier === p || specifier.startsWith(`${p}/`));

/** The files the checkout's TypeScript imports from the bundled packages (a type-only subpath resolves to none). */
function entryFiles() {
  const files = new Set();
  for (const file of typeScriptFiles(root)) {
    for (const [, specifier] of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (!vendored(specifier)) continue;
      try {
        files.add(fs.realpathSync(require.resolve(specifier, { paths: [root] })));
      } catch {
        // Not a module node can load (a type-only path, a typo tsc reports): nothing to bundle.
      }
    }
  }
  return [...files].sort();
}

const sha1 = (...parts) => parts.reduce((h, part) => h.update(part).update('\0'), crypto.createHash('sha1')).digest('hex');

/** npm's record of what node_modules holds (rewritten by every install), else the lock file. */
function installedPackages() {
  const record = path.join(root, 'node_modules', '.package-lock.json');
  return fs.readFileSync(fs.existsSync(record) ? record : path.join(root, 'package-lock.json'));
}

/**
 * Builds the bundle when its inputs changed and names its index in the environment, for the resolver in this
 * process and in jest's workers. Run once per jest run, as its configuration loads: before anything is resolved.
 */
function prepareVendorBundle() {
  const entries = entryFiles();
  const key = sha1(installedPackages(), fs.readFileSync(__filename), fs.readFileSync(require.resolve('../scripts/bundle')), require('esbuild').version, ...entries).slice(0, 16);
  const out = path.join(dir, key);
  // Used, it is touched: its age is the time since a run last used it. Gone (another run found it unused), it is built again.
  if (!touched(out)) {
    build(out, entries);
    touched(out);
  }
  process.env[INDEX_VARIABLE] = path.join(out, 'index.json');
  for (const name of fs.readdirSync(dir)) {
    if (name === key || name.endsWith('.removed')) continue;
    const folder = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(folder).mtimeMs <= UNUSED_MS) continue;
      // Moved aside first: a run reading it sees a whole bundle or none, never half of one.
      const aside = `${folder}.${process.pid}.removed`;
      fs.renameSync(folder, aside);
      fs.rmSync(aside, { recursive: true, force: true });
    } catch {
      // Removed by another run at the same moment.
    }
  }
}

/** Whether the bundle in `out` is whole (its index written last), touching it if so. */
function touched(out) {
  try {
    if (!fs.existsSync(path.join(out, 'index.json'))) return false;
    const now = new Date();
    fs.utimesSync(out, now, now);
    return true;
  } catch {
    return false;
  }
}

/** Touches this run's bundle again (each --watch run): a long session keeps it. */
function touchVendorBundle() {
  const index = process.env[INDEX_VARIABLE];
  if (index) touched(path.dirname(index));
}

function build(out, entries) {
  const aside = `${out}.${process.pid}.tmp`;
  fs.rmSync(aside, { recursive: true, force: true });
  fs.mkdirSync(path.join(aside, 'shims'), { recursive: true });
  const loaders = entries.map((file) => `  () => require(${JSON.stringify(file)}),`).join('\n');
  fs.writeFileSync(path.join(aside, 'entry.js'), `const loaders = [\n${loaders}\n];\nmodule.exports = (i) => loaders[i]();\n`);
  bundle(path.relative(root, path.join(aside, 'entry.js')), path.join(aside, 'vendor.js'));
  const index = {};
  entries.forEach((file, i) => {
    const shim = path.join(out, 'shims', `${i}.js`);
    fs.writeFileSync(path.join(aside, 'shims', `${i}.js`), `// ${path.relative(root, file)}\nmodule.exports = require('../vendor.js')(${i});\n`);
    index[file] = shim;
  });
  fs.writeFileSync(path.join(aside, 'index.json'), JSON.stringify(index, null, 1));
  // A folder without its index is a build or removal that died half done.
  if (fs.existsSync(out) && !fs.existsSync(path.join(out, 'index.json'))) fs.rmSync(out, { recursive: true, force: true });
  try {
    fs.renameSync(aside, out);
  } catch (error) {
    fs.rmSync(aside, { recursive: true, force: true });
    // Another run built the same bundle first.
    if (!fs.existsSync(path.join(out, 'index.json'))) throw error;
  }
}

/** The folders of the bundled packages, as the resolver sees them (real paths: a package may be a link). */
const packageFolders = () => PACKAGES.map((p) => path.join(root, 'node_modules', p)).filter((folder) => fs.existsSync(folder)).map((folder) => fs.realpathSync(folder) + path.sep);

module.exports = { prepareVendorBundle, touchVendorBundle, INDEX_VARIABLE, packageFolders };
