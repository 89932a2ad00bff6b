import {
  RATE_INTERVAL,
  System,
  alertPanel,
  alertRule,
  alertSignals,
  and,
  barChart,
  dashboard,
  dashboardsProblems,
  eq,
  gt,
  latencyHeatmap,
  layOut,
  lt,
  rate,
  rateRatio,
  recordedSeries,
  recordingRule,
  renderDashboard,
  renderDashboards,
  row,
  ruleGroup,
  rulePack,
  stat,
  sum,
  table,
  thresholdStepsOf,
  timeseries,
  withInstanceMatcher,
  justAbove,
} from '../../lib';

const shop = new System({ name: 'shop', title: 'Shop', team: 't', selector: { job: 'shop' } });
const requests = shop.counter({ name: 'http_requests_total', help: 'Requests.', labels: ['status'] });
const up = shop.up;
const errorRatio = recordingRule({ record: 'job:http_errors:ratio_rate5m', expr: rateRatio(requests.where({ status: '500' }), requests, '5m', { by: ['job'] }) });
const alert = (name: string, severity: 'warning' | 'critical', expr: ReturnType<typeof gt>) => alertRule({ name, expr, severity, summary: name, description: name });

describe('thresholds from alerts', () => {
  test('a warning and a critical above: green, orange from just above the warning, red from just above the critical', () => {
    expect(thresholdStepsOf([alert('A', 'warning', gt(errorRatio.series, 0.05)), alert('B', 'critical', gt(errorRatio.series, 0.1))])).toEqual([
      { value: null, color: 'green' },
      { value: justAbove(0.05), color: 'orange' },
      { value: justAbove(0.1), color: 'red' },
    ]);
  });

  test('`> 0` leaves the normal 0 green: Grafana colours from a step up, so the step sits just above 0', () => {
    const steps = thresholdStepsOf([alert('Any', 'critical', gt(errorRatio.series, 0))]);
    expect(steps).toEqual([
      { value: null, color: 'green' },
      { value: justAbove(0), color: 'red' },
    ]);
    expect(justAbove(0)).toBeGreaterThan(0);
    expect(justAbove(0)).toBeLessThan(1e-6);
  });

  test('an alert below a threshold colours the band under it', () => {
    expect(thresholdStepsOf([alert('Low', 'critical', lt(errorRatio.series, 0.9))])).toEqual([
      { value: null, color: 'red' },
      { value: 0.9, color: 'green' },
    ]);
  });

  test('`== 0` colours the point 0 only: up = 1 stays green', () => {
    const steps = thresholdStepsOf([alert('Down', 'critical', eq(up, 0))]);
    expect(steps[0]).toEqual({ value: null, color: 'green' });
    expect(steps[1]).toEqual({ value: 0, color: 'red' });
    expect(steps[2].color).toBe('green');
    expect(steps[2].value).toBe(justAbove(0));
  });

  test('no comparison, no threshold: one green step', () => {
    expect(thresholdStepsOf([])).toEqual([{ value: null, color: 'green' }]);
  });
});

describe('signals', () => {
  test('both sides of an `and`, each with its threshold', () => {
    const traffic = sum(rate(requests, '5m'), { by: ['job'] });
    const signals = alertSignals(and(gt(errorRatio.series, 0.05), gt(traffic, 1)));
    expect(signals.map((s) => [s.expr.promql, s.operator, s.threshold])).toEqual([
      ['job:http_errors:ratio_rate5m{job="shop"}', '>', 0.05],
      ['sum by (job) (rate(http_requests_total{job="shop"}[5m]))', '>', 1],
    ]);
  });

  test('alertPanel plots exactly the signals and claims the alerts', () => {
    const warning = alert('A', 'warning', gt(errorRatio.series, 0.05));
    const critical = alert('B', 'critical', gt(errorRatio.series, 0.1));
    const panel = alertPanel(warning, { unit: 'percentunit', with: [critical] });
    expect(panel.queries.map((q) => ('expr' in q ? q.expr.promql : q.promql))).toEqual(['job:http_errors:ratio_rate5m{job="shop"}']);
    expect(panel.alerts!.map((a) => a.name)).toEqual(['A', 'B']);
  });
});

describe('queries', () => {
  test('scraped series get the instance matcher; recorded series, which may have aggregated it away, do not', () => {
    expect(withInstanceMatcher('sum(rate(http_requests_total{job="shop"}[$__rate_interval])) / job:http_errors:ratio_rate5m{job="shop"}'.replace('$__rate_interval', '5m'))).toBe(
      'sum(rate(http_requests_total{job="shop",instance=~"$instance"}[5m])) / job:http_errors:ratio_rate5m{job="shop"}',
    );
  });

  test('$__rate_interval stays as written: in a range, a subquery and an offset, with selectors after it', () => {
    const promql = 'rate(a_total{job="shop"}[$__rate_interval]) / max_over_time(rate(b_total{}[5m])[$__rate_interval:1m]) > c{job="shop"} offset $__rate_interval + d{job="shop"}';
    expect(withInstanceMatcher(promql)).toBe(
      'rate(a_total{job="shop",instance=~"$instance"}[$__rate_interval]) / max_over_time(rate(b_total{instance=~"$instance"}[5m])[$__rate_interval:1m]) > c{job="shop",instance=~"$instance"} offset $__rate_interval + d{job="shop",instance=~"$instance"}',
    );
  });
});

