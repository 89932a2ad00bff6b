import { RulePack, RulePackConfig, ScrapeConfig, System, dashboardUrlFor, ruleGroup, rulePack, runbookUrlFor, scrapeJobFor } from '../../lib';
import { alertRules } from './alerts';
import { dubbing, dubbingGpu, dubbingNode, dubbingPostgres, dubbingRedis } from './metrics';
import { recordingRules } from './recording';

export { dubbing, dubbingGpu, dubbingNode, dubbingPostgres, dubbingRedis } from './metrics';

/** Every system of the dubbing platform that needs a scrape job: the app first, then its exporters. */
export const dubbingSystems: readonly System[] = [dubbing, dubbingPostgres, dubbingRedis, dubbingNode, dubbingGpu];

/**
 * One scrape job per system. The targets are placeholders (compose service
 * names and the exporters' default ports); an environment may override them.
 */
export function dubbingScrapeJobs(): ScrapeConfig[] {
  return [
    // Spec 003: GET /metrics on the backend.
    scrapeJobFor(dubbing, { targets: ['dubbing-backend:3001'], metricsPath: '/metrics' }),
    scrapeJobFor(dubbingPostgres, { targets: ['dubbing-postgres-exporter:9187'] }),
    scrapeJobFor(dubbingRedis, { targets: ['dubbing-redis-exporter:9121'] }),
    scrapeJobFor(dubbingNode, { targets: ['dubbing-node-exporter:9100'] }),
    scrapeJobFor(dubbingGpu, { targets: ['dubbing-dcgm-exporter:9400'] }),
  ];
}

/** The dubbing platform rule pack (spec 003). */
export function dubbingRules(config: RulePackConfig): RulePack {
  return rulePack({
    name: 'dubbing',
    system: dubbing,
    reads: [dubbingPostgres, dubbingRedis, dubbingNode, dubbingGpu],
    source: 'rules/dubbing',
    runbookUrl: runbookUrlFor(config, dubbing),
    dashboardUrl: dashboardUrlFor(config, 'dubbing-overview'),
    groups: [
      ruleGroup({ name: 'dubbing.rules', rules: recordingRules }),
      ruleGroup({ name: 'dubbing.alerts', rules: alertRules }),
    ],
  });
}
