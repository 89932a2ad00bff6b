import { RulePack, RulePackConfig, ScrapeConfig, System, dashboardUrlFor, ruleGroup, rulePack, runbookUrlFor, scrapeJobFor } from '../../lib';
import { alertRules } from './alerts';
import { canvascastApi, canvascastWorker } from './metrics';
import { recordingRules } from './recording';

export { canvascastApi, canvascastWorker } from './metrics';

/** Every canvascast system with a scrape job of its own: the API and the pipeline worker. */
export const canvascastSystems: readonly System[] = [canvascastApi, canvascastWorker];

/**
 * One scrape job per system. Targets are placeholders the environment may
 * override. The API serves `/metrics` (spec §5, "Metrics Endpoint"); the spec
 * names `apps/worker/src/metrics.ts` but no path, so the worker is assumed to
 * serve prom-client's registry on `/metrics` as well.
 */
export function canvascastScrapeJobs(): ScrapeConfig[] {
  return [
    scrapeJobFor(canvascastApi, { targets: ['canvascast-api:8080'], metricsPath: '/metrics' }),
    scrapeJobFor(canvascastWorker, { targets: ['canvascast-worker:8080'], metricsPath: '/metrics' }),
  ];
}

/**
 * The canvascast rule pack (spec 001). The API is the pack's system; the
 * worker's catalog is read through `reads`. The pack is named `canvascast`:
 * its rule file, its `service` label and its runbook.
 */
export function canvascastRules(config: RulePackConfig): RulePack {
  return rulePack({
    name: 'canvascast',
    system: canvascastApi,
    reads: [canvascastWorker],
    source: 'rules/canvascast',
    runbookUrl: runbookUrlFor(config, 'canvascast'),
    dashboardUrl: dashboardUrlFor(config, 'canvascast-overview'),
    groups: [
      ruleGroup({ name: 'canvascast.rules', rules: recordingRules }),
      ruleGroup({ name: 'canvascast.alerts', rules: alertRules }),
    ],
  });
}
