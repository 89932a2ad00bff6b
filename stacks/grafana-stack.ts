import { Construct } from 'constructs';
import { LocalBackend, TerraformStack } from 'cdktf';
import { ManagedGrafana } from '../lib/grafana';
import { Environment } from './environments';
import { MonitoringStack } from './monitoring-stack';

/**
 * `<env>-grafana`: the environment's folders, datasource and dashboards in an
 * existing Grafana, through the grafana/grafana provider. The dashboards are
 * the monitoring stack's own, rendered and checked there.
 */
export class GrafanaStack extends TerraformStack {
  readonly grafana: ManagedGrafana;

  constructor(scope: Construct, env: Environment & { managedGrafana: NonNullable<Environment['managedGrafana']> }, monitoring: MonitoringStack) {
    super(scope, `${env.name}-grafana`);
    new LocalBackend(this, { path: `terraform.${env.name}-grafana.tfstate` });
    this.grafana = new ManagedGrafana(this, 'Grafana', { files: monitoring.grafana, url: env.managedGrafana.url, prometheusUrl: env.managedGrafana.prometheusUrl, environment: env.name });
  }
}
