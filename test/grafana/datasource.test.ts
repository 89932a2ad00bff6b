import { dashboards } from '../../dashboards';
import { App, Testing } from 'cdktf';
import { DATASOURCE_VARIABLE, deployedAlerts, environmentDatasource, renderDashboard, renderDashboards, withDatasource } from '../../lib/grafana';
import { environments, local } from '../../stacks/environments';
import { MonitoringStack } from '../../stacks/monitoring-stack';

describe('a dashboard opening on another datasource', () => {
  const alerts = deployedAlerts(local.rulePacks);
  const datasources = [environmentDatasource('production-k8s'), { name: 'Prometheus', uid: 'prometheus' }];

  test.each(dashboards.map((d) => [d.uid, d] as const))('%s re-pointed is, byte for byte, the dashboard rendered for it', (_uid, d) => {
    const base = renderDashboard(d, { alerts });
    for (const datasource of datasources) {
      expect(JSON.stringify(withDatasource(base, datasource), null, 2)).toBe(JSON.stringify(renderDashboard(d, { alerts, datasource }), null, 2));
    }
  });

  test('the renderings the stacks share are, for every environment and datasource, what rendering afresh gives', () => {
    for (const e of environments) {
      const deployed = deployedAlerts(new MonitoringStack(new App({ outdir: Testing.app().outdir }), e).prometheus.rulePacks);
      for (const datasource of [undefined, environmentDatasource(e.name)]) {
        const shared = renderDashboards(e.dashboards, new MonitoringStack(new App({ outdir: Testing.app().outdir }), e).prometheus.rulePacks, datasource);
        e.dashboards.forEach((d, i) => expect(JSON.stringify(shared[i])).toBe(JSON.stringify(renderDashboard(d, { alerts: deployed, ...(datasource ? { datasource } : {}) }))));
      }
    }
  });

  test('only the datasource variable changes, and the rendering it came from is left as it was', () => {
    const base = renderDashboard(dashboards[0], { alerts });
    const before = JSON.stringify(base);
    const moved = withDatasource(base, datasources[0]);
    expect(JSON.stringify(base)).toBe(before);
    const variable = moved.templating!.list!.find((v) => v.name === DATASOURCE_VARIABLE)!;
    expect(variable.current).toEqual({ text: 'Prometheus (production-k8s)', value: 'prometheus-production-k8s' });
    expect(moved.panels).toBe(base.panels);
  });
});
