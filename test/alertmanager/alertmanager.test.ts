import { AlertmanagerConfig, resolveRoutes, routedAlerts } from '../../lib';
import { runTool, writeTempFiles } from '../../lib/testing';
import { local } from '../../stacks/environments';
import { stackFiles } from '../util/fixtures';

const files = stackFiles();
const yml = files.get('alertmanager/alertmanager.yml')!;
const dir = writeTempFiles(new Map([['alertmanager.yml', yml]]));
const config: AlertmanagerConfig = local.alertmanager;
const alerts = routedAlerts(local.rulePacks, local.externalLabels);
const amtool = (args: string[]) => runTool('amtool', args, dir);

describe('alertmanager.yml', () => {
  test('rendered file (what a reviewer reads)', () => {
    expect(yml).toMatchSnapshot();
  });

  test('amtool check-config accepts it', () => {
    const result = amtool(['check-config', 'alertmanager.yml']);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  test('holds no secret: every key, URL and password is a *_file path', () => {
    expect(yml).not.toMatch(/hooks\.slack\.com|routing_key:|service_key:|api_url:|auth_password:|password:/);
    const fileSettings = [...yml.matchAll(/(\w+_file): (\S+)/g)].map(([, key, path]) => ({ key, path }));
    expect(fileSettings.map((f) => f.key).sort()).toEqual(expect.arrayContaining(['api_url_file', 'routing_key_file', 'smtp_auth_password_file']));
    for (const f of fileSettings) expect(f.path).toMatch(/^\/etc\/alertmanager\/secrets\//);
  });
});

describe('routing of every alert of every rule pack (real amtool)', () => {
  test('covers all alerts of the five systems and of the monitoring stack itself', () => {
    expect(new Set(alerts.map((a) => a.labels.service))).toEqual(new Set(['ik-engine', 'canvascast', 'pose-generator', 'dubbing', 'internet-id', 'monitoring']));
    expect(alerts.length).toBeGreaterThanOrEqual(60);
  });

  test.each(alerts.map((a) => [a.name, a] as const))('%s', (_name, alert) => {
    const expected = resolveRoutes(config.route, alert.labels).map((r) => r.receiver);
    const labels = Object.entries(alert.labels).map(([k, v]) => `${k}=${v}`);
    const result = amtool(['config', 'routes', 'test', '--config.file=alertmanager.yml', `--verify.receivers=${expected.join(',')}`, ...labels]);
    expect({ output: result.output.replace(/Warning: .*\n/, '').trim(), status: result.status }).toEqual({ output: expected.join(','), status: 0 });
  });

  test('readable routing table: each alert and the receivers it reaches', () => {
    expect(files.get('alertmanager/routing.md')).toMatchSnapshot();
  });
});

describe('what the routes mean', () => {
  const receiversOf = (labels: Record<string, string>) => resolveRoutes(config.route, { environment: 'local', ...labels }).map((r) => r.receiver);
  const receiver = (name: string) => config.receivers.find((r) => r.name === name)!;

  // Invariants over every real alert: they hold whatever the tree looks like, so a wrong route cannot hide in the snapshot.
  test('every critical alert of every pack pages someone through PagerDuty and posts to #alerts-critical', () => {
    const critical = alerts.filter((a) => a.labels.severity === 'critical');
    expect(critical.length).toBeGreaterThan(20);
    for (const alert of critical) {
      const reached = receiversOf(alert.labels).map(receiver);
      expect({ alert: alert.name, pages: reached.some((r) => r.pagerduty?.length), slack: reached.flatMap((r) => r.slack ?? []).map((x) => x.channel) }).toEqual({
        alert: alert.name,
        pages: true,
        slack: ['#alerts-critical'],
      });
    }
  });

  test('every warning reaches #alerts-warnings, and no alert is left to the fallback receiver', () => {
    for (const alert of alerts) {
      const reached = receiversOf(alert.labels);
      expect({ alert: alert.name, reached }).toEqual({ alert: alert.name, reached: expect.not.arrayContaining([config.route.receiver]) });
      if (alert.labels.severity === 'warning') expect({ alert: alert.name, channels: reached.map(receiver).flatMap((r) => r.slack ?? []).map((x) => x.channel) }).toEqual({ alert: alert.name, channels: ['#alerts-warnings'] });
    }
  });

  test('internet-id routes by component first: database, api, ipfs, blockchain (spec 004)', () => {
    for (const component of ['database', 'api', 'ipfs', 'blockchain']) {
      const own = alerts.filter((a) => a.labels.service === 'internet-id' && a.labels.component === component);
      expect(own.length).toBeGreaterThan(0);
      for (const alert of own) expect(resolveRoutes(config.route, alert.labels)[0].path).toContain(`{service="internet-id"} > {component="${component}"} > `);
    }
  });

  test('critical pages the owning team (PagerDuty) and posts to #alerts-critical', () => {
    for (const team of ['ik-engine', 'canvascast', 'pose-generator', 'dubbing', 'internet-id']) {
      const [name] = receiversOf({ severity: 'critical', service: team, team });
      expect(name).toBe(`${team}-critical`);
      expect(receiver(name).pagerduty?.[0].routingKeyFile).toBe(`/etc/alertmanager/secrets/pagerduty-${team}-routing-key`);
      expect(receiver(name).slack?.map((s) => s.channel)).toEqual(['#alerts-critical']);
    }
  });

  test('internet-id database criticals use the database routing key (spec 004)', () => {
    expect(receiversOf({ severity: 'critical', service: 'internet-id', team: 'internet-id', component: 'database' })).toEqual(['internet-id-database-critical']);
    expect(receiversOf({ severity: 'critical', service: 'internet-id', team: 'internet-id', component: 'ipfs' })).toEqual(['internet-id-critical']);
  });

  test('warnings go to #alerts-warnings; dubbing warnings also to email (spec 003)', () => {
    expect(receiversOf({ severity: 'warning', service: 'canvascast', team: 'canvascast' })).toEqual(['slack-warnings']);
    expect(receiversOf({ severity: 'warning', service: 'dubbing', team: 'dubbing' })).toEqual(['dubbing-warnings']);
    expect(receiver('dubbing-warnings').email?.length).toBe(1);
  });

  test('info goes to email, in business hours', () => {
    const routes = resolveRoutes(config.route, { severity: 'info', service: 'internet-id', team: 'internet-id' });
    expect(routes.map((r) => r.receiver)).toEqual(['email-info']);
    expect(receiver('email-info').email?.map((e) => e.to)).toEqual(['ops@example.com']);
  });

  test('an alert no route claims lands in the fallback channel', () => {
    expect(receiversOf({ severity: 'warning', service: 'unknown', team: 'unknown' })).toEqual(['fallback']);
  });
});
