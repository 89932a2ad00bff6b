// Runs a TypeScript entry compiled ahead: one esbuild bundle (scripts/bundle.js) in dist/<name>/,
// rebuilt first when any input changed (content hashes), so a stale build is never run,
// and V8's code cache kept beside it, so a run compiles none of the functions the last one
// did. Plain JavaScript: nothing is transpiled at run time.
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

const { bundle: compile, root } = require('./bundle');

const sha1 = (contents) => crypto.createHash('sha1').update(contents).digest('hex');

/**
 * The build's record, `build.json`: the bundle's file and every input with size, mtime
 * and hash. Bundle and cache are named by the bundle's hash and the record is replaced
 * last, so a run at the same moment as a build reads the old build or the new one, never
 * half of one, and a code cache can never be applied to a bundle it was not made from
 * (V8 checks only the source's length).
 */
function currentBuild(dir) {
  const record = path.join(dir, 'build.json');
  if (!fs.existsSync(record)) return undefined;
  const build = JSON.parse(fs.readFileSync(record, 'utf8'));
  if (!fs.existsSync(path.join(dir, build.bundle))) return undefined;
  const unchanged = Object.entries(build.inputs).every(([file, was]) => {
    const full = path.join(root, file);
    const now = fs.statSync(full, { throwIfNoEntry: false });
    if (!now) return false;
    return now.size === was.size && (now.mtimeMs === was.mtimeMs || sha1(fs.readFileSync(full)) === was.sha1);
  });
  return unchanged ? build : undefined;
}

function build(entry, dir) {
  const result = compile(entry, path.join(dir, 'main.js'), { write: false });
  const contents = result.outputFiles[0].contents;
  const inputs = {};
  // Beside the sources: what decides how they are bundled and resolved.
  for (const file of [...Object.keys(result.metafile.inputs), 'scripts/bundle.js', 'tsconfig.json', 'package-lock.json']) {
    const full = path.join(root, file);
    const stat = fs.statSync(full);
    inputs[file] = { size: stat.size, mtimeMs: stat.mtimeMs, sha1: sha1(fs.readFileSync(full)) };
  }
  const name = `main-${sha1(contents).slice(0, 16)}`;
  fs.mkdirSync(dir, { recursive: true });
  writeAtomically(path.join(dir, `${name}.js`), contents);
  writeAtomically(path.join(dir, 'build.json'), JSON.stringify({ bundle: `${name}.js`, codeCache: `${name}.cache`, inputs }));
  removeOlderBuilds(dir, name);
  return { bundle: `${name}.js`, codeCache: `${name}.cache` };
}

/** Earlier bundles and caches, once no run can still be starting from them (a minute). */
function removeOlderBuilds(dir, keep) {
  for (const file of fs.readdirSync(dir)) {
    if (!/^main-[0-9a-f]+\.(js|cache)$/.test(file) || file.startsWith(`${keep}.`)) continue;
    const full = path.join(dir, file);
    if (Date.now() - fs.statSync(full).mtimeMs > 60_000) fs.rmSync(full, { force: true });
  }
}

function writeAtomically(file, contents) {
  const aside = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(aside, contents);
  fs.renameSync(aside, file);
}

/**
 * Loads `entry` (relative to the checkout) from its build in dist/<name>/, building it
 * first when missing or stale. Returns the module's exports and `keepCodeCache()`, to be
 * called after the work: V8's cache then holds the functions the run compiled too.
 */
function compiled(entry, name) {
  const dir = path.join(root, 'dist', name);
  const { bundle, codeCache } = currentBuild(dir) ?? build(entry, dir);
  const file = path.join(dir, bundle);
  const cacheFile = path.join(dir, codeCache);
  const cachedData = fs.existsSync(cacheFile) ? fs.readFileSync(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  const module = { exports: {}, filename: file };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, dir);
  const keepCodeCache = () => {
    if (cachedData === undefined || script.cachedDataRejected) writeAtomically(cacheFile, script.createCachedData());
  };
  return { exports: module.exports, keepCodeCache };
}

module.exports = { compiled };
