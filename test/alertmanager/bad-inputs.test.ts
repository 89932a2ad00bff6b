import { AlertmanagerConfig, Receiver, RoutedAlert, TimePeriod, alertmanagerProblems, not, re } from '../../lib';

const alerts: RoutedAlert[] = [
  { name: 'ShopDown', labels: { alertname: 'ShopDown', severity: 'critical', service: 'shop', team: 'shop', impact: 'service-down' } },
  { name: 'ShopErrorsHigh', labels: { alertname: 'ShopErrorsHigh', severity: 'warning', service: 'shop', team: 'shop', family: 'errors' } },
  { name: 'ShopErrorsCritical', labels: { alertname: 'ShopErrorsCritical', severity: 'critical', service: 'shop', team: 'shop', family: 'errors' } },
];

/** A valid config for `alerts`; each case breaks one thing. */
function config(): AlertmanagerConfig {
  return {
    route: {
      receiver: 'fallback',
      groupBy: ['alertname', 'service'],
      routes: [
        { matchers: { severity: 'critical' }, receiver: 'pager' },
        { matchers: { severity: 'warning' }, receiver: 'chat' },
      ],
    },
    receivers: [
      { name: 'fallback', slack: [{ apiUrlFile: '/run/secrets/slack', channel: '#alerts' }] },
      { name: 'pager', pagerduty: [{ routingKeyFile: '/run/secrets/pd' }] },
      { name: 'chat', slack: [{ apiUrlFile: '/run/secrets/slack', channel: '#warnings' }] },
    ],
    inhibitRules: [{ name: 'down silences the rest', sourceMatchers: { impact: 'service-down' }, targetMatchers: { impact: not('service-down') }, equal: ['service'] }],
  };
}

/** The config with receiver chat's integrations replaced. */
function withChat(c: AlertmanagerConfig, integrations: Omit<Receiver, 'name'>): AlertmanagerConfig {
  return { ...c, receivers: c.receivers.map((r) => (r.name === 'chat' ? { name: 'chat', ...integrations } : r)) };
}

