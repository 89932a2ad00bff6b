import {
  AlertRuleProps,
  Dashboard,
  DashboardJson,
  DashboardProps,
  Panel,
  RATE_INTERVAL,
  RulePack,
  System,
  alertLinkProblems,
  alertPanel,
  alertPanelLinks,
  alertRule,
  dashboard,
  dashboardsProblems,
  deployedAlerts,
  gt,
  jsonProblems,
  rate,
  raw,
  renderDashboards,
  row,
  ruleGroup,
  rulePack,
  rulePackProblems,
  sum,
  timeseries,
  withDashboardLinks,
} from '../../lib';

/** A fresh, valid world (one system, one alert, one dashboard plotting it); each case breaks one thing. */
function world() {
  const shop = new System({ name: 'shop', title: 'Shop', team: 'shop-team', selector: { job: 'shop' } });
  const requests = shop.counter({ name: 'http_requests_total', help: 'Requests.', labels: ['status'] });
  const queue = shop.gauge({ name: 'queue_depth', help: 'Jobs waiting.' });
  const traffic = sum(rate(requests, '5m'), { by: ['job'] });
  const alert = (overrides: Partial<AlertRuleProps> = {}) =>
    alertRule({ name: 'ShopTrafficHigh', expr: gt(traffic, 100), for: '5m', severity: 'warning', summary: 'Traffic high', description: '{{ $labels.job }} serves {{ $value | humanize }} req/s.', ...overrides });
  const pack = (extra: Partial<Parameters<typeof rulePack>[0]> = {}): RulePack =>
    rulePack({ system: shop, source: 'test', runbookUrl: 'https://runbooks.example.org/shop.md', groups: [ruleGroup({ name: 'shop.alerts', rules: [alert()] })], ...extra });
  const trafficPanel = (): Panel => alertPanel(alert(), { unit: 'reqps', title: 'Traffic', description: 'Requests per second.' });
  const queuePanel = (overrides: Partial<Panel> = {}): Panel => timeseries({ title: 'Queue', description: 'Jobs waiting.', unit: 'short', queries: [queue], ...overrides });
  const board = (overrides: Partial<DashboardProps> = {}): Dashboard =>
    dashboard({ uid: 'shop-overview', title: 'Shop', description: 'The shop.', source: 'test', systems: [shop], rows: [row('Traffic', [trafficPanel(), queuePanel()])], ...overrides });
  return { shop, requests, queue, alert, pack, trafficPanel, queuePanel, board };
}

const BASE = 'http://grafana.test';

/** Every synth problem of dashboards and packs, as GrafanaFiles reports them. */
function problems(dashboards: Dashboard[], packs: RulePack[], json?: (j: DashboardJson[]) => DashboardJson[]): string[] {
  const linked = withDashboardLinks(packs, alertPanelLinks(dashboards, BASE));
  const rendered = renderDashboards(dashboards, linked);
  return [...dashboardsProblems(dashboards, json ? json(rendered) : rendered, { recorded: new Map(), alerts: deployedAlerts(linked) }), ...alertLinkProblems(linked, dashboards, BASE)];
}

interface Case {
  readonly input: string;
  readonly problems: () => string[];
  /** The one message synth must give: names the dashboard (and panel) and the fix. */
  readonly message: string;
}