describe('layout and rendering', () => {
  const d = dashboard({
    uid: 'shop',
    title: 'Shop',
    description: 'Shop.',
    source: 'test',
    systems: [shop],
    headline: [stat({ title: 'Up', description: 'Targets up.', unit: 'short', queries: [sum(up, { by: ['job'] })], width: 6 })],
    rows: [
      row('Errors', [
        timeseries({ title: 'Errors', description: 'Share.', unit: 'percentunit', queries: [errorRatio.series], width: 16 }),
        timeseries({ title: 'Requests', description: 'Per second.', unit: 'reqps', queries: [sum(rate(requests, RATE_INTERVAL), { by: ['status'] })], width: 16 }),
      ]),
    ],
  });

  test('panels flow left to right, wrap at 24 columns, ids in order', () => {
    expect(layOut(d).map((i) => [i.type, i.id, i.gridPos])).toEqual([
      ['panel', 1, { x: 0, y: 0, w: 6, h: 8 }],
      ['row', 2, { x: 0, y: 8, w: 24, h: 1 }],
      ['panel', 3, { x: 0, y: 9, w: 16, h: 8 }],
      ['panel', 4, { x: 0, y: 17, w: 16, h: 8 }],
    ]);
  });

  test('the JSON: read-only, the datasource variable everywhere, an instance variable for the system\'s own targets', () => {
    const json = renderDashboard(d, { alerts: new Map() }) as any;
    expect(json.editable).toBe(false);
    expect(json.templating.list.map((v: any) => [v.name, v.type, v.query])).toEqual([
      ['datasource', 'datasource', 'prometheus'],
      ['instance', 'query', 'label_values(up{job="shop"}, instance)'],
    ]);
    const panels = json.panels.filter((p: any) => p.type !== 'row');
    expect(panels.map((p: any) => [p.datasource.uid, ...p.targets.map((t: any) => t.datasource.uid)])).toEqual([
      ['${datasource}', '${datasource}'],
      ['${datasource}', '${datasource}'],
      ['${datasource}', '${datasource}'],
    ]);
    expect(panels[2].targets[0].expr).toBe('sum by (status) (rate(http_requests_total{job="shop",instance=~"$instance"}[$__rate_interval]))');
    expect(panels[0].targets[0].instant).toBe(true);
  });

  test('a panel drawing an alert takes its thresholds as deployed and says so in its description', () => {
    const deployed = alert('ShopErrors', 'warning', gt(errorRatio.series, 0.02));
    const declared = alert('ShopErrors', 'warning', gt(errorRatio.series, 0.05));
    const withAlert = dashboard({ ...d, headline: [], rows: [row('Errors', [alertPanel(declared, { unit: 'percentunit', title: 'Errors', description: 'Share of 5xx.' })])] });
    const panel = (renderDashboard(withAlert, { alerts: new Map([['ShopErrors', deployed]]) }) as any).panels[1];
    expect(panel.fieldConfig.defaults.thresholds.steps).toEqual([
      { value: null, color: 'green' },
      { value: justAbove(0.02), color: 'orange' },
    ]);
    expect(panel.description).toBe('Share of 5xx.\n\nAlerts on this panel:\n- ShopErrors (warning): A > 0.02');
    expect(panel.fieldConfig.custom?.thresholdsStyle ?? panel.fieldConfig.defaults.custom.thresholdsStyle).toEqual({ mode: 'dashed' });
  });
});

describe('a bar chart', () => {
  test('takes its bars from the label the query groups by, not from the Time column a table query starts with', () => {
    const d = dashboard({ uid: 'shop', title: 'Shop', description: 'Shop.', source: 'test', systems: [shop], rows: [row('r', [barChart({ title: 'By status', description: 'd.', unit: 'short', queries: [sum(rate(requests, RATE_INTERVAL), { by: ['job', 'status'] })] })])] });
    const panel = (renderDashboard(d, { alerts: new Map() }) as any).panels[1];
    expect(panel.options.xField).toBe('status');
    expect(panel.targets[0]).toMatchObject({ format: 'table', instant: true });
  });
});