/** Each case: what breaks, how, and its message (or, where one mistake is two true findings, both). */
const cases: [string, (c: AlertmanagerConfig) => AlertmanagerConfig, string | string[]][] = [
  [
    'route to a receiver that is not defined',
    (c) => ({ ...c, route: { ...c.route, routes: [{ matchers: { severity: 'critical' }, receiver: 'pagr' }, c.route.routes![1]] } }),
    'route root > {severity="critical"} uses receiver pagr, which is not defined; define it under receivers or fix the name',
  ],
  [
    'a severity without a route',
    (c) => ({ ...c, route: { ...c.route, routes: [c.route.routes![0]] }, receivers: c.receivers.filter((r) => r.name !== 'chat') }),
    'severity "warning" has no route (alerts ShopErrorsHigh); add a route on severity="warning"',
  ],
  [
    'a route that matches no alert',
    (c) => ({ ...c, route: { ...c.route, routes: [...c.route.routes!, { matchers: { team: 'shopp' }, receiver: 'chat' }] } }),
    'route root > {team="shopp"} matches no alert of any rule pack; remove it or fix its matchers',
  ],
  [
    'an inhibition whose source matches no alert',
    (c) => ({ ...c, inhibitRules: [{ ...c.inhibitRules![0], sourceMatchers: { impact: 'servicedown' } }] }),
    'inhibit rule "down silences the rest": its source {impact="servicedown"} matches no alert of any rule pack',
  ],
  [
    'an alert that reaches only a null receiver',
    (c) => ({ ...c, receivers: [...c.receivers.filter((r) => r.name !== 'chat'), { name: 'chat' }] }),
    'alert ShopErrorsHigh ({alertname="ShopErrorsHigh",severity="warning",service="shop",team="shop",family="errors"}) reaches only chat via root > {severity="warning"}, which notifies nobody; add a route for it',
  ],
  [
    'a plain-text PagerDuty key',
    (c) => ({ ...c, receivers: c.receivers.map((r) => (r.name === 'pager' ? { ...r, pagerduty: [{ routingKeyFile: '/run/secrets/pd', routingKey: 'abc123' } as never] } : r)) }),
    'receiver pager: pagerduty[0].routingKey is a plain-text secret; remove it and use the matching *File setting with a mounted secret file',
  ],
  [
    'a webhook URL with a token',
    (c) => withChat(c, { webhook: [{ url: 'https://hooks.example.com/x?token=s3cret' }] }),
    'receiver chat: webhook URL "https://hooks.example.com/x?token=…" must be a plain http(s) URL with no credentials; put the token in credentialsFile, or the whole URL in a file named by urlFile',
  ],
  [
    'a webhook urlFile for an Alertmanager that does not know it',
    (c) => withChat(c, { webhook: [{ urlFile: '/run/secrets/hook-url' }] }),
    'receiver chat: webhook urlFile needs Alertmanager 0.28 or later (0.26 added url_file, 0.28 fixed a crash with it) and this config is for 0.25; set version, or use url with credentialsFile',
  ],
  [
    'a webhook with both url and urlFile',
    (c) => ({ ...c, version: '0.28', receivers: c.receivers.map((r) => (r.name === 'chat' ? { ...r, webhook: [{ url: 'https://hooks.example.com/x', urlFile: '/run/secrets/hook-url' } as never] } : r)) }),
    'receiver chat: a webhook needs exactly one of url and urlFile',
  ],
  [
    'a version that is not major.minor',
    (c) => ({ ...c, version: 'v0.28.1' as never }),
    'version "v0.28.1" must be an Alertmanager release as major.minor, e.g. 0.28',
  ],
  [
    'a secret file given as a relative path',
    (c) => ({ ...c, receivers: c.receivers.map((r) => (r.name === 'pager' ? { ...r, pagerduty: [{ routingKeyFile: 'secrets/pd' }] } : r)) }),
    'receiver pager: routingKeyFile must be the absolute path of a mounted secret file',
  ],
  ['a receiver defined twice', (c) => ({ ...c, receivers: [...c.receivers, c.receivers[1]] }), 'receiver pager is defined twice'],
  [
    'an unused receiver',
    (c) => ({ ...c, receivers: [...c.receivers, { name: 'spare', slack: [{ apiUrlFile: '/run/secrets/slack', channel: '#spare' }] }] }),
    'receiver spare is not used by any route; route alerts to it or remove it',
  ],
  [
    'a malformed duration',
    (c) => ({ ...c, route: { ...c.route, repeatInterval: '4 hours' as '4h' } }),
    'route root: repeatInterval "4 hours" is not a Prometheus duration',
  ],
  [
    'an undefined time interval',
    (c) => ({ ...c, route: { ...c.route, routes: [{ ...c.route.routes![0], muteTimeIntervals: ['nights'] }, c.route.routes![1]] } }),
    'route root > {severity="critical"} uses time interval nights, which is not defined',
  ],
  ['a root route without receiver', (c) => ({ ...c, route: { ...c.route, receiver: undefined } }), 'the root route has no receiver'],
  [
    'a Slack channel without #',
    (c) => withChat(c, { slack: [{ apiUrlFile: '/run/secrets/slack', channel: 'warnings' }] }),
    'receiver chat: Slack channel "warnings" must start with # or @',
  ],
  [
    'an inhibition without equal labels',
    (c) => ({ ...c, inhibitRules: [{ name: 'families', sourceMatchers: { severity: 'critical', family: re('.+') }, targetMatchers: { severity: 'warning' }, equal: [] }] }),
    'inhibit rule "families" has no equal labels: any source would silence every target everywhere',
  ],
  [
    'SMTP user without password file',
    (c) => ({ ...c, global: { smtp: { from: 'am@example.com', smarthost: 'smtp.example.com:587', authUsername: 'am' } } }),
    'global.smtp has authUsername but no authPasswordFile; mount the password as a file',
  ],
  [
    'a team subtree without a route for one of its severities',
    (c) => ({ ...c, route: { ...c.route, routes: [{ matchers: { team: 'shop' }, routes: [{ matchers: { severity: 'critical' }, receiver: 'pager' }] }, c.route.routes![1]] } }),
    [
      'alert ShopErrorsHigh ({alertname="ShopErrorsHigh",severity="warning",service="shop",team="shop",family="errors"}) is claimed by no route and falls through to the root receiver fallback via root > {team="shop"}; add a route for its team or service and severity',
      // True as well: the team subtree takes every shop alert first.
      'route root > {severity="warning"} is never reached: the alerts it matches (ShopErrorsHigh) are all taken by an earlier sibling; move it before that sibling, or remove it',
    ],
  ],
  [
    'a route shadowed by an earlier sibling',
    (c) => ({ ...c, route: { ...c.route, routes: [...c.route.routes!, { matchers: { severity: 'critical', service: 'shop' }, receiver: 'chat' }] } }),
    'route root > {severity="critical",service="shop"} is never reached: the alerts it matches (ShopDown, ShopErrorsCritical) are all taken by an earlier sibling; move it before that sibling, or remove it',
  ],
  [
    'an inhibition whose target matches no alert',
    (c) => ({ ...c, inhibitRules: [{ ...c.inhibitRules![0], targetMatchers: { impact: 'degraded' } }] }),
    'inhibit rule "down silences the rest": its target {impact="degraded"} matches no alert of any rule pack',
  ],
  [
    'a route shadowed by an identical earlier sibling',
    (c) => ({ ...c, route: { ...c.route, routes: [c.route.routes![0], { matchers: { severity: 'critical' }, receiver: 'chat' }, c.route.routes![1]] } }),
    'route root > {severity="critical"} is never reached: the alerts it matches (ShopDown, ShopErrorsCritical) are all taken by an earlier sibling; move it before that sibling, or remove it',
  ],
  [
    'a route matcher RE2 does not support',
    (c) => ({ ...c, route: { ...c.route, routes: [{ matchers: { severity: 'critical', service: re('sh(?!x)op') }, receiver: 'pager' }, c.route.routes![1]] } }),
    'route root > {severity="critical",service=~"sh(?!x)op"}: matcher service=~: "sh(?!x)op" uses lookaround or a backreference, which Go\'s RE2 does not support',
  ],
  [
    'an inhibition matcher that is not a regular expression',
    (c) => ({ ...c, inhibitRules: [{ ...c.inhibitRules![0], sourceMatchers: { impact: re('service-[') } }] }),
    'inhibit rule "down silences the rest" source: matcher impact=~: "service-[" is not a regular expression this project can check',
  ],
  [
    'email without SMTP settings',
    (c) => ({ ...c, receivers: c.receivers.map((r) => (r.name === 'chat' ? { ...r, email: [{ to: 'shop@example.com' }] } : r)) }),
    'receiver chat sends email, but global.smtp is not set; set global.smtp (from, smarthost)',
  ],
  [
    'time intervals for an Alertmanager older than 0.24',
    (c) => ({ ...c, version: '0.23', timeIntervals: [{ name: 'office', intervals: [{ weekdays: ['monday:friday'] }] }], route: { ...c.route, routes: [{ ...c.route.routes![0], muteTimeIntervals: ['office'] }, c.route.routes![1]] } }),
    'time_intervals needs Alertmanager 0.24 or later and this config is for 0.23; set version, or do without',
  ],
  ...timeIntervalCases(),
  [
    'group_by with a name that is not a label',
    (c) => ({ ...c, route: { ...c.route, groupBy: ['alertname', 'service-name'] } }),
    'route root: groupBy "service-name" is not a label name; use letters, digits and underscores, not starting with a digit',
  ],
  [
    'group_by "..." beside other labels',
    (c) => ({ ...c, route: { ...c.route, groupBy: ['...', 'service'] } }),
    'route root: groupBy "..." groups by every label already; it cannot be listed with other labels',
  ],
  ['group_by listing a label twice', (c) => ({ ...c, route: { ...c.route, groupBy: ['alertname', 'service', 'alertname'] } }), 'route root: groupBy lists "alertname" twice'],
  ['a zero repeat_interval', (c) => ({ ...c, route: { ...c.route, repeatInterval: '0s' } }), 'route root: repeatInterval cannot be zero; Alertmanager refuses it'],
  [
    'a zero group_interval on a child route',
    (c) => ({ ...c, route: { ...c.route, routes: [{ ...c.route.routes![0], groupInterval: '0m' }, c.route.routes![1]] } }),
    'route root > {severity="critical"}: groupInterval cannot be zero; Alertmanager refuses it',
  ],
  ['continue on the root route', (c) => ({ ...c, route: { ...c.route, continue: true } }), 'the root route has continue; it is the last resort, there is nothing after it (remove continue)'],
  [
    'time intervals on the root route',
    (c) => ({ ...c, timeIntervals: [{ name: 'office', intervals: [{ weekdays: ['monday:friday'] }] }], route: { ...c.route, muteTimeIntervals: ['office'] } }),
    'the root route has time intervals; Alertmanager refuses them there, set them on the routes below',
  ],
  [
    'a route matcher on a name that is not a label',
    (c) => ({ ...c, route: { ...c.route, routes: [{ matchers: { severity: 'critical', 'service.name': 'shop' }, receiver: 'pager' }, c.route.routes![1]] } }),
    'route root > {severity="critical",service.name="shop"}: matcher "service.name" is not a label name',
  ],
  [
    'a route matcher value with a tab',
    (c) => ({ ...c, route: { ...c.route, routes: [{ matchers: { severity: 'critical\t' }, receiver: 'pager' }, c.route.routes![1]] } }),
    ['route root > {severity="critical\t"}: matcher severity: "critical\\t" holds a control character (tab, newline…); routing compares label values exactly, remove it'],
  ],
  [
    'an inhibition equal label that is not a label name',
    (c) => ({ ...c, inhibitRules: [{ ...c.inhibitRules![0], equal: ['service', 'team name'] }] }),
    'inhibit rule "down silences the rest": equal "team name" is not a label name',
  ],
  [
    'an inhibition equal label no alert carries',
    (c) => ({ ...c, inhibitRules: [{ ...c.inhibitRules![0], equal: ['servce'] }] }),
    'inhibit rule "down silences the rest": equal label "servce" is carried by no alert its matchers select, so it is equal (empty) everywhere and restricts nothing; fix the name or remove it',
  ],
  [
    'an inhibition equal label some selected alerts lack',
    (c) => ({ ...c, inhibitRules: [{ ...c.inhibitRules![0], equal: ['service', 'family'] }] }),
    'inhibit rule "down silences the rest": equal label "family" is not carried by ShopDown (source); an alert without it is equal to every other alert without it, so among those the rule ignores family; carry the label, narrow the matchers, or list it in mayBeAbsent',
  ],
  [
    'mayBeAbsent naming a label not in equal',
    (c) => ({ ...c, inhibitRules: [{ ...c.inhibitRules![0], mayBeAbsent: ['family'] }] }),
    'inhibit rule "down silences the rest": mayBeAbsent lists "family", which is not in equal',
  ],
  [
    'an SMTP smarthost without a port',
    (c) => ({ ...c, global: { smtp: { from: 'am@example.com', smarthost: 'smtp.example.com' } } }),
    'global.smtp.smarthost "smtp.example.com" is not host:port, e.g. smtp.example.com:587',
  ],
  [
    'an SMTP smarthost with a port out of range',
    (c) => ({ ...c, global: { smtp: { from: 'am@example.com', smarthost: 'smtp.example.com:70000' } } }),
    'global.smtp.smarthost "smtp.example.com:70000" has port "70000"; a port is a number from 1 to 65535, e.g. smtp.example.com:587',
  ],
  [
    // Found by the differential test: amtool says "missing host for URL".
    'a webhook URL without a host',
    (c) => withChat(c, { webhook: [{ url: 'http:///alert' }] }),
    'receiver chat: webhook URL "http:///alert" has no host; Alertmanager refuses it',
  ],
  [
    'a webhook URL with a port out of range',
    (c) => withChat(c, { webhook: [{ url: 'http://hooks.example.com:99999/alert' }] }),
    'receiver chat: webhook URL "http://hooks.example.com:99999/alert" has port "99999"; a port is a number from 1 to 65535',
  ],
  [
    'a Slack title with a function Alertmanager lacks',
    (c) => withChat(c, { slack: [{ apiUrlFile: '/run/secrets/slack', channel: '#warnings', title: '{{ .CommonLabels.alertname | humanize }}' }] }),
    'receiver chat: Slack title template "{{ .CommonLabels.alertname | humanize }}" does not parse as Alertmanager\'s: function "humanize" not defined',
  ],
  [
    'a Slack text with an unclosed range',
    (c) => withChat(c, { slack: [{ apiUrlFile: '/run/secrets/slack', channel: '#warnings', text: '{{ range .Alerts }}{{ .Annotations.summary }}' }] }),
    'receiver chat: Slack text template "{{ range .Alerts }}{{ .Annotations.summary }}" does not parse as Alertmanager\'s: unexpected EOF',
  ],
  ['a receiver with an empty name', (c) => ({ ...c, receivers: [...c.receivers, { name: '' }] }), 'a receiver has an empty name; name it'],
];

