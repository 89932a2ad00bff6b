import { Panel, alertSignals, dashboardFilePath, asPrometheusSees, folderOf, packName, packSystems, parsePromQL, laidOutPanels, packAlerts, panelQueries, renderDashboards } from '../../lib';
import { dashboards } from '../../dashboards';
import { local } from '../../stacks/environments';
import { deployedPacks, panelSteps, querySteps } from '../util/grafana';
import { stackFiles } from '../util/fixtures';

const packs = deployedPacks();
const alerts = packs.flatMap(packAlerts);
const panelsByUrl = new Map<string, Panel>(
  dashboards.flatMap((d) => laidOutPanels(d).map((p) => [`${local.rulePackConfig.grafanaBaseUrl}/d/${d.uid}?viewPanel=${p.id}`, p.panel] as const)),
);

describe('every alert opens the panel that plots it', () => {
  test('there are alerts in every pack', () => {
    expect(packs.every((p) => packAlerts(p).length > 0)).toBe(true);
  });

  test.each(alerts.filter((a) => alertSignals(a.rule.expr).length > 0).map((a) => [a.name, a] as const))('%s', (_name, a) => {
    const url = a.annotations.dashboard_url;
    expect(url).toMatch(/\/d\/[\w-]+\?viewPanel=\d+$/);
    const panel = panelsByUrl.get(url)!;
    expect(panel).toBeDefined();
    const plotted = panelQueries(panel).map((q) => q.expr.promql);
    expect(alertSignals(a.rule.expr).some((s) => plotted.includes(s.expr.promql))).toBe(true);
    expect(panel.alerts!.map((x) => x.name)).toContain(a.name);
  });
});

describe('the heartbeat, which reads no series', () => {
  test('has no signal to plot, and opens its pack dashboard', () => {
    const silentOnes = alerts.filter((a) => alertSignals(a.rule.expr).length === 0);
    expect(silentOnes.map((a) => [a.name, a.rule.expr.promql, a.annotations.dashboard_url])).toEqual([['Watchdog', 'vector(1)', `${local.rulePackConfig.grafanaBaseUrl}/d/monitoring-overview`]]);
    expect(dashboards.map((d) => d.uid)).toContain('monitoring-overview');
  });
});

describe.each(packs.filter((p) => packName(p) !== 'monitoring').map((p) => [packName(p), p] as const))('the dashboards of %s', (name, pack) => {
  const own = dashboards.filter((d) => folderOf(d) === name);
  const jobs: (string | undefined)[] = packSystems(pack).map((s) => s.selector.job);

  test('its alerts open panels of its own dashboards', () => {
    expect(own.length).toBeGreaterThan(0);
    const uids = new Set(own.map((d) => d.uid));
    for (const a of packAlerts(pack)) expect([a.name, uids.has(/\/d\/([\w-]+)\?/.exec(a.annotations.dashboard_url)![1])]).toEqual([a.name, true]);
  });

  test('they read only its own systems\' series: every selector carries one of its jobs', () => {
    for (const d of own) {
      for (const { panel } of laidOutPanels(d)) {
        for (const q of panelQueries(panel)) {
          for (const sel of parsePromQL(asPrometheusSees(q.expr.promql)).selectors) {
            // Prometheus' own ALERTS series is scoped by the pack's service, not by a job.
            const scope = sel.name === 'ALERTS' ? 'service' : 'job';
            const value = sel.matchers.find((m) => m.label === scope && m.op === '=')?.value;
            expect([d.uid, panel.title, sel.name, sel.name === 'ALERTS' ? value === name : jobs.includes(value)]).toEqual([d.uid, panel.title, sel.name, true]);
          }
        }
      }
    }
  });
});

describe('a threshold changed by an environment moves the panel\'s line', () => {
  test.each(
    alerts
      .filter((a) => a.rule.expr.comparison && a.rule.expr.comparison.threshold > 0)
      // One alert per pack is enough to show the path; the model tests cover the colours.
      .filter((a, i, all) => all.findIndex((b) => b.labels.service === a.labels.service) === i)
      .map((a) => [a.name, a] as const),
  )('%s', (name, a) => {
    // Halved: moved past another alert's threshold of the same colour, a step would rightly merge away.
    const moved = a.rule.expr.comparison!.threshold / 2;
    const overridden = deployedPacks({ ...local, alertOverrides: { [name]: { threshold: moved } } });
    const [uid, id] = /\/d\/([\w-]+)\?viewPanel=(\d+)$/.exec(a.annotations.dashboard_url)!.slice(1);
    const d = dashboards.find((x) => x.uid === uid)!;
    // The panel's own steps, and each query's where it plots several signals.
    const steps = (json: ReturnType<typeof renderDashboards>[number]) => {
      const panel = (json.panels ?? []).find((p) => p.id === Number(id)) as Record<string, any>;
      return [panelSteps(panel), ...Object.values(querySteps(panel))].flat().map((s) => s.value);
    };
    expect(steps(renderDashboards([d], packs)[0])).toContain(a.rule.expr.comparison!.threshold);
    expect(steps(renderDashboards([d], overridden)[0])).toContain(moved);
    expect(steps(renderDashboards([d], overridden)[0])).not.toContain(a.rule.expr.comparison!.threshold);
  });
});

describe('dashboard JSON snapshots (what Grafana loads: the files synth writes)', () => {
  const files = stackFiles();
  test.each(dashboards.map((d) => [d.uid, `grafana/${dashboardFilePath(d)}`] as const))('%s', (_uid, file) => {
    expect(files.get(file)).toMatchSnapshot();
  });
});
