import { Construct } from 'constructs';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { Network } from '@cdktf/provider-docker/lib/network';
import { AlertmanagerFiles } from '../alertmanager';
import { BlackboxFiles } from '../blackbox';
import { GrafanaFiles } from '../grafana';
import { PrometheusFiles } from '../prometheus';
import { AlertmanagerServer } from './alertmanager-server';
import { BlackboxExporterServer } from './blackbox-exporter-server';
import { GrafanaServer } from './grafana-server';
import { ImageRef } from './image';
import { PrometheusServer } from './prometheus-server';

export interface MonitoringDeploymentProps {
  /** Prefix of every Docker object's name, e.g. `monitoring-local`. */
  readonly namePrefix: string;
  readonly prometheus: PrometheusFiles;
  readonly alertmanager: AlertmanagerFiles;
  readonly blackbox: BlackboxFiles;
  readonly grafana: GrafanaFiles;
  /** Grafana's URL as people open it (its root_url, and the alerts' dashboard links). */
  readonly grafanaUrl: string;
  /** Docker daemon address. @default the provider's default (the local socket, or DOCKER_HOST) */
  readonly dockerHost?: string;
  /** Host address the servers' ports bind to. @default '127.0.0.1' */
  readonly hostIp?: string;
  /** Images other than the default pinned releases. @default each server's DEFAULT image */
  readonly images?: { readonly prometheus?: ImageRef; readonly alertmanager?: ImageRef; readonly blackboxExporter?: ImageRef; readonly grafana?: ImageRef };
}

/**
 * Prometheus, Alertmanager, the blackbox exporter and Grafana as containers on one
 * Docker host, on their own network, reaching each other by name
 * (`alertmanager:9093`, `blackbox-exporter:9115`, as prometheus.yml says).
 */
export class MonitoringDeployment extends Construct {
  readonly prometheus: PrometheusServer;
  readonly alertmanager: AlertmanagerServer;
  readonly blackboxExporter: BlackboxExporterServer;
  readonly grafana: GrafanaServer;

  constructor(scope: Construct, id: string, props: MonitoringDeploymentProps) {
    super(scope, id);
    new DockerProvider(this, 'Docker', props.dockerHost ? { host: props.dockerHost } : {});
    const network = new Network(this, 'Network', { name: props.namePrefix });
    const deployment = { namePrefix: props.namePrefix, network };
    const common = { deployment, hostIp: props.hostIp };
    this.prometheus = new PrometheusServer(this, 'Prometheus', { ...common, files: props.prometheus, image: props.images?.prometheus });
    this.alertmanager = new AlertmanagerServer(this, 'Alertmanager', { ...common, files: props.alertmanager, image: props.images?.alertmanager });
    this.blackboxExporter = new BlackboxExporterServer(this, 'BlackboxExporter', { ...common, files: props.blackbox, image: props.images?.blackboxExporter });
    this.grafana = new GrafanaServer(this, 'Grafana', { ...common, files: props.grafana, rootUrl: props.grafanaUrl, image: props.images?.grafana });
  }

  /** Names of the sensitive variables a deploy must set (as `TF_VAR_<name>`), sorted. */
  get secretVariableNames(): string[] {
    return [this.prometheus, this.alertmanager, this.blackboxExporter, this.grafana].flatMap((s) => [...s.secretVariables.values()].map((v) => v.friendlyUniqueId)).sort();
  }
}
