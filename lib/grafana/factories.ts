import type { ProbePanel } from '../blackbox';
import type { AlertRule } from '../prometheus';
import { Panel, PanelKind, PanelProps, heatmap, timeseries } from './panel';
import { alertSignals } from './signals';
import { Histogram, RATE_INTERVAL, bucketRates } from '../promql';

export interface AlertPanelOptions extends Partial<Omit<PanelProps, 'queries' | 'alerts' | 'unit'>> {
  readonly unit: string;
  /** @default 'timeseries' */
  readonly kind?: PanelKind;
  /** Legend of every signal, or one per signal in order (`a > 3 and b > 0.1` plots two lines). @default Grafana's */
  readonly legend?: string | readonly string[];
  /** More alerts on the same signal (a warning and a critical band). @default none */
  readonly with?: readonly AlertRule[];
}

/**
 * A panel that plots an alert's own signal (the subject of each comparison, or
 * the series `absent()` watches) with its thresholds: the alert's dashboard_url.
 */
export function alertPanel(alert: AlertRule, options: AlertPanelOptions): Panel {
  const alerts = [alert, ...(options.with ?? [])];
  const seen = new Set<string>();
  const queries = alerts
    .flatMap((a) => alertSignals(a.expr))
    .filter((s) => (seen.has(s.expr.promql) ? false : (seen.add(s.expr.promql), true)))
    .map((s, i) => ({ expr: s.expr, ...legendOf(options.legend, i) }));
  const { kind = 'timeseries', legend: _legend, with: _with, ...props } = options;
  return {
    kind,
    title: props.title ?? alert.summary,
    description: props.description ?? `What ${alerts.map((a) => a.name).join(' and ')} ${alerts.length > 1 ? 'watch' : 'watches'}: ${alert.description.replace(/\{\{[^}]*\}\}/g, '…')}`,
    ...props,
    queries,
    alerts,
  };
}

function legendOf(legend: AlertPanelOptions['legend'], i: number): { legend?: string } {
  const chosen = typeof legend === 'string' ? legend : legend?.[i];
  return chosen === undefined ? {} : { legend: chosen };
}

/**
 * `up` of the jobs whose loss these alerts notice (exporters, servers), one
 * line per target: at 0 Prometheus could not scrape it, and every alert on
 * its series is blind. The panel of each of the alerts.
 */
export function scrapeTargetsPanel(alerts: readonly AlertRule[], options: Partial<AlertPanelOptions> = {}): Panel {
  return alertPanel(alerts[0], {
    unit: 'bool_yes_no',
    min: 0,
    max: 1,
    legend: '{{job}} {{instance}}',
    title: 'Scrape targets up',
    description: `up of each scrape target (1 answered the scrape, 0 did not): while a target stays at 0, the alerts on its series cannot fire. ${alerts.map((a) => a.name).join(', ')} notice it.`,
    ...options,
    with: alerts.slice(1),
  });
}

/** A probe's panel description (lib/blackbox) as a panel: its alerts' signal and thresholds. */
export function probePanel(p: ProbePanel, options: Partial<Pick<PanelProps, 'width' | 'height'>> = {}): Panel {
  return timeseries({
    title: p.title,
    description: p.description,
    unit: p.unit,
    queries: [{ expr: p.query, legend: '{{instance}}' }],
    thresholds: p.thresholds,
    alerts: p.alerts,
    ...(p.unit === 'bool_yes_no' ? { min: 0, max: 1 } : {}),
    ...options,
  });
}

/** A latency heatmap of a histogram: its bucket rates by `le` over `$__rate_interval`, summed over the scope's jobs. */
export function latencyHeatmap(histogram: Histogram<string>, props: Omit<PanelProps, 'queries'>): Panel {
  return heatmap({ ...props, queries: [{ expr: bucketRates(histogram, RATE_INTERVAL, { by: [] }), legend: '{{le}}' }] });
}
