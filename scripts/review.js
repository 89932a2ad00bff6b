#!/usr/bin/env node
// npm run review: scripts/review.ts compiled ahead and run with V8's code cache, as the synth entry is
// (scripts/compiled.js), instead of transpiled by ts-node on every run. Exit codes as the review's:
// 0 no change in meaning, 1 changes, 2 it could not review (here too when the entry itself fails).
const { compiled } = require('./compiled');

function failed(error) {
  process.stderr.write(`review failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}

try {
  const review = compiled('scripts/review.ts', 'review');
  review.exports.main(process.argv.slice(2), review.bundle).then((code) => {
    process.exitCode = code;
    // Only a review that ran: a usage error's cache would hold little of the review's code, and stay.
    if (code === 0 || code === 1) review.keepCodeCache();
  }, failed);
} catch (error) {
  failed(error);
}
