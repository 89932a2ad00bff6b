import * as fc from 'fast-check';
import { AlertMatchers, AlertmanagerConfig, InhibitRule, Receiver, Route, RoutedAlert, TimeInterval, TimePeriod, alertmanagerProblems, renderAlertmanagerConfig } from '../../alertmanager';
import { Duration, re } from '../../promql';
import { ALERTMANAGER_TEMPLATE_FUNCTIONS, goTemplateProblem } from '../../gotemplate';
import { runTool } from '../tools';
import { DifferentialSubject, filesIn } from './harness';
import { value } from './values';

/**
 * Random Alertmanager configs over a fixed set of alerts: every field of the
 * typed model drawn from values a person might type, the mistakes among them
 * (a weekday abbreviated, a time past 24:00, a zero interval, a label name
 * with a dash…).
 */

export const DIFFERENTIAL_ALERTS: readonly RoutedAlert[] = [
  { name: 'ShopDown', labels: { alertname: 'ShopDown', severity: 'critical', service: 'shop', team: 'shop', impact: 'service-down' }, seriesLabels: ['instance', 'job'] },
  { name: 'ShopErrorsHigh', labels: { alertname: 'ShopErrorsHigh', severity: 'warning', service: 'shop', team: 'shop', family: 'errors' }, seriesLabels: ['job'] },
  { name: 'ShopErrorsCritical', labels: { alertname: 'ShopErrorsCritical', severity: 'critical', service: 'shop', team: 'shop', family: 'errors' }, seriesLabels: ['job'] },
  { name: 'ShopTrafficLow', labels: { alertname: 'ShopTrafficLow', severity: 'info', service: 'shop', team: 'shop' }, seriesLabels: ['job'] },
];

/** Sometimes set, mostly left to the default. */
const sometimes = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });

const duration = value(['10s', '30s', '1m', '5m', '1h30m', '4h'] as Duration[], ['0s', '0m', '1.5m', '4 hours'] as Duration[]);
const labelName = value(['alertname', 'service', 'severity', 'family', 'instance', 'job', 'team'], ['service-name', '1st', 'a.b']);
const labelValue = value(['critical', 'shop', 'errors', 'service-down', 'a"b', 'back\\slash', 'ünï'], ['shop\t', 'x\ny']);
const pattern = value(['.+', 'shop|cart', 'sh.*', '(?i)shop', '\\d+', 'a{2,}'], ['[', 'sh(?!x)op', '(a']);
const weekday = value(['monday', 'friday', 'Monday', 'sunday:saturday', 'monday:friday', 'saturday'], ['friday:monday', 'mon', 'mondays']);
const timeRange = value(
  [['08:00', '18:00'], ['00:00', '24:00'], ['22:00', '24:00'], ['09:30', '12:00'], ['00:00', '00:01']],
  [['18:00', '08:00'], ['08:00', '08:00'], ['23:00', '24:30'], ['8:00', '18:00'], ['12:60', '13:00'], ['25:00', '26:00']],
).map(([startTime, endTime]) => ({ startTime, endTime }));
const dayOfMonth = value(['1', '31', '-1', '1:7', '-3:-1', '+5', '10:20'], ['0', '32', '20:10', '-3:5', '-40']);
const month = value(['january', 'January', 'june:august', '1:12', '12', 'may'], ['jan', 'november:february', '13', '0']);
const year = value(['2027', '2027:2028', '2030'], ['2028:2027', '0', 'next']);
const zone = value(['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata'], ['europe/berlin', 'Mars/Olympus', 'Local', 'US/Pacific', 'CET+1']);
const intervalName = value(['office', 'nights'], ['holidays']);
const channel = value(['#alerts', '@oncall'], ['alerts']);
const email = value(['ops@example.com', 'oncall+shop@example.org'], ['ops', 'a@b@c']);
const webhookUrl = value(['http://hooks.internal:8080/alert', 'https://hooks.example.com/x', 'http://[::1]:9000/hook'], ['http:///x', 'ftp://hooks.example.com/', 'http://hooks.example.com:99999/x', 'https://h.example.com/x?token=t']);
const smarthost = value(['smtp.example.com:587', '[::1]:25', '10.0.0.1:2525'], ['smtp.example.com', 'smtp.example.com:0', 'smtp.example.com:65536']);
const slackTemplate = fc.constantFrom('{{ .CommonLabels.alertname }}', '{{ .Status | toUpper }}', '{{ range .Alerts }}{{ .Annotations.summary }}{{ end }}');

const matcherArb: fc.Arbitrary<AlertMatchers> = fc
  .tuple(labelName, fc.boolean(), labelValue, pattern)
  .map(([label, regex, v, p]) => ({ [label]: regex ? re(p) : v }));

const periodArb: fc.Arbitrary<TimePeriod> = fc.record(
  {
    weekdays: fc.array(weekday, { minLength: 1, maxLength: 2 }) as fc.Arbitrary<TimePeriod['weekdays']>,
    times: fc.array(timeRange, { minLength: 1, maxLength: 2 }),
    daysOfMonth: fc.array(dayOfMonth, { minLength: 1, maxLength: 2 }),
    months: fc.array(month, { minLength: 1, maxLength: 2 }),
    years: fc.array(year, { minLength: 1, maxLength: 1 }),
    location: zone,
  },
  { requiredKeys: [] },
);

/** Both intervals the routes may name, each with one or two periods (now and then none). */
const timeIntervalsArb: fc.Arbitrary<TimeInterval[]> = fc
  .tuple(value([1, 2], [0]), value([1, 2], [0]), fc.array(periodArb, { minLength: 4, maxLength: 4 }), value([false], [true]))
  .map(([office, nights, periods, twice]) => [
    { name: 'office', intervals: periods.slice(0, office) },
    { name: twice ? 'office' : 'nights', intervals: periods.slice(2, 2 + nights) },
  ]);

