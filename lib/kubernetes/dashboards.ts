import { Dashboard, DashboardJson, DatasourceRef, dashboardFileContent, folderOf, renderDatasourceProvisioning } from '../grafana';
import { KubernetesObject, ObjectMeta, objectName } from './objects';

/** The label the Grafana sidecar (kube-prometheus-stack, the grafana chart) loads dashboard ConfigMaps by. */
export const DASHBOARD_LABEL = { grafana_dashboard: '1' } as const;
/** The label it loads datasource ConfigMaps by. */
export const DATASOURCE_LABEL = { grafana_datasource: '1' } as const;
/**
 * The annotation the sidecar (kiwigrid/k8s-sidecar) reads a dashboard's folder from when the chart
 * sets no `folderAnnotation`; Grafana makes the folders with `provider.foldersFromFilesStructure: true`.
 */
export const FOLDER_ANNOTATION = 'k8s-sidecar-target-directory';

/** One ConfigMap per dashboard, in its folder: the same JSON the Docker deployment provisions. */
export function dashboardConfigMap(d: Dashboard, json: DashboardJson, meta: (name: string) => ObjectMeta): KubernetesObject {
  const m = meta(objectName(`grafana-dashboard-${d.uid}`));
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { ...m, labels: { ...m.labels, ...DASHBOARD_LABEL }, annotations: { [FOLDER_ANNOTATION]: folderOf(d) } },
    data: { [`${d.uid}.json`]: dashboardFileContent(json) },
  };
}

/** The environment's Prometheus datasource the dashboards open on, for the sidecar to provision beside the cluster's own. */
export function datasourceConfigMap(datasource: DatasourceRef, prometheusUrl: string, source: string, meta: (name: string) => ObjectMeta): KubernetesObject {
  const m = meta(objectName(`grafana-datasource-${datasource.uid}`));
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...m, labels: { ...m.labels, ...DATASOURCE_LABEL } }, data: { [`${datasource.uid}.yml`]: renderDatasourceProvisioning(prometheusUrl, source, datasource) } };
}
