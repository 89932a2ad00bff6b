import { alertmanagerConfig } from '../alertmanager';
import { AlertOverrides, AlertmanagerConfig, Duration, Probe, RulePack, RulePackConfig, ScrapeConfig } from '../lib';
import { canvascastRules, canvascastScrapeJobs } from '../rules/canvascast';
import { dubbingProbes, dubbingRules, dubbingScrapeJobs } from '../rules/dubbing';
import { ikEngineProbes, ikEngineRules, ikEngineScrapeJobs } from '../rules/ik-engine';
import { internetIdProbes, internetIdRules, internetIdScrapeJobs } from '../rules/internet-id';
import { MonitoringDeploymentProps } from '../lib/docker';
import { Dashboard } from '../lib/grafana';
import { dashboards } from '../dashboards';
import { monitoringRules, monitoringScrapeJobs } from '../rules/monitoring';
import { poseGeneratorProbes, poseGeneratorRules, poseGeneratorScrapeJobs } from '../rules/pose-generator';

/** One deployment of the monitoring stack. Adopters edit this file and the content folders. */
export interface Environment {
  /** Stack name: the output folder `cdktf.out/stacks/<name>` and the Terraform state file. */
  readonly name: string;
  /** Added to every alert, e.g. `{ environment: 'production' }`. */
  readonly externalLabels: Readonly<Record<string, string>>;
  readonly scrapeInterval: Duration;
  readonly evaluationInterval: Duration;
  /** `host:port` of the Alertmanager(s) Prometheus sends to. */
  readonly alertmanagers: readonly string[];
  readonly retention: Duration;
  /** How often Prometheus re-sends firing alerts (and so how long Alertmanager holds them after it stops: 4×). @default Prometheus' 1m */
  readonly alertResendDelay?: Duration;
  readonly rulePackConfig: RulePackConfig;
  /** Scrape jobs of the monitored systems in this environment. */
  readonly scrapeConfigs: readonly ScrapeConfig[];
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
  /** Where the servers run. @default the local Docker daemon, ports on 127.0.0.1, the default pinned images */
  readonly docker?: Pick<MonitoringDeploymentProps, 'dockerHost' | 'hostIp' | 'images'>;
}

const rulePackConfig: RulePackConfig = {
  runbookBaseUrl: 'https://git.example.com/observability/monitoring-as-code/-/blob/main/docs/runbooks',
  grafanaBaseUrl: 'http://127.0.0.1:3000',
};

/** The local stack: everything on one Docker host. */
export const local: Environment = {
  name: 'local',
  externalLabels: { environment: 'local' },
  scrapeInterval: '15s',
  evaluationInterval: '15s',
  alertmanagers: ['alertmanager:9093'],
  retention: '15d',
  rulePackConfig,
  alertmanager: alertmanagerConfig,
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
  // Placeholders, like the scrape targets: the Grafana and Prometheus URLs of a shared Grafana.
  managedGrafana: { url: 'https://grafana.example.com', prometheusUrl: 'https://prometheus.example.com' },
  probes: [...ikEngineProbes, ...poseGeneratorProbes, ...dubbingProbes, ...internetIdProbes],
};

export const environments: readonly Environment[] = [local];
