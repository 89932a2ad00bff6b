import { alertmanagerConfig } from '../alertmanager';
import { slack } from '../alertmanager/receivers';
import { AlertOverrides, AlertmanagerConfig, Duration, Probe, QueryLimits, RemoteWrite, RulePack, RulePackConfig, ScrapeConfig, withoutPaging } from '../lib';
import { canvascastRules, canvascastScrapeJobs } from '../rules/canvascast';
import { dubbingProbes, dubbingRules, dubbingScrapeJobs } from '../rules/dubbing';
import { ikEngineProbes, ikEngineRules, ikEngineScrapeJobs } from '../rules/ik-engine';
import { internetIdProbes, internetIdRules, internetIdScrapeJobs } from '../rules/internet-id';
import { ExporterDeployment, MonitoringDeploymentProps, alertmanagerAddresses } from '../lib/docker';
import { ikEnginePostgres } from '../rules/ik-engine/metrics';
import { dubbingPostgres, dubbingRedis } from '../rules/dubbing/metrics';
import { internetIdPostgres, internetIdRedis } from '../rules/internet-id/metrics';
import { Dashboard } from '../lib/grafana';
import { ALERTMANAGER_PORT, KubernetesTarget, serverPodAddresses, serverServiceName } from '../lib/kubernetes';
import { dashboards } from '../dashboards';
import { monitoringRules, monitoringScrapeJobs } from '../rules/monitoring';
import { poseGeneratorProbes, poseGeneratorRules, poseGeneratorScrapeJobs } from '../rules/pose-generator';

/** One deployment of the monitoring stack. Adopters edit this file and the content folders. */
export interface Environment {
  /** Stack name: the output folder `cdktf.out/stacks/<name>` and the Terraform state file. */
  readonly name: string;
  /** Added to every alert and remote write, e.g. `{ environment: 'production', cluster: 'eu-1' }`. */
  readonly externalLabels: Readonly<Record<string, string>>;
  readonly scrapeInterval: Duration;
  readonly evaluationInterval: Duration;
  /** `host:port` of every Alertmanager Prometheus sends to. @default every Alertmanager of the Docker deployment */
  readonly alertmanagers?: readonly string[];
  /** How long Prometheus keeps samples. */
  readonly retention: Duration;
  /** Disk Prometheus may fill before it drops the oldest blocks, e.g. `50GB`. @default no size limit */
  readonly retentionSize?: string;
  /** @default Prometheus' (compressed) */
  readonly walCompression?: boolean;
  /** Query timeout and concurrency. @default Prometheus' 2m and 20 */
  readonly queryLimits?: QueryLimits;
  /** Long-term storage (Mimir, Thanos receive, Cortex). @default none */
  readonly remoteWrite?: readonly RemoteWrite[];
  /** How often Prometheus re-sends firing alerts (and so how long Alertmanager holds them after it stops: 4×). @default Prometheus' 1m */
  readonly alertResendDelay?: Duration;
  readonly rulePackConfig: RulePackConfig;
  /** Scrape jobs of the monitored systems in this environment. */
  readonly scrapeConfigs: readonly ScrapeConfig[];
  /** This environment's targets, by scrape job name, in place of the jobs' placeholders (unknown job names fail synth). @default the jobs' own */
  readonly targets?: Readonly<Record<string, readonly string[]>>;
  /** The rule packs deployed here. */
  readonly rulePacks: readonly RulePack[];
  /** Blackbox probes: their modules make blackbox.yml (their jobs and alerts are in the systems' scrape jobs and packs). */
  readonly probes: readonly Probe[];
  /** Per-alert changes for this environment, by alert name (unknown names fail synth). */
  readonly alertOverrides?: AlertOverrides;
  /** Grafana dashboards; every alert of the packs must be plotted by one of their panels. */
  readonly dashboards: readonly Dashboard[];
  /** Receivers, routes and inhibitions; cross-checked against every alert of the rule packs. */
  readonly alertmanager: AlertmanagerConfig;
  /**
   * An existing Grafana (shared or hosted) that the `<env>-grafana` stack fills
   * with this environment's folders, datasource and dashboards.
   * @default none: the Grafana container of the Docker deployment is provisioned from files
   */
  readonly managedGrafana?: { readonly url: string; readonly prometheusUrl: string };
  /** Where and how the servers run: Docker host, host address, images, limits, how many Alertmanagers. @default the local Docker daemon, ports on 127.0.0.1, the default pinned images, one Alertmanager, no limits */
  readonly docker?: Pick<MonitoringDeploymentProps, 'dockerHost' | 'hostIp' | 'images' | 'limits' | 'alertmanagers' | 'exporters'>;
  /**
   * Run on Kubernetes with the Prometheus Operator instead of a Docker host: the same content as
   * operator resources in `namespace`. An environment sets `docker` or `kubernetes`, not both.
   * @default Docker
   */
  readonly kubernetes?: KubernetesTarget;
}

