import { Duration, Expr, durationMs, formatNumber } from '../../promql';
import { ResolvedAlert, RulePack, packAlerts } from '../../prometheus';
import { AlertCheck, ExpectedAlert, InputSeries, RuleTestCase, renderRuleTests } from '../promtool-tests';
import { Mode, planCondition } from './conditions';
import { evaluate } from './evaluate';
import { expandTemplate } from './go-template';
import { Plan, PlannedSeries, Unsupported, selectorsOf, windowsOf } from './model';
import { SeriesPlanner } from './planner';

/** Spacing of generated samples and of rule evaluation in generated tests. */
const STEP_MS = 60_000;
/** Prometheus' staleness lookback: how long a series is still seen after its last sample. */
const LOOKBACK_MS = 5 * 60_000;
/** Samples an absent-data test sends before the data stops. */
const SAMPLES_BEFORE_STOP = 5;

export interface GeneratedAlertTests {
  readonly cases: readonly RuleTestCase[];
  /** Alerts whose expression the generator cannot drive; each needs a hand-written test. */
  readonly untestable: readonly { readonly alert: string; readonly reason: string }[];
}

/**
 * promtool unit tests for every alert of a pack, derived from the alert's own
 * threshold and `for`: input that crosses the threshold and holds past `for`
 * fires the alert with its exact labels and annotations (and not earlier);
 * input just short of the threshold fires nothing; for absent-data alerts,
 * the data stops.
 */
export function generateAlertTests(pack: RulePack): GeneratedAlertTests {
  const cases: RuleTestCase[] = [];
  const untestable: { alert: string; reason: string }[] = [];
  for (const alert of packAlerts(pack)) {
    try {
      cases.push(...(alert.rule.expr.ast.op === 'absent' ? absentCases(alert) : thresholdCases(alert)));
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      untestable.push({ alert: alert.name, reason: error.message });
    }
  }
  return { cases, untestable };
}

/** The generated test file of a pack, reading its rule file at `ruleFile` (relative to the test file). */
export function renderAlertTests(pack: RulePack, ruleFile: string): string {
  return renderRuleTests([ruleFile], '1m', generateAlertTests(pack).cases);
}

function thresholdCases(alert: ResolvedAlert): RuleTestCase[] {
  const condition = alert.rule.expr;
  const forMs = durationMs(alert.rule.for ?? '0s');
  const fireAt = ceilToStep(maxWindowMs(condition) + forMs) + 2 * STEP_MS;
  const firing = plannedInput(condition, 'fire');
  const quiet = plannedInput(condition, 'quiet');
  const threshold = describeThreshold(condition);
  const fireChecks: AlertCheck[] = [
    ...(forMs > 0 ? [{ evalTime: minutes(Math.max(0, forMs - STEP_MS)), alertname: alert.name, expect: [] }] : []),
    { evalTime: minutes(fireAt), alertname: alert.name, expect: expectedAlerts(alert, firing) },
  ];
  return [
    { name: `${alert.name} fires past ${threshold} held for ${alert.rule.for ?? '0s'}`, interval: '1m', inputSeries: render(firing, fireAt), alertChecks: fireChecks },
    {
      name: `${alert.name} stays quiet just short of ${threshold}`,
      interval: '1m',
      inputSeries: render(quiet, fireAt),
      alertChecks: [{ evalTime: minutes(fireAt), alertname: alert.name, expect: [] }],
    },
  ];
}

function absentCases(alert: ResolvedAlert): RuleTestCase[] {
  const condition = alert.rule.expr;
  const ast = condition.ast;
  if (ast.op !== 'absent') throw new Unsupported('not an absent() condition');
  const planner = new SeriesPlanner(condition);
  planner.present(ast.series);
  const stopMs = SAMPLES_BEFORE_STOP * STEP_MS;
  const fireAt = stopMs + Math.max(LOOKBACK_MS, maxWindowMs(condition)) + ceilToStep(durationMs(alert.rule.for ?? '0s')) + 2 * STEP_MS;
  const expected = evaluate(condition, new Map()).map((s) => expectedAlert(alert, s.labels, s.value));
  return [
    {
      name: `${alert.name} fires when the data stops`,
      interval: '1m',
      inputSeries: render(planner.plan, fireAt, SAMPLES_BEFORE_STOP),
      alertChecks: [
        { evalTime: minutes(stopMs + STEP_MS), alertname: alert.name, expect: [] },
        { evalTime: minutes(fireAt), alertname: alert.name, expect: expected },
      ],
    },
    {
      name: `${alert.name} stays quiet while data flows`,
      interval: '1m',
      inputSeries: render(planner.plan, fireAt),
      alertChecks: [{ evalTime: minutes(fireAt), alertname: alert.name, expect: [] }],
    },
  ];
}

/** Plans the input and checks, with the evaluator, that it does what it should. */
function plannedInput(condition: Expr, mode: Mode): Plan {
  const planner = new SeriesPlanner(condition);
  planCondition(planner, condition, mode);
  const fires = evaluate(condition, planner.plan).length > 0;
  if (fires !== (mode === 'fire')) throw new Unsupported(`the generated input would ${fires ? 'fire' : 'not fire'} where it should ${mode}`);
  return planner.plan;
}

function expectedAlerts(alert: ResolvedAlert, plan: Plan): ExpectedAlert[] {
  return evaluate(alert.rule.expr, plan).map((s) => expectedAlert(alert, s.labels, s.value));
}

/** The alert as Prometheus raises it: series labels plus rule labels; annotations expanded with the series' labels. */
function expectedAlert(alert: ResolvedAlert, seriesLabels: Readonly<Record<string, string>>, value: number): ExpectedAlert {
  return {
    labels: { ...seriesLabels, ...alert.labels },
    annotations: Object.fromEntries(Object.entries(alert.annotations).map(([k, text]) => [k, expandTemplate(text, seriesLabels, value)])),
  };
}

/** Series in promtool notation: gauges hold their value, counters grow by it per second. */
function render(plan: Plan, untilMs: number, stopAfter?: number): InputSeries[] {
  const samples = Math.round(untilMs / STEP_MS);
  return [...plan.values()].map((p) => ({ series: seriesText(p), values: values(p, samples, stopAfter) }));
}

function values(p: PlannedSeries, samples: number, stopAfter?: number): string {
  const step = p.kind === 'gauge' ? formatNumber(p.value) : `0+${formatNumber((p.value * STEP_MS) / 1000)}`;
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
  if (ast.op === 'binary' && ast.right.ast.op === 'number') return `${ast.operator} ${formatNumber(ast.right.ast.value)}`;
  if (ast.op === 'binary') return `its thresholds (${ast.operator})`;
  return 'its condition';
}

/** How much history the expression reads: its longest range plus its longest offset. */
function maxWindowMs(expr: Expr): number {
  const offsets = selectorsOf(expr).flatMap((s) => (s.offset ? [durationMs(s.offset)] : []));
  return Math.max(0, ...windowsOf(expr).map(durationMs)) + Math.max(0, ...offsets);
}

function ceilToStep(ms: number): number {
  return Math.ceil(ms / STEP_MS) * STEP_MS;
}

function minutes(ms: number): Duration {
  return `${Math.round(ms / STEP_MS)}m`;
}
