import * as units from '@grafana/grafana-foundation-sdk/units';
import { VariableRefresh } from '@grafana/grafana-foundation-sdk/dashboard';
import { Expr, System } from '../promql';
import type { AlertRule } from '../prometheus';
import { RecordedSeries, duplicates, promqlProblems } from '../prometheus/validate';
import { statesValue, thresholdSpellings } from '../prometheus/overrides';
import { Dashboard } from './dashboard';
import { GRID_COLUMNS, laidOutPanels } from './layout';
import { panelQueries } from './panel';
import { INSTANCE_VARIABLE, asPrometheusSees, instanceVariableQuery } from './queries';
import { counterProblems, typedCounterProblems } from './counters';
import { DATASOURCE_VARIABLE, DashboardJson } from './render';
import { alertSignals } from './signals';

/** Grafana's own unit ids, as the Foundation SDK lists them. */
const GRAFANA_UNITS: ReadonlySet<string> = new Set<string>(Object.values(units as Record<string, unknown>).filter((u): u is string => typeof u === 'string'));
/** Grafana's limit on a dashboard uid. */
export const MAX_UID_LENGTH = 40;
const UID = /^[a-zA-Z0-9_-]+$/;
const DATASOURCE_UID = `\${${DATASOURCE_VARIABLE}}`;

export interface DashboardCheckContext {
  /** Series the deployed packs record, by name: panels may read them. */
  readonly recorded: RecordedSeries;
  /**
   * The alerts as deployed, by name: a panel text stating a threshold the environment changed is refused.
   * @default no such check
   */
  readonly alerts?: ReadonlyMap<string, AlertRule>;
}

/** Every problem of a set of dashboards, each naming the dashboard, the panel and the fix. */
export function dashboardsProblems(dashboards: readonly Dashboard[], rendered: readonly DashboardJson[], context: DashboardCheckContext): string[] {
  const uids = dashboards.map((d) => d.uid);
  const problems = duplicates(uids).map((u) => `dashboard ${u}: the uid is used by two dashboards; uids must be unique`);
  dashboards.forEach((d, i) => problems.push(...checkedOnce(d, rendered[i], context)));
  return problems;
}

/**
 * Problems by dashboard and by what the check reads besides it: the rendered JSON (shared by
 * environments that render alike), the recorded series and the deployed values of the alerts
 * its panels draw. Environments that agree on those are checked once; a dashboard is never changed.
 */
const checked = new WeakMap<Dashboard, Map<string, string[]>>();
const renderingIds = new WeakMap<DashboardJson, number>();
const recordedKeys = new WeakMap<RecordedSeries, string>();

let nextRenderingId = 0;

function jsonId(json: DashboardJson): number {
  let id = renderingIds.get(json);
  if (id === undefined) renderingIds.set(json, (id = nextRenderingId++));
  return id;
}

function checkedOnce(d: Dashboard, json: DashboardJson, context: DashboardCheckContext): string[] {
  let recorded = recordedKeys.get(context.recorded);
  if (recorded === undefined) recordedKeys.set(context.recorded, (recorded = JSON.stringify([...context.recorded])));
  const drawn = laidOutPanels(d).flatMap((item) => (item.panel.alerts ?? []).map((a) => a.name));
  const deployed = drawn.map((name) => {
    const a = context.alerts?.get(name);
    return a ? [name, String(a.expr.comparison?.threshold), a.for ?? null] : [name];
  });
  const key = JSON.stringify([jsonId(json), recorded, context.alerts ? deployed : null]);
  const byKey = checked.get(d) ?? new Map<string, string[]>();
  checked.set(d, byKey);
  let problems = byKey.get(key);
  if (problems === undefined) byKey.set(key, (problems = dashboardProblems(d, json, context)));
  return problems;
}

/** The declaration's problems (queries, alerts) and the rendered JSON's (dashboard-linter's rules, the grid). */
export function dashboardProblems(d: Dashboard, json: DashboardJson, context: DashboardCheckContext): string[] {
  const where = `dashboard ${d.uid} (${d.source})`;
  const problems: string[] = [];
  if (!UID.test(d.uid ?? '') || d.uid.length > MAX_UID_LENGTH) problems.push(`${where}: uid must be 1-${MAX_UID_LENGTH} letters, digits, - or _`);
  if (!d.title?.trim()) problems.push(`${where}: has no title`);
  if (!d.description?.trim()) problems.push(`${where}: has no description; say what it is for`);
  if (!d.systems?.length) problems.push(`${where}: names no systems; list the systems whose series it reads`);
  for (const item of laidOutPanels(d)) {
    const panelWhere = `${where}, panel ${item.id} "${item.panel.title}"`;
    for (const q of panelQueries(item.panel)) problems.push(...queryProblems(d, item.panel.alerts ?? [], q.expr, context).map((p) => `${panelWhere}: ${p}`));
    problems.push(...staleDescriptionProblems(item.panel.description, item.panel.alerts ?? [], context.alerts).map((p) => `${panelWhere}: ${p}`));
    for (const alert of item.panel.alerts ?? []) {
      const signals = alertSignals(alert.expr).map((s) => s.expr.promql);
      if (!panelQueries(item.panel).some((q) => signals.includes(q.expr.promql))) {
        problems.push(`${panelWhere}: draws alert ${alert.name} but plots none of its signals (${signals.join('; ')}); add one as a query`);
      }
    }
  }
  return [...problems, ...jsonProblems(where, json, d.systems ?? [])];
}

