#!/usr/bin/env node
// node scripts/bench/generated.js <alerts> <outdir>: the benchmark's generated app, compiled
// and run the way the synth entry runs main.ts (scripts/compiled.js, from the event loop).
const { compiled } = require('../compiled');
const { skipCreationStacks } = require('../creation-stacks');

skipCreationStacks();

const app = compiled('scripts/bench/generated-app.ts', 'bench');
setImmediate(() => {
  process.exitCode = app.exports.synthGenerated(Number(process.argv[2]), process.argv[3]);
  app.keepCodeCache();
});
