import { Notification } from '../../demo/notification-sink';
import { withFastTimings } from '../../lib/local';
import { getJson, isHeartbeat, localStackForSuite, printTable, until } from '../util/local';
import { durationMs } from '../../lib/promql';
import { local } from '../../stacks/environments';

/* eslint-disable @typescript-eslint/no-explicit-any -- Alertmanager's and the integrations' JSON */

/**
 * Fault → page on the real Prometheus, Alertmanager and blackbox exporter:
 * one alert per system, both severities, a probe failure, a target down, a
 * service-down and a critical-over-warning inhibition. Timings come from a
 * typed fast profile (1 s scrapes and evaluations, `for: 5s` on these alerts,
 * group_wait 1 s); thresholds, routes and inhibitions are the deployed ones.
 */
const FOR = '5s';
const expected = [
  { fault: ['ik-engine', 'readiness-503'], alert: 'IkEngineReadinessFailing', reaches: ['pagerduty:ik-engine-critical', 'slack:ik-engine-critical'] },
  { fault: ['canvascast', 'stop-target'], alert: 'CanvascastApiDown', reaches: ['pagerduty:canvascast-critical', 'slack:canvascast-critical'] },
  { fault: ['canvascast', 'queue-depth'], alert: 'CanvascastQueueBacklog', reaches: ['slack:slack-warnings'] },
  { fault: ['pose-generator', 'job-failures'], alert: 'PoseGeneratorHighFailureRate', reaches: ['pagerduty:pose-generator-critical', 'slack:pose-generator-critical'] },
  // (A latency alert would resolve only when the fault's slow requests leave its 5m window.)
  { fault: ['dubbing', 'queue-depth'], alert: 'DubbingQueueDepthHigh', reaches: ['slack:dubbing-warnings', 'email:dubbing-oncall@example.com'] },
  { fault: ['internet-id', 'queue-depth', 600], alert: 'InternetIdCriticalQueueDepth', reaches: ['pagerduty:internet-id-critical', 'slack:internet-id-critical'] },
] as const;
/** Firing in Prometheus, silenced in Alertmanager: by IkEngineReadinessFailing (service down) and InternetIdCriticalQueueDepth (its family's critical). */
const inhibited = [
  // A gauge: it resolves with its source when the faults clear (a 5m error ratio would outlive the
  // readiness failure, and rightly notify once no longer held back).
  { fault: ['ik-engine', 'queue-depth'], alert: 'IkEngineImageBacklog', by: 'IkEngineReadinessFailing' },
  { alert: 'InternetIdHighQueueDepth', by: 'InternetIdCriticalQueueDepth' },
] as const;

/** Email receivers are told of firing only: send_resolved is false by default for email, as in Alertmanager. */
const resolvesTo = (reaches: readonly string[]) => reaches.filter((r) => !r.startsWith('email:'));

const env = withFastTimings(local, { alertsFor: Object.fromEntries([...expected, ...inhibited].map((e) => [e.alert, FOR])) });

/** The alert names and status a notification is about, whatever the integration. */
function about(n: Notification): { alerts: string[]; status: string; receiver: string; key: string } {
  const a = aboutBody(n);
  return { ...a, key: `${n.kind}:${a.receiver}` };
}

function aboutBody(n: Notification): { alerts: string[]; status: string; receiver: string } {
  const body = n.body as any;
  if (n.kind === 'pagerduty') {
    const firing = String(body.payload?.custom_details?.firing ?? '') + String(body.payload?.custom_details?.resolved ?? '');
    return { alerts: [...firing.matchAll(/alertname = (\w+)/g)].map((m) => m[1]), status: body.event_action === 'resolve' ? 'resolved' : 'firing', receiver: n.to };
  }
  if (n.kind === 'email') {
    const subject = String(body.subject ?? '');
    return { alerts: [/\] (\w+) /.exec(subject)?.[1] ?? ''], status: subject.startsWith('[RESOLVED') ? 'resolved' : 'firing', receiver: n.to };
  }
  // Slack: one webhook for every receiver; Alertmanager's title link names the receiver.
  const title = String(body.attachments?.[0]?.title ?? '');
  const receiver = /receiver=([\w-]+)/.exec(String(body.attachments?.[0]?.title_link ?? ''))?.[1] ?? '';
  return { alerts: [/\] (\w+) \(/.exec(title)?.[1] ?? ''], status: title.startsWith('[RESOLVED') ? 'resolved' : 'firing', receiver };
}

