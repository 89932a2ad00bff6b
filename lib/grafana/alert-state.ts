import { Selector, count, selector } from '../promql';
import type { KnownSeries } from '../prometheus/validate';
import { Panel, table } from './panel';

/** Labels of Prometheus' own ALERTS series that every alert of a pack carries. */
type AlertStateLabel = 'alertname' | 'alertstate' | 'severity' | 'service' | 'team';
const LABELS: readonly AlertStateLabel[] = ['alertname', 'alertstate', 'severity', 'service', 'team'];

/**
 * Prometheus' own `ALERTS` series, which no catalog declares: one per pending
 * or firing alert, with the alert's labels. Scoped by `service`, the label
 * every alert of a pack carries.
 */
export const ALERTS_SERIES: KnownSeries = { scope: {}, labels: [...LABELS], origin: "Prometheus' own alert state" };

/** The firing alerts of one service (a rule pack's name). */
export function firingAlerts(service: string): Selector<'gauge', AlertStateLabel> {
  return selector<'gauge', AlertStateLabel>({ name: 'ALERTS', kind: 'gauge', labels: LABELS, scope: { service }, origin: ALERTS_SERIES.origin }).where({ alertstate: 'firing' });
}

/** A table of the service's alerts firing now, by name and severity. */
export function firingAlertsPanel(service: string, props: Partial<Pick<Panel, 'width' | 'height' | 'title'>> = {}): Panel {
  return table({
    title: props.title ?? 'Firing alerts',
    description: `Alerts of ${service} firing now (Prometheus' ALERTS series), by name and severity; empty when all is well.`,
    unit: 'short',
    queries: [{ expr: count(firingAlerts(service), { by: ['alertname', 'severity'] }), legend: '{{alertname}}' }],
    ...props,
  });
}
