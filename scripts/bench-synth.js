#!/usr/bin/env node
// Times the synth entry points: median of N runs each, into a throwaway folder.
// Usage: node scripts/bench-synth.js [runs]   (prints a Markdown table for the README)
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const runs = Number(process.argv[2] ?? 5);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mac-bench-'));
const entries = [
  ['npm run synth (ts-node, swc transpiler)', process.execPath, ['-r', 'ts-node/register/transpile-only', 'main.ts'], { CDKTF_OUTDIR: path.join(out, 'a') }],
  ['cdktf synth (CLI)', path.join(root, 'node_modules/.bin/cdktf'), ['synth', '--output', path.join(out, 'b')], { CHECKPOINT_DISABLE: '1', CI: 'true' }],
];

console.log(`| entry point | median of ${runs} (s) | min (s) |\n|---|---|---|`);
for (const [name, cmd, args, env] of entries) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${name} failed:\n${r.stderr}`);
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  times.sort((a, b) => a - b);
  console.log(`| ${name} | ${times[Math.floor(runs / 2)].toFixed(2)} | ${times[0].toFixed(2)} |`);
}
fs.rmSync(out, { recursive: true, force: true });