const routeOptionsArb = fc.record({
  groupBy: sometimes(value([['alertname'], ['alertname', 'service'], ['...'], ['service', 'instance']], [['...', 'service'], ['alertname', 'alertname'], ['service-name']])),
  groupWait: sometimes(duration),
  groupInterval: sometimes(duration),
  repeatInterval: sometimes(duration),
  continue: value([undefined, false], [true]),
});

/** The three severity routes, each with its own options, maybe a time interval and one more matcher. */
const routeTreeArb: fc.Arbitrary<Route> = fc
  .tuple(
    routeOptionsArb,
    value([undefined], [['office']]),
    fc.array(fc.tuple(routeOptionsArb, sometimes(intervalName), fc.boolean(), value([undefined], [{ matcher: true }]), matcherArb), { minLength: 3, maxLength: 3 }),
  )
  .map(([{ continue: rootContinue, ...rootOptions }, rootIntervals, children]) => ({
    ...rootOptions,
    ...(rootContinue ? { continue: true } : {}),
    ...(rootIntervals ? { muteTimeIntervals: rootIntervals } : {}),
    receiver: 'fallback',
    routes: (['critical', 'warning', 'info'] as const).map((severity, i) => {
      const [options, interval, mute, extra, matcher] = children[i];
      return {
        ...options,
        matchers: { severity, ...(extra ? matcher : {}) },
        receiver: { critical: 'pager', warning: 'chat', info: 'mail' }[severity],
        ...(interval ? { [mute ? 'muteTimeIntervals' : 'activeTimeIntervals']: [interval] } : {}),
      };
    }),
  }));

const inhibitArb: fc.Arbitrary<InhibitRule> = fc
  .tuple(value<AlertMatchers>([{ severity: 'critical', family: re('.+') }], [{ severity: 'critical' }]), fc.option(matcherArb, { nil: undefined, freq: 6 }), value([['service'], ['service', 'family'], ['family', 'job']], [['team-name'], ['instance'], ['servce']]))
  .map(([source, extra, equal]) => ({
    name: 'critical silences the warning',
    sourceMatchers: { ...source, ...extra },
    targetMatchers: { severity: 'warning', family: re('.+') },
    equal,
  }));

const receiversArb: fc.Arbitrary<Receiver[]> = fc
  .record({ channel, to: email, url: webhookUrl, title: slackTemplate })
  .map(({ channel: c, to, url, title }) => [
    { name: 'fallback', slack: [{ apiUrlFile: '/etc/alertmanager/secrets/slack', channel: '#alerts' }] },
    { name: 'pager', pagerduty: [{ routingKeyFile: '/etc/alertmanager/secrets/pd' }], slack: [{ apiUrlFile: '/etc/alertmanager/secrets/slack', channel: c, title }] },
    { name: 'chat', webhook: [{ url }] },
    { name: 'mail', email: [{ to }] },
  ]);

export const alertmanagerConfigArb: fc.Arbitrary<AlertmanagerConfig> = fc.record({
  global: fc.record({ resolveTimeout: duration, smtp: fc.record({ from: email, smarthost }) }),
  route: routeTreeArb,
  receivers: receiversArb,
  inhibitRules: fc.array(inhibitArb, { maxLength: 1 }),
  timeIntervals: timeIntervalsArb,
});

/** alertmanager.yml against `amtool check-config` (Alertmanager 0.25). */
export function alertmanagerSubject(problems = (config: AlertmanagerConfig) => alertmanagerProblems(config, DIFFERENTIAL_ALERTS)): DifferentialSubject<AlertmanagerConfig> {
  return {
    name: 'alertmanager.yml',
    arbitrary: alertmanagerConfigArb,
    problems,
    render: (config) => new Map([['alertmanager.yml', renderAlertmanagerConfig(config, 'differential test')]]),
    check: (dirs) => runTool('amtool', ['check-config', ...filesIn(dirs, 'alertmanager.yml')], '/'),
  };
}

const notificationTemplate = value(
  [
    '{{ .CommonLabels.alertname }}',
    '[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}]',
    '{{ range .Alerts }}*{{ .Annotations.summary }}*{{ end }}',
    '{{ join ", " (stringSlice "a" "b") }}',
    '{{ reReplaceAll "-" " " .CommonLabels.service | title }}',
    '{{ with .CommonAnnotations.runbook_url }}<{{ . }}|Runbook>{{ end }}',
  ],
  ['{{ .Status | upper }}', '{{ humanize 1 }}', '{{ range .Alerts }}', '{{ .CommonLabels.alertname }', '{{ "x }}', '{{ else }}', '{{ $labels.job }}'],
  20,
);

/**
 * Slack titles and texts: Alertmanager parses them only when it sends, so
 * each is checked as amtool checks a template file, under a `define`.
 */
export function notificationTemplateSubject(problems = (text: string) => [goTemplateProblem(text, { functions: ALERTMANAGER_TEMPLATE_FUNCTIONS })].filter((p): p is string => p !== undefined)): DifferentialSubject<string> {
  return {
    name: 'notification templates',
    arbitrary: fc.array(notificationTemplate, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' ')),
    problems,
    render: (text) =>
      new Map([
        ['alertmanager.yml', 'route:\n  receiver: x\nreceivers:\n  - name: x\ntemplates:\n  - notification.tmpl\n'],
        ['notification.tmpl', `{{ define "slack.title" }}${text}{{ end }}\n`],
      ]),
    check: (dirs) => runTool('amtool', ['check-config', ...filesIn(dirs, 'alertmanager.yml')], '/'),
  };
}
