import { Construct } from 'constructs';
import { GRAFANA_DASHBOARDS_DIR, GRAFANA_PROVISIONING_DIR, GrafanaFiles, dashboardFilePath } from '../grafana';
import { ImageRef } from './image';
import { ServerContainer } from './server-container';
import { ServerProps } from './deployment';

/**
 * Grafana 12, the release line the Foundation SDK 0.0.x writes dashboards for
 * (schemaVersion 42). Pinned; change it together with the SDK.
 */
export const GRAFANA_IMAGE: ImageRef = { repository: 'grafana/grafana', tag: '12.3.0' };
export const GRAFANA_PORT = 3000;
/** The image's own unprivileged user (grafana, uid 472, group root as the image expects). */
const GRAFANA_USER = '472:0';
const ADMIN_PASSWORD_FILE = '/etc/grafana/secrets/admin-password';

export interface GrafanaServerProps extends ServerProps {
  readonly files: GrafanaFiles;
  /** The URL people open, for links Grafana writes itself. */
  readonly rootUrl: string;
}

/**
 * Grafana with the Prometheus datasource and every dashboard provisioned from
 * the files synth writes, so the stack works on first boot. The admin password
 * comes from a sensitive variable (`grafana_secret_admin_password`) through a
 * file; anonymous access and sign-up are off.
 */
export class GrafanaServer extends ServerContainer {
  constructor(scope: Construct, id: string, props: GrafanaServerProps) {
    super(scope, id, {
      name: 'grafana',
      namePrefix: props.deployment.namePrefix,
      network: props.deployment.network,
      image: props.image ?? GRAFANA_IMAGE,
      user: GRAFANA_USER,
      environment: {
        GF_SECURITY_ADMIN_PASSWORD__FILE: ADMIN_PASSWORD_FILE,
        GF_AUTH_ANONYMOUS_ENABLED: 'false',
        GF_USERS_ALLOW_SIGN_UP: 'false',
        GF_SERVER_ROOT_URL: props.rootUrl,
        GF_PATHS_PROVISIONING: GRAFANA_PROVISIONING_DIR,
        // No phoning home: the deployment may have no way out, and reports are not ours to send.
        GF_ANALYTICS_REPORTING_ENABLED: 'false',
        GF_ANALYTICS_CHECK_FOR_UPDATES: 'false',
        GF_ANALYTICS_CHECK_FOR_PLUGIN_UPDATES: 'false',
      },
      ports: [{ internal: GRAFANA_PORT, external: props.hostPort, hostIp: props.hostIp }],
      limits: props.limits,
      uploads: [
        { path: `${GRAFANA_PROVISIONING_DIR}/datasources/prometheus.yml`, source: 'grafana/provisioning/datasources/prometheus.yml' },
        { path: `${GRAFANA_PROVISIONING_DIR}/dashboards/dashboards.yml`, source: 'grafana/provisioning/dashboards/dashboards.yml' },
        ...props.files.dashboards.map((d) => ({ path: `${GRAFANA_DASHBOARDS_DIR}/${dashboardFilePath(d).replace(/^dashboards\//, '')}`, source: `grafana/${dashboardFilePath(d)}` })),
      ],
      secretFiles: [ADMIN_PASSWORD_FILE],
      secretVariablePrefix: 'grafana_secret',
      healthUrl: `http://127.0.0.1:${GRAFANA_PORT}/api/health`,
      dataPath: '/var/lib/grafana',
    });
  }
}
