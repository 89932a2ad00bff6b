#!/usr/bin/env node
// The synth entry (npm run synth, cdktf.json's app): runs main.ts compiled ahead by
// esbuild into dist/synth/, rebuilding first when any source it was built from
// changed (content hashes), so a stale build is never run. Plain JavaScript: nothing
// is transpiled at run time.
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const { bundle: compile, root } = require('./bundle');
const out = path.join(root, 'dist', 'synth');
const bundle = path.join(out, 'main.js');
const manifest = path.join(out, 'inputs.json');

const hash = (file) => crypto.createHash('sha1').update(fs.readFileSync(file)).digest('hex');

/** Every input still as it was built: same size and mtime, or else the same content. */
function fresh() {
  if (!fs.existsSync(bundle) || !fs.existsSync(manifest)) return false;
  const inputs = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  return Object.entries(inputs).every(([file, was]) => {
    const full = path.join(root, file);
    if (!fs.existsSync(full)) return false;
    const now = fs.statSync(full);
    return (now.size === was.size && now.mtimeMs === was.mtimeMs) || (now.size === was.size && hash(full) === was.sha1);
  });
}

function build() {
  const result = compile('main.ts', bundle, { write: false });
  const inputs = {};
  for (const file of Object.keys(result.metafile.inputs)) {
    const stat = fs.statSync(path.join(root, file));
    inputs[file] = { size: stat.size, mtimeMs: stat.mtimeMs, sha1: hash(path.join(root, file)) };
  }
  // Written aside and renamed: a synth running at the same moment reads the old build or the new, never half of one.
  fs.mkdirSync(out, { recursive: true });
  writeAtomically(bundle, result.outputFiles[0].contents);
  writeAtomically(manifest, JSON.stringify(inputs));
}

function writeAtomically(file, contents) {
  const aside = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(aside, contents);
  fs.renameSync(aside, file);
}

if (!fresh()) build();
process.exitCode = require(bundle).runSynth();
