import { FAULTS, faultAction } from '../../demo/faults';
import { firingAlerts, firingTraffic, healthyTraffic } from '../../lib/local';
import { packAlerts } from '../../lib/prometheus';
import { local } from '../../stacks/environments';

const alerts = local.rulePacks.flatMap(packAlerts);
const probeJobs = new Set(local.probes.map((p) => p.job));
const served = (s: { name: string; labels: Record<string, string> }) => s.name !== 'up' && !probeJobs.has(s.labels.job ?? '') && !['prometheus', 'alertmanager', 'blackbox-exporter'].includes(s.labels.job ?? '');
const healthy = healthyTraffic(local.rulePacks, served).plan;
const cases = Object.entries(FAULTS).flatMap(([system, faults]) => Object.entries(faults).map(([fault, action]) => ({ system, fault, action: action! })));

describe('demo faults', () => {
  it('cover every system with at least three faults', () => {
    expect(Object.keys(FAULTS).sort()).toEqual(local.rulePacks.map((p) => p.name ?? p.system.name).filter((n) => n !== 'monitoring').sort());
    for (const faults of Object.values(FAULTS)) expect(Object.keys(faults).length).toBeGreaterThanOrEqual(3);
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
