import { Construct } from 'constructs';
import { PrometheusFiles, prometheusFlags, ruleFilePath } from '../prometheus';
import { ImageRef } from './image';
import { secretFilesOf } from '../synth/secret-files';
import { ServerContainer } from './server-container';
import { ServerProps } from './deployment';

/** Debian bookworm's release: its promtool checks the rendered files in this project's tests. */
export const PROMETHEUS_IMAGE: ImageRef = { repository: 'prom/prometheus', tag: 'v2.42.0' };
export const PROMETHEUS_PORT = 9090;
const CONFIG_DIR = '/etc/prometheus';

export interface PrometheusServerProps extends ServerProps {
  readonly files: PrometheusFiles;
}

/** The Prometheus server: prometheus.yml and the rule files, a data volume, scrape secrets from variables. */
export class PrometheusServer extends ServerContainer {
  constructor(scope: Construct, id: string, props: PrometheusServerProps) {
    const { config, rulePacks } = props.files;
    super(scope, id, {
      name: 'prometheus',
      namePrefix: props.deployment.namePrefix,
      network: props.deployment.network,
      image: props.image ?? PROMETHEUS_IMAGE,
      command: prometheusFlags(config, { configFile: `${CONFIG_DIR}/prometheus.yml`, dataDir: '/prometheus' }),
      ports: [{ internal: PROMETHEUS_PORT, external: props.hostPort, hostIp: props.hostIp }],
      limits: props.limits,
      // rule_files in prometheus.yml are relative to it.
      uploads: ['prometheus.yml', ...rulePacks.map(ruleFilePath)].map((file) => ({ path: `${CONFIG_DIR}/${file}`, source: `prometheus/${file}` })),
      secretFiles: secretFilesOf(config),
      secretVariablePrefix: 'prometheus_secret',
      healthUrl: `http://127.0.0.1:${PROMETHEUS_PORT}/-/healthy`,
      dataPath: '/prometheus',
    });
  }
}
