import { RulePack, RulePackConfig, ScrapeConfig, System, dashboardUrlFor, probeGroup, ruleGroup, rulePack, runbookUrlFor, scrapeJobFor } from '../../lib';
import { alertRules } from './alerts';
import { ikEngine, ikEnginePostgres } from './metrics';
import { ikEngineProbes } from './probes';
import { recordingRules } from './recording';
import { slos } from './slo';

export { ikEngine, ikEnginePostgres } from './metrics';
export { ikEngineProbes } from './probes';

/** Every ik-engine scrape job: the API, its PostgreSQL exporter, the readiness probe. */
export const ikEngineSystems: readonly System[] = [ikEngine, ikEnginePostgres, ...ikEngineProbes.map((p) => p.system)];

/** Scrape jobs of spec 000. Targets are placeholders an environment may replace. */
export function ikEngineScrapeJobs(): ScrapeConfig[] {
  return [
    // /api/metrics, protected by basic auth; the password comes from a mounted secret file.
    scrapeJobFor(ikEngine, {
      targets: ['ik-engine.example.com:443'],
      scheme: 'https',
      metricsPath: '/api/metrics',
      scrapeInterval: '15s',
      basicAuth: { username: 'prometheus', passwordFile: '/etc/prometheus/secrets/ik-engine-metrics-password' },
    }),
    scrapeJobFor(ikEnginePostgres, { targets: ['ik-engine-postgres-exporter:9187'] }),
    // /api/ready through the blackbox exporter (rules/ik-engine/probes.ts).
    ...ikEngineProbes.map((p) => p.scrapeJob),
  ];
}

/** The ik-engine rule pack (spec 000): its rule examples, its alerting table and its SLOs. */
export function ikEngineRules(config: RulePackConfig): RulePack {
  return rulePack({
    system: ikEngine,
    reads: [ikEnginePostgres, ...ikEngineProbes.map((p) => p.system)],
    source: 'rules/ik-engine',
    runbookUrl: runbookUrlFor(config, ikEngine),
    dashboardUrl: dashboardUrlFor(config, 'ik-engine-overview'),
    groups: [
      ruleGroup({ name: 'ik-engine.rules', rules: recordingRules }),
      ruleGroup({ name: 'ik-engine.alerts', rules: alertRules }),
      probeGroup('ik-engine', ikEngineProbes),
      ...slos.map((s) => s.group),
    ],
  });
}
