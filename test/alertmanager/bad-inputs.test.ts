import { AlertmanagerConfig, RoutedAlert, alertmanagerProblems, not, re } from '../../lib';

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
    (c) => ({ ...c, receivers: c.receivers.map((r) => (r.name === 'chat' ? { ...r, webhook: [{ url: 'https://hooks.example.com/x?token=s3cret' }] } : r)) }),
    'receiver chat: webhook URL "https://hooks.example.com/x?token=s3cret" must be a plain http(s) URL with no credentials; put the token in credentialsFile, or the whole URL in a file named by urlFile',
  ],
  [
    'a webhook urlFile for an Alertmanager that does not know it',
    (c) => ({ ...c, receivers: c.receivers.map((r) => (r.name === 'chat' ? { ...r, webhook: [{ urlFile: '/run/secrets/hook-url' }] } : r)) }),
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
    (c) => ({ ...c, receivers: c.receivers.map((r) => (r.name === 'chat' ? { ...r, slack: [{ apiUrlFile: '/run/secrets/slack', channel: 'warnings' }] } : r)) }),
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
];

describe('Alertmanager mistakes fail synth with one message naming the route, receiver or alert', () => {
  test('the valid config has no problems', () => {
    expect(alertmanagerProblems(config(), alerts)).toEqual([]);
  });

  test.each(cases)('%s', (_input, breakIt, message) => {
    const problems = alertmanagerProblems(breakIt(config()), alerts);
    if (Array.isArray(message)) return expect(problems).toEqual(message);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(message);
  });
});
