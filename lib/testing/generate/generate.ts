import { Duration, Expr, durationMs, formatNumber } from '../../promql';
import { AlertRule, ResolvedAlert, RuleGroup, RulePack, packAlerts } from '../../prometheus';
import { AlertCheck, ExpectedAlert, InputSeries, RuleTestCase, ruleTestItem, ruleTestsFile } from '../promtool-tests';
import { Mode, planCondition } from './conditions';
import { evaluate } from './evaluate';
import { expandTemplate } from './go-template';
import { Plan, PlannedSeries, Unsupported, selectorsOf, windowsOf } from './model';
import { SeriesPlanner } from './planner';

const MINUTE_MS = 60_000;
/**
 * Sample and evaluation spacings, finest first. A test uses the coarsest that
 * still puts four samples in its shortest window and no more than its `for`:
 * promtool evaluates every rule of the file at every step, so a 3-day window
 * at fine steps costs it minutes. Steps past the 5m lookback only serve alerts
 * that read nothing at an instant but what their own group recorded just
 * before them (see {@link readsOnlyFreshSeries}).
 */
const STEPS_MS = [MINUTE_MS, 5 * MINUTE_MS, 15 * MINUTE_MS];
/** Prometheus' staleness lookback: how long a series is still seen after its last sample. */
const LOOKBACK_MS = 5 * MINUTE_MS;
/** Samples an absent-data test sends before the data stops. */
const SAMPLES_BEFORE_STOP = 5;

/** A generated case and the step (sample and evaluation spacing) it needs. */
export interface GeneratedCase {
  readonly stepMs: number;
  readonly testCase: RuleTestCase;
}

export interface GeneratedAlertTests {
  readonly cases: readonly GeneratedCase[];
  /** Alerts whose expression the generator cannot drive; each needs a hand-written test. */
  readonly untestable: readonly { readonly alert: string; readonly reason: string }[];
}

/**
 * promtool unit tests for every alert of a pack, derived from the alert's own
 * threshold and `for`: input that crosses the threshold and holds past `for`
 * fires the alert with its exact labels and annotations (and not earlier),
 * through each alternative of an `or`; input just short of the threshold
 * fires nothing; for absent-data alerts, the data stops.
 */
export function generateAlertTests(pack: RulePack): GeneratedAlertTests {
  const cases: GeneratedCase[] = [];
  const untestable = forEachAlertCase(pack, (c) => cases.push(c));
  return { cases, untestable };
}

/** Hands each generated case to `take` as it is made; returns the untestable alerts. */
function forEachAlertCase(pack: RulePack, take: (c: GeneratedCase) => void): GeneratedAlertTests['untestable'] {
  const untestable: { alert: string; reason: string }[] = [];
  for (const alert of packAlerts(pack)) {
    const group = pack.groups.find((g) => g.name === alert.group)!;
    try {
      const op = alert.rule.expr.ast.op;
      (op === 'absent' ? absentCases(alert) : op === 'alwaysOne' ? heartbeatCases(alert) : thresholdCases(alert, group)).forEach(take);
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      untestable.push({ alert: alert.name, reason: error.message });
    }
  }
  return untestable;
}

/**
 * The generated test files of a pack, keyed by file name suffix: `test.yml`
 * for one-minute steps, `<step>.test.yml` for coarser ones (promtool sets the
 * evaluation interval per file). Each reads the rule file at `ruleFile`. Each
 * case is written as it is made: kept to the end, 20 000 cases of a 10 000-alert
 * pack outlived the young generation, and collecting them cost a tenth of its synth.
 */
export function renderAlertTests(pack: RulePack, ruleFile: string): Map<string, string> {
  const written = new Map<number, string[]>(STEPS_MS.map((stepMs) => [stepMs, []]));
  forEachAlertCase(pack, (c) => written.get(c.stepMs)!.push(ruleTestItem(c.testCase)));
  const files = new Map<string, string>();
  for (const [stepMs, caseTexts] of written) {
    if (caseTexts.length) files.set(stepMs === MINUTE_MS ? 'test.yml' : `${minutes(stepMs)}.test.yml`, ruleTestsFile([ruleFile], minutes(stepMs), caseTexts));
  }
  return files;
}

