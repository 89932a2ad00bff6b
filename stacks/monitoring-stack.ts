import { Construct } from 'constructs';
import { LocalBackend } from 'cdktf';
import { AlertmanagerFiles, BlackboxFiles, CheckedStack, PrometheusFiles } from '../lib';
import { MonitoringDeployment, alertmanagerAddresses, exporterAddress } from '../lib/docker';
import { withTargets } from '../lib/prometheus';
import { GrafanaFiles, alertPanelLinks, withDashboardLinks } from '../lib/grafana';
import { KubernetesDeployment, prometheusUrlIn } from '../lib/kubernetes';
import { renderAlertTests } from '../lib/testing';
import { Environment } from './environments';

/** The monitoring stack of one environment: its config files, and the containers (Docker) or resources (Kubernetes) that run them. */
export class MonitoringStack extends CheckedStack {
  readonly prometheus: PrometheusFiles;
  readonly alertmanager: AlertmanagerFiles;
  readonly blackbox: BlackboxFiles;
  readonly grafana: GrafanaFiles;
  readonly deployment: MonitoringDeployment | KubernetesDeployment;

  constructor(scope: Construct, env: Environment) {
    super(scope, env.name);
    // A relative state path: without it cdktf writes an absolute one into cdk.tf.json.
    new LocalBackend(this, { path: `terraform.${env.name}.tfstate` });
    // An exporter the stack runs is scraped where it runs: its declaration gives its job's target.
    const exporters = env.docker?.exporters ?? [];
    const exporterTargets = Object.fromEntries(exporters.map((e) => [e.system.selector.job ?? e.system.name, [exporterAddress(e)]]));
    const twice = Object.keys(exporterTargets).filter((job) => env.targets?.[job] !== undefined);
    const jobs = exporters.map((e) => e.system.selector.job ?? e.system.name);
    const runTwice = [...new Set(jobs.filter((job, i) => jobs.indexOf(job) !== i))];
    const scrapeConfigs = withTargets(env.scrapeConfigs, { ...env.targets, ...exporterTargets });
    this.node.addValidation({
      validate: () => [
        ...scrapeConfigs.problems,
        ...twice.map((job) => `scrape job ${job} has targets and an exporter the stack runs; remove it from targets (the exporter's container is its target)`),
        ...runTwice.map((job) => `scrape job ${job} has two exporters declared; one container serves one job`),
        ...(env.docker && env.kubernetes ? ['sets both docker and kubernetes; an environment runs on one of them, so keep the one it deploys to'] : []),
      ].map((p) => `environment ${env.name}: ${p}`),
    });
    this.prometheus = new PrometheusFiles(this, 'Prometheus', {
      source: 'stacks/environments.ts',
      config: {
        global: {
          scrapeInterval: env.scrapeInterval,
          evaluationInterval: env.evaluationInterval,
          externalLabels: env.externalLabels,
        },
        alertmanagers: env.alertmanagers ?? alertmanagerAddresses(env.docker?.alertmanagers?.replicas),
        retention: { time: env.retention, size: env.retentionSize, walCompression: env.walCompression },
        ...(env.alertResendDelay ? { alertResendDelay: env.alertResendDelay } : {}),
        ...(env.queryLimits ? { query: env.queryLimits } : {}),
        ...(env.remoteWrite ? { remoteWrite: env.remoteWrite } : {}),
        scrapeConfigs: scrapeConfigs.jobs,
      },
      rulePacks: env.rulePacks,
      alertOverrides: env.alertOverrides,
      unitTests: renderAlertTests,
      // Every alert's dashboard_url: the panel that plots its signal.
      linkAlerts: (packs) => withDashboardLinks(packs, alertPanelLinks(env.dashboards, env.rulePackConfig.grafanaBaseUrl)),
    });
    this.alertmanager = new AlertmanagerFiles(this, 'Alertmanager', {
      source: 'alertmanager/ and stacks/environments.ts',
      config: env.alertmanager,
      rulePacks: this.prometheus.rulePacks,
      externalLabels: env.externalLabels,
      scrapeConfigs: scrapeConfigs.jobs,
    });
    this.blackbox = new BlackboxFiles(this, 'Blackbox', {
      source: 'stacks/environments.ts',
      probes: env.probes,
      scrapeConfigs: scrapeConfigs.jobs,
      rulePacks: this.prometheus.rulePacks,
    });
    this.grafana = new GrafanaFiles(this, 'Grafana', {
      source: 'dashboards/ and stacks/environments.ts',
      dashboards: env.dashboards,
      rulePacks: this.prometheus.rulePacks,
      grafanaBaseUrl: env.rulePackConfig.grafanaBaseUrl,
      prometheusUrl: env.kubernetes ? prometheusUrlIn(env.name, env.kubernetes.namespace) : 'http://prometheus:9090',
    });
    if (env.kubernetes) {
      this.deployment = new KubernetesDeployment(this, 'Kubernetes', {
        environment: env.name,
        target: env.kubernetes,
        prometheus: this.prometheus,
        alertmanager: this.alertmanager,
        blackbox: this.blackbox,
        grafana: this.grafana,
        jobsWithTargets: Object.keys(env.targets ?? {}),
        source: 'stacks/environments.ts',
      });
      return;
    }
    this.deployment = new MonitoringDeployment(this, 'Deployment', {
      namePrefix: `monitoring-${env.name}`,
      prometheus: this.prometheus,
      alertmanager: this.alertmanager,
      blackbox: this.blackbox,
      grafana: this.grafana,
      grafanaUrl: env.rulePackConfig.grafanaBaseUrl,
      ...env.docker,
    });
  }
}
