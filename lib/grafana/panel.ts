import { Expr } from '../promql';
import type { AlertRule } from '../prometheus';

/** The visualisations this project draws; each is imported from the Foundation SDK only when used. */
export type PanelKind = 'timeseries' | 'stat' | 'gauge' | 'bargauge' | 'barchart' | 'heatmap' | 'table';

/** A query of a panel: a typed expression and how its series are named. */
export interface PanelQuery {
  readonly expr: Expr;
  /**
   * Series name in the legend, e.g. `{{instance}}`.
   * @default the labels Grafana shows
   */
  readonly legend?: string;
}

/** One colour step: from `value` up (the base step has `null`). */
export interface ThresholdStep {
  readonly value: number | null;
  readonly color: 'green' | 'orange' | 'red' | 'blue';
}

export interface PanelProps {
  readonly title: string;
  /** What the panel shows and how to read it (dashboard-linter requires one). */
  readonly description: string;
  /** A Grafana unit id: `s`, `ms`, `percentunit`, `reqps`, `ops`, `bytes`, `currencyUSD`, `short`… (see `units` of the SDK). */
  readonly unit: string;
  readonly queries: readonly (Expr | PanelQuery)[];
  /** @default Grafana scales the axis to the data */
  readonly min?: number;
  /** @default Grafana scales the axis to the data */
  readonly max?: number;
  /**
   * Alerts whose signal the panel plots. Their thresholds, as deployed (after
   * overrides), colour the panel, and their `dashboard_url` points here.
   * @default none
   */
  readonly alerts?: readonly AlertRule[];
  /**
   * Colour steps when no alert gives them, ascending, base step first.
   * @default a single green step
   */
  readonly thresholds?: readonly ThresholdStep[];
  /** Columns of the 24-column grid. @default 8 */
  readonly width?: number;
  /** Grid rows (30 px each). @default 8 */
  readonly height?: number;
}

export interface Panel extends PanelProps {
  readonly kind: PanelKind;
}

const panelOf =
  (kind: PanelKind) =>
  (props: PanelProps): Panel => ({ kind, ...props });

/** A time series graph: rates, ratios, latencies over time. */
export const timeseries = panelOf('timeseries');
/** One number (the last value): headline figures. */
export const stat = panelOf('stat');
/** One number against its range: shares and utilisation (set min and max). */
export const gauge = panelOf('gauge');
/** One bar per series, horizontal: per-instance or per-label current values. */
export const barGauge = panelOf('bargauge');
/** Bars by label value at the last instant: counts by type or reason. */
export const barChart = panelOf('barchart');
/** A latency histogram over time: the query is a rate of buckets by `le`; `unit` is the buckets' (the y axis), cells are per second. */
export const heatmap = panelOf('heatmap');
/** One row per series at the last instant: inventories and per-label breakdowns. */
export const table = panelOf('table');

/** The panel's queries with their legends. */
export function panelQueries(panel: Panel): PanelQuery[] {
  return panel.queries.map((q) => ('expr' in q ? q : { expr: q }));
}
