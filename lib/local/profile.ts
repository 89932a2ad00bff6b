import * as path from 'path';
import { AlertmanagerConfig } from '../alertmanager';
import { DEFAULT_EXPORTER, Probe } from '../blackbox';
import { RulePack, ScrapeConfig } from '../prometheus';
import { System } from '../promql';
import { secretFilesOf } from '../synth/secret-files';
import { ServedBy } from './traffic';

/** Where the servers of a local run listen: all on loopback. */
export interface LocalPorts {
  readonly prometheus: number;
  readonly alertmanager: number;
  readonly blackboxExporter: number;
  readonly grafana: number;
  /** The stand-in for PagerDuty, Slack and webhooks: every notification is recorded there. */
  readonly notificationSink: number;
  /** The stand-in mail relay (SMTP with STARTTLS). */
  readonly smtpSink: number;
  /** The demo's fault control endpoint (`npm run fault`). */
  readonly demoControl: number;
  /** The demo's targets take this port and the ones after it, one per scrape target and probed origin. */
  readonly firstDemoTarget: number;
}

/**
 * How an environment runs on this machine instead of its Docker host: only
 * addresses, ports and directories differ, never rules, routes or modules.
 */
export interface LocalProfile {
  /** @default '127.0.0.1' */
  readonly host: string;
  readonly ports: LocalPorts;
  /** Rendered files, server data and stand-in secrets go here. @default '.local' under the checkout */
  readonly dataDir: string;
}

export const DEFAULT_LOCAL_PORTS: LocalPorts = {
  prometheus: 19090,
  alertmanager: 19093,
  blackboxExporter: 19115,
  grafana: 13000,
  notificationSink: 19099,
  demoControl: 19098,
  smtpSink: 19025,
  firstDemoTarget: 19200,
};

/** Every port from `base` on: the servers at base … base+6, the demo's targets from base+10. */
export function portsFrom(base: number): LocalPorts {
  return { prometheus: base, alertmanager: base + 1, blackboxExporter: base + 2, grafana: base + 3, notificationSink: base + 4, demoControl: base + 5, smtpSink: base + 6, firstDemoTarget: base + 10 };
}

/** The addresses lib/docker gives its servers on the deployment's network, and which local server each is. */
export const DOCKER_SERVER_ADDRESSES: Readonly<Record<string, keyof LocalPorts>> = {
  'localhost:9090': 'prometheus',
  'prometheus:9090': 'prometheus',
  'alertmanager:9093': 'alertmanager',
  'blackbox-exporter:9115': 'blackboxExporter',
  'grafana:3000': 'grafana',
};

/** An address the demo serves: a scrape target's metrics, or a probed origin's paths. */
export interface DemoTarget {
  /** The scrape job whose series it serves (for a probed origin, the probe's job). */
  readonly job: string;
  readonly port: number;
  readonly tls: boolean;
  /** Metrics path of a scrape target. */
  readonly metricsPath?: string;
  /** Paths a probe requests, answered 200 while healthy. */
  readonly probedPaths: readonly string[];
  /** The catalogs whose metrics it serves (none for a probed origin). */
  readonly systems: readonly System[];
}

/** What the local run needs from an environment. */
export interface LocalizableEnvironment {
  readonly scrapeConfigs: readonly ScrapeConfig[];
  readonly alertmanagers?: readonly string[];
  /** Dropped by the local run, with what else points off this machine (long-term storage, the Docker host's exporters and Alertmanager group, the cluster). */
  readonly targets?: unknown;
  readonly remoteWrite?: unknown;
  readonly docker?: unknown;
  readonly kubernetes?: unknown;
  readonly alertmanager: AlertmanagerConfig;
  readonly probes: readonly Probe[];
  readonly rulePacks: readonly RulePack[];
}

export interface LocalRun<E extends LocalizableEnvironment> {
  /** The environment with local addresses: synthesized like any other. */
  readonly environment: E;
  readonly targets: readonly DemoTarget[];
  /** Jobs scraping the servers themselves, by local server. */
  readonly serverJobs: Readonly<Record<string, keyof LocalPorts>>;
  /** Stand-in secret files: path → content. Never a real value. */
  readonly secrets: ReadonlyMap<string, string>;
  /**
   * The series the demo serves: not `up` (Prometheus writes it), not the
   * probes' (the blackbox exporter's), not the real servers' own; Grafana's
   * it does, standing in for the Grafana a local run has not.
   */
  readonly demoServes: ServedBy;
}

/** Every system whose catalog the packs read: each pack's own and those it `reads`. */
export function packSystems(packs: readonly RulePack[]): System[] {
  return [...new Set(packs.flatMap((p) => [p.system, ...(p.reads ?? [])]))];
}

/**
 * The environment as it runs on 127.0.0.1: scrape targets become the demo's
 * ports (one per target), probed URLs keep their path and scheme on a demo
 * port, the servers' own addresses become their local ports, secret files
 * move under the data directory with stand-in content, and notifications go
 * to the local sink.
 */
