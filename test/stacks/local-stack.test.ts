import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { local } from '../../stacks/environments';
import { MonitoringStack } from '../../stacks/monitoring-stack';
import { stackFiles } from '../util/fixtures';
import { dashboards } from '../../dashboards';
import { dashboardFilePath } from '../../lib';

describe('local stack', () => {
  test('generated files: prometheus.yml, rule files and generated tests per pack, alertmanager.yml and its routing table, blackbox.yml, Grafana provisioning and dashboards', () => {
    const packs = ['ik-engine', 'canvascast', 'pose-generator', 'dubbing', 'internet-id', 'monitoring'];
    expect([...stackFiles().keys()]).toEqual([
      'prometheus/prometheus.yml',
      ...packs.map((p) => `prometheus/rules/${p}.yml`),
      // Generated promtool tests: one-minute steps, five-minute steps for day-long windows,
      // fifteen-minute steps for ik-engine's 3-day SLO windows.
      ...packs.flatMap((p) => [`prometheus/tests/${p}.test.yml`, `prometheus/tests/${p}.5m.test.yml`, ...(p === 'ik-engine' ? [`prometheus/tests/${p}.15m.test.yml`] : [])]),
      'alertmanager/alertmanager.yml',
      'alertmanager/routing.md',
      'blackbox/blackbox.yml',
      'grafana/provisioning/datasources/prometheus.yml',
      'grafana/provisioning/dashboards/dashboards.yml',
      ...dashboards.map((d) => `grafana/${dashboardFilePath(d)}`),
    ]);
  });

  test('blackbox.yml (what a reviewer reads)', () => {
    expect(stackFiles().get('blackbox/blackbox.yml')).toMatchSnapshot();
  });

  test('prometheus.yml (what a reviewer reads)', () => {
    expect(stackFiles().get('prometheus/prometheus.yml')).toMatchSnapshot();
  });

  test('prometheus.yml names the rule files, the Alertmanager and the scrape job with its secret file', () => {
    const yml = stackFiles().get('prometheus/prometheus.yml')!;
    expect(yml).toContain('rule_files:\n  - rules/ik-engine.yml\n');
    expect(yml).toContain('- alertmanager:9093');
    expect(yml).toContain('password_file: /etc/prometheus/secrets/ik-engine-metrics-password');
    expect(yml).not.toMatch(/password:/);
  });

  test('Terraform JSON: containers, images, volumes, network, secret variables (what a reviewer reads)', () => {
    const stack = new MonitoringStack(Testing.app(), local);
    expect(JSON.parse(Testing.synth(stack))).toMatchSnapshot();
  });

  test('an App with two environments gets two stacks with their own files', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'mac-two-envs-')) });
    const stacks = [local, { ...local, name: 'staging', externalLabels: { environment: 'staging' } }].map((env) => new MonitoringStack(app, env));
    const [a, b] = stacks.map((s) => s.renderFiles().get('prometheus/prometheus.yml')!);
    expect(a).toContain('environment: local');
    expect(b).toContain('environment: staging');
  });
});
