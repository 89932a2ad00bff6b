import { Duration, Expr, Histogram, Selector, and, div, formatNumber, gt, or, rate, rateRatio, sub, sum } from '../promql';
import { AlertRule, RecordingRule, RuleGroup, Severity, alertRule, recordingRule, ruleGroup } from '../prometheus';

/** An SLI as events: the failed ones among all. */
export interface RatioSli {
  readonly kind: 'ratio';
  /** The failed events, e.g. 5xx responses. */
  readonly errors: Selector<'counter', string>;
  /** All events, e.g. every response. */
  readonly total: Selector<'counter', string>;
}

/** An SLI as latency: the requests slower than a bucket bound are the failed ones. */
export interface LatencySli {
  readonly kind: 'latency';
  readonly histogram: Histogram<string>;
  /** The objective's latency, in the histogram's unit. It must be one of its bucket bounds. */
  readonly threshold: number;
}

/** One pair of windows of a multiwindow, multi-burn-rate alert. */
export interface BurnRateWindow {
  readonly long: Duration;
  readonly short: Duration;
  /** How many times faster than sustainable the budget burns. */
  readonly factor: number;
}

export interface BurnRateAlertPolicy {
  readonly severity: Severity;
  readonly for: Duration;
  /** Alternatives: the alert fires when any pair burns past its factor in both windows. */
  readonly windows: readonly BurnRateWindow[];
}

/**
 * The SRE workbook's policy (chapter 5, table 5-8): 2 % of a 30-day budget in
 * 1 h or 5 % in 6 h pages; 10 % in 3 days or more opens a ticket.
 */
export const SRE_WORKBOOK_POLICY: { readonly page: BurnRateAlertPolicy; readonly ticket: BurnRateAlertPolicy } = {
  page: {
    severity: 'critical',
    for: '2m',
    windows: [
      { long: '1h', short: '5m', factor: 14.4 },
      { long: '6h', short: '30m', factor: 6 },
    ],
  },
  ticket: {
    severity: 'warning',
    for: '15m',
    windows: [
      { long: '1d', short: '2h', factor: 3 },
      { long: '3d', short: '6h', factor: 1 },
    ],
  },
};

export interface SloProps {
  /** kebab-case, unique in the pack; the `slo` label of its series, e.g. `availability`. */
  readonly name: string;
  /** UpperCamelCase prefix of its alerts, e.g. `IkEngineAvailability`. */
  readonly alertPrefix: string;
  /** What the SLO promises, for summaries, e.g. `99.9 % of API requests succeed`. */
  readonly promise: string;
  /** Fraction of good events, e.g. 0.999. */
  readonly objective: number;
  readonly sli: RatioSli | LatencySli;
  /** @default SRE_WORKBOOK_POLICY */
  readonly policy?: { readonly page: BurnRateAlertPolicy; readonly ticket: BurnRateAlertPolicy };
}

/** An SLO's recording rules (error ratio per window) and its burn-rate alerts. */
export interface Slo {
  readonly props: SloProps;
  readonly recordingRules: readonly RecordingRule[];
  /** The paging alert, then the ticket alert. */
  readonly alerts: readonly AlertRule[];
  /** All of it as one rule group, `slo.<name>`; problems of the declaration travel with it to synth. */
  readonly group: RuleGroup;
}

/**
 * Multiwindow, multi-burn-rate alerts for an SLO, as in the SRE workbook:
 * `slo:sli_error:ratio_rate<window>` recording rules per window, then a
 * paging alert and a ticket alert that fire when the error ratio exceeds
 * factor × (1 − objective) in both the long and the short window.
 */
export function slo(props: SloProps): Slo {
  const policy = props.policy ?? SRE_WORKBOOK_POLICY;
  const budget = 1 - props.objective;
  const problems = sloProblems(props);
  const windows = [...new Set([...policy.page.windows, ...policy.ticket.windows].flatMap((w) => [w.short, w.long]))];
  const recorded = new Map(
    windows.map((w) => [
      w,
      recordingRule({ record: `slo:sli_error:ratio_rate${w}`, expr: errorRatio(props.sli, w), labels: { slo: props.name } }),
    ]),
  );
  const ratio = (w: Duration) => recorded.get(w)!.series.where({ ['slo' as never]: props.name });
  const burnAlert = (p: BurnRateAlertPolicy, suffix: string, speed: string): AlertRule => {
    const pairs = p.windows.map((w) => and(gt(ratio(w.long), round(w.factor * budget)), gt(ratio(w.short), round(w.factor * budget))));
    const condition = pairs.slice(1).reduce((all, pair) => or(all, pair), pairs[0]);
    return alertRule({
      name: `${props.alertPrefix}ErrorBudgetBurn${suffix}`,
      expr: condition,
      for: p.for,
      severity: p.severity,
      // One family: while the page fires, Alertmanager can hold back the ticket.
      labels: { slo: props.name, family: `slo-${props.name}` },
      summary: `${props.promise}: error budget burning ${speed}`,
      description:
        `{{ $labels.job }} fails {{ $value | humanizePercentage }} of events against an objective of ${formatNumber(props.objective * 100)} %: ` +
        `burning the budget at ${p.windows.map((w) => `${w.factor}x over ${w.long}`).join(' or ')} or faster.`,
    });
  };
  const recordingRules = [...recorded.values()];
  const alerts = [burnAlert(policy.page, '', 'fast'), burnAlert(policy.ticket, 'Slow', 'steadily')];
  return { props, recordingRules, alerts, group: ruleGroup({ name: `slo.${props.name}`, rules: [...recordingRules, ...alerts], problems }) };
}

/** The failed share of events over `window`, per job. */
function errorRatio(sli: RatioSli | LatencySli, window: Duration): Expr<'value', 'job'> {
  if (sli.kind === 'ratio') return rateRatio(sli.errors, sli.total, window, { by: ['job'] });
  const fast = sli.histogram.bucket({ le: formatNumber(sli.threshold) } as never);
  return sub(1, div(sum(rate(fast, window), { by: ['job'] }), sum(rate(sli.histogram.count(), window), { by: ['job'] })));
}

function sloProblems(props: SloProps): string[] {
  const where = `SLO ${props.name}`;
  const problems: string[] = [];
  if (!(props.objective > 0 && props.objective < 1)) problems.push(`${where}: objective ${props.objective} must be a fraction between 0 and 1, e.g. 0.999`);
  if (props.sli.kind === 'latency' && !props.sli.histogram.metric.buckets?.includes(props.sli.threshold)) {
    problems.push(
      `${where}: latency threshold ${props.sli.threshold} is not a bucket bound of ${props.sli.histogram.metric.name} (${props.sli.histogram.metric.buckets?.join(', ')}); add the bucket or pick a bound`,
    );
  }
  return problems;
}

/** Thresholds such as 14.4 × 0.001, without float noise in the rule file. */
function round(value: number): number {
  return Number(value.toPrecision(6));
}