/** What every environment monitors: the five systems of ../shared/specs and the stack itself, with the rule packs linking to `grafanaBaseUrl`. */
function everySystem(grafanaBaseUrl: string): Pick<Environment, 'rulePackConfig' | 'scrapeConfigs' | 'rulePacks' | 'dashboards' | 'probes'> {
  const rulePackConfig: RulePackConfig = { runbookBaseUrl: 'https://git.example.com/observability/monitoring-as-code/-/blob/main/docs/runbooks', grafanaBaseUrl };
  return {
    rulePackConfig,
    scrapeConfigs: [
      ...ikEngineScrapeJobs(),
      ...canvascastScrapeJobs(),
      ...poseGeneratorScrapeJobs(),
      ...dubbingScrapeJobs(),
      ...internetIdScrapeJobs(),
      ...monitoringScrapeJobs(),
    ],
    rulePacks: [
      ikEngineRules(rulePackConfig),
      canvascastRules(rulePackConfig),
      poseGeneratorRules(rulePackConfig),
      dubbingRules(rulePackConfig),
      internetIdRules(rulePackConfig),
      monitoringRules(rulePackConfig),
    ],
    dashboards,
    probes: [...ikEngineProbes, ...poseGeneratorProbes, ...dubbingProbes, ...internetIdProbes],
  };
}

/** The local stack: everything on one Docker host. */
export const local: Environment = {
  name: 'local',
  externalLabels: { environment: 'local' },
  scrapeInterval: '15s',
  evaluationInterval: '15s',
  retention: '15d',
  ...everySystem('http://127.0.0.1:3000'),
  alertmanager: alertmanagerConfig,
  // Placeholders, like the scrape targets: the Grafana and Prometheus URLs of a shared Grafana.
  managedGrafana: { url: 'https://grafana.example.com', prometheusUrl: 'https://prometheus.example.com' },
};

/**
 * The targets of one deployed environment: each service under `<domain>` (placeholders, as the jobs' own).
 * The database exporters are not here: the stack runs them (databaseExporters).
 */
function targetsIn(domain: string): Record<string, string[]> {
  const at = (host: string, port: number) => [`${host}.${domain}:${port}`];
  return {
    'ik-engine': [`ik-engine.${domain}:443`],
    'ik-engine-probe-readiness': [`https://ik-engine.${domain}/api/ready`],
    'canvascast-api': at('canvascast-api', 8080),
    'canvascast-worker': at('canvascast-worker', 8080),
    'pose-generator': at('pose-generator', 3000),
    'pose-generator-probe-health-check': [`http://pose-generator.${domain}:3000/api/apps/pose-generator/health`],
    dubbing: at('dubbing-backend', 3001),
    'dubbing-node': at('dubbing-node-exporter', 9100),
    'dubbing-dcgm': at('dubbing-dcgm-exporter', 9400),
    'dubbing-probe-api': [`http://dubbing-backend.${domain}:3001/metrics`],
    'internet-id-api': at('internet-id-api', 3001),
    'internet-id-node': at('internet-id-node-exporter', 9100),
    'internet-id-probe-api-health': [`http://internet-id-api.${domain}:3001/api/health`],
    'internet-id-probe-web': [`https://internet-id.${domain}/`],
  };
}

