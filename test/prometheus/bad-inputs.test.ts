import {
  AlertRuleProps,
  PrometheusConfig,
  Rule,
  RulePack,
  System,
  absent,
  alertRule,
  eq,
  gt,
  histogramQuantile,
  prometheusProblems,
  rate,
  raw,
  re,
  recordingRule,
  ruleGroup,
  rulePack,
  sum,
} from '../../lib';
import { minimalConfig } from '../util/fixtures';

/** A fresh, valid world; each case breaks one thing in it. */
function world() {
  const shop = new System({ name: 'shop', title: 'Shop', team: 'shop-team', selector: { job: 'shop' } });
  const requests = shop.counter({ name: 'http_requests_total', help: 'Requests.', labels: ['status'] });
  const latency = shop.histogram({ name: 'request_seconds', help: 'Latency.', unit: 'seconds', buckets: [0.1, 1] });
  const traffic = sum(rate(requests, '5m'), { by: ['job'] });
  const alert = (overrides: Partial<AlertRuleProps> = {}) =>
    alertRule({
      name: 'ShopTrafficHigh',
      expr: gt(traffic, 100),
      for: '5m',
      severity: 'warning',
      summary: 'Traffic high',
      description: '{{ $labels.job }} serves {{ $value | humanize }} req/s.',
      ...overrides,
    });
  const pack = (rules: Rule[], extra: Partial<Parameters<typeof rulePack>[0]> = {}): RulePack =>
    rulePack({ system: shop, source: 'test', runbookUrl: 'https://runbooks.example.org/shop.md', groups: [ruleGroup({ name: 'shop.alerts', rules })], ...extra });
  return { shop, requests, latency, traffic, alert, pack };
}

interface Case {
  readonly input: string;
  readonly build: () => { config?: PrometheusConfig; packs: RulePack[] };
  /** The one message synth must give: names the object and the fix. */
  readonly message: string;
}

