import { AlertmanagerConfig, alertmanagerProblems, re, renderAlertmanagerConfig, resolveRoutes } from '../../lib';
import { runTool, writeTempFiles } from '../../lib/testing';

/** Every option of the config model at once. */
const full: AlertmanagerConfig = {
  global: { resolveTimeout: '10m', smtp: { from: 'am@example.com', smarthost: 'smtp.example.com:587', authUsername: 'am', authPasswordFile: '/s/smtp', requireTls: false } },
  templates: ['/etc/alertmanager/templates/*.tmpl'],
  route: {
    receiver: 'default',
    groupBy: ['alertname'],
    groupWait: '10s',
    groupInterval: '1m',
    repeatInterval: '2h',
    routes: [
      { matchers: { severity: 'critical', service: re('api|web') }, receiver: 'pager', continue: true, muteTimeIntervals: ['maintenance'] },
      { matchers: { severity: 'critical' }, receiver: 'hook', activeTimeIntervals: ['office'] },
    ],
  },
  receivers: [
    { name: 'default', email: [{ to: 'ops@example.com', sendResolved: true }] },
    { name: 'pager', pagerduty: [{ routingKeyFile: '/s/pd', sendResolved: false }], slack: [{ apiUrlFile: '/s/slack', channel: '#c', title: '{{ .CommonLabels.alertname }}', text: 'see runbook' }] },
    { name: 'hook', webhook: [{ url: 'http://hooks.internal:8080/alert', credentialsFile: '/s/hook' }] },
  ],
  inhibitRules: [{ name: 'x', sourceMatchers: { severity: 'critical' }, targetMatchers: { severity: 'warning' }, equal: ['service'] }],
  timeIntervals: [
    {
      name: 'maintenance',
      intervals: [
        { weekdays: ['sunday'], times: [{ startTime: '02:00', endTime: '04:00' }] },
        { daysOfMonth: ['1:7', '-1'], months: ['january:march', '12'], years: ['2027:2028'], times: [{ startTime: '22:00', endTime: '24:00' }] },
      ],
    },
    { name: 'office', intervals: [{ weekdays: ['monday:friday'], times: [{ startTime: '09:00', endTime: '17:00' }], location: 'Europe/Berlin' }] },
  ],
};

describe('alertmanager.yml renderer', () => {
  const yml = renderAlertmanagerConfig(full, 'test/alertmanager/render.test.ts');

  test('renders every option (snapshot)', () => {
    expect(yml).toMatchSnapshot();
  });

  test('amtool accepts it and shows the tree it parsed', () => {
    const dir = writeTempFiles(new Map([['am.yml', yml]]));
    expect(runTool('amtool', ['check-config', 'am.yml'], dir).status).toBe(0);
    const tree = runTool('amtool', ['config', 'routes', '--config.file=am.yml'], dir).output;
    expect(tree).toContain('{service=~"api|web",severity="critical"}  continue: true  receiver: pager');
    expect(tree).toContain('{severity="critical"}  receiver: hook');
  });

  test('the first critical route continues, so both receivers get an api alert', () => {
    const dir = writeTempFiles(new Map([['am.yml', yml]]));
    const result = runTool('amtool', ['config', 'routes', 'test', '--config.file=am.yml', 'severity=critical', 'service=api'], dir);
    expect(result.output.split('\n').filter((l) => l && !l.startsWith('Warning'))).toEqual(['pager,hook']);
    expect(resolveRoutes(full.route, { severity: 'critical', service: 'api' }).map((r) => r.receiver)).toEqual(['pager', 'hook']);
  });
});

describe('webhook urlFile (Alertmanager 0.28 and later)', () => {
  const withUrlFile: AlertmanagerConfig = {
    ...full,
    version: '0.28',
    receivers: full.receivers.map((r) => (r.name === 'hook' ? { name: 'hook', webhook: [{ urlFile: '/s/hook-url' }] } : r)),
  };

  test('renders url_file and passes the checks for 0.28', () => {
    expect(alertmanagerProblems(withUrlFile, [])).not.toContainEqual(expect.stringContaining('hook'));
    expect(renderAlertmanagerConfig(withUrlFile, 'test').match(/webhook_configs:\n(.*\n){2}/)![0]).toBe(
      'webhook_configs:\n      - url_file: /s/hook-url\n        send_resolved: true\n',
    );
  });

  test('the amtool checking files here (0.25) rejects url_file: why the default version holds it back', () => {
    const dir = writeTempFiles(new Map([['am.yml', renderAlertmanagerConfig(withUrlFile, 'test')]]));
    const result = runTool('amtool', ['check-config', 'am.yml'], dir);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('url_file');
  });
});
