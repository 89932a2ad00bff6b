import YAML from 'yaml';
import { RulePack, packName } from '../../lib';
import { generateAlertTests, promtool, writeTempFiles } from '../../lib/testing';
import { local } from '../../stacks/environments';
import { stackFiles } from '../util/fixtures';

/**
 * Alerts the generator cannot drive, each with the reason and where its
 * hand-written test lives. The test below fails if this list and the
 * generator's verdict disagree, so nothing drops out of testing silently.
 */
const ACKNOWLEDGED_UNTESTABLE: Record<string, string> = {
  IkEngineRateLimitDenialsSpike: 'compares a short window with the day before, equal under linear input; hand-written test in test/rules/ik-engine.test.ts',
  IkEngineAuthFailureSpike: 'compares a short window with the day before, equal under linear input; hand-written test in test/rules/ik-engine.test.ts',
  DubbingJobProcessingSlow: 'compares two windows of one series, equal under linear input; hand-written test in test/rules/dubbing.test.ts',
  IkEngineLowTraffic: 'compares the last 30m with the same 30m a week earlier, equal under linear input; hand-written test in test/rules/ik-engine.test.ts',
};

const files = stackFiles();
const dir = writeTempFiles(files);

describe.each(local.rulePacks.map((p) => [packName(p), p] as [string, RulePack]))('generated promtool tests: %s', (name, pack) => {
  const testFiles = [...files.keys()].filter((f) => f.startsWith(`prometheus/tests/${name}.`)).map((f) => f.replace('prometheus/', ''));

  test('include a one-minute-step file', () => {
    expect(testFiles).toContain(`tests/${name}.test.yml`);
  });

  // One promtool run per file: each stays short, and a failure names its file.
  test.each(testFiles)('%s passes with the real promtool', (file) => {
    const result = promtool(['test', 'rules', file], `${dir}/prometheus`);
    expect(result.output).not.toContain('FAILED');
    expect(result.status).toBe(0);
  });

  test('cover every alert, except the acknowledged ones', () => {
    const generated = generateAlertTests(pack);
    for (const { alert, reason } of generated.untestable) expect({ alert, reason, acknowledged: alert in ACKNOWLEDGED_UNTESTABLE }).toEqual({ alert, reason, acknowledged: true });
    const tested = new Set(generated.cases.map((c) => c.testCase.name.split(' ')[0]));
    for (const alert of pack.groups.flatMap((g) => g.rules).filter((r) => r.type === 'alert')) {
      if (!(alert.name in ACKNOWLEDGED_UNTESTABLE)) expect(tested).toContain(alert.name);
    }
  });

  test('fail when a threshold in the rule file changes', () => {
    const rules = files.get(`prometheus/rules/${name}.yml`)!;
    // Move the first numeric alert threshold far out: the generated firing input must stop firing.
    const pattern = /(- alert: (\w+)\n\s+expr: .*? )(>|<) (\d+(?:\.\d+)?)\n/;
    const [, , alert] = pattern.exec(rules)!;
    const mutated = rules.replace(pattern, (_all, head: string, _name: string, op: string, t: string) => `${head}${op} ${op === '>' ? Number(t) * 10 + 1 : Number(t) / 10}\n`);
    expect(mutated).not.toBe(rules);
    // Only the test cases of that alert: the others would pass, and cost time.
    const exercising = new Map(
      testFiles.flatMap((f): [string, string][] => {
        const doc = YAML.parse(files.get(`prometheus/${f}`)!) as { tests: { name: string }[] };
        const own = doc.tests.filter((t) => t.name.startsWith(`${alert} `));
        return own.length ? [[`prometheus/${f}`, YAML.stringify({ ...doc, tests: own })]] : [];
      }),
    );
    expect(exercising.size).toBeGreaterThan(0);
    const mutatedDir = writeTempFiles(new Map([[`prometheus/rules/${name}.yml`, mutated], ...exercising]));
    const result = promtool(['test', 'rules', ...[...exercising.keys()].map((f) => f.replace('prometheus/', ''))], `${mutatedDir}/prometheus`);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(`alertname: ${alert}`);
  });
});
