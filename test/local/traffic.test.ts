import { firingAlerts, healthyTraffic, localizeEnvironment, portsFrom, withCatalogDefaults } from '../../lib/local';
import { selectorsOf } from '../../lib/testing/generate';
import { packAlerts } from '../../lib/prometheus';
import { local, production } from '../../stacks/environments';

const run = localizeEnvironment(local, { host: '127.0.0.1', ports: portsFrom(30000), dataDir: '/tmp/local-test' });
const probeJobs = new Set(local.probes.map((p) => p.job));
const servers = new Set(Object.keys(run.serverJobs));

describe('the demo traffic', () => {
  const traffic = healthyTraffic(local.rulePacks, run.demoServes);
  const served = withCatalogDefaults(traffic.plan, run.targets.filter((t) => t.metricsPath));

  it('keeps every alert of every pack quiet, by the generator\'s evaluator', () => {
    expect(firingAlerts(local.rulePacks, served)).toEqual(['Watchdog']);
  });

  it('serves every raw series an alert reads (through its recording rules too), from the job the alert selects', () => {
    const servedNames = new Set([...served.values()].map((s) => `${s.labels.job}/${s.name}`));
    const missing: string[] = [];
    let checked = 0;
    for (const alert of local.rulePacks.flatMap(packAlerts)) {
      for (const selector of selectorsOf(alert.rule.expr).filter((s) => !s.recorded)) {
        const job = selector.matchers.find((m) => m.label === 'job' && m.op === '=')?.value ?? '';
        if (selector.name === 'up' || probeJobs.has(job) || servers.has(job)) continue;
        checked++;
        if (!servedNames.has(`${job}/${selector.name}`)) missing.push(`${alert.name}: ${selector.name}{job="${job}"}`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });

  it('gives every demo scrape target its job\'s catalog, and every probed URL a demo port', () => {
    const scraped = run.targets.filter((t) => t.metricsPath);
    expect(scraped.map((t) => t.job).sort()).toEqual(local.scrapeConfigs.filter((j) => !probeJobs.has(j.jobName) && !servers.has(j.jobName)).map((j) => j.jobName).sort());
    for (const t of scraped) expect(t.systems.length).toBeGreaterThan(0);
    const probed = run.targets.filter((t) => !t.metricsPath);
    expect(probed.map((t) => t.job).sort()).toEqual([...probeJobs].sort());
  });

  it('changes only addresses: the same rule packs, the same routes and modules, secrets under the data directory', () => {
    expect(run.environment.rulePacks).toBe(local.rulePacks);
    expect(run.environment.probes).toBe(local.probes);
    expect(run.environment.alertmanager.route).toEqual(local.alertmanager.route);
    expect(run.environment.alertmanagers).toEqual(['127.0.0.1:30001']);
    for (const file of run.secrets.keys()) expect(file.startsWith('/tmp/local-test/secrets/')).toBe(true);
    expect([...run.secrets.values()].every((v) => v === 'local-stand-in' || v.startsWith('http://127.0.0.1:30004/slack/'))).toBe(true);
    for (const r of run.environment.alertmanager.receivers) for (const p of r.pagerduty ?? []) expect(p.url).toBe(`http://127.0.0.1:30004/pagerduty/${r.name}`);
  });

  it('run locally, a deployed environment keeps nothing that points off this machine: its targets, long-term storage, Docker host and exporters', () => {
    const prod = localizeEnvironment(production, { host: '127.0.0.1', ports: portsFrom(30000), dataDir: '/tmp/local-test' }).environment;
    expect([prod.targets, prod.remoteWrite, prod.docker]).toEqual([undefined, undefined, undefined]);
    expect(prod.scrapeConfigs.flatMap((j) => j.targets).filter((t) => !t.includes('127.0.0.1'))).toEqual([]);
  });
});
