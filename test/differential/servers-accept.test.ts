import { alertmanagerSubject, notificationTemplateSubject } from '../../lib/testing/differential/alertmanager';
import { blackboxSubject } from '../../lib/testing/differential/blackbox';
import { DifferentialResult, describeDisagreement, differential } from '../../lib/testing/differential/harness';
import { prometheusSubject } from '../../lib/testing/differential/prometheus';

/**
 * The principle of synth's checks, tried on random inputs against the real
 * servers' own checkers (amtool 0.25, promtool 2.42, blackbox exporter 0.23):
 * synth refuses an input, or the server accepts every file synth wrote for it.
 * Seeded, so a failure here fails the same way on every machine; more runs,
 * other seeds: `npm run differential -- <runs> <seed>`. Every disagreement
 * found so far is a row of the bad-input tables.
 */
const SEED = 20261202;

/** Each subject with its number of runs in `npm test` (the blackbox exporter checks one file per start). */
const subjects: [string, () => DifferentialResult<unknown>, number][] = [
  ['alertmanager.yml (amtool check-config)', () => differential(alertmanagerSubject(), { seed: SEED, runs: 300 }), 300],
  ['prometheus.yml and rule files (promtool check config)', () => differential(prometheusSubject(), { seed: SEED, runs: 300 }), 300],
  ['Slack templates (amtool check-config, as a template file)', () => differential(notificationTemplateSubject(), { seed: SEED, runs: 200 }), 200],
  ['blackbox.yml (blackbox exporter --config.check)', () => differential(blackboxSubject(), { seed: SEED, runs: 150 }), 150],
];

describe('whatever synth accepts, the real server accepts', () => {
  test.each(subjects)('%s', (_name, run, runs) => {
    const result = run();
    expect(result.disagreements.map(describeDisagreement)).toEqual([]);
    // The generator reaches both sides: inputs synth writes, and mistakes it refuses.
    expect(result.accepted).toBeGreaterThan(runs / 5);
    expect(result.refused).toBeGreaterThan(runs / 30);
  }, 120_000);
});

describe('the differential test can fail', () => {
  test('with a planted mismatch (synth checks switched off for time intervals), it finds inputs amtool refuses', () => {
    const planted = alertmanagerSubject((config) => alertmanagerSubject().problems({ ...config, timeIntervals: [] }).filter((p) => !p.includes('time interval')));
    const result = differential(planted, { seed: SEED, runs: 300 });
    expect(result.disagreements.length).toBeGreaterThan(0);
    // amtool's own words for what synth now lets through.
    expect(result.disagreements.map((d) => d.refusal).join('\n')).toMatch(/not a valid weekday|out of range|invalid format|cannot be before|unknown time zone|start time cannot be|is before start|not a valid month|not unique/);
  }, 120_000);
});
