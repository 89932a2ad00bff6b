import { RulePack, RulePackConfig, ScrapeConfig, System, dashboardUrlFor, probeGroup, ruleGroup, rulePack, runbookUrlFor, scrapeJobFor } from '../../lib';
import { alertRules } from './alerts';
import { dubbing, dubbingGpu, dubbingNode, dubbingPostgres, dubbingRedis } from './metrics';
import { dubbingProbes } from './probes';
import { recordingRules } from './recording';

export { dubbing, dubbingGpu, dubbingNode, dubbingPostgres, dubbingRedis } from './metrics';
export { dubbingProbes } from './probes';

/** Every system of the dubbing platform that needs a scrape job: the app first, then its exporters, then its probes. */
export const dubbingSystems: readonly System[] = [dubbing, dubbingPostgres, dubbingRedis, dubbingNode, dubbingGpu, ...dubbingProbes.map((p) => p.system)];

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
    ...dubbingProbes.map((p) => p.scrapeJob),
  ];
}

/** The dubbing platform rule pack (spec 003). */
export function dubbingRules(config: RulePackConfig): RulePack {
  return rulePack({
    name: 'dubbing',
    system: dubbing,
    reads: [dubbingPostgres, dubbingRedis, dubbingNode, dubbingGpu, ...dubbingProbes.map((p) => p.system)],
    source: 'rules/dubbing',
    runbookUrl: runbookUrlFor(config, dubbing),
    dashboardUrl: dashboardUrlFor(config, 'dubbing-overview'),
    groups: [
      ruleGroup({ name: 'dubbing.rules', rules: recordingRules }),
      ruleGroup({ name: 'dubbing.alerts', rules: alertRules }),
      probeGroup('dubbing', dubbingProbes),
    ],
  });
}
