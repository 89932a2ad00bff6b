import { ResolvedAlert, RulePack, packAlerts } from '../prometheus';
import { Expr, System } from '../promql';
import { Mode, Plan, PlannedSeries, SeriesPlanner, Unsupported, evaluate, planCondition, seriesKey } from '../testing/generate';

/** Whether a planned series is the demo's to serve (Prometheus writes `up`, the blackbox exporter the probe results). */
export type ServedBy = (series: PlannedSeries) => boolean;

export interface Traffic {
  /** The series to serve, keyed as the generator keys them. */
  readonly plan: Plan;
  /** Alerts the traffic cannot be planned for (their series are served with defaults). */
  readonly unplanned: readonly { readonly alert: string; readonly reason: string }[];
}

/**
 * Linear series (gauges hold, counters grow at a rate) under which every
 * alert of the packs is comfortably quiet: the generator's own planner asked
 * for the healthy side of each threshold, absent-data alerts given data. The
 * first alert to fix a series keeps it; an alert those values would fire, by
 * the generator's evaluator, then gets its own (see `firingAlerts`).
 */
export function healthyTraffic(packs: readonly RulePack[], served: ServedBy): Traffic {
  // The heartbeat fires on any traffic, by design: healthy means every other alert is quiet.
  const alerts = packs.flatMap(packAlerts).filter((a) => a.rule.expr.ast.op !== 'alwaysOne');
  const traffic = plannedTraffic(alerts, 'healthy', served);
  const plan = new Map(traffic.plan);
  // Alerts sharing a series want different healthy values: an alert the
  // first values would fire gets its own (the lower bar wins), until none fires.
  for (let round = 0; round < 5; round++) {
    const firing = alerts.filter((a) => holds(a, plan));
    if (!firing.length) break;
    for (const alert of firing) for (const [key, series] of plannedTraffic([alert], 'healthy', served).plan) plan.set(key, series);
  }
  return { plan, unplanned: traffic.unplanned };
}

/**
 * The input that makes `alert` fire, for fault injection: its generated
 * firing case, or with `value` the compared expression set to that value
 * (which must fire it).
 */
export function firingTraffic(alert: ResolvedAlert, served: ServedBy, value?: number): Traffic {
  if (value === undefined) return plannedTraffic([alert], 'fire', served);
  const condition = alert.rule.expr;
  const ast = condition.ast;
  if (ast.op !== 'binary' || ast.right.ast.op !== 'number') throw new Unsupported(`${alert.name} compares no expression with a number; inject it without a value`);
  const planner = new SeriesPlanner(condition);
  planner.demand(ast.left, value, {});
  if (evaluate(condition, planner.plan).length === 0) throw new Unsupported(`${value} does not fire ${alert.name} (${ast.operator} ${ast.right.ast.value})`);
  return { plan: new Map([...planner.plan].filter(([, s]) => served(s))), unplanned: [] };
}

function plannedTraffic(alerts: readonly ResolvedAlert[], mode: Mode, served: ServedBy): Traffic {
  const plan = new Map<string, PlannedSeries>();
  const unplanned: { alert: string; reason: string }[] = [];
  for (const alert of alerts) {
    const reasons: string[] = [];
    const planned = alternatives(alert.rule.expr, mode).flatMap((through) => {
      try {
        return [planThrough(alert.rule.expr, through, mode)];
      } catch (error) {
        if (!(error instanceof Unsupported)) throw error;
        reasons.push(error.message);
        return [];
      }
    })[0];
    if (!planned) {
      unplanned.push({ alert: alert.name, reason: reasons.join('; ') });
      continue;
    }
    for (const [key, series] of planned) if (served(series) && !plan.has(key)) plan.set(key, series);
  }
  return { plan, unplanned };
}

/**
 * What to plan through: the whole condition to fire it; to keep it quiet,
 * each alternative of an `or` in turn, since the lowest bar decides.
 */
function alternatives(condition: Expr, mode: Mode): Expr[] {
  const ast = condition.ast;
  return mode !== 'fire' && ast.op === 'binary' && ast.operator === 'or' ? [...alternatives(ast.left, mode), ...alternatives(ast.right, mode)] : [condition];
}

/** A plan through one alternative, checked with the evaluator to do what the mode says for the whole condition. */
function planThrough(condition: Expr, through: Expr, mode: Mode): Plan {
  const planner = new SeriesPlanner(condition);
  const ast = through.ast;
  if (ast.op === 'absent') {
    if (mode !== 'fire') planner.present(ast.series);
  } else planCondition(planner, through, mode);
  const fires = evaluate(condition, planner.plan).length > 0;
  if (fires !== (mode === 'fire')) throw new Unsupported(`the planned input would ${fires ? 'fire' : 'not fire'} where it should ${mode === 'fire' ? 'fire' : 'stay quiet'}`);
  return planner.plan;
}

/** The alerts whose condition holds over `plan`: the heartbeat (Watchdog) alone, when the traffic is healthy. */
export function firingAlerts(packs: readonly RulePack[], plan: Plan): string[] {
  return packs.flatMap(packAlerts).flatMap((alert) => (holds(alert, plan) ? [alert.name] : []));
}

/** Whether the alert's condition holds over the plan, as far as the generator's evaluator can tell. */
function holds(alert: ResolvedAlert, plan: Plan): boolean {
  try {
    return evaluate(alert.rule.expr, plan).length > 0;
  } catch (error) {
    if (error instanceof Unsupported) return false;
    throw error;
  }
}

/**
 * A series for every catalogued metric of a job that the plan leaves out
 * (dashboard-only metrics): counters at one per second, gauges at 1, a
 * histogram's observations all in its first bucket.
 */
export function withCatalogDefaults(plan: Plan, jobs: readonly { job: string; systems: readonly System[] }[]): Plan {
  const out = new Map(plan);
  const planned = new Set([...plan.values()].map((s) => `${s.labels.job}/${s.name}`));
  const add = (job: string, name: string, kind: PlannedSeries['kind'], value: number, labels: Record<string, string> = {}) => {
    const series: PlannedSeries = { name, labels: { job, ...labels }, kind, value };
    out.set(seriesKey(name, series.labels), series);
  };
  for (const { job, systems } of jobs) {
    for (const metric of systems.flatMap((s) => s.metrics)) {
      if (metric.name === 'up' || metric.seriesNames.some((n) => planned.has(`${job}/${n}`))) continue;
      if (metric.type === 'counter') add(job, metric.name, 'counter', 1);
      else if (metric.type === 'gauge') add(job, metric.name, 'gauge', 1);
      else if (metric.type === 'histogram') {
        for (const le of [...(metric.buckets ?? []).map(String), '+Inf']) add(job, `${metric.name}_bucket`, 'counter', 1, { le });
        add(job, `${metric.name}_count`, 'counter', 1);
        add(job, `${metric.name}_sum`, 'counter', metric.buckets?.[0] ?? 1);
      } else {
        add(job, `${metric.name}_count`, 'counter', 1);
        add(job, `${metric.name}_sum`, 'counter', 1);
      }
    }
  }
  return out;
}
