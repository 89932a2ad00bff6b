import { Construct } from 'constructs';
import { AlertRule, RulePack, packAlerts } from '../prometheus';
import { recordedSeries } from '../prometheus/validate';
import { GeneratedFiles } from '../synth/generated-files';
import { ALERTS_SERIES } from './alert-state';
import { Dashboard } from './dashboard';
import { alertLinkProblems } from './links';
import { PROMETHEUS_DATASOURCE, dashboardFilePath, renderDashboardProvisioning, renderDatasourceProvisioning } from './provisioning';
import { DashboardContext, DashboardJson, DatasourceRef, renderDashboard, withDatasource } from './render';
import { laidOutPanels } from './layout';
import { dashboardsProblems } from './validate';

export interface GrafanaFilesProps {
  readonly dashboards: readonly Dashboard[];
  /** The packs as deployed (overrides applied, alerts linked): thresholds and links are read from them. */
  readonly rulePacks: readonly RulePack[];
  /** Grafana's base URL, as the alerts' `dashboard_url` use it. */
  readonly grafanaBaseUrl: string;
  /** Prometheus as Grafana reaches it, e.g. `http://prometheus:9090`. */
  readonly prometheusUrl: string;
  /** Named in the provisioning files' headers, e.g. `dashboards/ and stacks/environments.ts`. */
  readonly source: string;
}

/**
 * Every dashboard as Grafana's JSON, and the provisioning files that load them
 * with the Prometheus datasource, checked at synth and written to `<stack>/grafana/`.
 */
export class GrafanaFiles extends Construct {
  readonly dashboards: readonly Dashboard[];
  readonly rulePacks: readonly RulePack[];
  private json?: DashboardJson[];

  constructor(scope: Construct, id: string, private readonly props: GrafanaFilesProps) {
    super(scope, id);
    this.dashboards = props.dashboards;
    this.rulePacks = props.rulePacks;
    new GeneratedFiles(this, 'Files', {
      directory: 'grafana',
      problems: () => [
        ...dashboardsProblems(props.dashboards, this.rendered(), { recorded: new Map([...recordedSeries(...props.rulePacks), ['ALERTS', [ALERTS_SERIES]]]), alerts: deployedAlerts(props.rulePacks) }),
        ...alertLinkProblems(props.rulePacks, props.dashboards, props.grafanaBaseUrl),
      ],
      render: () => renderGrafanaFiles(props, this.rendered()),
    });
  }

  /** The dashboards' JSON for the provisioned Grafana, rendered once, in declaration order. */
  rendered(): DashboardJson[] {
    this.json ??= renderDashboards(this.props.dashboards, this.props.rulePacks, PROMETHEUS_DATASOURCE);
    return this.json;
  }
}

/** The dashboards' JSON with the deployed alerts' thresholds, opening on `datasource`. */
export function renderDashboards(dashboards: readonly Dashboard[], rulePacks: readonly RulePack[], datasource?: DatasourceRef): DashboardJson[] {
  const alerts = deployedAlerts(rulePacks);
  return dashboards.map((d) => renderedOnce(d, { alerts, ...(datasource ? { datasource } : {}) }));
}

/**
 * Renderings by dashboard and by what the rendering reads of the alerts its panels draw: the
 * condition, severity and `for`. Environments (and the Grafana stack) that agree on those share one
 * rendering, and each datasource is a re-pointed copy of it (withDatasource), not a rendering of its
 * own. The JSON is only ever read (written to files and resources), never changed.
 */
const renderings = new WeakMap<Dashboard, Map<string, { json: DashboardJson; byDatasource: Map<string, DashboardJson> }>>();

function renderedOnce(d: Dashboard, context: DashboardContext): DashboardJson {
  const drawn = laidOutPanels(d).flatMap((item) => (item.panel.alerts ?? []).map((a) => a.name));
  const key = JSON.stringify(
    drawn.map((name) => {
      const a = context.alerts.get(name);
      return a ? [name, a.expr.promql, a.severity, a.for ?? null] : [name];
    }),
  );
  const byKey = renderings.get(d) ?? new Map<string, { json: DashboardJson; byDatasource: Map<string, DashboardJson> }>();
  renderings.set(d, byKey);
  let rendering = byKey.get(key);
  if (rendering === undefined) byKey.set(key, (rendering = { json: renderDashboard(d, { alerts: context.alerts }), byDatasource: new Map() }));
  const ds = context.datasource;
  if (!ds) return rendering.json;
  const id = JSON.stringify([ds.name, ds.uid]);
  let json = rendering.byDatasource.get(id);
  if (json === undefined) rendering.byDatasource.set(id, (json = withDatasource(rendering.json, ds)));
  return json;
}

/** The packs' alerts by name. */
export function deployedAlerts(rulePacks: readonly RulePack[]): Map<string, AlertRule> {
  return new Map(rulePacks.flatMap((p) => packAlerts(p).map((a) => [a.name, a.rule] as const)));
}

/** Dashboard JSON keeps the SDK's key order, two-space indented, newline-terminated: stable and diffable. */
export function dashboardFileContent(json: DashboardJson): string {
  let text = fileContents.get(json);
  if (text === undefined) fileContents.set(json, (text = `${JSON.stringify(json, null, 2)}\n`));
  return text;
}

/** Environments that share a rendering (renderedOnce) write the same text; renderings are never changed. */
const fileContents = new WeakMap<DashboardJson, string>();

/** The files, relative to the grafana folder. */
export function renderGrafanaFiles(props: GrafanaFilesProps, json: readonly DashboardJson[]): Map<string, string> {
  const files = new Map<string, string>();
  files.set('provisioning/datasources/prometheus.yml', renderDatasourceProvisioning(props.prometheusUrl, props.source));
  files.set('provisioning/dashboards/dashboards.yml', renderDashboardProvisioning(props.dashboards, props.source));
  props.dashboards.forEach((d, i) => files.set(dashboardFilePath(d), dashboardFileContent(json[i])));
  return files;
}