/**
 * A panel text that states an alert's threshold or `for` as declared, where
 * the deployment changed it, tells on-call a wrong number (as an alert's own
 * text would: lib/prometheus/overrides).
 */
function staleDescriptionProblems(text: string, declared: readonly AlertRule[], deployed: ReadonlyMap<string, AlertRule> | undefined): string[] {
  const problems: string[] = [];
  for (const alert of declared) {
    const now = deployed?.get(alert.name);
    if (!now) continue;
    const [was, is] = [alert.expr.comparison?.threshold, now.expr.comparison?.threshold];
    const stale = [...(was !== undefined && is !== was ? thresholdSpellings(was).map((v) => ['threshold', v]) : []), ...(alert.for && now.for !== alert.for ? [['for', alert.for]] : [])];
    for (const [what, value] of stale) {
      if (statesValue(text, value)) problems.push(`its description states the ${what} ${value} of ${alert.name}, which this environment changes; leave the number to the alert list under it`);
    }
  }
  return problems;
}

/** A query: builder problems, PromQL, catalog and scope; rates over $__rate_interval unless it is an alert's own signal. */
function queryProblems(d: Dashboard, alerts: readonly AlertRule[], expr: Expr, context: DashboardCheckContext): string[] {
  if (expr.problems.length) return [...expr.problems];
  // Raw text is parsed as Prometheus would receive it, Grafana's variables replaced.
  const problems = promqlProblems(expr, d.systems ?? [], context.recorded, `declare it in the catalog of one of the dashboard's systems (${(d.systems ?? []).map((s) => s.name).join(', ')})`, asPrometheusSees(expr.promql));
  // An alert's signal keeps the alert's window: its threshold means something only at that window.
  const isAlertSignal = alerts.some((a) => alertSignals(a.expr).some((s) => s.expr.promql === expr.promql));
  problems.push(...(typedCounterProblems(expr, d.systems ?? [], !isAlertSignal) ?? counterProblems(expr.promql, d.systems ?? [], !isAlertSignal)));
  return problems;
}

type JsonPanel = NonNullable<DashboardJson['panels']>[number] & Record<string, any>;

/** The rendered JSON: what grafana/dashboard-linter checks, and the grid. */
export function jsonProblems(where: string, json: DashboardJson, systems: readonly System[]): string[] {
  const problems: string[] = [];
  if (json.editable !== false) problems.push(`${where}: is editable; dashboards are code, make it read-only`);
  const variables = (json.templating?.list ?? []) as Record<string, any>[];
  const ds = variables.find((v) => v.name === DATASOURCE_VARIABLE);
  if (!ds || ds.type !== 'datasource' || ds.query !== 'prometheus') problems.push(`${where}: has no Prometheus datasource variable named "${DATASOURCE_VARIABLE}"`);
  const instance = variables.find((v) => v.name === INSTANCE_VARIABLE);
  if (instance) {
    if (instance.query !== instanceVariableQuery(systems)) problems.push(`${where}: variable ${INSTANCE_VARIABLE} must list the targets of its systems only: ${instanceVariableQuery(systems)}`);
    if (!instance.multi || instance.allValue !== '.+' || !instance.includeAll || instance.refresh !== VariableRefresh.OnTimeRangeChanged) {
      problems.push(`${where}: variable ${INSTANCE_VARIABLE} must be multi-select with All as ".+", refreshed on time-range change`);
    }
  }
  const panels = (json.panels ?? []) as JsonPanel[];
  const ids = panels.map((p) => p.id);
  for (const id of duplicates(ids)) problems.push(`${where}: panel id ${id} is used twice; ids must be unique (viewPanel links use them)`);
  for (const p of panels) {
    const panelWhere = `${where}, panel ${p.id} "${p.title ?? ''}"`;
    const g = p.gridPos;
    if (!g || g.x < 0 || g.y < 0 || g.w < 1 || g.h < 1 || g.x + g.w > GRID_COLUMNS) problems.push(`${panelWhere}: lies outside the ${GRID_COLUMNS}-column grid (${JSON.stringify(g)}); narrow it`);
    if (p.type === 'row') continue;
    if (!p.title?.trim()) problems.push(`${panelWhere}: has no title`);
    if (!p.description?.trim()) problems.push(`${panelWhere}: has no description; say what it shows`);
    const unit = p.fieldConfig?.defaults?.unit;
    if (!unit) problems.push(`${panelWhere}: has no unit; set one (s, ms, percentunit, reqps, ops, bytes, short…)`);
    else if (!GRAFANA_UNITS.has(unit)) problems.push(`${panelWhere}: unit ${JSON.stringify(unit)} is not one of Grafana's units; use an id from the SDK's units`);
    if (p.datasource?.uid !== DATASOURCE_UID) problems.push(`${panelWhere}: datasource must be the ${DATASOURCE_UID} variable, never a fixed uid`);
    const targets = (p.targets ?? []) as Record<string, any>[];
    if (!targets.length) problems.push(`${panelWhere}: has no query`);
    for (const t of targets) if (t.datasource?.uid !== DATASOURCE_UID) problems.push(`${panelWhere}: query ${t.refId} must use the ${DATASOURCE_UID} variable`);
  }
  const boxes = panels.filter((p) => p.gridPos);
  boxes.forEach((a, i) =>
    boxes.slice(i + 1).forEach((b) => {
      const [p, q] = [a.gridPos!, b.gridPos!];
      if (p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h) problems.push(`${where}: panels ${a.id} "${a.title}" and ${b.id} "${b.title}" overlap; move one`);
    }),
  );
  return problems;
}
