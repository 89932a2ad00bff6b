import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AlertmanagerConfig, Route, alertmanagerProblems, packAlerts, renderRoutingTable, resolveRoutes, routedAlerts } from '../../lib';
import { alertmanagerConfig } from '../../alertmanager';
import { runSynth } from '../../main';
import { local } from '../../stacks/environments';

const alerts = routedAlerts(local.rulePacks, local.externalLabels);
const watchdog = alerts.find((a) => a.name === 'Watchdog')!;

/** The project's config with the root's routes replaced. */
const withRoutes = (routes: (routes: readonly Route[]) => Route[]): AlertmanagerConfig => ({ ...alertmanagerConfig, route: { ...alertmanagerConfig.route, routes: routes(alertmanagerConfig.route.routes!) } });
const heartbeatRoute = alertmanagerConfig.route.routes![0];

describe('the heartbeat path', () => {
  test('the Watchdog always fires, pages nobody, and reaches the dead man\'s switch alone through the first route', () => {
    expect(alertmanagerProblems(alertmanagerConfig, alerts)).toEqual([]);
    expect(watchdog.labels).toMatchObject({ severity: 'none', environment: 'local' });
    const watchdogRule = local.rulePacks.flatMap(packAlerts).find((a) => a.name === 'Watchdog')!;
    expect(watchdogRule.rule.expr.promql).toBe('vector(1)');
    expect(resolveRoutes(alertmanagerConfig.route, watchdog.labels).map((r) => [r.receiver, r.trail[0]])).toEqual([['dead-mans-switch', heartbeatRoute]]);
    for (const other of alerts.filter((a) => a !== watchdog)) expect(resolveRoutes(alertmanagerConfig.route, other.labels).map((r) => r.receiver)).not.toContain('dead-mans-switch');
    expect(heartbeatRoute).toMatchObject({ groupWait: '0s', groupInterval: '1m', repeatInterval: '30s' });
    expect(alertmanagerConfig.receivers.find((r) => r.name === 'dead-mans-switch')).toEqual({
      name: 'dead-mans-switch',
      webhook: [{ url: 'https://deadman.example.com/ping/monitoring', credentialsFile: '/etc/alertmanager/secrets/dead-mans-switch-token', sendResolved: false }],
    });
  });

  test('routing.md says where the heartbeat goes and how often', () => {
    const table = renderRoutingTable(alertmanagerConfig, alerts, 'test');
    expect(table).toContain('## Heartbeat\n\nWatchdog always fires; the first route sends it to dead-mans-switch alone (https://deadman.example.com/ping/monitoring), every 60s (group_interval 1m, repeat_interval 30s)');
    expect(renderRoutingTable({ ...alertmanagerConfig, heartbeat: { none: 'a laptop demo: nothing outside watches it' } }, alerts, 'test')).toContain('## Heartbeat\n\nNone: a laptop demo: nothing outside watches it\n');
  });

  const refused: [string, AlertmanagerConfig, string][] = [
    [
      'a route before it that takes the Watchdog (shadowed)',
      withRoutes((routes) => [{ matchers: { team: 'observability' }, receiver: 'observability-critical' }, ...routes]),
      'heartbeat Watchdog goes to observability-critical via root > {team="observability"}, not to dead-mans-switch through the first route alone; make heartbeatRoute({ alert: \'Watchdog\', receiver: \'dead-mans-switch\' }) the first route of the tree',
    ],
    ['continue on its route', withRoutes(([first, ...rest]) => [{ ...first, continue: true }, ...rest]), 'heartbeat Watchdog: its route {alertname="Watchdog"} has continue: the heartbeat would reach later routes too; remove continue'],
    [
      'a mute interval on its route',
      withRoutes(([first, ...rest]) => [{ ...first, muteTimeIntervals: ['business-hours'] }, ...rest]),
      'heartbeat Watchdog: its route {alertname="Watchdog"} has time intervals: a muted heartbeat pages; remove them',
    ],
    [
      'heartbeats 10 minutes apart',
      withRoutes(([first, ...rest]) => [{ ...first, groupInterval: '10m' }, ...rest]),
      'heartbeat Watchdog: group_interval 10m and repeat_interval 30s send a heartbeat every 600s; at most 5m, with repeat_interval shorter than group_interval (heartbeatRoute sets both from every)',
    ],
    [
      'repeat_interval as long as group_interval (Alertmanager then sends every other tick)',
      withRoutes(([first, ...rest]) => [{ ...first, groupInterval: '3m', repeatInterval: '3m' }, ...rest]),
      'heartbeat Watchdog: group_interval 3m and repeat_interval 3m send a heartbeat every 360s; at most 5m, with repeat_interval shorter than group_interval (heartbeatRoute sets both from every)',
    ],
    [
      'an inhibition that can silence it',
      { ...alertmanagerConfig, inhibitRules: alertmanagerConfig.inhibitRules!.map((r) => ({ ...r, targetMatchers: Object.fromEntries(Object.entries(r.targetMatchers).filter(([label]) => label !== 'severity')) })) },
      'heartbeat Watchdog: inhibit rule "service down silences the service\'s other alerts" can silence it (its target {impact!="service-down"} matches {alertname="Watchdog",environment="local",severity="none",service="monitoring",team="observability"}); exclude it, e.g. with severity: not(\'none\') in the target',
    ],
    [
      'resolved messages to the switch',
      { ...alertmanagerConfig, receivers: alertmanagerConfig.receivers.map((r) => (r.name === 'dead-mans-switch' ? { ...r, webhook: r.webhook!.map((w) => ({ ...w, sendResolved: true })) } : r)) },
      'heartbeat receiver dead-mans-switch sends resolved messages: the switch would take one for a heartbeat; set sendResolved: false (heartbeatReceiver() does)',
    ],
    [
      'a Slack channel on the switch receiver',
      { ...alertmanagerConfig, receivers: alertmanagerConfig.receivers.map((r) => (r.name === 'dead-mans-switch' ? { ...r, slack: [{ apiUrlFile: '/etc/alertmanager/secrets/slack-webhook-url', channel: '#alerts' }] } : r)) },
      'heartbeat receiver dead-mans-switch pages or posts too: a heartbeat every minute is for the switch alone; keep only its webhooks',
    ],
    ['a heartbeat alert no pack has', { ...alertmanagerConfig, heartbeat: { alert: 'Watchdogg', receiver: 'dead-mans-switch' } }, 'heartbeat Watchdogg: no rule pack has an alert Watchdogg; deploy rules/monitoring (its Watchdog) or fix the name'],
    ['none without a reason', { ...alertmanagerConfig, heartbeat: { none: ' ' } }, "heartbeat: none needs a reason: say why this environment has no dead man's switch"],
    [
      'none declared while the Watchdog still reaches a real receiver',
      {
        ...alertmanagerConfig,
        heartbeat: { none: 'a demo' },
        route: { ...alertmanagerConfig.route, routes: alertmanagerConfig.route.routes!.slice(1) },
        receivers: alertmanagerConfig.receivers.filter((r) => r.name !== 'dead-mans-switch'),
      },
      'alert Watchdog (severity none) reaches fallback, but this environment declares no heartbeat; route it to a receiver without integrations',
    ],
  ];

  test.each(refused)('refuses %s', (_what, config, message) => {
    expect(alertmanagerProblems(config, alerts)).toContain(message);
  });

  test('another alert routed to the switch is refused: the switch must hear the heartbeat alone', () => {
    const wide = withRoutes(([first, ...rest]) => [{ ...first, matchers: { team: 'observability' } }, ...rest]);
    expect(alertmanagerProblems(wide, alerts)).toContain(
      "heartbeat Watchdog: alert AlertmanagerDown also reaches dead-mans-switch; the switch must hear the heartbeat alone; narrow the heartbeat route's matchers",
    );
  });

  test('synth refuses an environment that declares neither a heartbeat path nor a reason, and writes nothing', () => {
    const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mac-heartbeat-')), 'out');
    let stderr = '';
    const { heartbeat: _dropped, ...withoutHeartbeat } = alertmanagerConfig;
    const code = runSynth(outdir, [{ ...local, alertmanager: withoutHeartbeat }], { stdout: () => undefined, stderr: (t) => (stderr += t) });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^synth failed with 1 problem; nothing was written:\n {2}- .*alertmanager: no heartbeat; nothing outside the stack would notice it stop\..*heartbeat: \{ none: '<why>' \}\n$/);
    expect(fs.existsSync(path.join(outdir, 'stacks', 'local', 'alertmanager'))).toBe(false);
  });
});