/** The alternatives of a condition: `a or b` fires through either, and each gets its own test. */
function branches(condition: Expr): Expr[] {
  const ast = condition.ast;
  return ast.op === 'binary' && ast.operator === 'or' ? [...branches(ast.left), ...branches(ast.right)] : [condition];
}

function thresholdCases(alert: ResolvedAlert, group: RuleGroup): GeneratedCase[] {
  const condition = alert.rule.expr;
  const recordedBefore = recordedEarlierIn(group, alert.rule);
  const forMs = durationMs(alert.rule.for ?? '0s');
  const alternatives = branches(condition);
  const quiet = quietInput(condition, alternatives);
  const caseFor = (branch: Expr, name: string, plan: Plan, expectFiring: boolean): GeneratedCase => {
    const stepMs = stepFor(branch, forMs, readsOnlyFreshSeries(branch, recordedBefore));
    const fireAt = ceilTo(maxWindowMs(branch) + forMs, stepMs) + 2 * stepMs;
    const checks: AlertCheck[] = expectFiring
      ? [
          ...(forMs > 0 ? [{ evalTime: minutes(Math.max(0, forMs - stepMs)), alertname: alert.name, expect: [] }] : []),
          { evalTime: minutes(fireAt), alertname: alert.name, expect: expectedAlerts(alert, plan) },
        ]
      : [{ evalTime: minutes(fireAt), alertname: alert.name, expect: [] }];
    return { stepMs, testCase: { name, interval: minutes(stepMs), inputSeries: render(plan, fireAt, stepMs), alertChecks: checks } };
  };
  const firing = alternatives.map((branch, i) => {
    const via = alternatives.length > 1 ? ` (alternative ${i + 1} of ${alternatives.length})` : '';
    const name = `${alert.name} fires past ${describeThreshold(branch)} held for ${alert.rule.for ?? '0s'}${via}`;
    return caseFor(branch, name, plannedInput(condition, 'fire', branch), true);
  });
  return [...firing, caseFor(condition, `${alert.name} stays quiet just short of ${describeThreshold(condition)}`, quiet, false)];
}

/**
 * The heartbeat fires from the first evaluation on, with no input at all, and
 * keeps firing: nothing in the data can silence it (and any `for` delays it).
 */
function heartbeatCases(alert: ResolvedAlert): GeneratedCase[] {
  const forMs = ceilTo(durationMs(alert.rule.for ?? '0s'), MINUTE_MS);
  const expected = [expectedAlert(alert, {}, 1)];
  const checks: AlertCheck[] = [forMs + MINUTE_MS, forMs + 60 * MINUTE_MS].map((at) => ({ evalTime: minutes(at), alertname: alert.name, expect: expected }));
  return [{ stepMs: MINUTE_MS, testCase: { name: `${alert.name} fires with no input at all, and keeps firing`, interval: '1m', inputSeries: [], alertChecks: checks } }];
}

function absentCases(alert: ResolvedAlert): GeneratedCase[] {
  const condition = alert.rule.expr;
  const ast = condition.ast;
  if (ast.op !== 'absent') throw new Unsupported('not an absent() condition');
  const planner = new SeriesPlanner(condition);
  planner.present(ast.series);
  const stopMs = SAMPLES_BEFORE_STOP * MINUTE_MS;
  const fireAt = stopMs + Math.max(LOOKBACK_MS, maxWindowMs(condition)) + ceilTo(durationMs(alert.rule.for ?? '0s'), MINUTE_MS) + 2 * MINUTE_MS;
  const expected = evaluate(condition, new Map()).map((s) => expectedAlert(alert, s.labels, s.value));
  const testCase = (name: string, stopAfter: number | undefined, checks: AlertCheck[]): GeneratedCase => ({
    stepMs: MINUTE_MS,
    testCase: { name, interval: '1m', inputSeries: render(planner.plan, fireAt, MINUTE_MS, stopAfter), alertChecks: checks },
  });
  return [
    testCase(`${alert.name} fires when the data stops`, SAMPLES_BEFORE_STOP, [
      { evalTime: minutes(stopMs + MINUTE_MS), alertname: alert.name, expect: [] },
      { evalTime: minutes(fireAt), alertname: alert.name, expect: expected },
    ]),
    testCase(`${alert.name} stays quiet while data flows`, undefined, [{ evalTime: minutes(fireAt), alertname: alert.name, expect: [] }]),
  ];
}

