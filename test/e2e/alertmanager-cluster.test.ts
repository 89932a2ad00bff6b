import { AddressInfo } from 'net';
import { packAlerts } from '../../lib';
import { AlertmanagerClusterMember, clusterOf } from '../../lib/alertmanager';
import { RunningAlertmanager, freePort, startAlertmanager } from '../../lib/testing';
import { alertmanagerNames } from '../../lib/docker';
import { Notification, notificationSink } from '../../demo/notification-sink';
import { production } from '../../stacks/environments';
import { stackFiles, standInSecret } from '../util/fixtures';

/** How long the second instance waits for the first to notify: Alertmanager's 15s, shortened so the test need not wait. */
const PEER_TIMEOUT = '2s';

/**
 * Production's highly available Alertmanager pair as two real Alertmanager
 * processes on 127.0.0.1, clustered the way the containers are (the same
 * flags, the deployed alertmanager.yml; only group_wait and the peer timeout
 * are shortened, and PagerDuty and Slack are a local stand-in). Prometheus
 * sends every alert to both instances: one page comes out. With the instance
 * that paged killed, the other still pages.
 */
describe('the highly available Alertmanager pair on real processes', () => {
  const sink = notificationSink();
  let instances: RunningAlertmanager[] = [];
  const critical = packAlerts(production.rulePacks[0]).find((a) => a.name === 'IkEngineReadinessFailing')!;

  beforeAll(async () => {
    await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
    const standIn = `http://127.0.0.1:${(sink.server.address() as AddressInfo).port}`;
    const yml = stackFiles(production)
      .get('alertmanager/alertmanager.yml')!
      .replace(/group_wait: 30s/, 'group_wait: 1s')
      .replace(/^global:\n/m, `global:\n  pagerduty_url: ${standIn}/pagerduty\n`);
    // The deployment's cluster (each instance lists every other as its peer), on loopback ports.
    const gossip = await Promise.all(alertmanagerNames(2).map(() => freePort()));
    const members: AlertmanagerClusterMember[] = clusterOf(alertmanagerNames(2)).map((member, i) => ({
      ...member,
      listen: `127.0.0.1:${gossip[i]}`,
      peers: gossip.filter((_, j) => j !== i).map((port) => `127.0.0.1:${port}`),
      peerTimeout: PEER_TIMEOUT,
    }));
    expect(members.map((m) => m.peers.length)).toEqual([1, 1]);
    instances = await Promise.all(members.map((member) => startAlertmanager(production.alertmanager, yml, (file) => standInSecret(file, `${standIn}/slack`), member)));
    await until(async () => (await Promise.all(instances.map(peerCount))).every((n) => n === 2), 20_000, 'the two instances never saw each other');
  }, 60_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    sink.server.closeAllConnections();
    await new Promise((resolve) => sink.server.close(resolve));
  });

  const pages = (alertname: string): Notification[] =>
    sink.notifications.filter((n) => {
      const body = n.body as { event_action?: string; payload?: { custom_details?: { firing?: string } } };
      // The firing alert's labels as Alertmanager lists them: the alertname exactly, not as a prefix of another.
      return n.kind === 'pagerduty' && body.event_action === 'trigger' && new RegExp(`alertname = ${alertname}\\n`).test(body.payload?.custom_details?.firing ?? '');
    });

  /** What Prometheus does: the same alert to every Alertmanager it knows. */
  const fire = (alertname: string, to: readonly RunningAlertmanager[]) =>
    Promise.all(
      to.map((instance) =>
        fetch(`${instance.api}/api/v2/alerts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify([{ labels: { ...critical.labels, alertname, environment: 'production', cluster: 'prod-eu-1', job: 'ik-engine' }, annotations: critical.annotations }]),
        }).then((r) => expect(r.status).toBe(200)),
      ),
    );

  test('the same alert sent to both instances pages once, and with the paging instance killed the other pages', async () => {
    expect(critical.labels.severity).toBe('critical');
    await fire('IkEngineReadinessFailing', instances);
    await until(async () => pages('IkEngineReadinessFailing').length > 0, 20_000, 'no page at all');
    // Past the second instance's turn (its peer timeout) and then some: it must have seen the first's notification log.
    await new Promise((r) => setTimeout(r, 3 * 2_000 + 2_000));
    expect(pages('IkEngineReadinessFailing')).toHaveLength(1);
    const sentBy = await Promise.all(instances.map(pagerDutySends));
    expect(sentBy.sort()).toEqual([0, 1]);

    // The instance that paged dies without leaving the cluster; Prometheus' sends to it now fail.
    const paging = instances[sentBy.indexOf(1)];
    const survivor = instances[sentBy.indexOf(0)];
    // Its place in the cluster's order says which path the next page takes: first sends at once, second after its turn.
    const position = await gauge(survivor, 'alertmanager_peer_position');
    paging.process.kill('SIGKILL');
    await new Promise((resolve) => (paging.process.signalCode !== null ? resolve(undefined) : paging.process.once('exit', resolve)));
    const startedAt = Date.now();
    await fire('IkEngineReadinessFailingAgain', [survivor]);
    await until(async () => pages('IkEngineReadinessFailingAgain').length > 0, 30_000, `the surviving instance did not page:\n${survivor.output()}`);
    const delay = (Date.now() - startedAt) / 1000;
    console.log(`survivor (position ${position} before the kill) paged ${delay.toFixed(1)} s after the alert (group_wait 1s, peer timeout ${PEER_TIMEOUT})`);
    // Second in line, it waited its turn for the dead peer (until the cluster drops it) and then paged all the same.
    if (position === 1) expect(delay).toBeGreaterThanOrEqual(2);
    expect(pages('IkEngineReadinessFailingAgain')).toHaveLength(1);
  }, 90_000);
});

/** Members the instance's cluster status lists (itself included). */
async function peerCount(instance: RunningAlertmanager): Promise<number> {
  const status = (await (await fetch(`${instance.api}/api/v2/status`)).json()) as { cluster?: { peers?: unknown[] } };
  return status.cluster?.peers?.length ?? 0;
}

/** How many PagerDuty notifications the instance itself sent (its own counter). */
const pagerDutySends = (instance: RunningAlertmanager) => gauge(instance, 'alertmanager_notifications_total{integration="pagerduty"}');

/** One sample of the instance's own metrics, by its series as exposed. */
async function gauge(instance: RunningAlertmanager, series: string): Promise<number> {
  const metrics = await (await fetch(`${instance.api}/metrics`)).text();
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return Number(line?.split(' ').pop() ?? 0);
}

async function until(condition: () => Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((r) => setTimeout(r, 200));
  }
}
