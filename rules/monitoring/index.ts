import { RulePack, RulePackConfig, ScrapeConfig, dashboardUrlFor, ruleGroup, rulePack, runbookUrlFor, scrapeJobFor } from '../../lib';
import { alertRules } from './alerts';
import { alertmanagerServer, blackboxExporterServer, grafanaServer, prometheusServer } from './metrics';

export { alertmanagerServer, blackboxExporterServer, grafanaServer, prometheusServer } from './metrics';

/** The servers' own /metrics, at the names they have on the deployment's network. */
export function monitoringScrapeJobs(): ScrapeConfig[] {
  return [
    scrapeJobFor(prometheusServer, {
      targets: ['localhost:9090'],
      unalertedReason: 'Prometheus scraping itself: when that fails, Prometheus is down and evaluates no alert at all; the Watchdog heartbeat stops and the dead man\'s switch outside the stack pages',
    }),
    scrapeJobFor(alertmanagerServer, { targets: ['alertmanager:9093'] }),
    scrapeJobFor(blackboxExporterServer, { targets: ['blackbox-exporter:9115'] }),
    scrapeJobFor(grafanaServer, { targets: ['grafana:3000'] }),
  ];
}

/** The monitoring stack watching itself: the servers of lib/docker. */
export function monitoringRules(config: RulePackConfig): RulePack {
  return rulePack({
    name: 'monitoring',
    system: prometheusServer,
    reads: [alertmanagerServer, blackboxExporterServer, grafanaServer],
    source: 'rules/monitoring',
    runbookUrl: runbookUrlFor(config, 'monitoring'),
    dashboardUrl: dashboardUrlFor(config, 'monitoring-overview'),
    groups: [ruleGroup({ name: 'monitoring.alerts', rules: alertRules })],
  });
}