/**
 * The PostgreSQL and Redis exporters the stack runs beside its servers, one per database of `domain`:
 * each becomes a container, its job's target, and a sensitive variable for its password.
 */
function databaseExporters(domain: string): ExporterDeployment[] {
  return [
    { system: ikEnginePostgres, kind: 'postgres', connectsTo: `ik-engine-db.${domain}:5432/ik_engine?sslmode=require` },
    { system: dubbingPostgres, kind: 'postgres', connectsTo: `dubbing-db.${domain}:5432/dubbing?sslmode=require` },
    { system: dubbingRedis, kind: 'redis', connectsTo: `redis://dubbing-redis.${domain}:6379` },
    { system: internetIdPostgres, kind: 'postgres', connectsTo: `internet-id-db.${domain}:5432/internet_id?sslmode=require` },
    { system: internetIdRedis, kind: 'redis', connectsTo: `redis://internet-id-redis.${domain}:6379` },
  ];
}

/** Staging's criticals: a channel people watch in working hours, never a page. */
const stagingCritical = { name: 'staging-critical', slack: [slack('#alerts-staging')] };

/**
 * Staging: the production routing with nobody paged, a shorter memory, and
 * the same rules, so that a rule change fires here first.
 */
export const staging: Environment = {
  name: 'staging',
  externalLabels: { environment: 'staging', cluster: 'staging-eu-1' },
  scrapeInterval: '30s',
  evaluationInterval: '30s',
  retention: '7d',
  retentionSize: '20GB',
  ...everySystem('https://grafana.staging.example.com'),
  targets: targetsIn('staging.example.com'),
  alertmanager: withoutPaging(alertmanagerConfig, stagingCritical, 'staging alerts are for the teams to look at in working hours, in #alerts-staging'),
  docker: {
    dockerHost: 'ssh://deploy@monitoring.staging.example.com',
    exporters: databaseExporters('staging.example.com'),
    limits: { prometheus: { memoryMb: 2048, cpus: 1 }, alertmanager: { memoryMb: 256, cpus: 0.25 }, blackboxExporter: { memoryMb: 128, cpus: 0.25 }, grafana: { memoryMb: 512, cpus: 0.5 } },
  },
};

/** One instance down loses no page; a third would survive two. */
const PRODUCTION_ALERTMANAGERS = 2;

/** Production: two Alertmanagers in a cluster, limits sized for the load, and every sample kept in long-term storage. */
export const production: Environment = {
  name: 'production',
  externalLabels: { environment: 'production', cluster: 'prod-eu-1' },
  scrapeInterval: '15s',
  evaluationInterval: '15s',
  retention: '30d',
  retentionSize: '200GB',
  walCompression: true,
  queryLimits: { timeout: '1m', maxConcurrency: 16 },
  remoteWrite: [
    {
      name: 'mimir',
      url: 'https://mimir.example.com/api/v1/push',
      headers: { 'X-Scope-OrgID': 'monitoring-production' },
      auth: { bearerTokenFile: '/etc/prometheus/secrets/mimir-token' },
      queue: { capacity: 10000, maxShards: 50, maxSamplesPerSend: 2000, batchSendDeadline: '5s' },
      // Go runtime internals of the exporters: plenty of series, never read after a week.
      writeRelabelConfigs: [{ sourceLabels: ['__name__'], regex: 'go_gc_.*|go_memstats_.*_bucket', action: 'drop' }],
    },
  ],
  ...everySystem('https://grafana.example.com'),
  targets: { ...targetsIn('prod.example.com'), alertmanager: alertmanagerAddresses(PRODUCTION_ALERTMANAGERS) },
  alertmanager: alertmanagerConfig,
  docker: {
    dockerHost: 'ssh://deploy@monitoring.prod.example.com',
    exporters: databaseExporters('prod.example.com'),
    alertmanagers: { replicas: PRODUCTION_ALERTMANAGERS, dataRetention: '168h' },
    limits: { prometheus: { memoryMb: 8192, cpus: 4 }, alertmanager: { memoryMb: 512, cpus: 0.5 }, blackboxExporter: { memoryMb: 256, cpus: 0.5 }, grafana: { memoryMb: 1024, cpus: 1 } },
  },
};

