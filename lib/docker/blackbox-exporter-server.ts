import { Construct } from 'constructs';
import { BlackboxFiles, DEFAULT_EXPORTER } from '../blackbox';
import { ImageRef } from './image';
import { secretFilesOf } from '../synth/secret-files';
import { ServerContainer } from './server-container';
import { ServerProps } from './deployment';

/** Debian bookworm's release: its `--config.check` validates the rendered blackbox.yml in this project's tests. */
export const BLACKBOX_EXPORTER_IMAGE: ImageRef = { repository: 'prom/blackbox-exporter', tag: 'v0.23.0' };
const [EXPORTER_HOST, EXPORTER_PORT] = DEFAULT_EXPORTER.split(':');
export const BLACKBOX_EXPORTER_PORT = Number(EXPORTER_PORT);

export interface BlackboxExporterServerProps extends ServerProps {
  readonly files: BlackboxFiles;
}

/**
 * The blackbox exporter with blackbox.yml, reachable by Prometheus as
 * `blackbox-exporter:9115` (the probes' default exporter address).
 */
export class BlackboxExporterServer extends ServerContainer {
  constructor(scope: Construct, id: string, props: BlackboxExporterServerProps) {
    const pings = props.files.modules.some((m) => m.prober === 'icmp');
    super(scope, id, {
      name: EXPORTER_HOST,
      namePrefix: props.deployment.namePrefix,
      network: props.deployment.network,
      image: props.image ?? BLACKBOX_EXPORTER_IMAGE,
      command: ['--config.file=/etc/blackbox_exporter/config.yml'],
      ports: [{ internal: BLACKBOX_EXPORTER_PORT, external: props.hostPort, hostIp: props.hostIp }],
      limits: props.limits,
      uploads: [{ path: '/etc/blackbox_exporter/config.yml', source: 'blackbox/blackbox.yml' }],
      // Files the modules name (a CA bundle's `caFile`), filled like any secret file.
      secretFiles: secretFilesOf(props.files.modules),
      secretVariablePrefix: 'blackbox_exporter_file',
      healthUrl: `http://127.0.0.1:${BLACKBOX_EXPORTER_PORT}/-/healthy`,
      // Unprivileged ICMP sockets: the exporter pings without root or raw-socket capabilities.
      sysctls: pings ? { 'net.ipv4.ping_group_range': '0 2147483647' } : undefined,
    });
  }
}
