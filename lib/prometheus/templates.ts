import { By, Condition, Duration, Histogram, System, TargetLabel, bucketRates, eq, formatNumber, histogramQuantile } from '../promql';
import { AlertRule, AlertText, Severity, alertRule, recordingRule } from './rule';

export interface TargetDownProps {
  /** The system whose scrape targets are watched. */
  readonly system: System;
  /** UpperCamelCase alert name, e.g. `ServiceDown`. */
  readonly name: string;
  /** @default '2m' */
  readonly for?: Duration;
  /** @default 'critical' */
  readonly severity?: Severity;
  /** @default '<title> is down' */
  readonly summary?: string;
  /** Extra labels, e.g. a `component` to route on. @default `impact: service-down` only */
  readonly labels?: Readonly<Record<string, string>>;
}

/** `up == 0` for a system's scrape targets: the target answers no scrape. */
export function targetDown(props: TargetDownProps): AlertRule {
  const forDuration = props.for ?? '2m';
  return alertRule({
    name: props.name,
    expr: eq(props.system.up, 0),
    for: forDuration,
    severity: props.severity ?? 'critical',
    summary: props.summary ?? `${props.system.title} is down`,
    description: (s) => `{{ $labels.instance }} of job {{ $labels.job }} has answered no scrape for ${s.for}.`,
    // `impact` lets Alertmanager hold back the service's other alerts while it is down.
    labels: { impact: 'service-down', ...props.labels },
  });
}

export interface ExporterDownProps {
  /** The exporter's catalog (its `job` is the exporter's scrape job). */
  readonly system: System;
  /** UpperCamelCase alert name, e.g. `InternetIdPostgresExporterDown`. */
  readonly name: string;
  /** What the exporter watches, for the summary, e.g. `PostgreSQL`. */
  readonly watches: string;
  /** @default '5m' */
  readonly for?: Duration;
  /** Extra labels, e.g. a `component` to route on. @default `impact: monitoring-blind` only */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * An exporter that answers no scrape: what it watches may be fine, but every
 * alert on its series goes silent with it, so this one says so (a warning:
 * nothing is known to be broken yet).
 */
export function exporterDown(props: ExporterDownProps): AlertRule {
  return targetDown({
    system: props.system,
    name: props.name,
    for: props.for ?? '5m',
    severity: 'warning',
    summary: `The ${props.watches} exporter answers no scrape: the ${props.watches} alerts cannot fire`,
    // Not `service-down`: the service may be healthy; its alerts are only blind.
    labels: { impact: 'monitoring-blind', ...props.labels },
  });
}

/** One level of an alert graded warning and critical. */
export interface AlertLevel {
  readonly name: string;
  readonly threshold: number;
  readonly for: Duration;
  readonly summary: AlertText;
  readonly description: AlertText;
}

export interface LeveledAlertProps {
  /** Ties the levels together: Alertmanager holds back the warning while the critical fires. */
  readonly family: string;
  /** The condition at a level's threshold; `severity` lets the levels read different windows. */
  readonly condition: (threshold: number, severity: 'warning' | 'critical') => Condition;
  /** Labels of both levels, e.g. a `component` to route on. @default only `family` */
  readonly labels?: Readonly<Record<string, string>>;
  readonly warning: AlertLevel;
  readonly critical: AlertLevel;
}

/** One condition, two alerts: the warning and the critical level of the same family. */
export function leveledAlerts(props: LeveledAlertProps): [AlertRule, AlertRule] {
  const level = (severity: 'warning' | 'critical'): AlertRule => {
    const { threshold, ...rest } = props[severity];
    return alertRule({ ...rest, expr: props.condition(threshold, severity), severity, labels: { ...props.labels, family: props.family } });
  };
  return [level('warning'), level('critical')];
}

/**
 * A latency histogram's two recordings: its bucket rates per group
 * (`<level>_le:<metric>_bucket:rate<window>`), the input of every quantile a
 * panel draws, and one quantile read from them (`<level>:<metric>:p95_rate<window>`),
 * what alerts compare. The level is the grouping, e.g. `job` or `job_model`.
 */
export function latencyRecordings<L extends string, K extends L | TargetLabel>(histogram: Histogram<L>, window: Duration, grouping: By<K>, quantile = 0.95) {
  const level = grouping.by.join('_');
  const metric = histogram.metric.name;
  const buckets = recordingRule({ record: `${level}_le:${metric}_bucket:rate${window}`, expr: bucketRates(histogram, window, grouping) });
  const percentile = recordingRule({ record: `${level}:${metric}:p${formatNumber(quantile * 100)}_rate${window}`, expr: histogramQuantile(quantile, buckets.series) });
  return { buckets, quantile: percentile };
}
