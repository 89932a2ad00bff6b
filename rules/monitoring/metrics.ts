import { System } from '../../lib/promql';

/**
 * The monitoring stack watching itself (not from a spec): Prometheus, the
 * Alertmanager and the blackbox exporter this project deploys, each scraped
 * by its own job. Metric names are the servers' own (checked against the real
 * binaries in test/docker/servers.test.ts); alerts follow the
 * prometheus-mixin and alertmanager-mixin.
 */
const team = 'observability';

export const prometheusServer = new System({ name: 'prometheus', title: 'Prometheus', team, selector: { job: 'prometheus' } });
export const alertmanagerServer = new System({ name: 'alertmanager', title: 'Alertmanager', team, selector: { job: 'alertmanager' } });
export const blackboxExporterServer = new System({ name: 'blackbox-exporter', title: 'Blackbox exporter', team, selector: { job: 'blackbox-exporter' } });
export const grafanaServer = new System({ name: 'grafana', title: 'Grafana', team, selector: { job: 'grafana' } });

export const prometheusConfigReloadSuccessful = prometheusServer.gauge({
  name: 'prometheus_config_last_reload_successful',
  help: 'Whether the last configuration reload attempt was successful (1) or not (0).',
});

export const prometheusRuleEvaluationFailures = prometheusServer.counter({
  name: 'prometheus_rule_evaluation_failures_total',
  help: 'Rule evaluations that failed, per rule group.',
  labels: ['rule_group'],
});

export const prometheusNotificationErrors = prometheusServer.counter({
  name: 'prometheus_notifications_errors_total',
  help: 'Errors sending alert notifications, per Alertmanager.',
  labels: ['alertmanager'],
});

export const prometheusNotificationsSent = prometheusServer.counter({
  name: 'prometheus_notifications_sent_total',
  help: 'Alerts sent, per Alertmanager.',
  labels: ['alertmanager'],
});

export const prometheusNotificationsDropped = prometheusServer.counter({
  name: 'prometheus_notifications_dropped_total',
  help: 'Alerts dropped due to errors when sending to Alertmanager.',
});

export const alertmanagerConfigReloadSuccessful = alertmanagerServer.gauge({
  name: 'alertmanager_config_last_reload_successful',
  help: 'Whether the last configuration reload attempt was successful (1) or not (0).',
});

export const alertmanagerNotificationsFailed = alertmanagerServer.counter({
  name: 'alertmanager_notifications_failed_total',
  help: 'Notifications that failed, per integration (pagerduty, slack, email…).',
  labels: ['integration'],
});

export const alertmanagerNotifications = alertmanagerServer.counter({
  name: 'alertmanager_notifications_total',
  help: 'Notifications attempted, per integration.',
  labels: ['integration'],
});

export const blackboxExporterConfigReloadSuccessful = blackboxExporterServer.gauge({
  name: 'blackbox_exporter_config_last_reload_successful',
  help: 'Whether the blackbox exporter loaded its configuration (1) or not (0).',
});

export const prometheusAlertmanagersDiscovered = prometheusServer.gauge({
  name: 'prometheus_notifications_alertmanagers_discovered',
  help: 'Alertmanagers Prometheus has discovered and is sending to.',
});

export const grafanaBuildInfo = grafanaServer.gauge({
  name: 'grafana_build_info',
  help: 'Always 1; labels give the running Grafana version and edition.',
  labels: ['version', 'edition'],
});
