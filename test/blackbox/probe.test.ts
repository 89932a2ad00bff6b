import {
  BlackboxFilesProps,
  PrometheusConfig,
  ProbeProps,
  blackboxModules,
  blackboxProblems,
  http2xx,
  httpModule,
  packAlerts,
  probeGroup,
  prometheusProblems,
  renderBlackboxFiles,
  renderPrometheusFiles,
  rulePack,
} from '../../lib';
import { generateAlertTests, promtool, renderAlertTests, writeTempFiles } from '../../lib/testing';
import { local } from '../../stacks/environments';
import { everyModuleSetting, shopProbe as shopProbeOf } from '../util/blackbox';

const http200 = httpModule({ name: 'http_200', validStatusCodes: [200], timeout: '5s' });

const shopProbe = (overrides: Partial<ProbeProps> = {}) => shopProbeOf(http200, overrides);

/** A pack holding only the probes' alerts, reading their catalogs. */
function probePack(probes: ReturnType<typeof shopProbe>[]) {
  return rulePack({
    name: 'shop',
    system: probes[0].system,
    reads: probes.slice(1).map((p) => p.system),
    source: 'test/blackbox/probe.test.ts',
    runbookUrl: 'https://runbooks.example.org/shop.md',
    groups: [probeGroup('shop', probes)],
  });
}