const cases: Case[] = [
  {
    input: 'duplicate alert name in a pack',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert(), w.alert({ severity: 'critical' })])] };
    },
    message: 'alert ShopTrafficHigh (rule pack shop): the name is used twice; alert names must be unique',
  },
  {
    input: 'same alert name in two packs',
    build: () => {
      const a = world();
      const b = world();
      const other = new System({ name: 'cart', title: 'Cart', team: 'cart', selector: { job: 'cart' } });
      const cartRequests = other.counter({ name: 'http_requests_total', help: 'Requests.' });
      const cartAlert = alertRule({ ...a.alert(), expr: gt(sum(rate(cartRequests, '5m'), { by: ['job'] }), 5) });
      return { config: minimalConfig(['shop', 'cart']), packs: [a.pack([a.alert()]), b.pack([cartAlert], { system: other })] };
    },
    message: 'alert ShopTrafficHigh is defined by rule packs shop and cart; rename one',
  },
  {
    input: 'missing severity',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ severity: undefined })])] };
    },
    message: 'alert ShopTrafficHigh (group shop.alerts (rule pack shop)): has no severity; set one of critical, warning, info',
  },
  {
    input: 'unknown severity',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ severity: 'page' as 'critical' })])] };
    },
    message: 'alert ShopTrafficHigh (group shop.alerts (rule pack shop)): severity "page" is unknown; use one of critical, warning, info',
  },
  {
    input: 'malformed for',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ for: '5x' as '5m' })])] };
    },
    message: 'alert ShopTrafficHigh (group shop.alerts (rule pack shop)): for: "5x" is not a Prometheus duration',
  },
  {
    input: 'malformed keep_firing_for',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ keepFiringFor: '1.5m' as '1m' })])] };
    },
    message: 'keepFiringFor: "1.5m" is not a Prometheus duration',
  },
  {
    input: 'malformed range window',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ expr: gt(sum(rate(w.requests, '5 m' as '5m'), { by: ['job'] }), 1) })])] };
    },
    message: 'alert ShopTrafficHigh (group shop.alerts (rule pack shop)): rate() window: "5 m" is not a Prometheus duration',
  },
  {
    input: 'for shorter than the evaluation interval',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ for: '5s' })])] };
    },
    message: 'for 5s is shorter than the evaluation interval 15s',
  },
  {
    input: 'empty summary',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ summary: ' ' })])] };
    },
    message: 'alert ShopTrafficHigh (group shop.alerts (rule pack shop)): summary is empty; give a one-line headline',
  },
  {
    input: 'empty description',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ description: '' })])] };
    },
    message: 'description is empty',
  },
  {
    input: 'matcher on an unknown metric label',
    build: () => {
      const w = world();
      const typo = w.requests.where({ ['code' as 'status']: '500' });
      return { packs: [w.pack([w.alert({ expr: gt(sum(rate(typo, '5m'), { by: ['job'] }), 1) })])] };
    },
    message: 'metric http_requests_total of system shop has no label "code" (declared: job, instance, status); declare it in the catalog or fix the matcher',
  },
  {
    input: 'a regex matcher RE2 does not support (lookahead)',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ expr: gt(sum(rate(w.requests.where({ status: re('5(?!03)..') }), '5m'), { by: ['job'] }), 1) })])] };
    },
    message: 'matcher status=~ of http_requests_total: "5(?!03).." uses lookaround or a backreference, which Go\'s RE2 does not support',
  },
  {
    input: 'grouping by an unknown label',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ expr: gt(sum(rate(w.requests, '5m'), { by: ['route' as 'job'] }), 1) })])] };
    },
    message: 'sum by (route): no such label on its input',
  },
  {
    input: 'bad PromQL in raw()',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ expr: raw('sum(rate(http_requests_total{job="shop"}[5m]) > 1', { kind: 'condition', labels: ['job'], reason: 'test' }) })])] };
    },
    message: 'alert ShopTrafficHigh (group shop.alerts (rule pack shop)): PromQL syntax error at offset',
  },
  {
    input: 'raw() reading an unknown metric',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ expr: raw('http_requets_total{job="shop"} > 1', { kind: 'condition', labels: ['job'], reason: 'test' }) })])] };
    },
    message: 'reads unknown metric http_requets_total; declare it in the catalog of system shop',
  },
  {
    input: 'raw() reading a metric without the system scope',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ expr: raw('sum(rate(http_requests_total[5m])) > 1', { kind: 'condition', labels: ['job'], reason: 'test' }) })])] };
    },
    message: 'reads http_requests_total without its system scope job="shop"',
  },
  {
    input: "another system's metric in a pack",
    build: () => {
      const w = world();
      const cart = new System({ name: 'cart', title: 'Cart', team: 'cart', selector: { job: 'cart' } });
      const orders = cart.counter({ name: 'orders_total', help: 'Orders.' });
      return { packs: [w.pack([w.alert({ expr: gt(sum(rate(orders, '5m'), { by: ['job'] }), 1) })])] };
    },
    message: 'reads unknown metric orders_total; declare it in the catalog of system shop',
  },
  {
    input: 'alert name not UpperCamelCase',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ name: 'shop_traffic_high' })])] };
    },
    message: 'alert shop_traffic_high (group shop.alerts (rule pack shop)): alert names are UpperCamelCase',
  },
  {
    input: 'recording rule not named level:metric:operations',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert(), recordingRule({ record: 'shop_traffic', expr: w.traffic })])] };
    },
    message: 'recording rule shop_traffic (group shop.alerts (rule pack shop)): recording rules are named level:metric:operations',
  },
  {
    input: 'recording rule that drops the system scope',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert(), recordingRule({ record: 'shop:http_requests:sum_rate5m', expr: sum(rate(w.requests, '5m')) })])] };
    },
    message: 'drops the system scope label job; aggregate by (job, …) so readers stay on this system',
  },
  {
    input: 'annotation templating a label the expression drops',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ description: 'Instance {{ $labels.instance }} is busy.' })])] };
    },
    message: 'annotation description uses {{ $labels.instance }} but the alert has no label "instance"',
  },
  {
    input: 'unbalanced template braces',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ summary: 'Traffic {{ $value }' })])] };
    },
    message: 'annotation summary: Prometheus cannot parse the template "Traffic {{ $value }": unexpected "}" in operand',
  },
  {
    input: 'annotation printing $value raw',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ description: 'Traffic is {{ $value }}.' })])] };
    },
    message: 'annotation description prints {{ $value }} raw; format it',
  },
  {
    input: 'reserved label set by hand',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ labels: { team: 'other' } })])] };
    },
    message: 'label "team" is set from the rule and its system; remove it from labels',
  },
  {
    input: 'runbook URL that is not a URL',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ runbookUrl: 'see wiki' })])] };
    },
    message: 'runbook_url "see wiki" is not an http(s) URL',
  },
  {
    input: 'histogram_quantile outside [0, 1]',
    build: () => {
      const w = world();
      const p95 = histogramQuantile(95, sum(rate(w.latency.bucket(), '5m'), { by: ['job', 'le'] }));
      return { packs: [w.pack([w.alert({ expr: gt(p95, 1) })])] };
    },
    message: 'histogram_quantile() quantile 95 is outside [0, 1]; write 0.95 for p95',
  },
  {
    input: 'histogram buckets not ascending',
    build: () => {
      const w = world();
      w.shop.histogram({ name: 'size_bytes', help: 'Sizes.', unit: 'bytes', buckets: [100, 10] });
      return { packs: [w.pack([w.alert()])] };
    },
    message: 'catalog: histogram size_bytes of system shop: buckets [100, 10] must be finite, strictly ascending and not empty',
  },
  {
    input: 'metric declared twice',
    build: () => {
      const w = world();
      w.shop.gauge({ name: 'http_requests_total', help: 'Again.' });
      return { packs: [w.pack([w.alert()])] };
    },
    message: 'catalog: gauge http_requests_total of system shop: series http_requests_total is already declared in this catalog',
  },
  {
    input: 'duplicate group name',
    build: () => {
      const w = world();
      const group = ruleGroup({ name: 'shop.alerts', rules: [w.alert()] });
      return { packs: [w.pack([], { groups: [group, ruleGroup({ name: 'shop.alerts', rules: [] })] })] };
    },
    message: 'rule pack shop: group name shop.alerts is used twice',
  },
  {
    input: 'malformed group interval',
    build: () => {
      const w = world();
      return { packs: [w.pack([], { groups: [ruleGroup({ name: 'shop.alerts', interval: '1 minute' as '1m', rules: [w.alert()] })] })] };
    },
    message: 'group shop.alerts (rule pack shop): interval "1 minute" is not a Prometheus duration',
  },
  {
    input: 'alert expression that is not a condition',
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert({ expr: w.traffic as never })])] };
    },
    message: 'expr is not a condition; compare it with a threshold (gt, lt, …) or use absent()',
  },
  {
    input: 'system whose job has no scrape config',
    build: () => {
      const w = world();
      return { config: minimalConfig(['other']), packs: [w.pack([w.alert()])] };
    },
    message: 'rule pack shop selects job="shop" but no scrape job has that name',
  },
  {
    input: 'plain-text password in a scrape job',
    build: () => {
      const w = world();
      const config = minimalConfig();
      const job = { ...config.scrapeConfigs[0], basicAuth: { username: 'p', password: 'hunter2', passwordFile: '/run/secrets/p' } };
      return { config: { ...config, scrapeConfigs: [job] }, packs: [w.pack([w.alert()])] };
    },
    message: 'scrape job shop: basic_auth has a plain-text password; remove it and set passwordFile to a mounted secret file',
  },
  {
    input: 'credentials inside a URL',
    build: () => {
      const w = world();
      const config = minimalConfig();
      const job = { ...config.scrapeConfigs[0], params: { target: ['https://admin:secret@shop.example.com/'] } };
      return { config: { ...config, scrapeConfigs: [job] }, packs: [w.pack([w.alert()])] };
    },
    message: 'scrape job shop: a URL carries user:password; use basicAuth with passwordFile instead',
  },
  {
    input: 'duplicate scrape job',
    build: () => {
      const w = world();
      return { config: minimalConfig(['shop', 'shop']), packs: [w.pack([w.alert()])] };
    },
    message: 'scrape job shop is declared twice',
  },
  {
    input: 'target with a scheme',
    build: () => {
      const w = world();
      const config = minimalConfig();
      return { config: { ...config, scrapeConfigs: [{ ...config.scrapeConfigs[0], targets: ['http://shop:8080'] }] }, packs: [w.pack([w.alert()])] };
    },
    message: 'scrape job shop: target "http://shop:8080" is not host:port',
  },
  {
    input: 'malformed retention',
    build: () => {
      const w = world();
      return { config: { ...minimalConfig(), retention: { time: '15 days' as '15d' } }, packs: [w.pack([w.alert()])] };
    },
    message: 'prometheus retention.time: "15 days" is not a Prometheus duration',
  },
  ...valueCases(),
];