const where = 'dashboard shop-overview (test)';
const cases: Case[] = [
  {
    input: 'two dashboards with one uid',
    problems: () => {
      const w = world();
      return problems([w.board(), w.board({ rows: [row('Queue', [w.queuePanel()])] })], [w.pack()]);
    },
    message: 'dashboard shop-overview: the uid is used by two dashboards; uids must be unique',
  },
  {
    input: 'a uid past Grafana\'s 40 characters',
    problems: () => {
      const w = world();
      return problems([w.board({ uid: 'shop-overview-of-everything-the-shop-ever-does' })], [w.pack()]);
    },
    message: 'dashboard shop-overview-of-everything-the-shop-ever-does (test): uid must be 1-40 letters, digits, - or _',
  },
  {
    input: 'a panel on an uncatalogued metric',
    problems: () => {
      const w = world();
      const stray = timeseries({ title: 'Stray', description: 'Not catalogued.', unit: 'short', queries: [raw('sum(orders_pending{job="shop"})', { kind: 'value', labels: [], reason: 'test' })] });
      return problems([w.board({ rows: [row('Traffic', [w.trafficPanel(), stray])] })], [w.pack()]);
    },
    message: `${where}, panel 3 "Stray": reads unknown metric orders_pending; declare it in the catalog of one of the dashboard's systems (shop)`,
  },
  {
    input: 'a panel reading another system\'s series',
    problems: () => {
      const w = world();
      const other = new System({ name: 'billing', title: 'Billing', team: 'b', selector: { job: 'billing' } });
      const invoices = other.gauge({ name: 'invoices_open', help: 'Open invoices.' });
      return problems([w.board({ rows: [row('Traffic', [w.trafficPanel(), w.queuePanel({ queries: [invoices] })])] })], [w.pack()]);
    },
    message: `${where}, panel 3 "Queue": reads unknown metric invoices_open; declare it in the catalog of one of the dashboard's systems (shop)`,
  },
  {
    input: 'a dashboard_url to a dashboard that does not exist',
    problems: () => {
      const w = world();
      return problems([w.board()], [w.pack({ dashboardUrl: `${BASE}/d/shop-main` })]);
    },
    message: `rule pack shop: dashboard_url ${BASE}/d/shop-main names dashboard shop-main, which no dashboard has; fix the uid or add the dashboard`,
  },
  {
    input: 'a dashboard_url to a panel that does not exist',
    problems: () => {
      const w = world();
      return problems([w.board()], [w.pack({ dashboardUrl: `${BASE}/d/shop-overview?viewPanel=42` })]);
    },
    message: `rule pack shop: dashboard_url ${BASE}/d/shop-overview?viewPanel=42 names panel 42, which dashboard shop-overview does not have`,
  },
  {
    input: 'an alert no panel plots',
    problems: () => {
      const w = world();
      return problems([w.board({ rows: [row('Queue', [w.queuePanel()])] })], [w.pack()]);
    },
    message: 'alert ShopTrafficHigh (rule pack shop): no dashboard panel plots it; list it in the alerts of the panel that shows its signal (dashboards/shop/)',
  },
  {
    input: 'a panel that claims an alert but plots something else',
    problems: () => {
      const w = world();
      return problems([w.board({ rows: [row('Queue', [w.queuePanel({ alerts: [w.alert()] })])] })], [w.pack()]);
    },
    message: `${where}, panel 2 "Queue": draws alert ShopTrafficHigh but plots none of its signals (sum by (job) (rate(http_requests_total{job="shop"}[5m]))); add one as a query`,
  },
  {
    input: 'a panel text stating a threshold the environment changed',
    problems: () => {
      const w = world();
      const panel = alertPanel(w.alert(), { unit: 'reqps', title: 'Traffic', description: 'Requests per second; the alert fires above 100.' });
      // The deployed alert, as an override leaves it: threshold 200.
      const deployed = w.pack({ groups: [ruleGroup({ name: 'shop.alerts', rules: [w.alert({ expr: gt(sum(rate(w.requests, '5m'), { by: ['job'] }), 200) })] })] });
      return problems([w.board({ rows: [row('Traffic', [panel, w.queuePanel()])] })], [deployed]);
    },
    message: `${where}, panel 2 "Traffic": its description states the threshold 100 of ShopTrafficHigh, which this environment changes; leave the number to the alert list under it`,
  },
  {
    input: 'a panel text stating a for, in words, that the environment changed',
    problems: () => {
      const w = world();
      const panel = alertPanel(w.alert(), { unit: 'reqps', title: 'Traffic', description: 'Requests per second; the alert fires when it stays high for 5 minutes.' });
      const deployed = w.pack({ groups: [ruleGroup({ name: 'shop.alerts', rules: [w.alert({ for: '15m' })] })] });
      return problems([w.board({ rows: [row('Traffic', [panel, w.queuePanel()])] })], [deployed]);
    },
    message: `${where}, panel 2 "Traffic": its description states the for 5m of ShopTrafficHigh, which this environment changes; leave the number to the alert list under it`,
  },
  {
    input: 'a panel without a unit',
    problems: () => {
      const w = world();
      return problems([w.board({ rows: [row('Traffic', [w.trafficPanel(), w.queuePanel({ unit: '' })])] })], [w.pack()]);
    },
    message: `${where}, panel 3 "Queue": has no unit; set one (s, ms, percentunit, reqps, ops, bytes, short…)`,
  },
  {
    input: 'a unit Grafana does not know',
    problems: () => {
      const w = world();
      return problems([w.board({ rows: [row('Traffic', [w.trafficPanel(), w.queuePanel({ unit: 'jobs' })])] })], [w.pack()]);
    },
    message: `${where}, panel 3 "Queue": unit "jobs" is not one of Grafana's units; use an id from the SDK's units`,
  },
  {
    input: 'a panel without a description',
    problems: () => {
      const w = world();
      return problems([w.board({ rows: [row('Traffic', [w.trafficPanel(), w.queuePanel({ description: ' ' })])] })], [w.pack()]);
    },
    message: `${where}, panel 3 "Queue": has no description; say what it shows`,
  },
  {
    input: 'a rate over a fixed window in a panel of its own',
    problems: () => {
      const w = world();
      const fixed = timeseries({ title: 'Requests', description: 'Per second.', unit: 'reqps', queries: [sum(rate(w.requests, '1m'), { by: ['status'] })] });
      return problems([w.board({ rows: [row('Traffic', [w.trafficPanel(), fixed])] })], [w.pack()]);
    },
    message: `${where}, panel 3 "Requests": rate() over [1m]; use $__rate_interval (RATE_INTERVAL) so the rate has four samples at every zoom`,
  },
  {
    input: 'a rate over a fixed window written as raw PromQL',
    problems: () => {
      const w = world();
      const fixed = timeseries({ title: 'Requests', description: 'Per second.', unit: 'reqps', queries: [raw('sum(rate(http_requests_total{job="shop"}[1m]))', { kind: 'value', labels: [], reason: 'test' })] });
      return problems([w.board({ rows: [row('Traffic', [w.trafficPanel(), fixed])] })], [w.pack()]);
    },
    message: `${where}, panel 3 "Requests": rate() over [1m]; use $__rate_interval (RATE_INTERVAL) so the rate has four samples at every zoom`,
  },
  {
    input: 'an alert linked elsewhere than the panel that plots it',
    problems: () => {
      const w = world();
      const d = w.board();
      // Deployed without withDashboardLinks: the pack's own link stays.
      const packs = [w.pack({ dashboardUrl: `${BASE}/d/shop-overview` })];
      return alertLinkProblems(packs, [d], BASE);
    },
    message: `alert ShopTrafficHigh (rule pack shop): dashboard_url ${BASE}/d/shop-overview is not the panel that plots it, ${BASE}/d/shop-overview?viewPanel=2; deploy the packs through withDashboardLinks()`,
  },
  {
    input: 'a raw counter',
    problems: () => {
      const w = world();
      const counter = timeseries({ title: 'Requests', description: 'Total.', unit: 'short', queries: [raw('sum(http_requests_total{job="shop"})', { kind: 'value', labels: [], reason: 'test' })] });
      return problems([w.board({ rows: [row('Traffic', [w.trafficPanel(), counter])] })], [w.pack()]);
    },
    message: `${where}, panel 3 "Requests": reads the counter http_requests_total raw; wrap it in rate() or increase()`,
  },
  {
    input: 'a panel wider than the grid',
    problems: () => {
      const w = world();
      return problems([w.board({ rows: [row('Traffic', [w.trafficPanel(), w.queuePanel({ width: 30 })])] })], [w.pack()]);
    },
    message: `${where}, panel 3 "Queue": lies outside the 24-column grid ({"x":0,"y":9,"w":30,"h":8}); narrow it`,
  },
  {
    input: 'overlapping panels (JSON placed by hand)',
    problems: () => {
      const w = world();
      return problems([w.board()], [w.pack()], (json) => json.map((j) => ({ ...j, panels: j.panels!.map((p) => (p.id === 3 ? { ...p, gridPos: { x: 4, y: 1, w: 8, h: 8 } } : p)) })));
    },
    message: `${where}: panels 2 "Traffic" and 3 "Queue" overlap; move one`,
  },
  {
    input: 'no datasource variable',
    problems: () => {
      const w = world();
      return problems([w.board()], [w.pack()], (json) => json.map((j) => ({ ...j, templating: { list: j.templating!.list!.filter((v) => v.name !== 'datasource') } })));
    },
    message: `${where}: has no Prometheus datasource variable named "datasource"`,
  },
  {
    input: 'an editable dashboard',
    problems: () => {
      const w = world();
      return problems([w.board()], [w.pack()], (json) => json.map((j) => ({ ...j, editable: true })));
    },
    message: `${where}: is editable; dashboards are code, make it read-only`,
  },
  {
    input: 'a fixed datasource uid on a query',
    problems: () => {
      const w = world();
      return problems([w.board()], [w.pack()], (json) => json.map((j) => ({ ...j, panels: j.panels!.map((p: any) => (p.id === 3 ? { ...p, targets: p.targets.map((t: any) => ({ ...t, datasource: { type: 'prometheus', uid: 'P1809F7CD0C75ACF3' } })) } : p)) })));
    },
    message: `${where}, panel 3 "Queue": query A must use the \${datasource} variable`,
  },
  {
    input: 'an instance variable listing every job',
    problems: () => {
      const w = world();
      return problems([w.board()], [w.pack()], (json) => json.map((j) => ({ ...j, templating: { list: j.templating!.list!.map((v) => (v.name === 'instance' ? { ...v, query: 'label_values(up, instance)' } : v)) } })));
    },
    message: `${where}: variable instance must list the targets of its systems only: label_values(up{job="shop"}, instance)`,
  },
];

describe('bad dashboards fail synth with one clear message', () => {
  test('the valid world has no problem (so each case below fails for its own mistake)', () => {
    const w = world();
    expect(problems([w.board()], [w.pack()])).toEqual([]);
  });

  test.each(cases.map((c) => [c.input, c] as const))('%s', (_input, c) => {
    expect(c.problems()).toEqual([c.message]);
  });

  test('$__rate_interval in a rule is refused: only dashboards know it', () => {
    const w = world();
    const pack = w.pack({ groups: [ruleGroup({ name: 'shop.alerts', rules: [w.alert({ expr: gt(sum(rate(w.requests, RATE_INTERVAL), { by: ['job'] }), 100) })] })] });
    expect(rulePackProblems(pack, { evaluationInterval: '15s' })).toEqual([
      'alert ShopTrafficHigh (group shop.alerts (rule pack shop)): uses a Grafana variable ($__rate_interval), which only dashboards know; give the rule a fixed window such as 5m',
    ]);
  });

  test('jsonProblems sees nothing wrong in a rendered content-free dashboard', () => {
    const w = world();
    const json = renderDashboards([w.board()], [w.pack()]);
    expect(jsonProblems('x', json[0], [w.shop])).toEqual([]);
  });
});
