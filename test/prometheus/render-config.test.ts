import { PrometheusConfig, prometheusFlags, renderPrometheusConfig } from '../../lib';
import { promtool, runTool, writeTempFiles } from '../../lib/testing';

/** Every option of the config model at once. */
const full: PrometheusConfig = {
  global: { scrapeInterval: '30s', scrapeTimeout: '5s', evaluationInterval: '30s', externalLabels: { environment: 'test', region: 'eu' } },
  alertmanagers: ['alertmanager:9093'],
  retention: { time: '30d', size: '10GB' },
  scrapeConfigs: [
    {
      jobName: 'api',
      targets: ['api-1:8080', 'api-2:8080'],
      targetLabels: { tier: 'web' },
      metricsPath: '/internal/metrics',
      scheme: 'https',
      scrapeInterval: '10s',
      scrapeTimeout: '5s',
      basicAuth: { username: 'prometheus', passwordFile: '/etc/prometheus/secrets/api' },
    },
    {
      jobName: 'blackbox',
      targets: ['example.org:443'],
      params: { module: ['http_2xx'] },
      relabelConfigs: [
        { sourceLabels: ['__address__'], targetLabel: '__param_target' },
        { sourceLabels: ['__param_target'], targetLabel: 'instance' },
        { targetLabel: '__address__', replacement: 'blackbox:9115' },
        { sourceLabels: ['__name__'], regex: 'go_.*', action: 'drop', separator: ';' },
      ],
    },
  ],
};

describe('prometheus.yml renderer', () => {
  const yml = renderPrometheusConfig(full, ['rules/api.yml'], 'test/prometheus/render-config.test.ts');

  test('renders every option (snapshot)', () => {
    expect(yml).toMatchSnapshot();
  });

  test('promtool accepts it', () => {
    const dir = writeTempFiles(new Map([['prometheus.yml', yml], ['rules/api.yml', 'groups: []\n']]));
    const result = promtool(['check', 'config', 'prometheus.yml'], dir);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  test('defaults are explicit in the file, so a reviewer sees them', () => {
    const minimal = renderPrometheusConfig({ global: {}, scrapeConfigs: [{ jobName: 'x', targets: ['x:1'] }] }, [], 'test');
    expect(minimal).toContain('scrape_interval: 1m\n  scrape_timeout: 10s\n  evaluation_interval: 1m\n');
    expect(minimal).toContain('metrics_path: /metrics\n    scheme: http\n');
    expect(minimal).not.toContain('rule_files');
    expect(minimal).not.toContain('alerting');
  });
});

describe('prometheus command-line flags', () => {
  test('retention is a flag, not a config key', () => {
    expect(prometheusFlags(full)).toEqual([
      '--config.file=/etc/prometheus/prometheus.yml',
      '--storage.tsdb.path=/prometheus',
      '--storage.tsdb.retention.time=30d',
      '--storage.tsdb.retention.size=10GB',
    ]);
    expect(prometheusFlags({}, { configFile: '/cfg/p.yml', dataDir: '/data' })).toEqual([
      '--config.file=/cfg/p.yml',
      '--storage.tsdb.path=/data',
      '--storage.tsdb.retention.time=15d',
    ]);
  });

  test('the real prometheus binary accepts the flags', () => {
    const flags = prometheusFlags(full, { configFile: 'prometheus.yml', dataDir: 'data' });
    const dir = writeTempFiles(new Map([['prometheus.yml', 'global: {}\n']]));
    // --help after the flags: flag parsing runs (and would reject an unknown flag) without starting the server.
    const unknown = runTool('prometheus', [...flags, '--storage.tsdb.retention.bogus=1', '--help'], dir);
    expect(unknown.status).not.toBe(0);
    const ok = runTool('prometheus', [...flags, '--help'], dir);
    expect(ok.status).toBe(0);
  });
});