/** Values the servers refuse, or that make an alert that can never fire (issue 10, item 4). */
function valueCases(): Case[] {
  const withConfig = (input: string, change: (c: PrometheusConfig) => PrometheusConfig, message: string): Case => ({
    input,
    build: () => {
      const w = world();
      return { config: change(minimalConfig()), packs: [w.pack([w.alert()])] };
    },
    message,
  });
  const withJob = (input: string, change: (j: PrometheusConfig['scrapeConfigs'][number]) => PrometheusConfig['scrapeConfigs'][number], message: string) =>
    withConfig(input, (c) => ({ ...c, scrapeConfigs: [change(c.scrapeConfigs[0])] }), message);
  const withAlert = (input: string, overrides: Partial<AlertRuleProps>, message: string): Case => ({
    input,
    build: () => {
      const w = world();
      return { packs: [w.pack([w.alert(overrides)])] };
    },
    message,
  });
  return [
    withAlert('a NaN threshold', { expr: gt(sum(rate(world().requests, '5m'), { by: ['job'] }), NaN) }, 'alert ShopTrafficHigh (group shop.alerts (rule pack shop)): the number NaN is not finite; give a finite threshold or operand'),
    withAlert('an infinite threshold', { expr: gt(sum(rate(world().requests, '5m'), { by: ['job'] }), Infinity) }, 'the number +Inf is not finite'),
    withAlert('an alert label value with a newline', { labels: { component: 'api\n' } }, 'alert ShopTrafficHigh (group shop.alerts (rule pack shop)): label component: "api\\n" holds a control character'),
    withConfig('an external label that is not a label name', (c) => ({ ...c, global: { ...c.global, externalLabels: { 'data-center': 'eu' } } }), 'prometheus global.externalLabels: "data-center" is not a label name'),
    withConfig('an external label value with a tab', (c) => ({ ...c, global: { ...c.global, externalLabels: { environment: 'prod\t' } } }), 'prometheus global.externalLabels: "prod\\t" holds a control character'),
    withConfig('an Alertmanager address with port 0', (c) => ({ ...c, alertmanagers: ['alertmanager:0'] }), 'prometheus alertmanagers: "alertmanager:0" has port "0"; a port is a number from 1 to 65535'),
    withConfig('a global scrape timeout longer than the interval', (c) => ({ ...c, global: { ...c.global, scrapeInterval: '15s', scrapeTimeout: '20s' } }), 'prometheus global.scrapeTimeout 20s is longer than global.scrapeInterval 15s; Prometheus refuses that'),
    withJob('a target with port 99999', (j) => ({ ...j, targets: ['shop:99999'] }), 'scrape job shop: target "shop:99999" has port "99999"; a port is a number from 1 to 65535'),
    withJob('a target label that is not a label name', (j) => ({ ...j, targetLabels: { '1zone': 'a' } }), 'scrape job shop: targetLabels: "1zone" is not a label name'),
    withJob('a relabel target that is not a label name', (j) => ({ ...j, relabelConfigs: [{ sourceLabels: ['__address__'], targetLabel: 'host-name' }] }), 'scrape job shop: relabelConfigs[0]: targetLabel "host-name" is not a label name (the replace action needs one'),
    withJob('a relabel source that is not a label name', (j) => ({ ...j, relabelConfigs: [{ sourceLabels: ['__meta.x'], targetLabel: 'x' }] }), 'scrape job shop: relabelConfigs[0]: sourceLabels "__meta.x" is not a label name'),
    withJob('a relabel regex RE2 refuses', (j) => ({ ...j, relabelConfigs: [{ sourceLabels: ['__address__'], regex: '(.*(?=:))', targetLabel: 'host' }] }), "scrape job shop: relabelConfigs[0]: regex \"(.*(?=:))\" uses lookaround or a backreference, which Go's RE2 does not support"),
    withJob('hashmod without modulus', (j) => ({ ...j, relabelConfigs: [{ sourceLabels: ['__address__'], targetLabel: '__tmp_hash', action: 'hashmod' }] }), 'scrape job shop: relabelConfigs[0]: the hashmod action needs modulus, a positive whole number'),
    withJob(
      'a scrape job no alert notices the loss of',
      ({ unalertedReason, ...j }) => j,
      'scrape job shop: no alert notices when its targets stop answering (every alert on its series goes silent with them); add an alert on up{job="shop"} == 0 (targetDown) or on absent() of one of its series, or set unalertedReason',
    ),
    withJob('an empty unalertedReason', (j) => ({ ...j, unalertedReason: ' ' }), 'scrape job shop: unalertedReason is empty; say why losing this job needs no alert'),
    {
      input: 'a job declared unalerted that an alert watches',
      build: () => {
        const w = world();
        return { packs: [w.pack([w.alert(), w.alert({ name: 'ShopDown', expr: eq(w.shop.up, 0), description: '{{ $labels.instance }} is down.' })])] };
      },
      message: 'scrape job shop is declared unalerted but ShopDown notice its loss; remove unalertedReason',
    },
    ...[
      ['an unknown template function', '{{ $value | humanise }} req/s.', 'function "humanise" not defined'],
      ['a misspelt template variable', '{{ $label.job }} is busy.', 'undefined variable "$label"'],
      ['an unterminated template string', '{{ printf "%.2f }} req/s.', 'unterminated quoted string'],
      ['an unclosed template action', 'Busy: {{ $labels.job', 'unclosed action'],
      ['an if without end', '{{ if gt $value 1.0 }}very busy.', 'unexpected EOF'],
      ['an end without if', 'busy.{{ end }}', 'unexpected {{end}}'],
      ['a constant as a pipeline stage', '{{ $value | 3 }} req/s.', 'non executable command in pipeline stage 2'],
      ['break outside range', '{{ break }} busy.', '{{break}} outside {{range}}'],
    ].map(([input, description, goError]) =>
      withAlert(input, { description }, `alert ShopTrafficHigh (group shop.alerts (rule pack shop)): annotation description: Prometheus cannot parse the template ${JSON.stringify(description)}: ${goError}`),
    ),
    withAlert('a label value that is a broken template', { labels: { component: '{{ $labels.job' } }, 'label component: Prometheus cannot parse the template "{{ $labels.job": unclosed action'),
    withConfig('a remote write URL that is not one', (c) => ({ ...c, remoteWrite: [{ name: 'mimir', url: 'mimir/api/v1/push' }] }), 'prometheus remoteWrite mimir: url "mimir/api/v1/push" is not a URL'),
    withConfig(
      'a remote write URL carrying a password',
      (c) => ({ ...c, remoteWrite: [{ name: 'mimir', url: 'https://admin:secret@mimir.example.com/api/v1/push' }] }),
      'prometheus remoteWrite mimir: the url carries credentials; put them in a file and use auth: { basicAuth } or { bearerTokenFile }',
    ),
    withConfig(
      'a remote write URL with a password that is also not a URL',
      (c) => ({ ...c, remoteWrite: [{ name: 'mimir', url: 'https://admin:hunter2@mimir.example.com:99999/push' }] }),
      'prometheus remoteWrite mimir: the url carries credentials',
    ),
    withConfig('a remote write header Prometheus sets itself', (c) => ({ ...c, remoteWrite: [{ name: 'mimir', url: 'https://a.example.com/push', headers: { Authorization: 'Bearer x' } }] }), 'prometheus remoteWrite mimir: header Authorization is set by Prometheus itself'),
    withConfig('a remote write header carrying a key', (c) => ({ ...c, remoteWrite: [{ name: 'mimir', url: 'https://a.example.com/push', headers: { 'X-Api-Key': 'hunter2' } }] }), 'prometheus remoteWrite mimir: header X-Api-Key looks like a credential'),
    withConfig('two remote writes of one name', (c) => ({ ...c, remoteWrite: [{ name: 'lts', url: 'https://a.example.com/push' }, { name: 'lts', url: 'https://b.example.com/push' }] }), 'prometheus remoteWrite lts: the name is used twice'),
    withConfig('a remote write queue of no shards', (c) => ({ ...c, remoteWrite: [{ url: 'https://a.example.com/push', queue: { maxShards: 0 } }] }), 'prometheus remoteWrite #1: queue.maxShards is 0; it must be a whole number, 1 or more'),
    withConfig('a remote write queue with more minimum than maximum shards', (c) => ({ ...c, remoteWrite: [{ url: 'https://a.example.com/push', queue: { minShards: 10, maxShards: 2 } }] }), 'prometheus remoteWrite #1: queue.minShards 10 is above queue.maxShards 2'),
    withConfig('a relative remote write token file', (c) => ({ ...c, remoteWrite: [{ url: 'https://a.example.com/push', auth: { bearerTokenFile: 'secrets/token' } }] }), 'prometheus remoteWrite #1: secrets/token must be an absolute path of a mounted secret file'),
    withConfig(
      'a remote write relabelling with a broken regex',
      (c) => ({ ...c, remoteWrite: [{ url: 'https://a.example.com/push', writeRelabelConfigs: [{ sourceLabels: ['__name__'], regex: 'go_(', action: 'drop' }] }] }),
      'prometheus remoteWrite #1 writeRelabelConfigs[0]',
    ),
    withConfig('a query timeout that is no duration', (c) => ({ ...c, query: { timeout: '2 minutes' as '2m' } }), 'prometheus query.timeout: "2 minutes" is not a Prometheus duration'),
    withConfig('no query may run', (c) => ({ ...c, query: { maxConcurrency: 0 } }), 'prometheus query.maxConcurrency is 0; it must be a whole number, 1 or more'),
    withJob('labeldrop with a target label', (j) => ({ ...j, relabelConfigs: [{ regex: 'pod_.*', targetLabel: 'x', action: 'labeldrop' }] }), 'scrape job shop: relabelConfigs[0]: the labeldrop action takes only regex'),
  ];
}

