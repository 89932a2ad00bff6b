import { renderPrometheusFiles } from '../../lib';
import { promtool, writeTempFiles } from '../../lib/testing';
import { minimalConfig, minimalPack, stackFiles } from '../util/fixtures';

describe('the real promtool accepts what synth renders', () => {
  test('promtool check config: prometheus.yml and the rule files it names', () => {
    const result = promtool(['check', 'config', 'prometheus.yml'], `${writeTempFiles(stackFiles())}/prometheus`);
    expect(result.output).toContain('SUCCESS: prometheus.yml is valid prometheus config file syntax');
    expect(result.status).toBe(0);
  });

  test('promtool check rules: every rule file', () => {
    const files = stackFiles();
    const ruleFiles = [...files.keys()].filter((f) => f.startsWith('prometheus/rules/'));
    expect(ruleFiles).toContain('prometheus/rules/ik-engine.yml');
    const result = promtool(['check', 'rules', ...ruleFiles], writeTempFiles(files));
    expect(result.output).not.toContain('FAILED');
    expect(result.status).toBe(0);
  });

  test('promtool is a real check: it rejects a rule file with a broken expression', () => {
    const files = renderPrometheusFiles({ source: 'test', config: minimalConfig(), rulePacks: [minimalPack()] });
    const broken = new Map([...files].map(([f, c]) => [f, c.replace(/expr: (.*)/, 'expr: $1 >')]));
    const result = promtool(['check', 'rules', 'rules/shop.yml'], writeTempFiles(broken));
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('FAILED');
  });
});
