import { alertmanagerFlags } from '../alertmanager/cluster';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { RunningProcess, startProcess } from '../testing/processes';
import { PrometheusConfig, prometheusFlags } from '../prometheus';
import { LocalProfile } from './profile';

/** One real server of the local run: the Debian package's binary on its local port. */
export interface LocalServer {
  readonly name: string;
  readonly binary: string;
  readonly args: readonly string[];
  readonly url: string;
  readonly readyPath: string;
  /** Where it keeps its data, made before it starts. @default none */
  readonly dataDir?: string;
}

/**
 * Prometheus, Alertmanager and the blackbox exporter with the files synth
 * wrote for the localized environment (`stackDir`), their data under the
 * profile's data directory.
 */
export function localServers(profile: LocalProfile, stackDir: string, prometheus: Pick<PrometheusConfig, 'retention' | 'alertResendDelay'> = {}): LocalServer[] {
  const { host, ports } = profile;
  const data = (name: string) => path.join(profile.dataDir, 'data', name);
  const url = (port: number) => `http://${host}:${port}`;
  return [
    {
      name: 'blackbox exporter',
      binary: 'prometheus-blackbox-exporter',
      args: [`--config.file=${path.join(stackDir, 'blackbox', 'blackbox.yml')}`, `--web.listen-address=${host}:${ports.blackboxExporter}`],
      url: url(ports.blackboxExporter),
      readyPath: '/-/healthy',
    },
    {
      name: 'Alertmanager',
      binary: 'prometheus-alertmanager',
      dataDir: data('alertmanager'),
      // The container's flags (one instance: no gossip) with local paths and address.
      args: alertmanagerFlags({ configFile: path.join(stackDir, 'alertmanager', 'alertmanager.yml'), storagePath: data('alertmanager'), webListen: `${host}:${ports.alertmanager}` }),
      url: url(ports.alertmanager),
      readyPath: '/-/ready',
    },
    {
      name: 'Prometheus',
      binary: 'prometheus',
      dataDir: data('prometheus'),
      // The container's flags (lib/docker) with local paths, and a local address.
      args: [...prometheusFlags(prometheus, { configFile: path.join(stackDir, 'prometheus', 'prometheus.yml'), dataDir: data('prometheus') }), `--web.listen-address=${host}:${ports.prometheus}`],
      url: url(ports.prometheus),
      readyPath: '/-/ready',
    },
  ];
}

/** Whether nothing listens on `host:port`: a listener of our own can take it. */
export function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** Fails with one message naming every taken port and what wanted it. */
export async function assertPortsFree(host: string, wanted: readonly { name: string; port: number }[]): Promise<void> {
  const taken: string[] = [];
  for (const { name, port } of wanted) if (!(await portIsFree(host, port))) taken.push(`${host}:${port} (${name})`);
  if (taken.length > 4) taken.splice(3, taken.length - 3, `${taken.length - 3} more`);
  if (taken.length) throw new Error(`cannot start: ${taken.join(', ')} ${taken.length === 1 ? 'is' : 'are'} taken; stop what listens there (\`ss -ltnp\` shows it) or change the local profile's ports`);
}

/** Starts a server and waits until it is ready; `certFile` is the demo's certificate, which Go then trusts. */
export async function startLocalServer(server: LocalServer, certFile: string): Promise<RunningProcess> {
  if (server.dataDir) fs.mkdirSync(server.dataDir, { recursive: true });
  return startProcess(server.binary, server.args, `${server.url}${server.readyPath}`, 30_000, { ...process.env, SSL_CERT_FILE: certFile });
}
