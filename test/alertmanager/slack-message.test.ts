import * as http from 'http';
import { AddressInfo } from 'net';
import { packAlerts } from '../../lib';
import { RunningAlertmanager, startAlertmanager } from '../../lib/testing';
import { local as environment } from '../../stacks/environments';
import { stackFiles, standInSecret } from '../util/fixtures';

/** What Alertmanager 0.25 posts to a Slack incoming webhook (the parts read here). */
interface SlackPayload {
  channel: string;
  attachments: { title: string; text: string }[];
}

/**
 * The rendered alertmanager.yml in a real Alertmanager whose Slack webhook URL
 * file points at a local HTTP server: the message a person reads, as
 * Alertmanager builds it from the templates (spec 004: formatted messages
 * with runbook links). Only group_wait is shortened, so the test need not
 * wait 30 s; the templates are the deployed ones.
 */
describe('Slack messages from a real Alertmanager', () => {
  const received: SlackPayload[] = [];
  let slack: http.Server;
  let alertmanager: RunningAlertmanager;
  let api: string;

  beforeAll(async () => {
    // Stands in for Slack and PagerDuty: records Slack's messages, answers both.
    slack = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        if (req.url === '/slack') received.push(JSON.parse(body) as SlackPayload);
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => slack.listen(0, '127.0.0.1', resolve));
    const standIn = `http://127.0.0.1:${(slack.address() as AddressInfo).port}`;
    // Only group_wait is shortened (the test need not wait 30 s), and PagerDuty is the stand-in, not the internet.
    const yml = stackFiles()
      .get('alertmanager/alertmanager.yml')!
      .replace(/group_wait: 30s/, 'group_wait: 1s')
      .replace(/^global:\n/m, `global:\n  pagerduty_url: ${standIn}/pagerduty\n`);
    alertmanager = await startAlertmanager(environment.alertmanager, yml, (file) => standInSecret(file, `${standIn}/slack`));
    api = alertmanager.api;
  }, 30_000);

  afterAll(async () => {
    await alertmanager?.stop();
    await new Promise((resolve) => slack?.close(resolve));
  });

  test('a critical ik-engine alert reaches #alerts-critical with its summary, description, runbook and dashboard links', async () => {
    const alert = packAlerts(environment.rulePacks[0]).find((a) => a.name === 'IkEngineReadinessFailing')!;
    expect(alert.labels.severity).toBe('critical');
    const description = 'https://ik-engine.example.com/api/ready has failed its probe for 5m.';
    const response = await fetch(`${api}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ labels: { alertname: alert.name, ...alert.labels, environment: 'local', job: 'ik-engine' }, annotations: { ...alert.annotations, description } }]),
    });
    expect(response.status).toBe(200);
    const deadline = Date.now() + 20_000;
    while (!received.some((p) => p.channel === '#alerts-critical') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const message = received.find((p) => p.channel === '#alerts-critical');
    expect({ message, log: message ? '' : alertmanager.output() }).toEqual({ message: expect.anything(), log: '' });
    expect(message!.attachments[0].title).toBe('[FIRING:1] IkEngineReadinessFailing (ik-engine)');
    expect(message!.attachments[0].text).toBe(
      `*${alert.annotations.summary}*\n${description}\n<${alert.annotations.runbook_url}|Runbook> · <${alert.annotations.dashboard_url}|Dashboard>\n`,
    );
  }, 30_000);
});
