#!/usr/bin/env node
// npm run review: scripts/review.ts compiled ahead and run with V8's code cache, as the synth entry is
// (scripts/compiled.js), instead of transpiled by ts-node on every run.
const { compiled } = require('./compiled');

const review = compiled('scripts/review.ts', 'review');
review.exports.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  review.keepCodeCache();
});
