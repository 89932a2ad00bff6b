import { RulePack, RulePackConfig, ScrapeConfig, System, dashboardUrlFor, probeGroup, ruleGroup, rulePack, runbookUrlFor, scrapeJobFor } from '../../lib';
import { alertRules } from './alerts';
import { poseGenerator } from './metrics';
import { poseGeneratorProbes } from './probes';
import { recordingRules } from './recording';

export { poseGenerator } from './metrics';
export { poseGeneratorProbes } from './probes';

/** Every pose-generator system that needs a scrape job: the app (API and worker export through one endpoint), then its health probe. */
export const poseGeneratorSystems: readonly System[] = [poseGenerator, ...poseGeneratorProbes.map((p) => p.system)];

/**
 * The scrape job. The path is the spec's `app.get('/metrics-prometheus')`; the
 * spec mounts its JSON API under /api/apps/pose-generator, so if that `app` is
 * the mounted sub-app, the environment overrides the path. The target is a
 * placeholder the environment replaces. The spec's snippet puts no auth on it.
 */
export function poseGeneratorScrapeJobs(): ScrapeConfig[] {
  return [scrapeJobFor(poseGenerator, { targets: ['pose-generator:3000'], metricsPath: '/metrics-prometheus' }), ...poseGeneratorProbes.map((p) => p.scrapeJob)];
}

/** The pose-generator rule pack (spec 002). */
export function poseGeneratorRules(config: RulePackConfig): RulePack {
  return rulePack({
    name: 'pose-generator',
    system: poseGenerator,
    reads: poseGeneratorProbes.map((p) => p.system),
    source: 'rules/pose-generator',
    runbookUrl: runbookUrlFor(config, poseGenerator),
    dashboardUrl: dashboardUrlFor(config, 'pose-generator-overview'),
    groups: [
      ruleGroup({ name: 'pose-generator.rules', rules: recordingRules }),
      ruleGroup({ name: 'pose-generator.alerts', rules: alertRules }),
      probeGroup('pose-generator', poseGeneratorProbes),
    ],
  });
}
