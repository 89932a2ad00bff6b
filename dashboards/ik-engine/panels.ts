import { AlertRule, Panel, PanelProps, ThresholdStep, alertSignals, timeseries } from '../../lib';

/**
 * Headline numbers carry no alert: an alert links to the first panel listing it,
 * and the headline comes first. So they keep a neutral colour, and the graphs
 * below them (which do list the alerts) show the deployed thresholds.
 */
export const NEUTRAL: readonly ThresholdStep[] = [{ value: null, color: 'blue' }];

/** A stat of the headline strip: four to a line. */
export const headlineStat = { width: 6, height: 4, thresholds: NEUTRAL } as const;

/**
 * A time series plotting every signal of an alert whose condition compares
 * several expressions (`ratio > 3 and rate > 0.1`), one legend per signal:
 * `alertPanel` gives all signals one legend, which cannot tell them apart.
 * The signals are the alert's own expressions, so the checker links the alert here.
 */
export function signalsPanel(alert: AlertRule, legends: readonly string[], props: Omit<PanelProps, 'queries' | 'alerts'>): Panel {
  const signals = alertSignals(alert.expr);
  if (signals.length !== legends.length) throw new Error(`${alert.name} has ${signals.length} signals, ${legends.length} legends given`);
  return timeseries({ ...props, queries: signals.map((s, i) => ({ expr: s.expr, legend: legends[i] })), alerts: [alert] });
}
