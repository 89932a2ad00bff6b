import * as fc from 'fast-check';
import { PrometheusConfig, RelabelConfig, RulePack, alertRule, prometheusProblems, renderPrometheusConfig, renderRuleFile, ruleGroup, rulePack } from '../../prometheus';
import { Duration, System, eq, gt, rate, sum } from '../../promql';
import { runTool } from '../tools';
import { DifferentialSubject, filesIn } from './harness';
import { value } from './values';

/**
 * Random Prometheus setups: prometheus.yml (global settings, external labels,
 * Alertmanager addresses, a scrape job with targets, relabelling) and one rule
 * file (an alert with a random threshold, `for`, labels and templates).
 */

export interface PrometheusCase {
  readonly config: PrometheusConfig;
  readonly pack: RulePack;
}

const shop = new System({ name: 'shop', title: 'Shop', team: 'shop', selector: { job: 'shop' } });
const requests = shop.counter({ name: 'http_requests_total', help: 'Requests.', labels: ['status'] });

const interval = value(['5s', '15s', '1m'] as Duration[], ['15 s', '1.5m'] as Duration[]);
const timeout = value(['5s', '10s'] as Duration[], ['20s', '2m'] as Duration[]);
const labelName = value(['environment', 'region', 'cluster'], ['data-center', '1zone', 'a.b']);
const labelValue = value(['production', 'eu-west-1', 'ünï', 'a"b'], ['prod\t', 'x\ny']);
const address = value(['alertmanager:9093', '[::1]:9093', '10.0.0.2:9093'], ['alertmanager', 'alertmanager:0', 'http://alertmanager:9093', 'alertmanager:70000']);
const target = value(['shop:8080', '10.0.0.1:9100', '[::1]:9090', 'shop.internal:443'], ['shop', 'shop:0', 'shop:65536', 'http://shop:8080', 'shop:8080/metrics']);
const metricsPath = value(['/metrics', '/api/metrics'], ['metrics']);
const relabel = value<RelabelConfig>(
  [
    { sourceLabels: ['__address__'], regex: '([^:]+):\\d+', targetLabel: 'host' },
    { sourceLabels: ['__address__'], targetLabel: '${1}_copy' },
    { regex: 'pod_(.+)', action: 'labeldrop' },
    { sourceLabels: ['__address__'], targetLabel: '__tmp_shard', action: 'hashmod', modulus: 4 },
    { regex: '__meta_(.+)', replacement: 'meta_$1', action: 'labelmap' },
    { sourceLabels: ['job'], regex: 'shop', action: 'keep' },
  ],
  [
    { sourceLabels: ['__address__'], targetLabel: 'host-name' },
    { sourceLabels: ['__address__'], regex: '(.*(?=:))', targetLabel: 'host' },
    { sourceLabels: ['__address__'], targetLabel: '__tmp_shard', action: 'hashmod' },
    { regex: 'pod_.*', targetLabel: 'x', action: 'labeldrop' },
    { sourceLabels: ['a.b'], targetLabel: 'x' },
    { regex: '(.+)', replacement: 'bad-$1', action: 'labelmap' },
  ],
);
const threshold = value([100, 0.5, 0, -1, 1e-9], [NaN, Infinity, -Infinity]);
const alertFor = value([undefined, '0s', '1m', '5m', '1h'] as (Duration | undefined)[], ['5 minutes', '-1m'] as Duration[]);
const description = value(
  [
    '{{ $labels.job }} serves {{ $value | humanize }} req/s.',
    '{{ printf "%.2f" $value }} req/s on {{ $labels.job }}.',
    '{{ with $labels.job }}{{ . }}{{ end }} is busy.',
    '{{- if gt $value 100.0 -}} far {{- else -}} just {{- end }} above.',
    'Traffic {{ $value | humanizePercentage }} of {{ $externalLabels.environment }}.',
  ],
  [
    '{{ $value | humanise }} req/s.',
    '{{ $label.job }} is busy.',
    '{{ $labels.job } is busy.',
    '{{ if $value }}busy.',
    '{{ "unterminated }} req/s.',
    '{{ end }} busy.',
    '{{ $value | 3 }} req/s.',
  ],
);
const alertLabel = value([undefined, { component: 'api' }, { tier: 'ünï' }] as (Record<string, string> | undefined)[], [{ 'comp-onent': 'api' }, { component: 'a\tb' }]);

export const prometheusCaseArb: fc.Arbitrary<PrometheusCase> = fc
  .record({
    scrapeInterval: interval,
    scrapeTimeout: fc.option(timeout, { nil: undefined, freq: 3 }),
    externalLabel: fc.tuple(labelName, labelValue),
    alertmanager: address,
    targets: fc.array(target, { minLength: 1, maxLength: 2 }),
    jobInterval: fc.option(interval, { nil: undefined, freq: 3 }),
    jobTimeout: fc.option(timeout, { nil: undefined, freq: 3 }),
    metricsPath,
    relabel: fc.option(relabel, { nil: undefined, freq: 2 }),
    threshold,
    for: alertFor,
    keepFiringFor: fc.option(value(['5m'] as Duration[], ['5 m'] as Duration[]), { nil: undefined, freq: 3 }),
    labels: alertLabel,
    description,
  })
  .map((c) => ({
    config: {
      global: { scrapeInterval: c.scrapeInterval, ...(c.scrapeTimeout ? { scrapeTimeout: c.scrapeTimeout } : {}), evaluationInterval: '15s', externalLabels: Object.fromEntries([c.externalLabel]) },
      alertmanagers: [c.alertmanager],
      scrapeConfigs: [
        {
          jobName: 'shop',
          targets: c.targets,
          metricsPath: c.metricsPath,
          ...(c.jobInterval ? { scrapeInterval: c.jobInterval } : {}),
          ...(c.jobTimeout ? { scrapeTimeout: c.jobTimeout } : {}),
          ...(c.relabel ? { relabelConfigs: [c.relabel] } : {}),
        },
      ],
    },
    pack: rulePack({
      system: shop,
      source: 'differential test',
      runbookUrl: 'https://runbooks.example.org/shop.md',
      groups: [
        ruleGroup({
          name: 'shop.alerts',
          rules: [
            alertRule({ name: 'ShopDown', expr: eq(shop.up, 0), for: '2m', severity: 'critical', summary: 'Shop is down', description: '{{ $labels.instance }} answers no scrape.' }),
            alertRule({
              name: 'ShopTrafficHigh',
              expr: gt(sum(rate(requests, '5m'), { by: ['job'] }), c.threshold),
              ...(c.for ? { for: c.for } : {}),
              ...(c.keepFiringFor ? { keepFiringFor: c.keepFiringFor } : {}),
              severity: 'warning',
              summary: 'Traffic high',
              description: c.description,
              ...(c.labels ? { labels: c.labels } : {}),
            }),
          ],
        }),
      ],
    }),
  }));

/** prometheus.yml and its rule file against `promtool check config` (Prometheus 2.42), which checks the rule files it names too. */
export function prometheusSubject(problems = (c: PrometheusCase) => prometheusProblems(c.config, [c.pack])): DifferentialSubject<PrometheusCase> {
  return {
    name: 'prometheus.yml and rules',
    arbitrary: prometheusCaseArb,
    problems,
    render: (c) =>
      new Map([
        ['prometheus.yml', renderPrometheusConfig(c.config, ['rules/shop.yml'], 'differential test')],
        ['rules/shop.yml', renderRuleFile(c.pack)],
      ]),
    check: (dirs) => runTool('promtool', ['check', 'config', ...filesIn(dirs, 'prometheus.yml')], '/'),
  };
}
