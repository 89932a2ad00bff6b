import { AlertRule, RulePack, packAlerts, packName } from '../prometheus';
import { alertSignals } from './signals';
import { Dashboard } from './dashboard';
import { laidOutPanels } from './layout';

/** `<grafana>/d/<uid>?viewPanel=<id>`: the panel alone, full screen. */
export function panelUrl(grafanaBaseUrl: string, uid: string, panelId: number): string {
  return `${grafanaBaseUrl.replace(/\/+$/, '')}/d/${uid}?viewPanel=${panelId}`;
}

/**
 * Each alert's `dashboard_url`: the first panel, in dashboard order, that
 * declares it in its `alerts` (and so plots its signal), by alert name.
 */
export function alertPanelLinks(dashboards: readonly Dashboard[], grafanaBaseUrl: string): Map<string, string> {
  const links = new Map<string, string>();
  for (const d of dashboards) {
    for (const { id, panel } of laidOutPanels(d)) {
      for (const alert of panel.alerts ?? []) if (!links.has(alert.name)) links.set(alert.name, panelUrl(grafanaBaseUrl, d.uid, id));
    }
  }
  return links;
}

/** The packs with every alert linked to its panel (packs are plain data: nothing is changed in place). */
export function withDashboardLinks(packs: readonly RulePack[], links: ReadonlyMap<string, string>): RulePack[] {
  const link = (rule: AlertRule): AlertRule => (links.has(rule.name) ? { ...rule, dashboardUrl: links.get(rule.name) } : rule);
  return packs.map((pack) => ({ ...pack, groups: pack.groups.map((g) => ({ ...g, rules: g.rules.map((r) => (r.type === 'alert' ? link(r) : r)) })) }));
}

/**
 * Every deployed alert links to a panel that exists, and every `dashboard_url`
 * into this Grafana names a dashboard and panel that exist.
 */
export function alertLinkProblems(packs: readonly RulePack[], dashboards: readonly Dashboard[], grafanaBaseUrl: string): string[] {
  const base = `${grafanaBaseUrl.replace(/\/+$/, '')}/d/`;
  const panels = new Map(dashboards.map((d) => [d.uid, new Set(laidOutPanels(d).map((p) => p.id))]));
  const linked = alertPanelLinks(dashboards, grafanaBaseUrl);
  const problems: string[] = [];
  const checkUrl = (where: string, url: string | undefined) => {
    if (!url?.startsWith(base)) return;
    const [uid, query = ''] = url.slice(base.length).split('?');
    const panel = /(?:^|&)viewPanel=(\d+)/.exec(query)?.[1];
    if (!panels.has(uid)) problems.push(`${where}: dashboard_url ${url} names dashboard ${uid}, which no dashboard has; fix the uid or add the dashboard`);
    else if (panel !== undefined && !panels.get(uid)!.has(Number(panel))) problems.push(`${where}: dashboard_url ${url} names panel ${panel}, which dashboard ${uid} does not have`);
  };
  for (const pack of packs) {
    checkUrl(`rule pack ${packName(pack)}`, pack.dashboardUrl);
    for (const alert of packAlerts(pack)) {
      const where = `alert ${alert.name} (rule pack ${packName(pack)})`;
      const panel = linked.get(alert.name);
      if (panel && alert.annotations.dashboard_url !== panel) problems.push(`${where}: dashboard_url ${alert.annotations.dashboard_url ?? '(none)'} is not the panel that plots it, ${panel}; deploy the packs through withDashboardLinks()`);
      else if (panel) checkUrl(where, alert.annotations.dashboard_url);
      // The heartbeat reads nothing: there is no signal to plot, and its link is the pack's dashboard.
      else if (alertSignals(alert.rule.expr).length === 0) checkUrl(where, alert.annotations.dashboard_url);
      else problems.push(`${where}: no dashboard panel plots it; list it in the alerts of the panel that shows its signal (dashboards/${packName(pack)}/)`);
    }
  }
  return problems;
}
