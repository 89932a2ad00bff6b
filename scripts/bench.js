#!/usr/bin/env node
// npm run bench [-- --runs N] [--with-tests]: in one run, the direct synth entry against
// `cdktf synth` (medians, ratio; each again into its last output with nothing changed, and the direct
// one into an empty folder too), synth of generated apps with 100 / 1 000 / 10 000 alert
// rules (time per rule, slope), the review of two refs (first and repeated), and with --with-tests the test
// suite's wall time. Prints a Markdown table for the README.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const { root } = require('./bundle');
const arg = (name) => process.argv.includes(name);
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mac-bench-'));

// Exit codes that mean success: the review exits 1 when the change has meaning.
function time(command, args, env = {}, ok = [0]) {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (!ok.includes(r.status)) throw new Error(`${command} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return seconds;
}
/** `cdktf synth` takes ~3 s a run: at most this many. */
const CLI_RUNS = 5;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const repeat = (n, f) => Array.from({ length: n }, (_, i) => f(i));

const cdktf = (outdir) => time(path.join(root, 'node_modules/.bin/cdktf'), ['synth', '--output', outdir], { CHECKPOINT_DISABLE: '1', CI: 'true' });
const direct = (outdir) => time(process.execPath, ['scripts/synth.js'], { CDKTF_OUTDIR: outdir });

// Every entry built (when stale) and its code cache written before anything is timed; the folders
// synthesized into again below hold a synth already, as cdktf.out does after the first.
direct(path.join(tmp, 'direct'));
cdktf(path.join(tmp, 'cli'));
time(process.execPath, ['scripts/bench/generated.js', '100', path.join(tmp, 'warm-generated')]);
time(process.execPath, ['scripts/review.js', 'HEAD~1', 'HEAD'], {}, [0, 1]);

const rows = [];
// Taken in turns, so the ratio compares the two at the same moments: this machine's speed drifts within minutes.
const again = [];
const fresh = [];
const cliRuns = [];
for (let i = 0; i < runs; i++) {
  again.push(direct(path.join(tmp, 'direct')));
  fresh.push(direct(path.join(tmp, `direct-${i}`)));
  if (i < CLI_RUNS) cliRuns.push(cdktf(path.join(tmp, 'cli')));
}
const [synth, cli] = [median(again), median(cliRuns)];
rows.push([`direct synth (\`node scripts/synth.js\`, median of ${runs}), again into its last output, nothing changed (unchanged files are not rewritten)`, `${synth.toFixed(2)} s`]);
rows.push([`\`cdktf synth\` (median of ${cliRuns.length}, in turns with the direct runs), the same`, `${cli.toFixed(2)} s`]);
rows.push(['ratio', `${(cli / synth).toFixed(1)}×`]);
rows.push([`direct synth into an empty folder (a fresh clone's first; median of ${runs}, in the same turns)`, `${median(fresh).toFixed(2)} s`]);

const sizes = [100, 1000, 10000];
const generated = sizes.map((n) => median(repeat(3, (i) => time(process.execPath, ['scripts/bench/generated.js', String(n), path.join(tmp, `gen-${n}-${i}`)]))));
sizes.forEach((n, i) => rows.push([`generated app, ${n.toLocaleString('en')} alert rules (+${n / 10} recording rules, tests, dashboards)`, `${generated[i].toFixed(2)} s (${((generated[i] * 1000) / n).toFixed(2)} ms/rule)`]));
const slope = (generated[2] - generated[0]) / (sizes[2] - sizes[0]);
rows.push(['slope, 100 → 10 000 rules', `${(slope * 1000).toFixed(3)} ms/rule`]);

// The first review synthesizes both refs (their kept outputs removed first); a repeated one reads them.
const tree = (ref) => spawnSync('git', ['rev-parse', `${ref}^{tree}`], { cwd: root, encoding: 'utf8' }).stdout.trim();
const kept = path.join(root, 'dist', 'shared', 'synthesized');
const trees = ['HEAD~1', 'HEAD'].map(tree);
// Kept outputs are named <tree>-<packages>-node<version> (lib/review/synthesized.ts).
for (const name of fs.existsSync(kept) ? fs.readdirSync(kept) : []) if (trees.some((t) => name.startsWith(`${t}-`))) fs.rmSync(path.join(kept, name), { recursive: true, force: true });
const reviewArgs = ['run', '--silent', 'review', '--', 'HEAD~1', 'HEAD'];
const firstReview = time('npm', reviewArgs, {}, [0, 1]);
const review = median(repeat(3, () => time('npm', reviewArgs, {}, [0, 1])));
rows.push(['`npm run review -- HEAD~1 HEAD`, first (both refs synthesized)', `${firstReview.toFixed(2)} s`]);
rows.push(['`npm run review -- HEAD~1 HEAD`, again (median of 3; the commits’ outputs kept)', `${review.toFixed(2)} s`]);
if (arg('--with-tests')) rows.push(['`npm test` (wall)', `${time('npm', ['test']).toFixed(0)} s`]);

fs.rmSync(tmp, { recursive: true, force: true });
console.log(`${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, node ${process.version}\n`);
console.log('| measure | time |\n|---|---|');
for (const [what, t] of rows) console.log(`| ${what} | ${t} |`);
