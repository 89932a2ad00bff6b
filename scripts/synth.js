#!/usr/bin/env node
// The synth entry (npm run synth, cdktf.json's app): main.ts compiled ahead and run with
// V8's code cache (scripts/compiled.js); rebuilt first whenever a source changed.
const { compiled } = require('./compiled');
const { skipCreationStacks } = require('./creation-stacks');

skipCreationStacks();

const main = compiled('main.ts', 'synth');
// Run from the event loop, not inside the module loader: cdktf records the call stack of every token
// and complex attribute it makes, whole (unformatted: ./creation-stacks.js), and the loader's ten frames were a third of each.
setImmediate(() => {
  process.exitCode = main.exports.runSynth();
  // Only a synth that ran through: a failed one's cache would hold little of the work, and stay.
  if (process.exitCode === 0) main.keepCodeCache();
});
