import { Dashboard, folderOf } from './dashboard';
import { generatedHeader, toYaml } from '../synth/yaml';

/** Where the container reads what synth writes. */
export const GRAFANA_PROVISIONING_DIR = '/etc/grafana/provisioning';
/** Outside the data volume: a removed dashboard's file goes with the replaced container. */
export const GRAFANA_DASHBOARDS_DIR = '/etc/grafana/dashboards';

/** The dashboard's file, relative to the grafana folder of the synth output. */
export function dashboardFilePath(d: Dashboard): string {
  return `dashboards/${folderOf(d)}/${d.uid}.json`;
}

/** The one datasource, provisioned or managed: dashboards reach it only through their `datasource` variable. */
export const PROMETHEUS_DATASOURCE = { name: 'Prometheus', uid: 'prometheus', jsonData: { httpMethod: 'POST', timeInterval: '15s' } } as const;

/**
 * An environment's datasource in a Grafana that holds others' too (a shared Grafana, a cluster's):
 * `Prometheus (<environment>)`, taking no one's name or uid.
 */
export function environmentDatasource(environment: string): { readonly name: string; readonly uid: string } {
  return { name: `${PROMETHEUS_DATASOURCE.name} (${environment})`, uid: `${PROMETHEUS_DATASOURCE.uid}-${environment}` };
}

/**
 * Grafana's datasource provisioning file: the one Prometheus, read-only; the default one
 * unless it is an environment's datasource in a shared Grafana.
 */
export function renderDatasourceProvisioning(prometheusUrl: string, source: string, datasource: { readonly name: string; readonly uid: string } = PROMETHEUS_DATASOURCE): string {
  const isDefault = datasource.uid === PROMETHEUS_DATASOURCE.uid;
  return toYaml(
    {
      apiVersion: 1,
      datasources: [{ name: datasource.name, type: 'prometheus', uid: datasource.uid, access: 'proxy', url: prometheusUrl, isDefault, editable: false, jsonData: { ...PROMETHEUS_DATASOURCE.jsonData } }],
    },
    generatedHeader(source),
  );
}

/** Grafana's dashboard provisioning file: one provider per folder, files kept read-only. */
export function renderDashboardProvisioning(dashboards: readonly Dashboard[], source: string): string {
  const folders = [...new Set(dashboards.map(folderOf))].sort();
  return toYaml(
    {
      apiVersion: 1,
      providers: folders.map((folder) => ({
        name: folder,
        folder,
        folderUid: folder,
        type: 'file',
        // A dashboard whose file synth no longer writes is deleted, not left behind in Grafana's database.
        disableDeletion: false,
        allowUiUpdates: false,
        // The container is replaced when a file changes; no need to poll.
        updateIntervalSeconds: 3600,
        options: { path: `${GRAFANA_DASHBOARDS_DIR}/${folder}`, foldersFromFilesStructure: false },
      })),
    },
    generatedHeader(source),
  );
}
