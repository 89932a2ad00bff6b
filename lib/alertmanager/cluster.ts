import { Duration, durationProblem } from '../promql';

/** The gossip port Alertmanager listens on for its peers (its default). */
export const ALERTMANAGER_CLUSTER_PORT = 9094;

/**
 * One Alertmanager of a highly available group. Every instance receives every
 * alert (Prometheus sends to all of them, never through a load balancer) and
 * they gossip silences and the notification log: the first instance notifies,
 * the next waits `peerTimeout` × its position and sends only what the log says
 * no peer sent. One instance down loses no page.
 */
export interface AlertmanagerClusterMember {
  /** `host:port` this instance gossips on. */
  readonly listen: string;
  /** `host:port` of every other instance's gossip address. */
  readonly peers: readonly string[];
  /** The address its peers reach it at, when `listen` is a wildcard the peers cannot use. @default derived by Alertmanager from `listen` or the host's private address */
  readonly advertise?: string;
  /** How long each instance waits, per position in the cluster, for an earlier one to notify. @default Alertmanager's 15s */
  readonly peerTimeout?: Duration;
}

/** Where Alertmanager reads and keeps its files, and how long it keeps silences and the notification log. */
export interface AlertmanagerRunOptions {
  readonly configFile: string;
  readonly storagePath: string;
  /** `host:port` of the API. @default Alertmanager's `:9093` */
  readonly webListen?: string;
  /** How long expired silences and notification log entries are kept. @default Alertmanager's 120h */
  readonly dataRetention?: Duration;
  /** @default a single instance: no gossip listener at all */
  readonly cluster?: AlertmanagerClusterMember;
}

/** Alertmanager's command-line flags: one list for the containers and for the real processes of the tests. */
export function alertmanagerFlags(options: AlertmanagerRunOptions): string[] {
  const cluster = options.cluster;
  return [
    `--config.file=${options.configFile}`,
    `--storage.path=${options.storagePath}`,
    ...(options.webListen ? [`--web.listen-address=${options.webListen}`] : []),
    ...(options.dataRetention ? [`--data.retention=${options.dataRetention}`] : []),
    // A single instance has no peers: an empty listen address turns gossip off.
    ...(cluster
      ? [
          `--cluster.listen-address=${cluster.listen}`,
          ...(cluster.advertise ? [`--cluster.advertise-address=${cluster.advertise}`] : []),
          ...cluster.peers.map((peer) => `--cluster.peer=${peer}`),
          ...(cluster.peerTimeout ? [`--cluster.peer-timeout=${cluster.peerTimeout}`] : []),
        ]
      : ['--cluster.listen-address=']),
  ];
}

/**
 * The gossip settings of each of `names` (hosts that reach each other by
 * name), in order: instance i lists every other one as its peer.
 */
export function clusterOf(names: readonly string[], port = ALERTMANAGER_CLUSTER_PORT, peerTimeout?: Duration): AlertmanagerClusterMember[] {
  return names.map((name) => ({
    listen: `0.0.0.0:${port}`,
    peers: names.filter((other) => other !== name).map((other) => `${other}:${port}`),
    ...(peerTimeout ? { peerTimeout } : {}),
  }));
}

/** What is wrong with run options, each naming the setting. */
export function runOptionsProblems(options: Pick<AlertmanagerRunOptions, 'dataRetention' | 'cluster'>, where: string): string[] {
  const problems: string[] = [];
  for (const [name, value] of [['dataRetention', options.dataRetention], ['cluster peerTimeout', options.cluster?.peerTimeout]] as const) {
    const problem = value === undefined ? undefined : durationProblem(value);
    if (problem) problems.push(`${where}: ${name}: ${problem}`);
  }
  return problems;
}