describe('bad input fails synth with one clear message', () => {
  test('the table covers at least 15 distinct mistakes', () => {
    expect(new Set(cases.map((c) => c.input)).size).toBeGreaterThanOrEqual(15);
  });

  test.each(cases.map((c) => [c.input, c] as const))('%s', (_input, c) => {
    const { config = minimalConfig(), packs } = c.build();
    const problems = prometheusProblems(config, packs);
    // The planted secrets never reach a message.
    expect(problems.join('\n')).not.toMatch(/hunter2|admin:secret/);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(c.message);
  });

  test('the valid world has no problems (so each case fails for its own reason)', () => {
    const w = world();
    expect(prometheusProblems(minimalConfig(), [w.pack([w.alert()])])).toEqual([]);
  });

  test('absent() alerts are conditions too', () => {
    const w = world();
    // The absent() alert notices the job's loss: the job needs no unalertedReason.
    expect(prometheusProblems(watched(minimalConfig()), [w.pack([w.alert({ expr: absent(w.requests), description: 'No data from {{ $labels.job }}.' })])])).toEqual([]);
  });
});

test('a pack reading several systems resolves `up` by the scope the selector carries', () => {
  const w = world();
  const worker = new System({ name: 'shop-worker', title: 'Shop worker', team: 'shop-team', selector: { job: 'shop-worker' } });
  const workerDown = alertRule({ name: 'ShopWorkerDown', expr: eq(worker.up, 0), severity: 'critical', summary: 'Worker down', description: '{{ $labels.instance }} is down.' });
  const config = minimalConfig(['shop', 'shop-worker']);
  const [shop, shopWorker] = watched(config).scrapeConfigs;
  expect(prometheusProblems({ ...config, scrapeConfigs: [shop, shopWorker] }, [w.pack([w.alert(), workerDown], { reads: [worker] })])).toEqual([
    'scrape job shop: no alert notices when its targets stop answering (every alert on its series goes silent with them); add an alert on up{job="shop"} == 0 (targetDown) or on absent() of one of its series, or set unalertedReason',
  ]);
  // The worker's up alert notices only the worker's job.
  expect(prometheusProblems({ ...config, scrapeConfigs: [config.scrapeConfigs[0], shopWorker] }, [w.pack([w.alert(), workerDown], { reads: [worker] })])).toEqual([]);
});

/** The config with every job expected to have a loss alert. */
function watched(config: PrometheusConfig): PrometheusConfig {
  return { ...config, scrapeConfigs: config.scrapeConfigs.map(({ unalertedReason: _, ...job }) => job) };
}
