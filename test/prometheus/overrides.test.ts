import { App } from 'cdktf';
import * as os from 'os';
import YAML from 'yaml';
import { SynthError, alertRule, applyAlertOverrides, gt, packAlerts, renderRuleFile, ruleGroup, rulePack } from '../../lib';
import { promtool, renderAlertTests, writeTempFiles } from '../../lib/testing';
import { local } from '../../stacks/environments';
import { MonitoringStack } from '../../stacks/monitoring-stack';
import { stackFiles, testSystem } from '../util/fixtures';

const ikEngine = local.rulePacks.find((p) => p.system.name === 'ik-engine')!;

describe('per-alert overrides', () => {
  test('threshold, for and severity change; the generated promtool tests follow', () => {
    const { packs, problems } = applyAlertOverrides([ikEngine], { IkEngineImageBacklog: { threshold: 200, for: '30m', severity: 'critical' } });
    expect(problems).toEqual([]);
    const rules = renderRuleFile(packs[0]);
    expect(rules).toContain('expr: max by (job) (ik_image_processing_backlog{job="ik-engine"}) > 200\n        for: 30m\n        labels:\n          severity: critical');
    const alert = packAlerts(packs[0]).find((a) => a.name === 'IkEngineImageBacklog')!;
    expect(alert.labels.severity).toBe('critical');
    // The untouched pack keeps its own threshold, and the override touches that alert only.
    expect(renderRuleFile(ikEngine)).toContain('(ik_image_processing_backlog{job="ik-engine"}) > 50\n');
    type Rules = { groups: { rules: { alert?: string }[] }[] };
    const others = (text: string) => (YAML.parse(text) as Rules).groups.map((g) => g.rules.filter((r) => r.alert !== 'IkEngineImageBacklog'));
    expect(others(rules)).toEqual(others(renderRuleFile(ikEngine)));
    // The overridden alert's generated cases, on the overridden rule file (the others are the pack's own,
    // which test/testing/generated-tests.test.ts runs, and would cost 13 s of promtool here).
    type TestFile = { tests: { name: string; alert_rule_test: { exp_alerts: { exp_labels: Record<string, string> }[] }[] }[] };
    const own = [...renderAlertTests(packs[0], '../rules/ik-engine.yml')].flatMap(([suffix, text]): [string, TestFile][] => {
      const doc = YAML.parse(text) as TestFile;
      const cases = doc.tests.filter((t) => t.name.startsWith('IkEngineImageBacklog '));
      return cases.length ? [[`tests/${suffix}`, { ...doc, tests: cases }]] : [];
    });
    const tests = own.map(([file, doc]) => [file, YAML.stringify(doc)] as [string, string]);
    const firing = own.flatMap(([, doc]) => doc.tests.flatMap((t) => t.alert_rule_test.flatMap((c) => c.exp_alerts)));
    expect(firing.length).toBeGreaterThan(0);
    expect(firing.every((a) => a.exp_labels.severity === 'critical')).toBe(true);
    const result = promtool(['test', 'rules', ...tests.map(([file]) => file)], writeTempFiles(new Map([['rules/ik-engine.yml', rules], ...tests])));
    expect(result.output).not.toContain('FAILED');
    expect(result.output.match(/SUCCESS/g)).toHaveLength(tests.length);
    expect(result.status).toBe(0);
  });

  test('disabled leaves the alert out of the deployment', () => {
    const { packs } = applyAlertOverrides([ikEngine], { IkEngineImageBacklog: { disabled: true } });
    expect(packAlerts(packs[0]).map((a) => a.name)).not.toContain('IkEngineImageBacklog');
    expect(packAlerts(packs[0])).toHaveLength(packAlerts(ikEngine).length - 1);
  });

  test('an unknown alert name, or a threshold for a condition without one, is reported', () => {
    const { problems } = applyAlertOverrides([ikEngine], {
      IkEngineImageBacklogg: { threshold: 100 },
      IkEngineAvailabilityErrorBudgetBurn: { threshold: 0.5 },
    });
    expect(problems).toEqual([
      'alert override IkEngineImageBacklogg: no rule pack has an alert of that name; fix the name or remove the override',
      'alert override IkEngineAvailabilityErrorBudgetBurn: its condition does not compare one expression with one number, so it has no threshold to change',
    ]);
  });

  test('a threshold that is not a finite number fails, also when it comes from an unset environment variable', () => {
    const { problems } = applyAlertOverrides([ikEngine], {
      IkEngineImageBacklog: { threshold: Number(process.env.IK_ENGINE_BACKLOG_THRESHOLD_NEVER_SET) },
      IkEngineHighLatency: { threshold: Infinity },
    });
    expect([...problems].sort()).toEqual([
      'alert override IkEngineImageBacklog: threshold NaN is not a finite number (a missing environment variable read with Number() gives NaN); give a number',
      'alert override IkEngineHighLatency: threshold +Inf is not a finite number (a missing environment variable read with Number() gives NaN); give a number',
    ].sort());
  });

  test('through the stack: overrides reach the files, and a bad one fails synth', () => {
    const files = stackFiles({ ...local, alertOverrides: { IkEngineHigh5xx: { threshold: 0.1 } } });
    expect(files.get('prometheus/rules/ik-engine.yml')).toContain('job:http_requests_5xx_per_requests:ratio_rate5m{job="ik-engine"} > 0.1\n');
    expect(files.get('prometheus/rules/ik-engine.yml')).toContain('fail with 5xx (threshold 10%) for 10m.');
    const app = new App({ outdir: os.tmpdir() });
    const stack = new MonitoringStack(app, { ...local, alertOverrides: { NoSuchAlert: { disabled: true } } });
    expect(() => stack.prepareStack()).toThrow(SynthError);
    expect(() => stack.prepareStack()).toThrow('alert override NoSuchAlert: no rule pack has an alert of that name');
  });

  test('texts written from the settings follow an override: the runbook reader sees the numbers that apply', () => {
    const ikEngineProbes = local.rulePacks.find((p) => p.system.name === 'ik-engine')!;
    const { packs, problems } = applyAlertOverrides([ikEngineProbes], {
      IkEngineReadinessFailing: { for: '10m' },
      IkEngineReadinessCertificateExpiring: { threshold: 21 * 86400 },
    });
    expect(problems).toEqual([]);
    const alerts = packAlerts(packs[0]);
    expect(alerts.find((a) => a.name === 'IkEngineReadinessFailing')!.annotations.description).toContain('has failed for 10m.');
    const certificate = alerts.find((a) => a.name === 'IkEngineReadinessCertificateExpiring')!;
    expect(certificate.annotations.summary).toContain('expires in less than 21 days');
    expect(certificate.annotations.description).toContain('(threshold 21 days)');
  });

  test('a fixed text stating the number an override changes is reported: it would tell on-call a wrong threshold', () => {
    const system = testSystem();
    const depth = system.gauge({ name: 'queue_depth', help: 'Jobs waiting.' });
    const pack = rulePack({
      system,
      source: 'test',
      runbookUrl: 'https://runbooks.example.org/shop.md',
      groups: [
        ruleGroup({
          name: 'shop.queue',
          rules: [alertRule({ name: 'ShopQueueDeep', expr: gt(depth, 50), for: '15m', severity: 'warning', summary: 'Queue deep', description: 'More than 50 jobs wait for 15m.' })],
        }),
      ],
    });
    expect(applyAlertOverrides([pack], { ShopQueueDeep: { threshold: 200, for: '30m' } }).problems).toEqual([
      'alert override ShopQueueDeep: its description states the threshold 50, which the override changes; write the description in its pack as a function of { threshold, for }',
      'alert override ShopQueueDeep: its description states the for 15m, which the override changes; write the description in its pack as a function of { threshold, for }',
    ]);
    expect(applyAlertOverrides([pack], { ShopQueueDeep: { severity: 'critical' } }).problems).toEqual([]);
    // A ratio threshold stated as a percentage is found too.
    const ratio = rulePack({
      ...pack,
      groups: [ruleGroup({ name: 'shop.ratio', rules: [alertRule({ name: 'ShopQueueFull', expr: gt(depth, 0.05), severity: 'warning', summary: 'Queue full', description: 'The queue is over 5% full.' })] })],
    });
    expect(applyAlertOverrides([ratio], { ShopQueueFull: { threshold: 0.1 } }).problems).toEqual([
      'alert override ShopQueueFull: its description states the threshold 5%, which the override changes; write the description in its pack as a function of { threshold, for }',
    ]);
  });
});
