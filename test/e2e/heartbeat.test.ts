import { Notification } from '../../demo/notification-sink';
import { durationMs } from '../../lib';
import { withFastTimings } from '../../lib/local';
import { local } from '../../stacks/environments';
import { getJson, isHeartbeat, localStackForSuite, printTable, until } from '../util/local';

const EVERY = '2s';
/** withFastTimings: evaluation interval and Prometheus' resend delay. */
const INTERVAL_S = 1;
const env = withFastTimings(local, { alertsFor: {}, heartbeatEvery: EVERY });

const seconds = (n: Notification) => Date.parse(n.receivedAt) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The heartbeat on the real Prometheus and Alertmanager, to the stand-in switch, while Prometheus stops and starts again. */
describe('the heartbeat reaches the dead man\'s switch, and stops with Prometheus', () => {
  const suite = localStackForSuite(env, 22000, 'heartbeat-');
  const heartbeats = () => suite.stack.notifications.filter(isHeartbeat);
  const measured: [string, string, string][] = [];
  afterAll(() => printTable(['heartbeat', 'bound', 'measured'], measured));

  it('arrives every group_interval, firing, with the Watchdog alone', async () => {
    const got = await until('five heartbeats', async () => heartbeats(), (hs) => hs.length >= 5, 40_000);
    const gaps = got.slice(1).map((h, i) => seconds(h) - seconds(got[i]));
    const period = median(gaps);
    measured.push(['period', `every = ${EVERY}`, `${period.toFixed(1)} s (median of ${gaps.length})`]);
    expect(period).toBeGreaterThanOrEqual(durationMs(EVERY) / 1000 - 0.5);
    expect(period).toBeLessThanOrEqual(durationMs(EVERY) / 1000 + 1);
    for (const h of got) {
      const body = h.body as { status: string; alerts: { labels: Record<string, string> }[] };
      expect([body.status, body.alerts.map((a) => a.labels.alertname)]).toEqual(['firing', ['Watchdog']]);
    }
    expect((got[0].body as { alerts: { labels: Record<string, string> }[] }).alerts[0].labels).toMatchObject({ severity: 'none', environment: 'local' });
  }, 60_000);

  it('stops once Alertmanager lets the alert go (4 × the resend delay) after Prometheus stops, with no resolved message; resumes when it starts', async () => {
    await getJson(suite.stack.urls['fault control'], { method: 'POST', body: JSON.stringify({ system: 'monitoring', fault: 'stop-prometheus' }) });
    const stoppedAt = Date.now() / 1000;
    expect(suite.stack.servers.isRunning('Prometheus')).toBe(false);
    // Quiet for three periods: the heartbeats have stopped.
    const bound = 4 * INTERVAL_S + durationMs(EVERY) / 1000;
    await until('the heartbeats to stop', async () => heartbeats(), (hs) => Date.now() / 1000 - seconds(hs[hs.length - 1]) > 3 * (durationMs(EVERY) / 1000), 30_000);
    const tail = seconds(heartbeats()[heartbeats().length - 1]) - stoppedAt;
    measured.push(['last one after Prometheus stopped', `4 × resend delay + group_interval = ${bound} s`, `${tail.toFixed(1)} s`]);
    expect(tail).toBeLessThanOrEqual(bound + 2);
    // A resolved heartbeat would read as one: the receiver never sends them.
    expect(heartbeats().filter((h) => (h.body as { status: string }).status !== 'firing')).toEqual([]);
    const silentCount = heartbeats().length;

    await getJson(suite.stack.urls['fault control'], { method: 'DELETE' });
    const restartedAt = Date.now() / 1000;
    expect(suite.stack.servers.isRunning('Prometheus')).toBe(true);
    const resumed = await until('the heartbeats to resume', async () => heartbeats().slice(silentCount), (hs) => hs.length > 0, 30_000);
    const back = seconds(resumed[0]) - restartedAt;
    measured.push(['first one after Prometheus is ready again', `evaluation + group_wait + group_interval ≈ ${INTERVAL_S + durationMs(EVERY) / 1000} s`, `${back.toFixed(1)} s`]);
    expect(back).toBeLessThanOrEqual(15);
  }, 90_000);
});
