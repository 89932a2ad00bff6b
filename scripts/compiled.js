// Runs a TypeScript entry compiled ahead: one esbuild bundle (scripts/bundle.js) in dist/<name>/,
// rebuilt first when any input changed (content hashes), so a stale build is never run,
// and V8's code cache kept beside it, so a run compiles none of the functions the last one
// did. Plain JavaScript: nothing is transpiled at run time. Checkouts can share their builds
// through a folder (MONITORING_BUILD_CACHE; the review's worktrees do).
const crypto = require('crypto');
const fs = require('fs');
const Module = require('module');
const path = require('path');
const vm = require('vm');

const { asciiBundle, bundle: compile, root } = require('./bundle');

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
  return matchingInputs(build.inputs, { trustTimes: true }) ? build : undefined;
}

/**
 * This checkout's record of the `recorded` inputs when every one lies inside the checkout and holds the
 * recorded content, else undefined. With `trustTimes`, a file of the recorded size and modification
 * time is taken as unchanged without reading it (this checkout's own record); otherwise it is hashed.
 */
function matchingInputs(recorded, { trustTimes }) {
  const inputs = {};
  for (const [file, was] of Object.entries(recorded)) {
    const full = path.join(root, file);
    if (path.isAbsolute(file) || !full.startsWith(root + path.sep)) return undefined;
    const now = fs.statSync(full, { throwIfNoEntry: false });
    if (now?.size !== was.size) return undefined;
    const hash = trustTimes && now.mtimeMs === was.mtimeMs ? was.sha1 : sha1(fs.readFileSync(full));
    if (hash !== was.sha1) return undefined;
    inputs[file] = { size: now.size, mtimeMs: now.mtimeMs, sha1: hash };
  }
  return inputs;
}

/**
 * This checkout's size, mtime and hash of each file in `files` (relative to the checkout), and the bytes
 * hashed (so that a build reads each input once).
 */
function describeInputs(files) {
  const inputs = {};
  const bytes = new Map();
  for (const file of files) {
    const full = path.join(root, file);
    const stat = fs.statSync(full);
    bytes.set(file, fs.readFileSync(full));
    inputs[file] = { size: stat.size, mtimeMs: stat.mtimeMs, sha1: sha1(bytes.get(file)) };
  }
  return { inputs, bytes };
}

function build(entry, dir, name) {
  const result = compile(entry, path.join(dir, 'main.js'), { write: false });
  const sources = Object.keys(result.metafile.inputs);
  // Beside the sources: what decides how they are bundled and resolved.
  const { inputs, bytes } = describeInputs([...sources, 'scripts/bundle.js', 'tsconfig.json', 'package-lock.json']);
  const ascii = asciiBundle(result.outputFiles[0].text, sources, earlierAsciiVerdicts(dir, name), (input) => bytes.get(input).toString('utf8'));
  const contents = Buffer.from(ascii.text);
  const stem = `main-${sha1(contents).slice(0, 16)}`;
  const record = { bundle: `${stem}.js`, codeCache: `${stem}.cache`, inputs, asciiVerdicts: ascii.verdicts };
  fs.mkdirSync(dir, { recursive: true });
  writeAtomically(path.join(dir, record.bundle), contents);
  writeAtomically(path.join(dir, 'build.json'), JSON.stringify(record));
  removeOlderBuilds(dir, stem);
  return record;
}

/**
 * The verdicts of earlier builds on which inputs hold characters outside ASCII in comments only (scripts/bundle.js):
 * the last build's in `dir`, and the shared builds' (a review's worktree has no last build of its own).
 */
function earlierAsciiVerdicts(dir, name) {
  const records = [path.join(dir, 'build.json'), ...sharedRecords(name)];
  const verdicts = {};
  for (const record of records) {
    try {
      Object.assign(verdicts, JSON.parse(fs.readFileSync(record, 'utf8')).asciiVerdicts);
    } catch {
      // No record there, or half of one: its inputs are judged again.
    }
  }
  return verdicts;
}

/** The records of the shared builds of `name`; none where there is no folder to read. */
function sharedRecords(name) {
  const shared = sharedFolder(name);
  try {
    return shared ? fs.readdirSync(shared).map((id) => path.join(shared, id, 'build.json')) : [];
  } catch {
    return [];
  }
}

/*
 * Builds shared between checkouts (the review's worktrees, another clone) through the folder
 * MONITORING_BUILD_CACHE names: <folder>/<name>/<bundle>/ holds a bundle, its code cache and its
 * record. A checkout takes one only when every input, all inside the checkout, has the same content
 * in it. Sharing is an extra: when it fails, the checkout builds, or keeps its build to itself.
 */
const SHARED_BUILDS_KEPT = 8;
/** Older than this, a half-copied build is a leftover of a run that died. */
const LEFTOVER_MS = 3_600_000;

const sharedFolder = (name) => process.env.MONITORING_BUILD_CACHE && path.join(process.env.MONITORING_BUILD_CACHE, name);

