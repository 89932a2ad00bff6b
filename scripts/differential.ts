/**
 * The differential test at scale: `npm run differential -- [runs] [seed]`.
 * Random inputs per subject; prints how many synth accepted and refused, and
 * every input synth accepted that the real server refused (exit 1 if any).
 */
import { alertmanagerSubject, notificationTemplateSubject } from '../lib/testing/differential/alertmanager';
import { blackboxSubject } from '../lib/testing/differential/blackbox';
import { DifferentialSubject, describeDisagreement, differential } from '../lib/testing/differential/harness';
import { prometheusSubject } from '../lib/testing/differential/prometheus';

const runs = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const subjects = [alertmanagerSubject(), notificationTemplateSubject(), prometheusSubject(), blackboxSubject()] as DifferentialSubject<unknown>[];

let disagreements = 0;
process.stdout.write(`seed ${seed}, ${runs} runs per subject\n`);
for (const subject of subjects) {
  const started = Date.now();
  const result = differential(subject, { seed, runs });
  disagreements += result.disagreements.length;
  process.stdout.write(`${subject.name}: synth accepted ${result.accepted}, refused ${result.refused}; the server refused ${result.disagreements.length} of the accepted (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  for (const d of result.disagreements.slice(0, 5)) process.stdout.write(`${describeDisagreement(d)}\n\n`);
}
process.exitCode = disagreements ? 1 : 0;