describe('a latency heatmap', () => {
  test('reads bucket rates by le as Prometheus gives them: the bounds\' unit on the y axis, cells per second', () => {
    const latency = shop.histogram({ name: 'request_seconds', help: 'Latency.', unit: 'seconds', buckets: [0.1, 1] });
    const d = dashboard({ uid: 'shop', title: 'Shop', description: 'Shop.', source: 'test', systems: [shop], rows: [row('r', [latencyHeatmap(latency, { title: 'Latency', description: 'd.', unit: 's' })])] });
    const panel = (renderDashboard(d, { alerts: new Map() }) as any).panels[1];
    expect(panel.targets[0]).toMatchObject({ expr: 'sum by (le) (rate(request_seconds_bucket{job="shop",instance=~"$instance"}[$__rate_interval]))', format: 'heatmap', legendFormat: '{{le}}' });
    expect(panel.options).toMatchObject({ calculate: false, yAxis: { unit: 's' }, cellValues: { unit: 'reqps' } });
  });
});

describe('a table', () => {
  test('leaves out the Time column every row of an instant query shares', () => {
    const d = dashboard({ uid: 'shop', title: 'Shop', description: 'Shop.', source: 'test', systems: [shop], rows: [row('r', [table({ title: 'By status', description: 'd.', unit: 'short', queries: [sum(rate(requests, RATE_INTERVAL), { by: ['status'] })] })])] });
    const panel = (renderDashboard(d, { alerts: new Map() }) as any).panels[1];
    expect(panel.transformations).toEqual([{ id: 'organize', options: { excludeByName: { Time: true } } }]);
  });
});

describe('a panel plotting both sides of an `and`', () => {
  const traffic = sum(rate(requests, '5m'), { by: ['job'] });
  const spike = alertRule({ name: 'Spike', expr: and(gt(errorRatio.series, 0.05), gt(traffic, 10)), for: '5m', severity: 'warning', summary: 's', description: 'd' });
  const render = (kind: 'timeseries' | 'stat') => {
    const d = dashboard({ uid: 'shop', title: 'Shop', description: 'Shop.', source: 'test', systems: [shop], rows: [row('r', [alertPanel(spike, { kind, unit: 'short', description: 'Both sides.', legend: ['errors', 'traffic'] })])] });
    return (renderDashboard(d, { alerts: new Map([['Spike', spike]]) }) as any).panels[1];
  };

  test('a stat colours each value by its own comparison, not by the other side\'s', () => {
    const steps = (o: any) => o.properties[0].value.steps;
    expect(render('stat').fieldConfig.overrides.map((o: any) => [o.matcher, steps(o)])).toEqual([
      [{ id: 'byFrameRefID', options: 'A' }, [{ value: null, color: 'green' }, { value: justAbove(0.05), color: 'orange' }]],
      [{ id: 'byFrameRefID', options: 'B' }, [{ value: null, color: 'green' }, { value: justAbove(10), color: 'orange' }]],
    ]);
  });

  test('a time series keeps every line on the panel (Grafana draws one set of threshold lines per scale)', () => {
    const panel = render('timeseries');
    expect(panel.fieldConfig.overrides).toEqual([]);
    expect(panel.fieldConfig.defaults.thresholds.steps.map((s: { value: number | null }) => s.value)).toEqual([null, justAbove(0.05), justAbove(10)]);
  });

  test('states the condition as it is, naming the queries by their legends', () => {
    expect(render('timeseries').description).toBe('Both sides.\n\nAlerts on this panel:\n- Spike (warning, for 5m): errors > 0.05 and traffic > 10');
  });
});

describe('checks that must not cry wolf', () => {
  const billing = new System({ name: 'billing', title: 'Billing', team: 't', selector: { job: 'billing' } });
  const billingRequests = billing.counter({ name: 'http_requests_total', help: 'Requests.', labels: ['status'] });
  // Both systems record the same name, each on its own job.
  const billingErrors = recordingRule({ record: 'job:http_errors:ratio_rate5m', expr: rateRatio(billingRequests.where({ status: '500' }), billingRequests, '5m', { by: ['job'] }) });
  const pack = (system: System, rule: typeof errorRatio) => rulePack({ system, source: 't', runbookUrl: 'https://r.example.org/x.md', groups: [ruleGroup({ name: `${system.name}.rules`, rules: [rule] })] });
  const packs = [pack(shop, errorRatio), pack(billing, billingErrors)];
  const board = (queries: Parameters<typeof timeseries>[0]['queries']) =>
    dashboard({ uid: 'shop', title: 'Shop', description: 'Shop.', source: 'test', systems: [shop], rows: [row('r', [timeseries({ title: 't', description: 'd.', unit: 'short', queries })])] });
  const problemsOf = (d: ReturnType<typeof board>) => dashboardsProblems([d], renderDashboards([d], packs), { recorded: recordedSeries(...packs) });

  test('a recorded name two packs share is read on the panel\'s own scope', () => {
    expect(problemsOf(board([errorRatio.series]))).toEqual([]);
  });

  test('a counter rated over an offset window is inside rate(), not raw', () => {
    expect(problemsOf(board([sum(rate(requests.offset('1d'), RATE_INTERVAL), { by: ['job'] })]))).toEqual([]);
  });
});