/** Time intervals as Alertmanager 0.25 parses them: one row per rule of timeinterval.go. */
function timeIntervalCases(): [string, (c: AlertmanagerConfig) => AlertmanagerConfig, string][] {
  const withPeriod = (period: TimePeriod, name = 'office') => (c: AlertmanagerConfig): AlertmanagerConfig => ({
    ...c,
    timeIntervals: [{ name, intervals: [period] }],
    route: { ...c.route, routes: [{ ...c.route.routes![0], activeTimeIntervals: [name] }, c.route.routes![1]] },
  });
  const at = 'time interval "office", period 1: ';
  return [
    ['an abbreviated weekday', withPeriod({ weekdays: ['mon:friday' as never] }), `${at}weekdays "mon:friday": "mon" is not a weekday; use sunday … saturday, in full`],
    ['a weekday range across the weekend', withPeriod({ weekdays: ['friday:monday'] }), `${at}weekdays "friday:monday": a week runs from sunday to saturday, so a range cannot wrap`],
    ['a time past 24:00', withPeriod({ times: [{ startTime: '08:00', endTime: '24:30' }] }), `${at}times[0]: "24:30" is not a time; use HH:MM from 00:00 to 24:00`],
    ['a time without leading zero', withPeriod({ times: [{ startTime: '8:00', endTime: '18:00' }] }), `${at}times[0]: "8:00" is not a time`],
    ['a time range passing midnight', withPeriod({ times: [{ startTime: '22:00', endTime: '06:00' }] }), `${at}times[0]: 22:00-06:00 ends before it starts; a range cannot pass midnight, split it at 24:00 and 00:00`],
    ['an empty time range', withPeriod({ times: [{ startTime: '08:00', endTime: '08:00' }] }), `${at}times[0]: 08:00-08:00 ends before it starts`],
    ['day of month 0', withPeriod({ daysOfMonth: ['0:5'] }), `${at}daysOfMonth "0:5": "0" is not a day of the month; use 1 to 31, or -31 to -1 counted from the end`],
    ['day of month 32', withPeriod({ daysOfMonth: ['32'] }), `${at}daysOfMonth "32": "32" is not a day of the month`],
    ['days of month from the end to the start', withPeriod({ daysOfMonth: ['-3:5'] }), `${at}daysOfMonth "-3:5": a range starting from the end of the month must end there too (both negative)`],
    ['days of month in reverse', withPeriod({ daysOfMonth: ['20:10'] }), `${at}daysOfMonth "20:10": day 10 comes before day 20 in some months; the range would never match`],
    ['a month misspelt', withPeriod({ months: ['janury'] }), `${at}months "janury": "janury" is not a month; use january … december, or 1 to 12`],
    ['month 13', withPeriod({ months: ['13'] }), `${at}months "13": "13" is not a month`],
    ['months across new year', withPeriod({ months: ['november:february'] }), `${at}months "november:february": a range cannot wrap past december; list both parts`],
    ['years in reverse', withPeriod({ years: ['2028:2027'] }), `${at}years "2028:2027": end year 2027 is before start year 2028`],
    ['a year that is not a number', withPeriod({ years: ['next'] }), `${at}years "next": "next" is not a year; use e.g. 2027`],
    ['a range of three parts', withPeriod({ months: ['1:2:3'] }), `${at}months "1:2:3" is not a value or a begin:end range`],
    ['a location that is not an IANA zone', withPeriod({ location: 'CET+1' }), `${at}location "CET+1" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)`],
    ['a zone in the wrong case', withPeriod({ location: 'europe/berlin' }), `${at}location "europe/berlin" is not an IANA time zone`],
    ['a time interval without periods', (c) => ({ ...withPeriod({})(c), timeIntervals: [{ name: 'office', intervals: [] }] }), 'time interval "office" has no periods'],
    [
      'a time interval defined twice',
      (c) => ({ ...withPeriod({ weekdays: ['monday'] })(c), timeIntervals: [{ name: 'office', intervals: [{ weekdays: ['monday'] }] }, { name: 'office', intervals: [{ weekdays: ['tuesday'] }] }] }),
      'time interval "office" is defined twice',
    ],
  ];
}

describe('Alertmanager mistakes fail synth with one message naming the route, receiver or alert', () => {
  test('the valid config has no problems', () => {
    expect(alertmanagerProblems(config(), alerts)).toEqual([]);
  });

  test.each(cases)('%s', (_input, breakIt, message) => {
    const problems = alertmanagerProblems(breakIt(config()), alerts);
    // The planted secrets never reach a message.
    expect(problems.join('\n')).not.toMatch(/s3cret|abc123/);
    if (Array.isArray(message)) return expect(problems).toEqual(message);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});
