import { LabelMatcher, matcherMatches, readExpr } from '../promql';
import { ScrapeConfig } from './config';
import { RulePack, packAlerts } from './rule-pack';

/** A scrape job and the alerts that fire when its targets stop answering, or why none does. */
export interface ScrapeLossCoverage {
  readonly job: string;
  /** Alerts reading the job's `up`, or watching a series of the job for absence. */
  readonly alerts: readonly string[];
  /**
   * Of those, the ones watching a series for absence: the only ones that fire when the job has no
   * targets at all (service discovery finding none), where `up` is not 0 but missing.
   */
  readonly absenceAlerts: readonly string[];
  /** The job's `unalertedReason`, when it is deliberately left without one. */
  readonly unalertedReason?: string;
}

/**
 * Which alerts notice each job's loss. A target that stops answering turns
 * every alert on its series silent (no series, no comparison): only `up` of
 * the job, or `absent()` of its series, still fires. A probe job is no
 * different: with the exporter down, probe_success is not 0 but gone.
 */
export function scrapeLossCoverage(scrapeConfigs: readonly ScrapeConfig[], packs: readonly RulePack[]): ScrapeLossCoverage[] {
  const alerts = packs.flatMap(packAlerts).map((a) => ({ name: a.name, selectors: a.rule.expr ? readExpr(a.rule.expr).selectors : [] }));
  const watching = (job: string, watches: (s: { name: string; watchedForAbsence?: boolean; matchers: readonly LabelMatcher[] }) => boolean) =>
    alerts.filter((a) => a.selectors.some((s) => watches(s) && selectsJob(s.matchers, job))).map((a) => a.name);
  return scrapeConfigs.map((job) => ({
    job: job.jobName,
    alerts: watching(job.jobName, (s) => s.name === 'up' || s.watchedForAbsence === true),
    // absent(x{job=~"a|b"}) stays silent while b still has series: only an exact job counts.
    absenceAlerts: watching(job.jobName, (s) => s.watchedForAbsence === true && s.matchers.some((m) => m.label === 'job' && m.op === '=' && m.value === job.jobName)),
    ...(job.unalertedReason !== undefined ? { unalertedReason: job.unalertedReason } : {}),
  }));
}

function selectsJob(matchers: readonly LabelMatcher[], job: string): boolean {
  const jobMatchers = matchers.filter((m) => m.label === 'job');
  return jobMatchers.length > 0 && jobMatchers.every((m) => matcherMatches(m, job));
}

/** Jobs whose loss nothing notices, and declarations that contradict the alerts. */
export function scrapeLossProblems(scrapeConfigs: readonly ScrapeConfig[], packs: readonly RulePack[]): string[] {
  return scrapeLossCoverage(scrapeConfigs, packs).flatMap(({ job, alerts, unalertedReason }) => {
    const where = `scrape job ${job}`;
    if (unalertedReason !== undefined && !unalertedReason.trim()) return [`${where}: unalertedReason is empty; say why losing this job needs no alert`];
    if (unalertedReason !== undefined && alerts.length) return [`${where} is declared unalerted but ${alerts.join(', ')} notice its loss; remove unalertedReason`];
    if (unalertedReason === undefined && !alerts.length) {
      return [
        `${where}: no alert notices when its targets stop answering (every alert on its series goes silent with them); ` +
          `add an alert on up{job="${job}"} == 0 (targetDown) or on absent() of one of its series, or set unalertedReason`,
      ];
    }
    return [];
  });
}