/** A shared build of this checkout's inputs, copied in with this checkout's file times; undefined when none is. */
function sharedBuild(name, dir) {
  const shared = sharedFolder(name);
  if (!shared || !fs.existsSync(shared)) return undefined;
  try {
    for (const id of fs.readdirSync(shared)) {
      const from = path.join(shared, id);
      if (!fs.existsSync(path.join(from, 'build.json'))) continue;
      const build = JSON.parse(fs.readFileSync(path.join(from, 'build.json'), 'utf8'));
      const inputs = matchingInputs(build.inputs, { trustTimes: false });
      const bundle = path.join(from, build.bundle);
      // The bundle is named by its hash: a record whose bundle is missing or another is no build.
      if (!inputs || !fs.existsSync(bundle) || !build.bundle.startsWith(`main-${sha1(fs.readFileSync(bundle)).slice(0, 16)}.`)) continue;
      fs.mkdirSync(dir, { recursive: true });
      for (const file of [build.bundle, ...codeCachesOf(from, build)]) writeAtomically(path.join(dir, file), fs.readFileSync(path.join(from, file)));
      const record = { ...build, inputs };
      writeAtomically(path.join(dir, 'build.json'), JSON.stringify(record));
      return record;
    }
  } catch (error) {
    process.stderr.write(`${name}: not using the shared builds in ${shared}: ${error.message}\n`);
  }
  return undefined;
}

/** Copies the build run (`record`) and its code cache into the shared folder, where it is not yet; keeps the newest few. */
function shareBuild(name, dir, record) {
  const shared = sharedFolder(name);
  if (!shared) return;
  try {
    const to = path.join(shared, path.basename(record.bundle, '.js'));
    if (fs.existsSync(to)) {
      // Shared already: add the caches of flags it has none for yet.
      for (const file of codeCachesOf(dir, record)) if (!fs.existsSync(path.join(to, file))) writeAtomically(path.join(to, file), fs.readFileSync(path.join(dir, file)));
      return;
    }
    const aside = `${to}.${process.pid}.tmp`;
    fs.mkdirSync(aside, { recursive: true });
    for (const file of [record.bundle, ...codeCachesOf(dir, record)]) fs.copyFileSync(path.join(dir, file), path.join(aside, file));
    fs.writeFileSync(path.join(aside, 'build.json'), JSON.stringify(record));
    try {
      fs.renameSync(aside, to);
    } catch {
      // Another checkout shared the same build first.
      fs.rmSync(aside, { recursive: true, force: true });
    }
    const entries = fs.readdirSync(shared).map((id) => ({ id, mtimeMs: fs.statSync(path.join(shared, id)).mtimeMs }));
    const builds = entries.filter((e) => !e.id.endsWith('.tmp')).sort((a, b) => b.mtimeMs - a.mtimeMs);
    const leftovers = entries.filter((e) => e.id.endsWith('.tmp') && Date.now() - e.mtimeMs > LEFTOVER_MS);
    for (const { id } of [...builds.slice(SHARED_BUILDS_KEPT), ...leftovers]) fs.rmSync(path.join(shared, id), { recursive: true, force: true });
  } catch (error) {
    process.stderr.write(`${name}: could not share the build in ${shared}: ${error.message}\n`);
  }
}

/**
 * The code cache for this process's V8 flags. V8 refuses a cache made under other flags, and
 * `cdktf synth` runs the entry with NODE_OPTIONS=--max-old-space-size=4096: with one cache, each of
 * it and `npm run synth` threw away the other's and compiled everything again.
 */
function codeCacheFor(record) {
  const flags = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' ').trim();
  return flags ? record.codeCache.replace(/\.cache$/, `.${sha1(flags).slice(0, 8)}.cache`) : record.codeCache;
}

/** The code caches beside a build's bundle in `dir`, whatever flags they were made under. */
function codeCachesOf(dir, record) {
  const stem = path.basename(record.codeCache, '.cache');
  return fs.readdirSync(dir).filter((file) => file.startsWith(`${stem}.`) && file.endsWith('.cache'));
}

/** Earlier bundles and caches, once no run can still be starting from them (a minute). */
function removeOlderBuilds(dir, keep) {
  for (const file of fs.readdirSync(dir)) {
    if (!/^main-[0-9a-f]+(\.[0-9a-f]+)?\.(js|cache)$/.test(file) || file.startsWith(`${keep}.`)) continue;
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
 * first when missing or stale. Returns the module's exports, `keepCodeCache()`, to be
 * called after the work (V8's cache then holds the functions the run compiled too), and
 * the bundle's file name (`main-<hash>.js`, which changes with any input).
 */
function compiled(entry, name) {
  const dir = path.join(root, 'dist', name);
  const record = currentBuild(dir) ?? sharedBuild(name, dir) ?? build(entry, dir, name);
  const file = path.join(dir, record.bundle);
  const cacheFile = path.join(dir, codeCacheFor(record));
  const cachedData = fs.existsSync(cacheFile) ? fs.readFileSync(cacheFile) : undefined;
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  const module = { exports: {}, filename: file };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, dir);
  const keepCodeCache = () => {
    try {
      if (cachedData === undefined || script.cachedDataRejected) writeAtomically(cacheFile, script.createCachedData());
    } catch (error) {
      // The cache only saves compiling: without it the next run compiles again.
      process.stderr.write(`${name}: could not keep V8's code cache in ${dir}: ${error.message}\n`);
    }
    shareBuild(name, dir, record);
  };
  return { exports: module.exports, keepCodeCache, bundle: record.bundle };
}

module.exports = { compiled };
