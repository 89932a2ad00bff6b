import { RulePack, RulePackConfig, ScrapeConfig, System, dashboardUrlFor, ruleGroup, rulePack, runbookUrlFor, scrapeJobFor } from '../../lib';
import { alertRules } from './alerts';
import { internetIdApi, internetIdBlackbox, internetIdNode, internetIdPostgres, internetIdRedis } from './metrics';
import { recordingRules } from './recording';

export { internetIdApi, internetIdBlackbox, internetIdNode, internetIdPostgres, internetIdRedis } from './metrics';

/** Every internet-id scrape job, one System each; the API first (it owns the pack). */
export const internetIdSystems: readonly System[] = [internetIdApi, internetIdPostgres, internetIdRedis, internetIdNode, internetIdBlackbox];

/**
 * Scrape jobs of spec 004. Targets are the docker-compose service names of
 * the spec's stack; an environment may replace them.
 */
export function internetIdScrapeJobs(): ScrapeConfig[] {
  return [
    scrapeJobFor(internetIdApi, { targets: ['internet-id-api:3001'], metricsPath: '/api/metrics' }),
    scrapeJobFor(internetIdPostgres, { targets: ['internet-id-postgres-exporter:9187'] }),
    scrapeJobFor(internetIdRedis, { targets: ['internet-id-redis-exporter:9121'] }),
    scrapeJobFor(internetIdNode, { targets: ['internet-id-node-exporter:9100'] }),
    // The web app (:3000) through the blackbox exporter's http_2xx module; the typed
    // probe construct of issue 6 replaces this job and its module.
    scrapeJobFor(internetIdBlackbox, {
      targets: ['internet-id-web:3000'],
      metricsPath: '/probe',
      params: { module: ['http_2xx'] },
      relabelConfigs: [
        { sourceLabels: ['__address__'], targetLabel: '__param_target' },
        { sourceLabels: ['__param_target'], targetLabel: 'instance' },
        { targetLabel: '__address__', replacement: 'blackbox-exporter:9115' },
      ],
    }),
  ];
}

/** The internet-id rule pack (spec 004): the spec's 20 alerts and the series they share. */
export function internetIdRules(config: RulePackConfig): RulePack {
  return rulePack({
    name: 'internet-id',
    system: internetIdApi,
    reads: [internetIdPostgres, internetIdRedis, internetIdNode, internetIdBlackbox],
    source: 'rules/internet-id',
    runbookUrl: runbookUrlFor(config, 'internet-id'),
    dashboardUrl: dashboardUrlFor(config, 'internet-id-overview'),
    groups: [
      ruleGroup({ name: 'internet-id.rules', rules: recordingRules }),
      ruleGroup({ name: 'internet-id.alerts', rules: alertRules }),
    ],
  });
}