describe('fault → page on the real servers', () => {
  const suite = localStackForSuite(env, 21000, 'e2e-');
  /** What reached people: every notification but the heartbeats to the dead man's switch. */
  const incidents = () => suite.stack.notifications.filter((n) => !isHeartbeat(n));
  const latencies: { alert: string; floorS: number; measuredS: number }[] = [];
  afterAll(() =>
    printTable(
      ['alert', 'floor (scrape + evaluation + for + group_wait)', 'fault → notification'],
      latencies.map((l) => [l.alert, `${l.floorS} s`, `${l.measuredS.toFixed(1)} s`]),
    ),
  );

  it('starts quiet: every target up, nothing notified but the heartbeat', async () => {
    await until('every target up', async () => (await getJson(`${suite.stack.urls.Prometheus}/api/v1/targets`)).data.activeTargets as any[], (ts) => ts.length > 20 && ts.every((t) => t.health === 'up'));
    await until('a heartbeat at the dead man\'s switch', async () => suite.stack.notifications.filter(isHeartbeat), (hs) => hs.length > 0, 30_000);
    expect(incidents()).toEqual([]);
  }, 70_000);

  it('pages the criticals, tells the warnings to chat, silences the inhibited, once each; resolves them after clear', async () => {
    const injectedAt = Date.now();
    for (const e of [...expected, inhibited[0]]) await getJson(`${suite.stack.urls['fault control']}`, { method: 'POST', body: JSON.stringify({ system: e.fault[0], fault: e.fault[1], ...(e.fault[2] ? { value: e.fault[2] } : {}) }) });
    expect((await getJson(suite.stack.urls['fault control'])).length).toBe(expected.length + 1);

    // Every expected alert reaches each of its receivers.
    for (const e of expected) {
      const got = await until(`${e.alert} notified to ${e.reaches.join(' and ')}`, () => incidents().filter((n) => about(n).alerts.includes(e.alert)), (ns) => e.reaches.every((r) => ns.some((n) => about(n).key === r)), 90_000);
      const measuredS = (Math.min(...got.map((n) => Date.parse(n.receivedAt))) - injectedAt) / 1000;
      // Nothing can page before the alert has held for its `for`.
      expect(measuredS).toBeGreaterThanOrEqual(durationMs(FOR) / 1000);
      latencies.push({ alert: e.alert, floorS: (1000 + 1000 + durationMs(FOR) + 1000) / 1000, measuredS });
    }
    // The inhibited alerts fire in Prometheus and Alertmanager holds them back.
    const amAlerts = await until(
      'the inhibited alerts held by Alertmanager',
      async () => (await getJson(`${suite.stack.urls.Alertmanager}/api/v2/alerts`)) as any[],
      (as) => inhibited.every((i) => as.some((a) => a.labels.alertname === i.alert && a.status.inhibitedBy.length > 0)),
    );
    for (const i of inhibited) expect(amAlerts.find((a) => a.labels.alertname === i.alert).status.state).toBe('suppressed');
    await new Promise((r) => setTimeout(r, 5_000));

    const firing = incidents().map(about);
    for (const e of expected) {
      const ofAlert = firing.filter((n) => n.alerts.includes(e.alert));
      // Exactly one notification per integration of its receivers; a warning pages no one.
      expect(ofAlert.map((n) => n.key).sort()).toEqual([...e.reaches].sort());
    }
    for (const i of inhibited) expect(firing.filter((n) => n.alerts.includes(i.alert))).toEqual([]);
    // Labels and links reach the page.
    const page = incidents().find((n) => n.kind === 'pagerduty' && n.to === 'canvascast-critical')!.body as any;
    expect(page.payload.custom_details.firing).toContain('severity = critical');
    expect(page.payload.custom_details.firing).toMatch(/runbook_url = https:\/\/\S+\/docs\/runbooks\/canvascast\.md#canvascastapidown/);
    const chat = incidents().find((n) => n.kind === 'slack' && about(n).alerts.includes('CanvascastQueueBacklog'))!.body as any;
    expect(chat.attachments[0].text).toContain('<https://git.example.com/observability/monitoring-as-code/-/blob/main/docs/runbooks/canvascast.md#canvascastqueuebacklog|Runbook>');
    expect(chat.attachments[0].text).toContain('|Dashboard>');

    const before = incidents().length;
    // The held-back alert goes first: cleared together, its source could resolve an evaluation earlier and
    // leave it, still firing, free to notify (as Alertmanager should).
    const held = inhibited[0];
    await getJson(`${suite.stack.urls['fault control']}?system=${held.fault[0]}&fault=${held.fault[1]}`, { method: 'DELETE' });
    await until(`${held.alert} resolved in Alertmanager`, async () => (await getJson(`${suite.stack.urls.Alertmanager}/api/v2/alerts?filter=alertname%3D${held.alert}`)) as any[], (as) => as.length === 0, 60_000);
    await getJson(suite.stack.urls['fault control'], { method: 'DELETE' });
    for (const e of expected) {
      await until(`${e.alert} resolved to ${resolvesTo(e.reaches).join(' and ')}`, () => incidents().slice(before).map(about).filter((n) => n.alerts.includes(e.alert) && n.status === 'resolved'), (ns) => resolvesTo(e.reaches).every((r) => ns.some((n) => n.key === r)), 60_000);
    }
    await new Promise((r) => setTimeout(r, 5_000));
    // Every notification of the run accounted for: one firing and one resolved per receiver of each alert, nothing else.
    const all = incidents().map(about).map((n) => `${n.alerts.join(',')} ${n.status} → ${n.key}`).sort();
    const want = expected.flatMap((e) => [...e.reaches.map((r) => `${e.alert} firing → ${r}`), ...resolvesTo(e.reaches).map((r) => `${e.alert} resolved → ${r}`)]).sort();
    expect(all).toEqual(want);
  }, 240_000);
});
