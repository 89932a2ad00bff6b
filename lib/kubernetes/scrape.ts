import { ScrapeConfig } from '../prometheus';
import { DEFAULT_EXPORTER, Probe } from '../blackbox';
import { KubernetesObject, MONITORING_V1, MONITORING_V1ALPHA1, ObjectMeta, objectName } from './objects';
import { relabelings } from './relabel';
import { basicAuthFromSecret } from './secrets';
import { KubernetesService } from './target';

/** What a scrape job asks of every target, in the operator's field names (shared by ScrapeConfig and ServiceMonitor endpoints). */
function scrapeSettings(job: ScrapeConfig, pathField: 'metricsPath' | 'path', intervalField: 'scrapeInterval' | 'interval'): Record<string, unknown> {
  return {
    // Stated, as prometheus.yml states them, rather than left to the operator's defaults.
    [pathField]: job.metricsPath ?? '/metrics',
    scheme: job.scheme ?? 'http',
    ...(job.scrapeInterval ? { [intervalField]: job.scrapeInterval } : {}),
    ...(job.scrapeTimeout ? { scrapeTimeout: job.scrapeTimeout } : {}),
    ...(job.params ? { params: Object.fromEntries(Object.entries(job.params).map(([k, v]) => [k, [...v]])) } : {}),
    ...(job.basicAuth ? { basicAuth: basicAuthFromSecret(job.basicAuth) } : {}),
  };
}

/** A job with static targets: a ScrapeConfig, whose `jobName` keeps the `job` label the rules select. */
export function scrapeConfigResource(job: ScrapeConfig, meta: (name: string) => ObjectMeta): KubernetesObject {
  const staticConfig = { targets: [...job.targets], ...(job.targetLabels ? { labels: { ...job.targetLabels } } : {}) };
  const relabel = relabelings(job.relabelConfigs);
  return {
    apiVersion: MONITORING_V1ALPHA1,
    kind: 'ScrapeConfig',
    metadata: meta(objectName(job.jobName)),
    spec: { jobName: job.jobName, staticConfigs: [staticConfig], ...scrapeSettings(job, 'metricsPath', 'scrapeInterval'), ...(relabel.length ? { relabelings: relabel } : {}) },
  };
}

/**
 * A job whose targets are a Service's endpoints: a ServiceMonitor. The operator names the job after the
 * Service (before any of these relabelings); the first gives it back the job's name and the next set the
 * job's target labels, so the job's own relabelings see what they see in prometheus.yml.
 */
export function serviceMonitorResource(job: ScrapeConfig, service: KubernetesService, namespace: string, meta: (name: string) => ObjectMeta): KubernetesObject {
  const labels = Object.entries(job.targetLabels ?? {}).map(([targetLabel, replacement]) => ({ targetLabel, replacement, action: 'replace' }));
  const endpoint = {
    port: service.port,
    ...scrapeSettings(job, 'path', 'interval'),
    relabelings: [{ targetLabel: 'job', replacement: job.jobName, action: 'replace' }, ...labels, ...relabelings(job.relabelConfigs)],
  };
  return {
    apiVersion: MONITORING_V1,
    kind: 'ServiceMonitor',
    metadata: meta(objectName(job.jobName)),
    spec: { selector: { matchLabels: { ...service.selector } }, namespaceSelector: { matchNames: [service.namespace ?? namespace] }, endpoints: [endpoint] },
  };
}

/**
 * A blackbox probe: a Probe, which the operator turns into the same scrape as the probe's job
 * (the target as `target` parameter and `instance` label, the exporter as address).
 */
export function probeResource(probe: Probe, meta: (name: string) => ObjectMeta): KubernetesObject {
  const job = probe.scrapeJob;
  const labels = probe.props.labels && Object.keys(probe.props.labels).length ? { labels: { ...probe.props.labels } } : {};
  return {
    apiVersion: MONITORING_V1,
    kind: 'Probe',
    metadata: meta(objectName(probe.job)),
    spec: {
      jobName: probe.job,
      prober: { url: probe.props.exporter ?? DEFAULT_EXPORTER, path: job.metricsPath ?? '/probe' },
      module: probe.moduleName,
      targets: { staticConfig: { static: [...job.targets], ...labels } },
      ...(job.scrapeInterval ? { interval: job.scrapeInterval } : {}),
      ...(job.scrapeTimeout ? { scrapeTimeout: job.scrapeTimeout } : {}),
    },
  };
}

/** Every scrape job as the operator resource that makes it: Probe for probes, ServiceMonitor for Services, ScrapeConfig otherwise. */
export function scrapeResources(
  jobs: readonly ScrapeConfig[],
  probes: readonly Probe[],
  services: Readonly<Record<string, KubernetesService>>,
  namespace: string,
  meta: (name: string) => ObjectMeta,
): KubernetesObject[] {
  const probeOf = new Map(probes.map((p) => [p.job, p]));
  return jobs.map((job) => {
    const probe = probeOf.get(job.jobName);
    if (probe) return probeResource({ ...probe, scrapeJob: job }, meta);
    const service = services[job.jobName];
    return service ? serviceMonitorResource(job, service, namespace, meta) : scrapeConfigResource(job, meta);
  });
}
