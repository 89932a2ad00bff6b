/**
 * Prints the synth problems of the local stack without writing anything
 * (optionally only those containing a string): `npx ts-node --transpile-only scripts/check-dashboards.ts ik-engine`.
 */
import * as os from 'os';
import { App } from 'cdktf';
import { local } from '../stacks/environments';
import { MonitoringStack } from '../stacks/monitoring-stack';

const filter = process.argv[2] ?? '';
const problems = new MonitoringStack(new App({ outdir: os.tmpdir() }), local).problems().filter((p) => p.includes(filter));
for (const p of problems) process.stdout.write(`- ${p}\n`);
process.stdout.write(`${problems.length} problem(s)${filter ? ` matching ${JSON.stringify(filter)}` : ''}\n`);
process.exit(problems.length ? 1 : 0);
