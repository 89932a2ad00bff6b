import { matchesAll, packAlerts, renderRuleFile, resolveRoutes } from '../../lib';
import { inputSeries, promtool, renderRuleTests, writeTempFiles } from '../../lib/testing';
import { alertmanagerConfig } from '../../alertmanager';
import { serviceDownSilencesTheRest } from '../../alertmanager/inhibitions';
import { readinessProbe } from '../../rules/ik-engine/probes';
import { blackboxExporterServer, monitoringRules } from '../../rules/monitoring';
import { local } from '../../stacks/environments';
import { stackFiles } from '../util/fixtures';
import { deployedPacks } from '../util/grafana';

const pack = monitoringRules(local.rulePackConfig);
/** As deployed: its alerts linked to their dashboard panels. */
const deployed = deployedPacks().find((p) => p.name === 'monitoring')!;
const files = stackFiles();

describe('monitoring rule pack (the stack watching itself)', () => {
  test('rendered rule file (what a reviewer reads)', () => {
    expect(renderRuleFile(pack)).toMatchSnapshot();
  });

  test('with the blackbox exporter down, the probe alerts go quiet and BlackboxExporterDown fires instead (real promtool)', () => {
    // Both rule files as deployed: the probe alert reads probe_success, which an exporter that is down never produces.
    const tests = renderRuleTests(['rules/ik-engine.yml', 'rules/monitoring.yml'], '1m', [
      {
        name: 'exporter down',
        interval: '1m',
        inputSeries: [
          inputSeries(blackboxExporterServer.up.where({ instance: 'blackbox-exporter:9115' }), '0x20'),
          inputSeries(readinessProbe.system.up.where({ instance: 'https://ik-engine.example.com/api/ready' }), '0x20'),
        ],
        alertChecks: [
          { evalTime: '15m', alertname: 'IkEngineReadinessFailing', expect: [] },
          { evalTime: '4m', alertname: 'BlackboxExporterDown', expect: [] },
          {
            evalTime: '15m',
            alertname: 'BlackboxExporterDown',
            expect: [
              {
                labels: { job: 'blackbox-exporter', instance: 'blackbox-exporter:9115', severity: 'critical', service: 'monitoring', team: 'observability', impact: 'probes-blind' },
                annotations: { ...packAlerts(deployed).find((a) => a.name === 'BlackboxExporterDown')!.annotations, description: 'blackbox-exporter:9115 of job blackbox-exporter has answered no scrape for 5m.' },
              },
            ],
          },
        ],
      },
    ]);
    const dir = writeTempFiles(new Map([...[...files].filter(([f]) => f.startsWith('prometheus/rules/')).map(([f, t]): [string, string] => [f.replace('prometheus/', ''), t]), ['tests.yml', tests]]));
    const result = promtool(['test', 'rules', 'tests.yml'], dir);
    expect(result.output).not.toContain('FAILED');
    expect(result.status).toBe(0);
  });

  test('the exporter being down does not hold back Prometheus and Alertmanager alerts of the same service', () => {
    const down = packAlerts(pack).find((a) => a.name === 'BlackboxExporterDown')!;
    expect(matchesAll(serviceDownSilencesTheRest.sourceMatchers, down.labels)).toBe(false);
  });

  test.each([
    ['critical', ['observability-critical']],
    ['warning', ['slack-warnings']],
  ])('%s alerts reach the observability on-call: %j', (severity, receivers) => {
    for (const alert of packAlerts(pack).filter((a) => a.labels.severity === severity)) {
      expect({ alert: alert.name, receivers: resolveRoutes(alertmanagerConfig.route, { alertname: alert.name, ...alert.labels }).map((r) => r.receiver) }).toEqual({ alert: alert.name, receivers });
    }
  });
});
