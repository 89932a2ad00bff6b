import { RulePack, ScrapeConfig, scrapeLossCoverage } from '../prometheus';
import { KubernetesService } from './target';

/**
 * A job scraped through a ServiceMonitor has no targets at all when its Service has no endpoints
 * (the exporter deleted, scaled to zero, its labels changed): its `up` is then missing, not 0, and
 * an `up == 0` alert stays silent. Unlike a static target, such a job needs an alert on absence.
 */
export function discoveryLossProblems(services: Readonly<Record<string, KubernetesService>>, namespace: string, jobs: readonly ScrapeConfig[], packs: readonly RulePack[]): string[] {
  const discovered = jobs.filter((j) => services[j.jobName]);
  return scrapeLossCoverage(discovered, packs).flatMap(({ job, alerts, absenceAlerts, unalertedReason }) => {
    if (absenceAlerts.length || unalertedReason !== undefined) return [];
    const service = services[job];
    const noticedBy = alerts.length ? `${alerts.join(', ')} (up == 0) would never fire` : 'no alert would notice';
    return [
      `kubernetes.services[${JSON.stringify(job)}]: when the Service has no endpoints the job has no targets and no up series, so ${noticedBy}; ` +
        `add an alert on absent(up{job="${job}"}), or remove it from kubernetes.services and give the job the Service's DNS name as its target (targets: ['<service>.${service.namespace ?? namespace}.svc:<port>']), whose up turns 0`,
    ];
  });
}
