import { Duration, Expr, avgOverTime, sub, time } from '../promql';
import type { AlertRule } from '../prometheus';
import type { ProbeMetrics, ProbeProps } from './probe';

/** One step of a panel's thresholds, as Grafana reads them: from `value` up, `color` (the first step has no lower bound). */
export interface PanelThreshold {
  /** Lower bound; `null` for the base step. */
  readonly value: number | null;
  readonly color: 'green' | 'orange' | 'red';
}

/**
 * What a dashboard shows of a probe, before any dashboard exists: a plain
 * description the Grafana layer places. Thresholds are the alerts' own.
 */
export interface ProbePanel {
  readonly title: string;
  /** What the panel shows and which alert its thresholds belong to. */
  readonly description: string;
  /** A catalogued, job-scoped expression. */
  readonly query: Expr;
  /** Grafana unit id. */
  readonly unit: 'bool_yes_no' | 's';
  /** Ascending by value, base step first. */
  readonly thresholds: readonly PanelThreshold[];
  /** The probe's alerts whose signal `query` is: their dashboard_url is this panel. */
  readonly alerts: readonly AlertRule[];
}

/** A probe's alerts, by what they watch. */
export interface ProbeAlertSet {
  readonly failing: AlertRule;
  /** `up` of the probe's job is 0: the exporter answered no scrape of it. */
  readonly notScraped: AlertRule;
  readonly slow?: { readonly alert: AlertRule; readonly window: Duration };
  readonly certificate?: readonly AlertRule[];
}

const DAY_SECONDS = 86_400;
/** 0 is red, 1 green: probe_success and up. */
const UP_DOWN: readonly PanelThreshold[] = [
  { value: null, color: 'red' },
  { value: 1, color: 'green' },
];

/** The panels of a probe: status, duration (with the slow threshold) and, for TLS, time left on the certificate. */
export function probePanels(props: ProbeProps<string>, m: ProbeMetrics<string>, alerts: ProbeAlertSet): ProbePanel[] {
  const panels: ProbePanel[] = [
    {
      title: `${props.title}: probe status`,
      // No numbers of the alerts here: an environment may override them, and the panel lists them as deployed.
      description: `probe_success of ${props.target}: 1 when the probe succeeded; the failing alert fires when it stays down.`,
      query: m.success,
      unit: 'bool_yes_no',
      thresholds: UP_DOWN,
      alerts: [alerts.failing],
    },
    {
      title: `${props.title}: probe duration`,
      description: alerts.slow
        ? `probe_duration_seconds of ${props.target}, averaged over ${alerts.slow.window} as the slow alert reads it; it fires above the dashed line.`
        : `probe_duration_seconds of ${props.target}.`,
      // The slow alert's own signal, so its threshold line means what the alert means.
      query: alerts.slow ? avgOverTime(m.durationSeconds, alerts.slow.window) : m.durationSeconds,
      unit: 's',
      thresholds: props.slow
        ? [
            { value: null, color: 'green' },
            { value: props.slow.maxSeconds, color: 'orange' },
          ]
        : [{ value: null, color: 'green' }],
      alerts: alerts.slow ? [alerts.slow.alert] : [],
    },
  ];
  if (alerts.certificate) {
    const { warningDays, criticalDays } = certificateDays(props);
    panels.push({
      title: `${props.title}: certificate expires in`,
      description: `Time left on the TLS certificate of ${props.target}: critical below ${criticalDays} days, warning below ${warningDays}.`,
      query: sub(m.sslEarliestCertExpiry, time()),
      unit: 's',
      thresholds: [
        { value: null, color: 'red' },
        { value: criticalDays * DAY_SECONDS, color: 'orange' },
        { value: warningDays * DAY_SECONDS, color: 'green' },
      ],
      alerts: alerts.certificate,
    });
  }
  panels.push({
    title: `${props.title}: probe scraped`,
    description: `up of the probe's scrape job: 1 when the blackbox exporter answered the scrape; at 0 there is no probe_success, so only the not-probed alert can fire.`,
    query: m.up,
    unit: 'bool_yes_no',
    thresholds: UP_DOWN,
    alerts: [alerts.notScraped],
  });
  return panels;
}

/** The certificate thresholds of a probe, in days: declared once, read by the alerts and the panel. */
export function certificateDays(props: Pick<ProbeProps<string>, 'certificate'>): { warningDays: number; criticalDays: number } {
  const c = props.certificate || {};
  return { warningDays: c.warningDays ?? 14, criticalDays: c.criticalDays ?? 3 };
}
