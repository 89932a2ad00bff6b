import { RulePack, RulePackConfig, ScrapeConfig, System, dashboardUrlFor, probeGroup, ruleGroup, rulePack, runbookUrlFor, scrapeJobFor } from '../../lib';
import { alertRules } from './alerts';
import { internetIdApi, internetIdNode, internetIdPostgres, internetIdRedis } from './metrics';
import { internetIdProbes } from './probes';
import { recordingRules } from './recording';

export { internetIdApi, internetIdNode, internetIdPostgres, internetIdRedis } from './metrics';
export { internetIdProbes } from './probes';

/** Every internet-id scrape job, one System each; the API first (it owns the pack), the uptime probes last. */
export const internetIdSystems: readonly System[] = [internetIdApi, internetIdPostgres, internetIdRedis, internetIdNode, ...internetIdProbes.map((p) => p.system)];

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
    // 1-minute uptime checks of the API and the web app through the blackbox exporter (rules/internet-id/probes.ts).
    ...internetIdProbes.map((p) => p.scrapeJob),
  ];
}

/** The internet-id rule pack (spec 004): the spec's 20 alerts and the series they share. */
export function internetIdRules(config: RulePackConfig): RulePack {
  return rulePack({
    name: 'internet-id',
    system: internetIdApi,
    reads: [internetIdPostgres, internetIdRedis, internetIdNode, ...internetIdProbes.map((p) => p.system)],
    source: 'rules/internet-id',
    runbookUrl: runbookUrlFor(config, 'internet-id'),
    dashboardUrl: dashboardUrlFor(config, 'internet-id-overview'),
    groups: [
      ruleGroup({ name: 'internet-id.rules', rules: recordingRules }),
      ruleGroup({ name: 'internet-id.alerts', rules: alertRules }),
      probeGroup('internet-id', internetIdProbes),
    ],
  });
}