/** The namespace production-k8s deploys into (the Prometheus Operator watches it). */
const KUBERNETES_NAMESPACE = 'monitoring';
/** Where the cluster's Grafana runs: its sidecar loads the dashboards from there. */
const GRAFANA_NAMESPACE = 'grafana';

/** Where the databases' charts run their exporters in the cluster. */
const DATABASES_NAMESPACE = 'databases';

/**
 * Database exporters scraped through ServiceMonitors: the jobs with an absent() alert, which fires
 * when the Service has no endpoints (an `up == 0` alert would not: there would be no `up` at all).
 */
const databaseExporterServices = Object.fromEntries(
  [dubbingPostgres, dubbingRedis].map((system) => [system.selector.job, { selector: { 'app.kubernetes.io/name': `${system.name}-exporter` }, port: 'metrics', namespace: DATABASES_NAMESPACE }]),
);

/**
 * The other database exporters, alerted on `up == 0`: scraped at their Service's name, a static target whose `up` turns 0.
 * The ports are the exporters' own defaults, assumed to be the Services' ports too (charts may publish others).
 */
const databaseExporterTargets = Object.fromEntries(
  ([[ikEnginePostgres, 9187], [internetIdPostgres, 9187], [internetIdRedis, 9121]] as const).map(([system, port]) => [system.selector.job!, [`${system.name}-exporter.${DATABASES_NAMESPACE}.svc:${port}`]]),
);

/**
 * Production on a Kubernetes cluster with the Prometheus Operator: production's content, routing,
 * retention and remote write as operator resources. It is production's form once it moves onto the
 * cluster; deployed beside the Docker one, both would page for the same alerts.
 */
const PRODUCTION_KUBERNETES = 'production-k8s';

export const productionKubernetes: Environment = {
  ...production,
  name: PRODUCTION_KUBERNETES,
  externalLabels: { environment: 'production', cluster: 'prod-eu-2' },
  // What prometheus.yml (written for review) names; the Prometheus resource names the same Service.
  alertmanagers: [`${serverServiceName('Alertmanager', PRODUCTION_KUBERNETES)}.${KUBERNETES_NAMESPACE}.svc:${ALERTMANAGER_PORT}`],
  targets: {
    ...targetsIn('prod.example.com'),
    ...databaseExporterTargets,
    // Each Alertmanager pod by its stable name, as the Docker job lists each container: as many as kubernetes.alertmanager.replicas.
    alertmanager: serverPodAddresses('Alertmanager', PRODUCTION_KUBERNETES, KUBERNETES_NAMESPACE, PRODUCTION_ALERTMANAGERS, ALERTMANAGER_PORT),
    grafana: [`grafana.${GRAFANA_NAMESPACE}.svc:80`],
  },
  docker: undefined,
  kubernetes: {
    namespace: KUBERNETES_NAMESPACE,
    context: 'prod-eu-2',
    // Where the cluster's Grafana (and its sidecar) runs.
    dashboardsNamespace: GRAFANA_NAMESPACE,
    prometheus: { replicas: 2, storage: { size: '200Gi' }, resources: { requests: { cpu: '2', memory: '6Gi' }, limits: { memory: '8Gi' } } },
    alertmanager: { replicas: PRODUCTION_ALERTMANAGERS, dataRetention: '168h', storage: { size: '1Gi' }, resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '512Mi' } } },
    blackboxExporter: { resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '256Mi' } } },
    services: databaseExporterServices,
  },
};

export const environments: readonly Environment[] = [local, staging, production, productionKubernetes];
