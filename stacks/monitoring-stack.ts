import { Construct } from 'constructs';
import { LocalBackend } from 'cdktf';
import { AlertmanagerFiles, BlackboxFiles, CheckedStack, PrometheusFiles } from '../lib';
import { MonitoringDeployment } from '../lib/docker';
import { GrafanaFiles, alertPanelLinks, withDashboardLinks } from '../lib/grafana';
import { renderAlertTests } from '../lib/testing';
import { Environment } from './environments';

/** The monitoring stack of one environment: its config files and the containers that run them. */
export class MonitoringStack extends CheckedStack {
  readonly prometheus: PrometheusFiles;
  readonly alertmanager: AlertmanagerFiles;
  readonly blackbox: BlackboxFiles;
  readonly grafana: GrafanaFiles;
  readonly deployment: MonitoringDeployment;

  constructor(scope: Construct, env: Environment) {
    super(scope, env.name);
    // A relative state path: without it cdktf writes an absolute one into cdk.tf.json.
    new LocalBackend(this, { path: `terraform.${env.name}.tfstate` });
    this.prometheus = new PrometheusFiles(this, 'Prometheus', {
      source: 'stacks/environments.ts',
      config: {
        global: {
          scrapeInterval: env.scrapeInterval,
          evaluationInterval: env.evaluationInterval,
          externalLabels: env.externalLabels,
        },
        alertmanagers: env.alertmanagers,
        retention: { time: env.retention },
        ...(env.alertResendDelay ? { alertResendDelay: env.alertResendDelay } : {}),
        scrapeConfigs: env.scrapeConfigs,
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
      scrapeConfigs: env.scrapeConfigs,
    });
    this.blackbox = new BlackboxFiles(this, 'Blackbox', {
      source: 'stacks/environments.ts',
      probes: env.probes,
      scrapeConfigs: env.scrapeConfigs,
      rulePacks: this.prometheus.rulePacks,
    });
    this.grafana = new GrafanaFiles(this, 'Grafana', {
      source: 'dashboards/ and stacks/environments.ts',
      dashboards: env.dashboards,
      rulePacks: this.prometheus.rulePacks,
      grafanaBaseUrl: env.rulePackConfig.grafanaBaseUrl,
      prometheusUrl: 'http://prometheus:9090',
    });
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