export function localizeEnvironment<E extends LocalizableEnvironment>(env: E, profile: LocalProfile): LocalRun<E> {
  const { host, ports } = profile;
  const at = (port: number) => `${host}:${port}`;
  let nextPort = ports.firstDemoTarget;
  const targets: DemoTarget[] = [];
  const serverJobs: Record<string, keyof LocalPorts> = {};
  const systems = packSystems(env.rulePacks);
  const secretsDir = path.join(profile.dataDir, 'secrets');
  const relocate = (file: string) => path.join(secretsDir, path.basename(file));

  const scrapeConfigs = env.scrapeConfigs.map((job): ScrapeConfig => {
    const probe = env.probes.find((p) => p.job === job.jobName);
    if (probe) {
      const origins = new Map<string, DemoTarget & { probedPaths: string[] }>();
      const rewritten = job.targets.map((target) => {
        const url = new URL(target);
        const key = url.origin;
        if (!origins.has(key)) origins.set(key, { job: job.jobName, port: nextPort++, tls: url.protocol === 'https:', probedPaths: [], systems: [] });
        const origin = origins.get(key)!;
        origin.probedPaths.push(url.pathname);
        return `${url.protocol}//${at(origin.port)}${url.pathname}${url.search}`;
      });
      targets.push(...origins.values());
      const exporter = probe.props.exporter ?? DEFAULT_EXPORTER;
      return {
        ...job,
        targets: rewritten,
        relabelConfigs: job.relabelConfigs?.map((r) => (r.replacement === exporter ? { ...r, replacement: at(ports.blackboxExporter) } : r)),
      };
    }
    const servers = job.targets.map((t) => DOCKER_SERVER_ADDRESSES[t]);
    if (servers.every((s) => s !== undefined)) {
      serverJobs[job.jobName] = servers[0];
      return { ...job, targets: servers.map((s) => at(ports[s])) };
    }
    const jobSystems = systems.filter((s) => s.selector.job === job.jobName);
    const local = job.targets.map(() => {
      const port = nextPort++;
      targets.push({ job: job.jobName, port, tls: job.scheme === 'https', metricsPath: job.metricsPath ?? '/metrics', probedPaths: [], systems: jobSystems });
      return at(port);
    });
    return { ...job, targets: local, ...(job.basicAuth ? { basicAuth: { ...job.basicAuth, passwordFile: relocate(job.basicAuth.passwordFile) } } : {}) };
  });

  const sink = `http://${at(ports.notificationSink)}`;
  const alertmanager = relocateFiles(withLocalNotifications(env.alertmanager, sink, at(ports.smtpSink)), relocate);
  const secrets = new Map<string, string>();
  for (const file of [...secretFilesOf(env.alertmanager), ...env.scrapeConfigs.flatMap((j) => (j.basicAuth ? [j.basicAuth.passwordFile] : []))]) {
    // Slack's secret is its webhook URL: the stand-in is the sink's.
    secrets.set(relocate(file), /slack/.test(file) ? `${sink}/slack/${path.basename(file)}` : 'local-stand-in');
  }
  const probeJobs = new Set(env.probes.map((p) => p.job));
  const realServer = (job: string) => serverJobs[job] !== undefined && serverJobs[job] !== 'grafana';
  return {
    // Everything that points off this machine goes: the deployed targets, long-term storage, the Docker host's settings.
    environment: { ...env, scrapeConfigs, alertmanagers: [at(ports.alertmanager)], alertmanager, targets: undefined, remoteWrite: undefined, docker: undefined, kubernetes: undefined },
    targets,
    serverJobs,
    secrets,
    demoServes: (s) => s.name !== 'up' && !probeJobs.has(s.labels.job ?? '') && !realServer(s.labels.job ?? ''),
  };
}

/** PagerDuty and webhook URLs and the mail relay pointed at the sinks (Slack's URL is a secret file: see the stand-ins). */
function withLocalNotifications(config: AlertmanagerConfig, sink: string, smtp: string): AlertmanagerConfig {
  return {
    ...config,
    ...(config.global?.smtp ? { global: { ...config.global, smtp: { ...config.global.smtp, smarthost: smtp } } } : {}),
    receivers: config.receivers.map((r) => ({
      ...r,
      ...(r.pagerduty ? { pagerduty: r.pagerduty.map((p) => ({ ...p, url: `${sink}/pagerduty/${r.name}` })) } : {}),
      ...(r.webhook ? { webhook: r.webhook.map((w) => (w.url !== undefined ? { ...w, url: `${sink}/webhook/${r.name}` } : w)) } : {}),
    })),
  };
}

/** Every `*File` setting (the ones secretFilesOf finds) moved by `relocate`. */
function relocateFiles<T>(value: T, relocate: (file: string) => string): T {
  if (Array.isArray(value)) return value.map((v) => relocateFiles(v, relocate)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, /File$/.test(k) && typeof v === 'string' ? relocate(v) : relocateFiles(v, relocate)])) as T;
  }
  return value;
}
