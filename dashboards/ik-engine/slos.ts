import { AlertRule, Duration, Panel, SRE_WORKBOOK_POLICY, Selector, Slo, alertSignals, avgOverTime, dashboard, div, formatNumber, row, stat, sub, timeseries } from '../../lib';
import { ikEngine } from '../../rules/ik-engine/metrics';
import { slos } from '../../rules/ik-engine/slo';

/** The error budget, 1 − objective, without float noise (0.001, not 0.0010000000000000009). */
export const budgetOf = (s: Slo): number => Number((1 - s.props.objective).toPrecision(6));

/** The SLO's recorded error ratio over `window` (`slo:sli_error:ratio_rate<window>{slo="…"}`), as its alerts read it. */
export function errorRatio(s: Slo, window: Duration): Selector<'value', 'job'> {
  const rule = s.recordingRules.find((r) => r.record === `slo:sli_error:ratio_rate${window}`);
  if (!rule) throw new Error(`SLO ${s.props.name} records no ${window} ratio`);
  return rule.series.where({ slo: s.props.name } as never) as Selector<'value', 'job'>;
}

/**
 * Error budget left over the spec's month (30 days): 1 − (error ratio over 30d) / budget.
 * The panel may not take a 30d rate (panels rate over $__rate_interval) and the pack
 * records no 30d ratio, so the 30d error ratio is the mean of the recorded 1h ratio over
 * 30 days: weighted by time, not by events (a busy hour counts as much as a quiet one).
 */
export function budgetLeft(s: Slo) {
  return sub(1, div(avgOverTime(errorRatio(s, '1h'), '30d'), budgetOf(s)));
}

const windowOf = (promql: string): string => /ratio_rate(\w+)\{/.exec(promql)?.[1] ?? '?';

/** The burn-rate alert's own signals (the error ratio of each of its windows), one line per window, its thresholds dashed. */
function burnSignals(s: Slo, alert: AlertRule, speed: 'fast' | 'slow'): Panel {
  const signals = alertSignals(alert.expr);
  const pairs = (speed === 'fast' ? policyOf(s).page : policyOf(s).ticket).windows;
  return timeseries({
    title: `${s.props.name}: ${speed} burn (${alert.severity === 'critical' ? 'page' : 'ticket'})`,
    description:
      `Error ratio of "${s.props.promise}" over the windows ${alert.name} reads. It fires when both windows of a pair exceed factor × budget (budget ${formatNumber(budgetOf(s) * 100)} %): ` +
      pairs.map((w) => `${w.long} and ${w.short} above ${formatNumber(w.factor)}× (${formatNumber(Number((w.factor * budgetOf(s)).toPrecision(6)) * 100)} %)`).join(', or ') +
      '. The dashed lines are those bars.',
    unit: 'percentunit',
    min: 0,
    queries: signals.map((sig) => ({ expr: sig.expr, legend: `{{job}} ${windowOf(sig.expr.promql)}` })),
    alerts: [alert],
  });
}

const policyOf = (s: Slo) => s.props.policy ?? SRE_WORKBOOK_POLICY;

/** Burn rate (error ratio / budget) over the long window of every alert pair: 1 spends the budget exactly in 30 days. */
function burnRates(s: Slo): Panel {
  const policy = policyOf(s);
  const longs = [...new Set([...policy.page.windows, ...policy.ticket.windows].map((w) => w.long))];
  const ticketAt = Math.min(...policy.ticket.windows.map((w) => w.factor));
  const pageAt = Math.min(...policy.page.windows.map((w) => w.factor));
  return timeseries({
    title: `${s.props.name}: burn rate`,
    description: `How many times faster than sustainable "${s.props.promise}" spends its error budget, per window (error ratio / ${formatNumber(budgetOf(s) * 100)} %). 1 empties the budget in exactly 30 days; orange from ${formatNumber(ticketAt)}× (the slowest ticket factor), red from ${formatNumber(pageAt)}× (the slowest paging factor).`,
    unit: 'short',
    min: 0,
    thresholds: [
      { value: null, color: 'green' },
      { value: ticketAt, color: 'orange' },
      { value: pageAt, color: 'red' },
    ],
    queries: longs.map((w) => ({ expr: div(errorRatio(s, w), budgetOf(s)), legend: `{{job}} ${w}` })),
  });
}

/** Spec 000 § 6 (SLOs, draft) and § 12 "error budget tracking (burn rate alerts)": budget left and burn rates per SLO. */
export const ikEngineSlos = dashboard({
  uid: 'ik-engine-slos',
  title: 'ik-engine: SLOs',
  description:
    'The SLOs of spec 000 § 6: API availability 99.9 %, auth latency (95 % of logins within 400 ms) and media variant latency (95 % of uploads within 30 s). Per SLO: the error budget left over 30 days, the error ratios its burn-rate alerts read (with their thresholds) and the burn rates. The "error rate < 1 %" SLO is the availability SLI with a looser objective: the 99.9 % budget covers it.',
  source: 'dashboards/ik-engine/slos.ts',
  systems: [ikEngine],
  tags: ['ik-engine'],
  headline: slos.map((s) =>
    stat({
      title: `${s.props.name}: error budget left (30d)`,
      description: `Share of the 30-day error budget of "${s.props.promise}" (${formatNumber(budgetOf(s) * 100)} % of events may fail) not yet spent: 100 % is no failure, 0 % the objective just met, below 0 it is missed. Computed from the mean of the recorded 1h error ratio over 30 days.`,
      unit: 'percentunit',
      max: 1,
      width: 24 / slos.length,
      height: 4,
      thresholds: [
        { value: null, color: 'red' },
        { value: 0, color: 'orange' },
        { value: 0.25, color: 'green' },
      ],
      queries: [{ expr: budgetLeft(s), legend: '{{job}}' }],
    }),
  ),
  rows: slos.map((s) => row(`${s.props.name}: ${s.props.promise}`, [burnSignals(s, s.alerts[0], 'fast'), burnSignals(s, s.alerts[1], 'slow'), burnRates(s)])),
});