describe('one probe declaration', () => {
  const p = shopProbe({ labels: { tier: 'edge' } as never });

  test('gives its own job, scoped catalog and the standard blackbox scrape job', () => {
    expect(p.job).toBe('shop-probe-home');
    expect(p.system.selector).toEqual({ job: 'shop-probe-home' });
    expect(p.metrics.success.promql).toBe('probe_success{job="shop-probe-home"}');
    expect(p.scrapeJob).toEqual({
      jobName: 'shop-probe-home',
      targets: ['https://shop.example.com/'],
      targetLabels: { tier: 'edge' },
      metricsPath: '/probe',
      params: { module: ['http_200'] },
      scrapeInterval: '1m',
      scrapeTimeout: '6s',
      relabelConfigs: [
        { sourceLabels: ['__address__'], targetLabel: '__param_target' },
        { sourceLabels: ['__param_target'], targetLabel: 'instance' },
        { targetLabel: '__address__', replacement: 'blackbox-exporter:9115' },
      ],
    });
  });

  test('the rendered scrape job is what Prometheus and promtool accept', () => {
    const config: PrometheusConfig = { global: { scrapeInterval: '15s', evaluationInterval: '15s' }, scrapeConfigs: [p.scrapeJob] };
    const pack = probePack([p]);
    expect(prometheusProblems(config, [pack])).toEqual([]);
    const files = renderPrometheusFiles({ source: 'test', config, rulePacks: [pack] });
    const yml = files.get('prometheus.yml')!;
    expect(yml).toContain(
      [
        '    relabel_configs:',
        '      - source_labels:',
        '          - __address__',
        '        target_label: __param_target',
        '      - source_labels:',
        '          - __param_target',
        '        target_label: instance',
        '      - target_label: __address__',
        '        replacement: blackbox-exporter:9115',
      ].join('\n'),
    );
    const result = promtool(['check', 'config', 'prometheus.yml'], writeTempFiles(files));
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  test('gives failing, slow and (https) certificate alerts with the declared thresholds', () => {
    const alerts = packAlerts(probePack([p]));
    expect(alerts.map((a) => [a.name, a.labels.severity, a.rule.for, a.rule.expr.promql])).toEqual([
      ['ShopHomeFailing', 'critical', '5m', 'probe_success{job="shop-probe-home"} == 0'],
      ['ShopHomeSlow', 'warning', '5m', 'avg_over_time(probe_duration_seconds{job="shop-probe-home"}[5m]) > 2 and probe_success{job="shop-probe-home"} == 1'],
      ['ShopHomeCertificateExpiring', 'warning', '10m', 'probe_ssl_earliest_cert_expiry{job="shop-probe-home"} - time() < 1209600'],
      ['ShopHomeCertificateExpiringCritical', 'critical', '10m', 'probe_ssl_earliest_cert_expiry{job="shop-probe-home"} - time() < 259200'],
      // Without a scrape there is no probe_success: only this one fires then.
      ['ShopHomeNotProbed', 'warning', '5m', 'up{job="shop-probe-home"} == 0'],
    ]);
    for (const a of alerts) {
      expect(a.labels).toMatchObject({ service: 'shop', team: 'shop-team' });
      expect(Object.keys(a.annotations)).toEqual(['summary', 'description', 'runbook_url']);
      expect(a.annotations.description).not.toMatch(/\{\{\s*\$value\s*\}\}/);
    }
    expect(alerts[2].labels.family).toBe(alerts[3].labels.family);
  });

  test('plain http targets get no certificate alerts, and the declaration can rename, relabel and drop alerts', () => {
    const plain = shopProbe({
      target: 'http://shop:8080/health',
      alertPrefix: 'ShopHealth',
      alertLabels: { component: 'web' },
      failing: { name: 'ShopDown', for: '2m', severity: 'warning', labels: { impact: 'service-down' } },
      slow: { maxSeconds: 1 },
    });
    expect(plain.checksCertificate).toBe(false);
    expect(plain.alerts.map((a) => [a.name, a.severity, a.labels])).toEqual([
      ['ShopDown', 'warning', { component: 'web', impact: 'service-down' }],
      ['ShopHealthSlow', 'warning', { component: 'web' }],
      ['ShopHealthNotProbed', 'warning', { component: 'web' }],
    ]);
    expect(shopProbe({ slow: false }).alerts.map((a) => a.name)).toEqual(['ShopHomeFailing', 'ShopHomeCertificateExpiring', 'ShopHomeCertificateExpiringCritical', 'ShopHomeNotProbed']);
    expect(shopProbe({ certificate: false }).alerts.map((a) => a.name)).toEqual(['ShopHomeFailing', 'ShopHomeSlow', 'ShopHomeNotProbed']);
    expect(shopProbe({ certificate: { warningDays: 30, criticalDays: 7 } }).alerts.slice(2, 4).map((a) => a.expr.comparison!.threshold)).toEqual([30 * 86400, 7 * 86400]);
  });

  test('a long interval widens the slow window to two probes', () => {
    const slowProbe = shopProbe({ interval: '5m' });
    expect(slowProbe.alerts[1].expr.promql).toContain('[10m]');
    expect(slowProbe.scrapeJob.scrapeInterval).toBe('5m');
  });

  test('gives panel descriptions whose thresholds are the alerts\' thresholds', () => {
    expect(p.panels.map((panel) => [panel.title, panel.query.promql, panel.unit, panel.thresholds])).toEqual([
      ['Shop home page: probe status', 'probe_success{job="shop-probe-home"}', 'bool_yes_no', [{ value: null, color: 'red' }, { value: 1, color: 'green' }]],
      ['Shop home page: probe duration', 'avg_over_time(probe_duration_seconds{job="shop-probe-home"}[5m])', 's', [{ value: null, color: 'green' }, { value: 2, color: 'orange' }]],
      [
        'Shop home page: certificate expires in',
        'probe_ssl_earliest_cert_expiry{job="shop-probe-home"} - time()',
        's',
        [{ value: null, color: 'red' }, { value: 3 * 86400, color: 'orange' }, { value: 14 * 86400, color: 'green' }],
      ],
      ['Shop home page: probe scraped', 'up{job="shop-probe-home"}', 'bool_yes_no', [{ value: null, color: 'red' }, { value: 1, color: 'green' }]],
    ]);
    expect(p.panels.map((panel) => panel.alerts.map((a) => a.name))).toEqual([['ShopHomeFailing'], ['ShopHomeSlow'], ['ShopHomeCertificateExpiring', 'ShopHomeCertificateExpiringCritical'], ['ShopHomeNotProbed']]);
    expect(p.panels[1].thresholds[1].value).toBe((p.alerts[1].expr.ast as { left: { comparison?: { threshold: number } } }).left.comparison!.threshold);
  });
});

describe('modules', () => {
  test('identical modules are shared; the file holds each once, sorted by name', () => {
    const a = shopProbe({ name: 'home', module: httpModule({ name: 'http_200', validStatusCodes: [200], timeout: '5s' }) });
    const b = shopProbe({ name: 'cart', module: httpModule({ name: 'http_200', validStatusCodes: [200], timeout: '5s' }) });
    const c = shopProbe({ name: 'api', target: 'http://shop:8080/', module: http2xx });
    const props: BlackboxFilesProps = { probes: [a, b, c], source: 'test' };
    expect(blackboxProblems(props)).toEqual([]);
    expect(blackboxModules(props).map((m) => m.props.name)).toEqual(['http_200', 'http_2xx']);
    const yml = renderBlackboxFiles(props).get('blackbox.yml')!;
    expect(yml.match(/^ {2}http_200:$/gm)).toHaveLength(1);
    expect(yml.indexOf('  http_200:')).toBeLessThan(yml.indexOf('  http_2xx:'));
  });

  test('the same input renders byte-identical output, whatever the order of the probes', () => {
    const probes = [shopProbe({ name: 'a', module: http2xx, target: 'http://a/' }), shopProbe({ name: 'b' })];
    const render = (ps: typeof probes) => renderBlackboxFiles({ probes: ps, source: 'test' }).get('blackbox.yml');
    expect(render(probes)).toBe(render([...probes].reverse()));
  });

  test('every prober renders its settings under its own key', () => {
    const modules = everyModuleSetting();
    const yml = renderBlackboxFiles({ probes: [], modules, source: 'test' }).get('blackbox.yml')!;
    expect(yml).toMatchSnapshot();
    expect(yml).toContain('    http:\n      valid_status_codes:\n        - 200\n        - 201\n');
    expect(yml).toContain('      headers:\n        Accept: application/json\n        X-Probe: blackbox\n');
    expect(yml).toContain('      tls_config:\n        insecure_skip_verify: true\n');
    expect(yml).toContain('    tcp:\n      query_response:\n        - expect: ^SSH-2.0-\n');
    expect(yml).toContain('    dns:\n      query_name: api.example.com\n      query_type: A\n');
    expect(blackboxProblems({ probes: [], modules })).toEqual([]);
  });
});

describe('the local environment', () => {
  test('has the probes of specs 000, 002, 003 and 004, each scraped, each module defined', () => {
    expect(local.probes.map((p) => [p.job, p.props.target, p.moduleName, p.props.interval])).toEqual([
      ['ik-engine-probe-readiness', 'https://ik-engine.example.com/api/ready', 'https_200', '1m'],
      ['pose-generator-probe-health-check', 'http://pose-generator:3000/api/apps/pose-generator/health', 'http_200', '1m'],
      ['dubbing-probe-api', 'http://dubbing-backend:3001/metrics', 'http_2xx', '1m'],
      ['internet-id-probe-api-health', 'http://internet-id-api:3001/api/health', 'http_200', '1m'],
      ['internet-id-probe-web', 'http://internet-id-web:3000/', 'http_2xx', '1m'],
    ]);
    expect(blackboxProblems({ probes: local.probes, scrapeConfigs: local.scrapeConfigs })).toEqual([]);
    for (const p of local.probes) expect(local.scrapeConfigs).toContainEqual(p.scrapeJob);
  });

  test('the spec-given alerts keep their names, severity and for', () => {
    const alerts = local.rulePacks.flatMap(packAlerts);
    const find = (name: string) => alerts.find((a) => a.name === name)!;
    expect([find('IkEngineReadinessFailing')].map((a) => [a.group, a.labels, a.rule.for, a.rule.expr.promql])).toEqual([
      ['ik-engine.probes', { severity: 'critical', service: 'ik-engine', team: 'ik-engine', impact: 'service-down' }, '5m', 'probe_success{job="ik-engine-probe-readiness"} == 0'],
    ]);
    expect([find('InternetIdWebServiceDown')].map((a) => [a.group, a.labels, a.rule.for])).toEqual([
      ['internet-id.probes', { severity: 'critical', service: 'internet-id', team: 'internet-id', component: 'web' }, '2m'],
    ]);
    expect([find('DubbingApiProbeFailing')].map((a) => [a.labels.severity, a.rule.for])).toEqual([['critical', '1m']]);
    expect([find('PoseGeneratorHealthCheckFailing')].map((a) => [a.labels.severity, a.rule.for])).toEqual([['critical', '5m']]);
  });

  test('pose-generator and internet-id declare the same http_200 module: blackbox.yml holds it once', () => {
    const modules = blackboxModules({ probes: local.probes });
    expect(modules.map((m) => m.props.name)).toEqual(['https_200', 'http_200', 'http_2xx']);
    const users = local.probes.filter((p) => p.moduleName === 'http_200').map((p) => p.job);
    expect(users).toEqual(['pose-generator-probe-health-check', 'internet-id-probe-api-health']);
  });
});

describe('generated promtool tests cover probe alerts', () => {
  const pack = probePack([shopProbe(), shopProbe({ name: 'api', target: 'http://shop:8080/', module: http2xx })]);

  test('no probe alert is left to hand-written tests', () => {
    const generated = generateAlertTests(pack);
    expect(generated.untestable).toEqual([]);
    expect(new Set(generated.cases.map((c) => c.testCase.name.split(' ')[0]))).toEqual(new Set(packAlerts(pack).map((a) => a.name)));
    for (const name of ['ik-engine', 'pose-generator', 'dubbing', 'internet-id']) {
      const probeAlerts = localPack(name).groups.find((g) => g.name === `${name}.probes`)!.rules.map((r) => (r.type === 'alert' ? r.name : ''));
      const untestable = generateAlertTests(localPack(name)).untestable.map((u) => u.alert);
      expect(probeAlerts.filter((a) => untestable.includes(a))).toEqual([]);
    }
  });

  test('the certificate alert is driven through time(): the expiry series runs ahead of the clock (at 5m steps: the alert reads no window)', () => {
    const cert = generateAlertTests(pack).cases.find((c) => c.testCase.name.startsWith('ShopHomeCertificateExpiring fires'))!;
    expect(cert.testCase.inputSeries).toEqual([{ series: 'probe_ssl_earliest_cert_expiry{job="shop-probe-home",instance="test-target:9100"}', values: '605000+300x4' }]);
    expect(cert.testCase.alertChecks[1].expect[0].annotations.description).toBe(
      'The TLS certificate served by test-target:9100 expires in 7d 0h 3m 20s (threshold 14 days); renew it.',
    );
  });

  test('pass with the real promtool, and fail when a threshold moves', () => {
    const ruleFile = renderPrometheusFiles({ source: 'test', config: { global: {}, scrapeConfigs: [] }, rulePacks: [pack] }).get('rules/shop.yml')!;
    const tests = renderAlertTests(pack, '../rules/shop.yml');
    const run = (rules: string) => {
      const dir = writeTempFiles(new Map([['rules/shop.yml', rules], ...[...tests].map(([suffix, content]) => [`tests/shop.${suffix}`, content] as [string, string])]));
      return promtool(['test', 'rules', ...[...tests.keys()].map((s) => `tests/shop.${s}`)], dir);
    };
    const passing = run(ruleFile);
    expect(passing.output).not.toContain('FAILED');
    expect(passing.status).toBe(0);
    // 14 days → 1 day: the generated "fires" input (7 days left) must stop firing the warning.
    const moved = run(ruleFile.replace('- time() < 1209600', '- time() < 86400'));
    expect(moved.status).not.toBe(0);
    expect(moved.output).toContain('alertname: ShopHomeCertificateExpiring');
  });
});

function localPack(name: string) {
  return local.rulePacks.find((p) => (p.name ?? p.system.name) === name)!;
}
