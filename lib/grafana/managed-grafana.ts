import { Construct } from 'constructs';
import { TerraformVariable } from 'cdktf';
import { GrafanaProvider } from './provider/provider';
import { Folder } from './provider/folder';
import { DataSource } from './provider/data-source';
import { Dashboard as DashboardResource } from './provider/dashboard';
import { folderOf } from './dashboard';
import { GrafanaFiles, dashboardFileContent, renderDashboards } from './grafana-files';
import { PROMETHEUS_DATASOURCE, environmentDatasource } from './provisioning';

export interface ManagedGrafanaProps {
  /** The dashboards, rendered and checked by the monitoring stack of the same environment. */
  readonly files: GrafanaFiles;
  /** The existing Grafana's URL, e.g. `https://grafana.example.com`. */
  readonly url: string;
  /** Prometheus as that Grafana reaches it. */
  readonly prometheusUrl: string;
  /** Names this environment's datasource in a Grafana that may hold others': `Prometheus (<environment>)`. */
  readonly environment: string;
}

/**
 * One folder per system, the Prometheus datasource and every dashboard, kept
 * in an existing Grafana (shared or hosted) through the grafana/grafana
 * provider. Its credentials come from the sensitive variable `grafana_auth`
 * (a service account token, or `user:password`): never in the synth output.
 */
export class ManagedGrafana extends Construct {
  readonly auth: TerraformVariable;
  readonly folders: ReadonlyMap<string, Folder>;
  readonly datasource: DataSource;
  readonly dashboards: readonly DashboardResource[];

  constructor(scope: Construct, id: string, props: ManagedGrafanaProps) {
    super(scope, id);
    this.auth = new TerraformVariable(this, 'grafana_auth', {
      type: 'string',
      sensitive: true,
      nullable: false,
      description: `Service account token (or user:password) of the Grafana at ${props.url}`,
    });
    this.auth.overrideLogicalId('grafana_auth');
    new GrafanaProvider(this, 'Provider', { url: props.url, auth: this.auth.stringValue });
    const dashboards = props.files.dashboards;
    // Titled like the provisioned folders of the Docker deployment: by the owning system's name.
    const folderUids = [...new Set(dashboards.map(folderOf))].sort();
    this.folders = new Map(folderUids.map((uid) => [uid, new Folder(this, `Folder-${uid}`, { uid, title: uid })]));
    // A shared Grafana has datasources of its own: this one takes no one's name and is not made the default;
    // the dashboards open on it instead.
    const datasource = environmentDatasource(props.environment);
    this.datasource = new DataSource(this, 'Prometheus', {
      ...datasource,
      type: 'prometheus',
      url: props.prometheusUrl,
      jsonDataEncoded: JSON.stringify(PROMETHEUS_DATASOURCE.jsonData),
    });
    const json = renderDashboards(dashboards, props.files.rulePacks, datasource);
    this.dashboards = dashboards.map(
      (d, i) =>
        new DashboardResource(this, `Dashboard-${d.uid}`, {
          configJson: dashboardFileContent(json[i]),
          folder: this.folders.get(folderOf(d))!.uid,
          // The code is the source of truth: an edit made in Grafana is replaced.
          overwrite: true,
        }),
    );
  }
}
