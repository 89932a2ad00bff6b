import { Construct } from 'constructs';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { Network } from '@cdktf/provider-docker/lib/network';
import { AlertmanagerFiles, clusterOf } from '../alertmanager';
import { Duration } from '../promql';
import { BlackboxFiles } from '../blackbox';
import { GrafanaFiles } from '../grafana';
import { PrometheusFiles } from '../prometheus';
import { ALERTMANAGER_PORT, AlertmanagerServer } from './alertmanager-server';
import { BlackboxExporterServer } from './blackbox-exporter-server';
import { GrafanaServer } from './grafana-server';
import { ImageRef } from './image';
import { PrometheusServer } from './prometheus-server';
import { ServerProps } from './deployment';
import { ExporterDeployment, ExporterServer, exporterName } from './exporter-server';
import { ContainerLimits } from './server-container';

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
  /** Memory and CPU limits of each server. @default none */
  readonly limits?: { readonly prometheus?: ContainerLimits; readonly alertmanager?: ContainerLimits; readonly blackboxExporter?: ContainerLimits; readonly grafana?: ContainerLimits };
  /** Exporters run beside the servers (postgres, redis, node, cAdvisor). @default none */
  readonly exporters?: readonly ExporterDeployment[];
  /** How many Alertmanagers, and how long they keep silences and the notification log. @default one, Alertmanager's 120h */
  readonly alertmanagers?: AlertmanagerGroup;
}

/** The Alertmanagers of a deployment: with two or more, a highly available group that gossips. */
export interface AlertmanagerGroup {
  /** @default 1 */
  readonly replicas?: number;
  /** @default Alertmanager's 120h */
  readonly dataRetention?: Duration;
}

/**
 * The names the Alertmanagers of a deployment are reached by on its network: `alertmanager`
 * alone, or `alertmanager-1` … `alertmanager-<n>`. Prometheus must send to each of them.
 */
export function alertmanagerNames(replicas = 1): string[] {
  return replicas === 1 ? ['alertmanager'] : Array.from({ length: replicas }, (_, i) => `alertmanager-${i + 1}`);
}

/** `host:port` of every Alertmanager API of a deployment: prometheus.yml's alerting targets. */
export const alertmanagerAddresses = (replicas = 1): string[] => alertmanagerNames(replicas).map((name) => `${name}:${ALERTMANAGER_PORT}`);

/**
 * Prometheus, Alertmanager, the blackbox exporter and Grafana as containers on one
 * Docker host, on their own network, reaching each other by name
 * (`alertmanager:9093`, `blackbox-exporter:9115`, as prometheus.yml says).
 */
export class MonitoringDeployment extends Construct {
  readonly prometheus: PrometheusServer;
  /** One, or the members of the highly available group. */
  readonly alertmanagers: readonly AlertmanagerServer[];
  readonly blackboxExporter: BlackboxExporterServer;
  readonly grafana: GrafanaServer;
  readonly exporters: readonly ExporterServer[];

  constructor(scope: Construct, id: string, props: MonitoringDeploymentProps) {
    super(scope, id);
    new DockerProvider(this, 'Docker', props.dockerHost ? { host: props.dockerHost } : {});
    const network = new Network(this, 'Network', { name: props.namePrefix });
    const deployment = { namePrefix: props.namePrefix, network };
    const common = { deployment, hostIp: props.hostIp };
    this.prometheus = new PrometheusServer(this, 'Prometheus', { ...common, files: props.prometheus, image: props.images?.prometheus, limits: props.limits?.prometheus });
    this.alertmanagers = alertmanagerGroup(this, props, common);
    // One container per name: a second declaration for the same job is the stack's problem to report, not a construct clash.
    const exporters = (props.exporters ?? []).filter((e, i, all) => all.findIndex((other) => exporterName(other) === exporterName(e)) === i);
    this.exporters = exporters.map((exporter) => new ExporterServer(this, `Exporter-${exporterName(exporter)}`, { deployment, exporter }));
    this.node.addValidation({ validate: () => sendsToEveryAlertmanager(props) });
    this.blackboxExporter = new BlackboxExporterServer(this, 'BlackboxExporter', { ...common, files: props.blackbox, image: props.images?.blackboxExporter, limits: props.limits?.blackboxExporter });
    this.grafana = new GrafanaServer(this, 'Grafana', { ...common, files: props.grafana, rootUrl: props.grafanaUrl, image: props.images?.grafana, limits: props.limits?.grafana });
  }

