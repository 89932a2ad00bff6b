import { renderPrometheusFiles } from '../../lib';
import { amtool, promtool, writeTempFiles } from '../../lib/testing';
import { environments } from '../../stacks/environments';
import { minimalConfig, minimalPack, stackFiles } from '../util/fixtures';

describe('the real promtool accepts what synth renders', () => {
  // Production's too: its remote_write (bearer token file, queue, write relabelling) is promtool's to judge.
  test.each(environments.map((e) => [e.name, e] as const))('promtool check config: the %s prometheus.yml and the rule files it names', (_name, env) => {
    const result = promtool(['check', 'config', 'prometheus.yml'], `${writeTempFiles(stackFiles(env))}/prometheus`);
    expect(result.output).toContain('SUCCESS: prometheus.yml is valid prometheus config file syntax');
    expect(result.status).toBe(0);
  });

  test.each(environments.map((e) => [e.name, e] as const))('amtool check-config: the %s alertmanager.yml', (_name, env) => {
    const result = amtool(['check-config', 'alertmanager.yml'], `${writeTempFiles(stackFiles(env))}/alertmanager`);
    expect(result.output).toContain('SUCCESS');
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
