import { RATE_INTERVAL, alertPanel, dashboard, firingAlertsPanel, rate, row, sum, timeseries } from '../../lib';
import {
  alertmanagerFailedReload,
  alertmanagerDown,
  alertmanagerFailedToSendAlerts,
  blackboxExporterBadConfig,
  blackboxExporterDown,
  grafanaDown,
  prometheusBadConfig,
  prometheusErrorSendingAlerts,
  prometheusNotConnectedToAlertmanagers,
  prometheusRuleFailures,
} from '../../rules/monitoring/alerts';
import { alertmanagerNotifications, alertmanagerServer, blackboxExporterServer, grafanaServer, prometheusNotificationsSent, prometheusServer } from '../../rules/monitoring/metrics';

const status = { unit: 'bool_yes_no', min: 0, max: 1, width: 6, legend: '{{instance}}' } as const;

/** The stack watching itself: are the servers up, loading their config, evaluating rules and delivering alerts? */
export const monitoringOverview = dashboard({
  uid: 'monitoring-overview',
  title: 'Monitoring stack',
  description: 'Health of the monitoring stack itself: Prometheus, Alertmanager, the blackbox exporter and Grafana. Every alert of the monitoring pack opens its panel here.',
  source: 'dashboards/monitoring/overview.ts',
  systems: [prometheusServer, alertmanagerServer, blackboxExporterServer, grafanaServer],
  tags: ['monitoring'],
  folder: 'monitoring',
  headline: [
    alertPanel(blackboxExporterDown, { ...status, kind: 'stat', title: 'Blackbox exporter up', description: 'up of the blackbox exporter: 0 means no probe runs, so no probe alert can fire.' }),
    alertPanel(grafanaDown, { ...status, kind: 'stat', title: 'Grafana up', description: 'up of Grafana: 0 means dashboards are down (alerting is not).' }),
    alertPanel(alertmanagerDown, { ...status, kind: 'stat', title: 'Alertmanager up', description: 'up of Alertmanager: 0 means no alert is notified, this one included; it shows here and in Prometheus\' /alerts.' }),
    alertPanel(prometheusBadConfig, { ...status, kind: 'stat', title: 'Prometheus config loaded', description: 'prometheus_config_last_reload_successful: 0 means Prometheus runs its previous configuration.' }),
    alertPanel(alertmanagerFailedReload, { ...status, kind: 'stat', title: 'Alertmanager config loaded', description: 'alertmanager_config_last_reload_successful: 0 means Alertmanager routes with its previous configuration.' }),
  ],
  rows: [
    row('Alerts', [firingAlertsPanel('monitoring', { width: 24, height: 6 })]),
    row('Prometheus', [
      alertPanel(prometheusRuleFailures, { unit: 'short', min: 0, legend: '{{rule_group}}', title: 'Failed rule evaluations (5m)', description: 'Rule evaluations that failed in the last 5 minutes, per group: a failing rule is an alert that can never fire.' }),
      alertPanel(prometheusNotConnectedToAlertmanagers, { unit: 'short', min: 0, legend: '{{instance}}', title: 'Alertmanagers discovered', description: 'Alertmanagers Prometheus sends to (highest in 5 minutes): below 1, alerts reach nobody.' }),
      alertPanel(prometheusErrorSendingAlerts, { unit: 'percentunit', min: 0, legend: '{{alertmanager}}', title: 'Alerts failing to reach Alertmanager', description: 'Share of the alerts sent to each Alertmanager that failed, over 5 minutes.' }),
      timeseries({
        title: 'Alerts sent',
        description: 'Alerts Prometheus sends to each Alertmanager, per second.',
        unit: 'ops',
        min: 0,
        queries: [{ expr: sum(rate(prometheusNotificationsSent, RATE_INTERVAL), { by: ['alertmanager'] }), legend: '{{alertmanager}}' }],
      }),
    ]),
    row('Alertmanager', [
      alertPanel(alertmanagerFailedToSendAlerts, { unit: 'percentunit', min: 0, legend: '{{integration}}', title: 'Failing notifications', description: 'Share of notifications that failed, per integration (pagerduty, slack, email, webhook), over 5 minutes.' }),
      timeseries({
        title: 'Notifications sent',
        description: 'Notifications attempted per second, per integration.',
        unit: 'ops',
        min: 0,
        queries: [{ expr: sum(rate(alertmanagerNotifications, RATE_INTERVAL), { by: ['integration'] }), legend: '{{integration}}' }],
      }),
    ]),
    row('Blackbox exporter', [
      alertPanel(blackboxExporterBadConfig, { ...status, width: 8, title: 'Blackbox exporter config loaded', description: 'blackbox_exporter_config_last_reload_successful: 0 means probes of new or changed modules fail.' }),
    ]),
  ],
});
