import { FaultControl } from '../../demo/fault-control';
import { FAULTS, faultAction } from '../../demo/faults';
import { LiveSeries } from '../../demo/live-series';
import { firingAlerts, firingTraffic, healthyTraffic, localizeEnvironment, portsFrom } from '../../lib/local';
import { packAlerts } from '../../lib/prometheus';
import { local } from '../../stacks/environments';

const alerts = local.rulePacks.flatMap(packAlerts);
const probeJobs = new Set(local.probes.map((p) => p.job));
const served = localizeEnvironment(local, { host: '127.0.0.1', ports: portsFrom(30000), dataDir: '/tmp/faults-test' }).demoServes;
const healthy = healthyTraffic(local.rulePacks, served).plan;
const cases = Object.entries(FAULTS).flatMap(([system, faults]) => Object.entries(faults).map(([fault, action]) => ({ system, fault, action: action! })));

describe('demo faults', () => {
  it('cover every system with at least three faults, and the stack itself with stopping Prometheus', () => {
    expect(Object.keys(FAULTS).sort()).toEqual(local.rulePacks.map((p) => p.name ?? p.system.name).sort());
    for (const [system, faults] of Object.entries(FAULTS)) if (system !== 'monitoring') expect(Object.keys(faults).length).toBeGreaterThanOrEqual(3);
    expect(FAULTS.monitoring).toEqual({ 'stop-prometheus': { stopServer: 'Prometheus' } });
  });

  it.each(cases.filter((c) => 'alert' in c.action))('$system $fault fires its alert over the healthy traffic, by the evaluator', ({ action }) => {
    const name = (action as { alert: string }).alert;
    const alert = alerts.find((a) => a.name === name);
    expect(alert?.name).toBe(name);
    const plan = new Map([...healthy, ...firingTraffic(alert!, served).plan]);
    expect(firingAlerts(local.rulePacks, plan)).toContain(name);
  });

  it('name probe jobs and scrape jobs that exist', () => {
    for (const { action } of cases) {
      if ('failProbe' in action) expect(probeJobs.has(action.failProbe)).toBe(true);
      if ('stopJob' in action) expect(local.scrapeConfigs.map((j) => j.jobName)).toContain(action.stopJob);
    }
  });

  it('take a value that must fire the alert, and say which exist', () => {
    const alert = alerts.find((a) => a.name === 'InternetIdHighErrorRate')!;
    const plan = new Map([...healthy, ...firingTraffic(alert, served, 0.2).plan]);
    expect(firingAlerts(local.rulePacks, plan)).toEqual(expect.arrayContaining(['InternetIdHighErrorRate', 'InternetIdCriticalErrorRate']));
    expect(() => firingTraffic(alert, served, 0.01)).toThrow('0.01 does not fire InternetIdHighErrorRate (> 0.05)');
    expect(() => faultAction('shop', 'latency')).toThrow('no system "shop"; the demo\'s systems: ik-engine, canvascast, pose-generator, dubbing, internet-id');
    expect(() => faultAction('canvascast', 'readiness-503')).toThrow('canvascast has no fault "readiness-503"; its faults: error-ratio, latency, queue-depth, job-failures, stop-target');
  });
});

describe('FaultControl', () => {
  let now = 0;
  const live = new LiveSeries(healthy, () => now);
  const demo = { servers: [], probeStatus: new Map<string, number>(), stoppedJobs: new Set<string>() };
  const control = new FaultControl(healthy, live, demo, local.rulePacks, served, (job) => (job === 'ik-engine-probe-readiness' ? ['/api/ready'] : []));
  const queueDepth = () => live.values().find((v) => v.series.name === 'job_queue_depth' && v.series.labels.job === 'canvascast-worker')?.value;

  it('bends the live series, fails probes and stops jobs, then clears all of it, counters never going back', () => {
    const before = queueDepth()!;
    expect(before).toBeLessThan(100);
    now = 60_000;
    const counter = () => live.values().find((v) => v.series.kind === 'counter' && v.series.labels.job === 'canvascast-api')!.value;
    const counted = counter();
    control.inject('canvascast', 'queue-depth');
    expect(queueDepth()).toBeGreaterThan(100);
    control.inject('ik-engine', 'readiness-503');
    control.inject('canvascast', 'stop-target');
    expect([...demo.probeStatus]).toEqual([['ik-engine-probe-readiness/api/ready', 503]]);
    expect([...demo.stoppedJobs]).toEqual(['canvascast-api']);
    expect(control.active.map((f) => `${f.system} ${f.fault}`)).toEqual(['canvascast queue-depth', 'ik-engine readiness-503', 'canvascast stop-target']);
    control.lift('canvascast', 'stop-target');
    expect([...demo.stoppedJobs]).toEqual([]);
    expect(control.active.length).toBe(2);
    control.clear();
    expect(queueDepth()).toBe(before);
    expect(demo.probeStatus.size + demo.stoppedJobs.size).toBe(0);
    expect(counter()).toBeGreaterThanOrEqual(counted);
  });

  it('refuses a value where the fault takes none, and one that does not fire', () => {
    expect(() => control.inject('canvascast', 'stop-target', 3)).toThrow('canvascast stop-target takes no value');
    expect(() => control.inject('canvascast', 'queue-depth', 5)).toThrow('5 does not fire CanvascastQueueBacklog (> 100)');
    expect(control.active).toEqual([]);
  });
});
