// The packages nearly every suite loads (through lib), bundled into one file for jest. Jest gives each
// test file its own module registry, and loading cdktf, the Grafana SDK and the rest took ~730 module
// loads per suite (resolved, read and wrapped one by one): ~0.4 s of CPU in each of ~60 suites. From one
// bundle it is one file. The resolver (test/vendor-resolver.js) sends a request that resolves to one
// of the bundle's entry files to its shim, so every suite still gets one instance of each package.
//
// The entries are what the checkout's TypeScript imports from these packages (found again on every
// run, so a new import is in the next run's bundle); each is evaluated only when first required.
// The bundle is rebuilt when its entries, the installed packages or this file change.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const dir = path.join(root, 'dist', 'jest-vendor');
/** Where the resolver finds the current bundle's entries (resolved file → shim). */
const indexFile = path.join(dir, 'index.json');

/** Loaded by almost every suite, many files each, plain JavaScript with no native parts. */
const PACKAGES = ['cdktf', 'constructs', '@cdktf/provider-docker', '@cdktf/provider-kubernetes', '@grafana/grafana-foundation-sdk', 'yaml', '@lezer/common', '@lezer/lr', '@lezer/highlight', '@prometheus-io/lezer-promql'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'cdktf.out', '.git', '.gen', 'coverage']);
const OLD_MS = 3_600_000;
const IMPORT = /(?:\bfrom\s*|\brequire\(\s*|\bimport\(\s*)['"]([^'"./][^'"]*)['"]/g;

function* typeScriptFiles(folder) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) yield* typeScriptFiles(path.join(folder, entry.name));
    else if (entry.isFile() && entry.name.endsWith('.ts')) yield path.join(folder, entry.name);
  }
}

const vendored = (specifier) => PACKAGES.some((p) => specifier === p || specifier.startsWith(`${p}/`));

/** Every import of a bundled package in the checkout's TypeScript. */
function specifiers() {
  const found = new Set();
  for (const file of typeScriptFiles(root)) for (const [, specifier] of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) if (vendored(specifier)) found.add(specifier);
  return [...found].sort();
}

const sha1 = (...parts) => parts.reduce((h, part) => h.update(part).update('\0'), crypto.createHash('sha1')).digest('hex');

/** Builds the bundle when its inputs changed, and points the resolver at it. Run once per jest run, as its configuration loads: before anything is resolved. */
function prepareVendorBundle() {
  const entries = [...new Set(specifiers().map((s) => fs.realpathSync(require.resolve(s, { paths: [root] }))))].sort();
  const lock = fs.readFileSync(path.join(root, 'package-lock.json'));
  const key = sha1(lock, fs.readFileSync(__filename), require('esbuild').version, ...entries).slice(0, 16);
  const out = path.join(dir, key);
  if (!fs.existsSync(path.join(out, 'index.json'))) build(out, entries);
  const aside = `${indexFile}.${process.pid}.tmp`;
  fs.copyFileSync(path.join(out, 'index.json'), aside);
  fs.renameSync(aside, indexFile);
  // Older bundles, once no run started before this one can still be using them.
  for (const name of fs.readdirSync(dir)) {
    const folder = path.join(dir, name);
    if (/^[0-9a-f]{16}$/.test(name) && name !== key && Date.now() - fs.statSync(folder).mtimeMs > OLD_MS) fs.rmSync(folder, { recursive: true, force: true });
  }
}

function build(out, entries) {
  const aside = `${out}.${process.pid}.tmp`;
  fs.rmSync(aside, { recursive: true, force: true });
  fs.mkdirSync(path.join(aside, 'shims'), { recursive: true });
  const loaders = entries.map((file) => `  () => require(${JSON.stringify(file)}),`).join('\n');
  fs.writeFileSync(path.join(aside, 'entry.js'), `const loaders = [\n${loaders}\n];\nmodule.exports = (i) => loaders[i]();\n`);
  require('esbuild').buildSync({
    entryPoints: [path.join(aside, 'entry.js')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: path.join(aside, 'vendor.js'),
    absWorkingDir: root,
    logLevel: 'error',
  });
  const index = {};
  entries.forEach((file, i) => {
    const shim = path.join(out, 'shims', `${i}.js`);
    fs.writeFileSync(path.join(aside, 'shims', `${i}.js`), `// ${path.relative(root, file)}\nmodule.exports = require('../vendor.js')(${i});\n`);
    index[file] = shim;
  });
  fs.writeFileSync(path.join(aside, 'index.json'), JSON.stringify(index, null, 1));
  try {
    fs.renameSync(aside, out);
  } catch {
    // Another run built the same bundle first.
    fs.rmSync(aside, { recursive: true, force: true });
  }
}

/** The folders of the bundled packages, as the resolver sees them (real paths). */
const packageFolders = () => PACKAGES.map((p) => path.join(fs.realpathSync(path.join(root, 'node_modules')), p) + path.sep);

module.exports = { prepareVendorBundle, indexFile, packageFolders };
