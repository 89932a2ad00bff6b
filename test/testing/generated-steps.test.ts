import { RuleGroup, alertRule, avgOverTime, gt, rate, re, renderRuleFile, ruleGroup, rulePack, slo, sum } from '../../lib';
import { generateAlertTests, promtool, renderAlertTests, writeTempFiles } from '../../lib/testing';
import { testSystem } from '../util/fixtures';

const system = testSystem();
const requests = system.counter({ name: 'http_requests_total', help: 'Requests.', labels: ['status'] });
const queue = system.gauge({ name: 'queue_depth', help: 'Jobs waiting.' });
const availability = slo({
  name: 'availability',
  alertPrefix: 'ShopAvailability',
  promise: '99.9 % of requests succeed',
  objective: 0.999,
  sli: { kind: 'ratio', errors: requests.where({ status: '500' }), total: requests },
});

/**
 * The sample spacing (in minutes) the generator chose for each test of
 * `alert`, after checking with promtool that the generated tests pass at it.
 */
function stepsOf(groups: RuleGroup[], alert: string): number[] {
  const pack = rulePack({ system, source: 'test', runbookUrl: 'https://runbooks.example.org/shop.md', groups });
  const tests = renderAlertTests(pack, '../rules.yml');
  const dir = writeTempFiles(new Map([['rules.yml', renderRuleFile(pack)], ...[...tests].map(([suffix, text]): [string, string] => [`tests/${suffix}`, text])]));
  // Only the files that exercise this alert: promtool runs every test of a file.
  for (const file of [...tests.keys()].filter((f) => tests.get(f)!.includes(`alertname: ${alert}\n`))) {
    const result = promtool(['test', 'rules', file], `${dir}/tests`);
    expect(result.output).not.toContain('FAILED');
    expect(result.status).toBe(0);
  }
  const cases = generateAlertTests(pack).cases.filter((c) => c.testCase.name.startsWith(`${alert} `));
  expect(cases.length).toBeGreaterThan(0);
  return [...new Set(cases.map((c) => c.stepMs / 60_000))];
}

describe('generated test steps', () => {
  test('an SLO ticket alert reading what its own group recorded just before it gets 15m steps (3-day windows stay cheap)', () => {
    expect(stepsOf([availability.group], 'ShopAvailabilityErrorBudgetBurnSlow')).toEqual([15]);
  });

  test('the same alert reading series another group records stays within the 5m lookback: groups run in no set order', () => {
    const records = ruleGroup({ name: 'shop.records', rules: [...availability.recordingRules] });
    const alerts = ruleGroup({ name: 'shop.alerts', rules: [...availability.alerts] });
    expect(stepsOf([records, alerts], 'ShopAvailabilityErrorBudgetBurnSlow')).toEqual([5]);
  });

  test('a range read of a raw gauge may use wide steps; an instant read may not', () => {
    const alert = (name: string, expr: Parameters<typeof alertRule>[0]['expr']) =>
      alertRule({ name, expr, for: '30m', severity: 'warning', summary: 'Queue deep', description: '{{ $value }} jobs wait.' });
    const group = ruleGroup({
      name: 'shop.queue',
      rules: [alert('ShopQueueDeepForHours', gt(avgOverTime(queue, '2h'), 100)), alert('ShopQueueDeep', gt(queue, 100))],
    });
    expect(stepsOf([group], 'ShopQueueDeepForHours')).toEqual([15]);
    expect(stepsOf([group], 'ShopQueueDeep')).toEqual([5]);
  });

  test('a matcher with an RE2 flag group, such as (?i), is driven like any other', () => {
    const errors = requests.where({ status: re('(?i)5..') });
    const group = ruleGroup({
      name: 'shop.errors',
      rules: [alertRule({ name: 'ShopErrors', expr: gt(sum(rate(errors, '5m'), { by: ['job'] }), 1), for: '5m', severity: 'warning', summary: 'Errors', description: '{{ $value | humanize }}/s fail.' })],
    });
    expect(stepsOf([group], 'ShopErrors')).toEqual([1]);
  });
});
