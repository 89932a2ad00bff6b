import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { asSynthError } from '../lib';
import { DemoTarget, LocalProfile, assertPortsFree, healthyTraffic, localServers, localizeEnvironment, packSystems, withCatalogDefaults } from '../lib/local';
import { buildApp } from '../main';
import { Environment } from '../stacks/environments';
import { demoServers } from './demo-server';
import { FaultControl, faultControlServer } from './fault-control';
import { LiveSeries } from './live-series';
import { Notification, notificationSink, smtpSink } from './notification-sink';
import { ServerControl } from './server-control';
import { localCertificate } from './tls';

export interface RunningLocalStack {
  /** The environment with its local addresses, as synthesized. */
  readonly environment: Environment;
  readonly urls: Readonly<Record<string, string>>;
  readonly notifications: readonly Notification[];
  readonly live: LiveSeries;
  readonly faults: FaultControl;
  /** The real servers, which faults can stop and start. */
  readonly servers: ServerControl;
  /** Stops every server and closes every demo port. */
  stop(): Promise<void>;
}

/**
 * The environment on this machine: synthesized with the local profile's
 * addresses into `<dataDir>/synth`, stand-in secrets written, the demo and
 * the notification sink listening, then the real blackbox exporter,
 * Alertmanager and Prometheus started on the rendered files.
 */
export async function startLocalStack(env: Environment, given: LocalProfile, log: (line: string) => void = () => undefined): Promise<RunningLocalStack> {
  const profile = { ...given, dataDir: path.resolve(given.dataDir) };
  const { host, ports } = profile;
  const run = localizeEnvironment(env, profile);
  const grafanaJob = Object.entries(run.serverJobs).find(([, server]) => server === 'grafana')?.[0];
  // No Grafana binary can be had here: the demo answers for its scrape job, so GrafanaDown stays quiet.
  const grafanaStandIn: DemoTarget[] = grafanaJob
    ? [{ job: grafanaJob, port: ports.grafana, tls: false, metricsPath: '/metrics', probedPaths: ['/api/health'], systems: packSystems(env.rulePacks).filter((s) => s.selector.job === grafanaJob) }]
    : [];
  const targets = [...run.targets, ...grafanaStandIn];
  await assertPortsFree(host, [
    { name: 'Prometheus', port: ports.prometheus },
    { name: 'Alertmanager', port: ports.alertmanager },
    { name: 'blackbox exporter', port: ports.blackboxExporter },
    { name: 'notification sink', port: ports.notificationSink },
    { name: 'demo fault control', port: ports.demoControl },
    { name: 'SMTP sink', port: ports.smtpSink },
    ...targets.map((t) => ({ name: `demo target of job ${t.job}`, port: t.port })),
  ]);

  const synthDir = path.join(profile.dataDir, 'synth');
  fs.rmSync(synthDir, { recursive: true, force: true });
  fs.mkdirSync(synthDir, { recursive: true });
  try {
    buildApp(synthDir, [run.environment]).app.synth();
  } catch (error) {
    throw new Error(asSynthError(error).message);
  }
  for (const [file, content] of run.secrets) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content, { mode: 0o600 });
  }
  const stackDir = path.join(synthDir, 'stacks', env.name);

  const healthy = withCatalogDefaults(healthyTraffic(run.environment.rulePacks, run.demoServes).plan, targets.filter((t) => t.metricsPath));
  const live = new LiveSeries(healthy);
  const certificate = localCertificate(path.join(profile.dataDir, 'tls'), host);

  const listening: (http.Server | { close: (cb: () => void) => void })[] = [];
  const servers = new ServerControl(localServers(profile, stackDir, { retention: { time: run.environment.retention }, alertResendDelay: run.environment.alertResendDelay }), certificate.certFile, log);
  const stop = async () => {
    await servers.stopAll();
    await Promise.all(listening.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  };
  try {
    const sink = notificationSink();
    await listen(sink.server, ports.notificationSink, host, 'the notification sink');
    listening.push(sink.server);
    const smtp = smtpSink(sink.notifications, certificate);
    await listen(smtp.server, ports.smtpSink, host, 'the SMTP sink');
    listening.push(smtp);
    const demo = demoServers(targets, live, certificate);
    for (const [i, server] of demo.servers.entries()) {
      await listen(server, targets[i].port, host, `the demo target of job ${targets[i].job}`);
      listening.push(server);
    }
    const faults = new FaultControl(healthy, live, demo, run.environment.rulePacks, run.demoServes, (job) => targets.filter((t) => t.job === job).flatMap((t) => t.probedPaths), servers);
    const control = faultControlServer(faults);
    await listen(control, ports.demoControl, host, 'the demo fault control');
    listening.push(control);
    log(`demo: ${targets.length} targets on ${host}:${Math.min(...targets.map((t) => t.port))}-${Math.max(...targets.map((t) => t.port))}`);
    await servers.startAll();
    return {
      urls: {
        Prometheus: `http://${host}:${ports.prometheus}`,
        Alertmanager: `http://${host}:${ports.alertmanager}`,
        'blackbox exporter': `http://${host}:${ports.blackboxExporter}`,
        notifications: `http://${host}:${ports.notificationSink}/notifications`,
        'fault control': `http://${host}:${ports.demoControl}/faults`,
      },
      faults,
      servers,
      environment: run.environment,
      notifications: sink.notifications,
      live,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Listens, or fails with the address and what wanted it (a port taken since the check). */
function listen(server: { listen: (port: number, host: string) => unknown; once: (event: string, cb: (e?: Error) => void) => unknown }, port: number, host: string, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`cannot start ${what} on ${host}:${port}: ${(error as NodeJS.ErrnoException | undefined)?.code ?? error?.message}`)));
    server.once('listening', () => resolve());
    server.listen(port, host);
  });
}
