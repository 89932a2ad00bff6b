import { AlertRule, alertRule, alwaysFiring, eq, gt, increase, lt, maxOverTime, rateRatio, sum, targetDown } from '../../lib';
import {
  alertmanagerConfigReloadSuccessful,
  alertmanagerServer,
  alertmanagerNotifications,
  alertmanagerNotificationsFailed,
  blackboxExporterConfigReloadSuccessful,
  blackboxExporterServer,
  grafanaServer,
  prometheusAlertmanagersDiscovered,
  prometheusConfigReloadSuccessful,
  prometheusNotificationErrors,
  prometheusNotificationsSent,
  prometheusRuleEvaluationFailures,
} from './metrics';

/**
 * With the exporter gone, every probe job is down and `probe_success` is
 * absent: the probe alerts go quiet instead of firing. This alert is what
 * notices.
 */
export const blackboxExporterDown = targetDown({
  system: blackboxExporterServer,
  name: 'BlackboxExporterDown',
  for: '5m',
  severity: 'critical',
  summary: 'Blackbox exporter is down: no probe alert can fire',
  // Not `service-down`: that would hold back Prometheus' and Alertmanager's alerts, which share the service.
  labels: { impact: 'probes-blind' },
});

/** Dashboards are down; alerting is not (Prometheus and Alertmanager do not need Grafana). */
export const grafanaDown = targetDown({
  system: grafanaServer,
  name: 'GrafanaDown',
  for: '5m',
  severity: 'warning',
  summary: 'Grafana is down: dashboards and alert links do not open',
  // Not `service-down`: Prometheus' and Alertmanager's alerts share the service and still matter.
  labels: { impact: 'dashboards-down' },
});

export const blackboxExporterBadConfig = alertRule({
  name: 'BlackboxExporterBadConfig',
  expr: eq(blackboxExporterConfigReloadSuccessful, 0),
  for: '10m',
  severity: 'warning',
  summary: 'Blackbox exporter failed to load its configuration',
  description: '{{ $labels.instance }} runs its previous modules: probes of new or changed modules fail until blackbox.yml loads.',
});

/** prometheus-mixin PrometheusBadConfig. */
export const prometheusBadConfig = alertRule({
  name: 'PrometheusBadConfig',
  expr: eq(prometheusConfigReloadSuccessful, 0),
  for: '10m',
  severity: 'critical',
  summary: 'Prometheus failed to reload its configuration',
  description: '{{ $labels.instance }} keeps its previous configuration: changed scrape jobs and rules are not in effect.',
});

/** prometheus-mixin PrometheusRuleFailures: a failing rule is an alert that can never fire. */
export const prometheusRuleFailures = alertRule({
  name: 'PrometheusRuleFailures',
  expr: gt(sum(increase(prometheusRuleEvaluationFailures, '5m'), { by: ['job', 'instance', 'rule_group'] }), 0),
  for: '15m',
  severity: 'critical',
  summary: 'Prometheus is failing rule evaluations',
  description: '{{ $labels.instance }} failed {{ $value | humanize }} evaluations of group {{ $labels.rule_group }} in the last 5 minutes.',
});

/** prometheus-mixin PrometheusNotConnectedToAlertmanagers. */
export const prometheusNotConnectedToAlertmanagers = alertRule({
  name: 'PrometheusNotConnectedToAlertmanagers',
  expr: lt(maxOverTime(prometheusAlertmanagersDiscovered, '5m'), 1),
  for: '10m',
  severity: 'warning',
  summary: 'Prometheus is not connected to any Alertmanager',
  description: '{{ $labels.instance }} has discovered no Alertmanager: its alerts reach nobody.',
});

/** prometheus-mixin PrometheusErrorSendingAlertsToSomeAlertmanagers. */
export const prometheusErrorSendingAlerts = alertRule({
  name: 'PrometheusErrorSendingAlerts',
  expr: gt(rateRatio(prometheusNotificationErrors, prometheusNotificationsSent, '5m', { by: ['job', 'instance', 'alertmanager'] }), 0.01),
  for: '15m',
  severity: 'warning',
  summary: 'Prometheus has errors sending alerts to an Alertmanager',
  description: '{{ $value | humanizePercentage }} of the alerts {{ $labels.instance }} sends to {{ $labels.alertmanager }} fail.',
});

/** alertmanager-mixin AlertmanagerFailedReload. */
export const alertmanagerFailedReload = alertRule({
  name: 'AlertmanagerFailedReload',
  expr: eq(alertmanagerConfigReloadSuccessful, 0),
  for: '10m',
  severity: 'critical',
  summary: 'Alertmanager failed to reload its configuration',
  description: '{{ $labels.instance }} routes with its previous alertmanager.yml: changed routes and receivers are not in effect.',
});

/**
 * alertmanager-mixin AlertmanagerFailedToSendAlerts. Critical alerts go to
 * PagerDuty and Slack at once, so one failing integration still leaves the other.
 */
export const alertmanagerFailedToSendAlerts = alertRule({
  name: 'AlertmanagerFailedToSendAlerts',
  expr: gt(rateRatio(alertmanagerNotificationsFailed, alertmanagerNotifications, '5m', { by: ['job', 'instance', 'integration'] }), 0.01),
  for: '5m',
  severity: 'warning',
  summary: 'Alertmanager is failing to send notifications',
  description: '{{ $labels.instance }} fails {{ $value | humanizePercentage }} of its {{ $labels.integration }} notifications.',
});

/**
 * No notification goes out while Alertmanager is down, this one included:
 * it shows on the dashboards and in Prometheus' /alerts, and the dead man's
 * switch outside the stack (issue 16) is what pages for it.
 */
export const alertmanagerDown = targetDown({
  system: alertmanagerServer,
  name: 'AlertmanagerDown',
  for: '5m',
  severity: 'critical',
  summary: 'Alertmanager is down: no alert is notified',
  // Not `service-down`: the other monitoring alerts say why, and must stay visible.
  labels: { impact: 'notifications-down' },
});

/**
 * The heartbeat of the whole alert pipeline (kube-prometheus' Watchdog): it
 * always fires, so it reaches Alertmanager as long as Prometheus runs,
 * evaluates rules and can send, and Alertmanager forwards it every minute to
 * an external dead man's switch (alertmanager/heartbeat.ts). When the
 * heartbeats stop, the switch pages: the one failure this stack cannot report
 * itself. Severity `none`: routed by name alone, never paged, never inhibited.
 */
export const watchdog = alertRule({
  name: 'Watchdog',
  expr: alwaysFiring(),
  severity: 'none',
  summary: 'Heartbeat of the alerting pipeline: always firing',
  description:
    'Always fires while Prometheus evaluates rules and reaches Alertmanager, which forwards it to the external dead man\'s switch every minute. It is not a problem: its absence is, and the switch pages for that.',
});

export const alertRules: AlertRule[] = [
  watchdog,
  alertmanagerDown,
  blackboxExporterDown,
  blackboxExporterBadConfig,
  grafanaDown,
  prometheusBadConfig,
  prometheusRuleFailures,
  prometheusNotConnectedToAlertmanagers,
  prometheusErrorSendingAlerts,
  alertmanagerFailedReload,
  alertmanagerFailedToSendAlerts,
];