/** Input just short of the alternative with the lowest bar, so that none of them fires. */
function quietInput(condition: Expr, alternatives: readonly Expr[]): Plan {
  const reasons: string[] = [];
  for (const branch of alternatives) {
    try {
      return plannedInput(condition, 'quiet', branch);
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      reasons.push(error.message);
    }
  }
  throw new Unsupported(reasons.join('; '));
}

/** Plans the input (through one alternative, when given) and checks, with the evaluator, that it does what it should. */
function plannedInput(condition: Expr, mode: Mode, through: Expr = condition): Plan {
  const outcome = once(plans, condition, through, mode, () => {
    try {
      const planner = new SeriesPlanner(condition);
      planCondition(planner, through, mode);
      const fires = evaluated(condition, planner.plan).length > 0;
      if (fires !== (mode === 'fire')) throw new Unsupported(`the generated input would ${fires ? 'fire' : 'not fire'} where it should ${mode}`);
      return planner.plan;
    } catch (error) {
      if (error instanceof Unsupported) return error;
      throw error;
    }
  });
  if (outcome instanceof Unsupported) throw outcome;
  return outcome;
}

function expectedAlerts(alert: ResolvedAlert, plan: Plan): ExpectedAlert[] {
  return evaluated(alert.rule.expr, plan).map((s) => expectedAlert(alert, s.labels, s.value));
}

/** The condition's result on a plan: a firing plan's check and its expected alerts read the same one. */
function evaluated(condition: Expr, plan: Plan): ReturnType<typeof evaluate> {
  return once(evaluations, condition, plan, 'value', () => evaluate(condition, plan));
}

/*
 * Planning and evaluating are pure in the condition (and the branch or plan): the environments deploy the
 * same rule objects, so each plan is made, and each outcome evaluated, once per synth. Plans and results are
 * only read afterwards.
 */
const plans = new WeakMap<Expr, WeakMap<object, Map<string, Plan | Unsupported>>>();
const evaluations = new WeakMap<Expr, WeakMap<object, Map<string, ReturnType<typeof evaluate>>>>();

function once<T>(cache: WeakMap<Expr, WeakMap<object, Map<string, T>>>, expr: Expr, second: object, third: string, make: () => T): T {
  let bySecond = cache.get(expr);
  if (!bySecond) cache.set(expr, (bySecond = new WeakMap()));
  let byThird = bySecond.get(second);
  if (!byThird) bySecond.set(second, (byThird = new Map()));
  if (!byThird.has(third)) byThird.set(third, make());
  return byThird.get(third)!;
}

/** The alert as Prometheus raises it: series labels plus rule labels; annotations expanded with the series' labels. */
function expectedAlert(alert: ResolvedAlert, seriesLabels: Readonly<Record<string, string>>, value: number): ExpectedAlert {
  return {
    labels: { ...seriesLabels, ...alert.labels },
    annotations: Object.fromEntries(Object.entries(alert.annotations).map(([k, text]) => [k, expandTemplate(text, seriesLabels, value)])),
  };
}

/**
 * The coarsest step with four samples in the shortest window and no longer
 * than `for`; no longer than the lookback unless every instant read is fresh.
 */
function stepFor(condition: Expr, forMs: number, fresh: boolean): number {
  const shortest = Math.min(...windowsOf(condition).map(durationMs), Infinity);
  const fits = STEPS_MS.filter((s) => s * 4 <= shortest && (forMs === 0 || s <= forMs) && (fresh || s <= LOOKBACK_MS));
  return fits.length ? fits[fits.length - 1] : MINUTE_MS;
}

