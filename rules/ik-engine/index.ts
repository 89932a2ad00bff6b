import { RulePack, RulePackConfig, ScrapeConfig, System, dashboardUrlFor, ruleGroup, rulePack, runbookUrlFor, scrapeJobFor } from '../../lib';
import { alertRules } from './alerts';
import { ikEngine, ikEngineBlackbox, ikEnginePostgres } from './metrics';
import { recordingRules } from './recording';
import { slos } from './slo';

export { ikEngine, ikEngineBlackbox, ikEnginePostgres } from './metrics';

/** Every ik-engine scrape job: the API, its PostgreSQL exporter, the readiness probe. */
export const ikEngineSystems: readonly System[] = [ikEngine, ikEnginePostgres, ikEngineBlackbox];

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
    // /api/ready through the blackbox exporter; the typed probe construct of issue 6 replaces this job.
    scrapeJobFor(ikEngineBlackbox, {
      targets: ['https://ik-engine.example.com/api/ready'],
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

/** The ik-engine rule pack (spec 000): its rule examples, its alerting table and its SLOs. */
export function ikEngineRules(config: RulePackConfig): RulePack {
  return rulePack({
    system: ikEngine,
    reads: [ikEnginePostgres, ikEngineBlackbox],
    source: 'rules/ik-engine',
    runbookUrl: runbookUrlFor(config, ikEngine),
    dashboardUrl: dashboardUrlFor(config, 'ik-engine-overview'),
    groups: [
      ruleGroup({ name: 'ik-engine.rules', rules: recordingRules }),
      ruleGroup({ name: 'ik-engine.alerts', rules: alertRules }),
      ...slos.map((s) => s.group),
    ],
  });
}