  /** Names of the sensitive variables a deploy must set (as `TF_VAR_<name>`), sorted. */
  get secretVariableNames(): string[] {
    const variables = new Set([this.prometheus, ...this.alertmanagers, this.blackboxExporter, this.grafana, ...this.exporters].flatMap((s) => [...s.secretVariables.values()]));
    return [...variables].map((v) => v.friendlyUniqueId).sort();
  }
}

/** The Alertmanager, or its group: each on its own host port (9093, 9094, …), sharing one set of secret variables. */
function alertmanagerGroup(scope: Construct, props: MonitoringDeploymentProps, common: Pick<ServerProps, 'deployment' | 'hostIp'>): AlertmanagerServer[] {
  const replicas = props.alertmanagers?.replicas ?? 1;
  if (replicas === 1) {
    return [new AlertmanagerServer(scope, 'Alertmanager', { ...common, files: props.alertmanager, image: props.images?.alertmanager, limits: props.limits?.alertmanager, dataRetention: props.alertmanagers?.dataRetention })];
  }
  const names = alertmanagerNames(replicas);
  const cluster = clusterOf(names);
  const servers: AlertmanagerServer[] = [];
  names.forEach((name, i) => {
    servers.push(
      new AlertmanagerServer(scope, i === 0 ? 'Alertmanager' : `Alertmanager${i + 1}`, {
        ...common,
        name,
        files: props.alertmanager,
        image: props.images?.alertmanager,
        limits: props.limits?.alertmanager,
        hostPort: ALERTMANAGER_PORT + i,
        cluster: cluster[i],
        dataRetention: props.alertmanagers?.dataRetention,
        sharedSecrets: servers[0]?.secretVariables,
      }),
    );
  });
  return servers;
}

/**
 * Prometheus sends every alert to every Alertmanager itself: behind a load balancer an
 * instance could miss alerts, and one instance down would drop what was sent to it.
 */
function sendsToEveryAlertmanager(props: MonitoringDeploymentProps): string[] {
  const replicas = props.alertmanagers?.replicas ?? 1;
  if (!Number.isInteger(replicas) || replicas < 1) return [`deployment ${props.namePrefix}: alertmanagers.replicas is ${replicas}; it must be a whole number, 1 or more (2 or 3 for a highly available group)`];
  // One Alertmanager has no peer to miss an alert for: Prometheus may send to another one (the local run's, an external one).
  if (replicas === 1) return [];
  const addresses = alertmanagerAddresses(replicas);
  const sentTo = new Set(props.prometheus.config.alertmanagers ?? []);
  const missing = addresses.filter((address) => !sentTo.has(address));
  const problems = missing.length
    ? [`deployment ${props.namePrefix}: Prometheus does not send to ${missing.join(', ')}; list every Alertmanager in the environment's alertmanagers (or leave it unset to send to all of them), never a load balancer`]
    : [];
  // A job that scrapes some of the group must scrape all of it: an instance down must show.
  for (const job of props.prometheus.config.scrapeConfigs) {
    const unscraped = addresses.filter((address) => !job.targets.includes(address));
    if (unscraped.length && unscraped.length < addresses.length) {
      problems.push(`deployment ${props.namePrefix}: scrape job ${job.jobName} scrapes some Alertmanagers but not ${unscraped.join(', ')}; give it alertmanagerAddresses(${replicas}) as its targets`);
    }
  }
  return problems;
}