/** The expressions the group records before `rule`: Prometheus evaluates a group's rules in order, at one timestamp. */
function recordedEarlierIn(group: RuleGroup, rule: AlertRule): ReadonlySet<Expr> {
  let byRule = recordedBefore.get(group);
  if (!byRule) {
    // Once per group: a set per recording rule met, shared by the alerts after it (linear in the group's size).
    byRule = new Map();
    let recorded: ReadonlySet<Expr> = new Set();
    for (const r of group.rules) {
      byRule.set(r, recorded);
      if (r.type === 'record') recorded = new Set([...recorded, r.expr]);
    }
    recordedBefore.set(group, byRule);
  }
  return byRule.get(rule) ?? new Set();
}

const recordedBefore = new WeakMap<RuleGroup, Map<RuleGroup['rules'][number], ReadonlySet<Expr>>>();

/**
 * Whether every series the expression reads at an instant was written at the
 * same evaluation: recorded earlier in the alert's own group, from range reads
 * of raw series. Samples spaced wider than the 5m lookback leave any other
 * instant read stale between them (a raw gauge, a series another group
 * records: groups run independently, and promtool runs them in no set order).
 */
function readsOnlyFreshSeries(expr: Expr, recordedBefore: ReadonlySet<Expr>): boolean {
  const ast = expr.ast;
  switch (ast.op) {
    case 'selector':
      return ast.recorded !== undefined && recordedBefore.has(ast.recorded.expr) && readsOnlyFreshSeries(ast.recorded.expr, recordedBefore);
    case 'range':
      return ast.series.ast.op !== 'selector' || !ast.series.ast.recorded || readsOnlyFreshSeries(ast.series, recordedBefore);
    case 'histogramQuantile':
    case 'aggregate':
      return readsOnlyFreshSeries(ast.input, recordedBefore);
    case 'binary':
      return readsOnlyFreshSeries(ast.left, recordedBefore) && readsOnlyFreshSeries(ast.right, recordedBefore);
    case 'number':
    case 'time':
      return true;
    default:
      return false;
  }
}

/** Series in promtool notation: gauges hold their value, counters grow by it per second, clocks keep it ahead of time(). */
function render(plan: Plan, untilMs: number, stepMs: number, stopAfter?: number): InputSeries[] {
  const samples = Math.round(untilMs / stepMs);
  return [...plan.values()].map((p) => ({ series: seriesText(p), values: values(p, samples, stepMs, stopAfter) }));
}

function values(p: PlannedSeries, samples: number, stepMs: number, stopAfter?: number): string {
  // promtool's first sample is at time 0: a clock starting at `value` and growing one second per second stays `value` ahead.
  const step =
    p.kind === 'gauge' ? formatNumber(p.value) : `${p.kind === 'clock' ? formatNumber(p.value) : '0'}+${formatNumber(p.kind === 'clock' ? stepMs / 1000 : (p.value * stepMs) / 1000)}`;
  const flowing = stopAfter ?? samples;
  return `${step}x${flowing}${stopAfter !== undefined ? ` _x${samples - stopAfter}` : ''}`;
}

function seriesText(p: PlannedSeries): string {
  const labels = Object.entries(p.labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(',');
  return `${p.name}{${labels}}`;
}

function describeThreshold(condition: Expr): string {
  const ast = condition.ast;
  if (ast.op !== 'binary') return 'its condition';
  if (ast.right.ast.op === 'number') return `${ast.operator} ${formatNumber(ast.right.ast.value)}`;
  if (ast.operator === 'and' || ast.operator === 'or') return `${describeThreshold(ast.left)} ${ast.operator} ${describeThreshold(ast.right)}`;
  return `its threshold (${ast.operator})`;
}

/** How much history the expression reads: its longest range plus its longest offset. */
function maxWindowMs(expr: Expr): number {
  const offsets = selectorsOf(expr).flatMap((s) => (s.offset ? [durationMs(s.offset)] : []));
  return Math.max(0, ...windowsOf(expr).map(durationMs)) + Math.max(0, ...offsets);
}

function ceilTo(ms: number, stepMs: number): number {
  return Math.ceil(ms / stepMs) * stepMs;
}

function minutes(ms: number): Duration {
  return `${Math.round(ms / MINUTE_MS)}m`;
}
