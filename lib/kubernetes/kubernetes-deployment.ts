import { Construct } from 'constructs';
import { Fn, TerraformVariable } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { AlertmanagerFiles } from '../alertmanager';
import { BlackboxFiles } from '../blackbox';
import { GrafanaFiles, environmentDatasource, renderDashboards } from '../grafana';
import { PrometheusFiles, ScrapeConfig } from '../prometheus';
import { GeneratedFiles } from '../synth/generated-files';
import { secretFilesOf } from '../synth/secret-files';
import { toYaml } from '../synth/yaml';
import { KubernetesObject, OBJECT_NAME, objectId } from './objects';
import { ALERTMANAGER_CONFIG_SECRET, ALERTMANAGER_SECRET, PROMETHEUS_SECRET, secretKeyOfFile } from './secrets';
import { KubernetesInput, alertmanagerYaml, kubernetesObjects, objectFile } from './stack-objects';
import { KubernetesTarget, kubernetesTargetProblems } from './target';

/** alertmanager.yaml as the config Secret carries it, relative to `kubernetes/`: the file amtool checks. */
export const ALERTMANAGER_CONFIG_FILE = 'config-secret/alertmanager.yaml';

export interface KubernetesDeploymentProps {
  /** The environment's name: it labels every object and names the Grafana datasource. */
  readonly environment: string;
  readonly target: KubernetesTarget;
  readonly prometheus: PrometheusFiles;
  readonly alertmanager: AlertmanagerFiles;
  readonly blackbox: BlackboxFiles;
  readonly grafana: GrafanaFiles;
  /** Named in the generated headers, e.g. `stacks/environments.ts`. */
  readonly source: string;
}

/**
 * The monitoring stack on Kubernetes with the Prometheus Operator: the same checked content as
 * Prometheus Operator resources (Prometheus, Alertmanager, PrometheusRule, ScrapeConfig,
 * ServiceMonitor, Probe), the blackbox exporter, and Grafana sidecar ConfigMaps. Each object is
 * written to `<stack>/kubernetes/<kind>/<name>.yaml` and applied from that file, so what a
 * reviewer reads is what is applied. Credentials go into Secrets from sensitive variables and
 * appear in no manifest.
 */
export class KubernetesDeployment extends Construct {
  /** Every object but the Secrets, in apply order. */
  readonly objects: readonly KubernetesObject[];
  /** The sensitive variables, by the secret file (of prometheus.yml or alertmanager.yml) they fill. */
  readonly secretVariables: ReadonlyMap<string, TerraformVariable>;
  readonly namespace: string;

  constructor(scope: Construct, id: string, props: KubernetesDeploymentProps) {
    super(scope, id);
    const target = props.target;
    this.namespace = target.namespace;
    const input = kubernetesInput(props);
    this.objects = kubernetesObjects(input);
    const files = this.objects.map((o) => objectFile(o, target.namespace));
    new GeneratedFiles(this, 'Files', {
      directory: 'kubernetes',
      problems: () => [
        ...kubernetesTargetProblems(target, props.prometheus.config.scrapeConfigs.map((j) => j.jobName)),
        ...objectProblems(this.objects),
      ].map((p) => `environment ${props.environment}: ${p}`),
      render: () =>
        new Map([
          ...this.objects.map((o, i) => [files[i], toYaml(o, `Generated from ${props.source} by monitoring-as-code; applied by the ${props.environment} stack. Do not edit.`)] as const),
          [ALERTMANAGER_CONFIG_FILE, alertmanagerYaml(input)],
        ]),
    });

    new KubernetesProvider(this, 'Kubernetes', target.context ? { configContext: target.context } : {});
    // Read from the written files at plan time: the stack applies exactly what review saw.
    for (const file of files) {
      new Manifest(this, file.replace(/\.yaml$/, ''), { manifest: Fn.yamldecode(Fn.file(`kubernetes/${file}`)) as unknown as Record<string, unknown> });
    }

    const variable = (server: string, file: string) => {
      const name = `${server}_secret_${secretKeyOfFile(file).replace(/[^A-Za-z0-9]/g, '_')}`;
      const v = new TerraformVariable(this, name, { type: 'string', sensitive: true, nullable: false, description: `Content of ${file} (key ${secretKeyOfFile(file)} of a Secret in ${target.namespace})` });
      v.overrideLogicalId(name);
      return v;
    };
    const prometheusFiles = secretFilesOf(props.prometheus.config);
    const alertmanagerFiles = secretFilesOf(props.alertmanager.config);
    const variables = new Map<string, TerraformVariable>([
      ...prometheusFiles.map((f) => [f, variable('prometheus', f)] as const),
      ...alertmanagerFiles.map((f) => [f, variable('alertmanager', f)] as const),
    ]);
    this.secretVariables = variables;
    const metadata = (name: string) => ({ name, namespace: target.namespace, labels: { 'app.kubernetes.io/managed-by': 'monitoring-as-code' } });
    new SecretV1(this, 'PrometheusCredentials', {
      metadata: metadata(PROMETHEUS_SECRET),
      data: Object.fromEntries([
        ...prometheusFiles.map((f) => [secretKeyOfFile(f), variables.get(f)!.stringValue]),
        // User names are not secret, but the operator reads them from the Secret too.
        ...basicAuthUsers(props.prometheus.config.scrapeConfigs, props.prometheus.config.remoteWrite ?? []).map(([file, user]) => [`${secretKeyOfFile(file)}-username`, user]),
      ]),
    });
    new SecretV1(this, 'AlertmanagerCredentials', {
      metadata: metadata(ALERTMANAGER_SECRET),
      data: Object.fromEntries(alertmanagerFiles.map((f) => [secretKeyOfFile(f), variables.get(f)!.stringValue])),
    });
    new SecretV1(this, 'AlertmanagerConfig', { metadata: metadata(ALERTMANAGER_CONFIG_SECRET), data: { 'alertmanager.yaml': Fn.file(`kubernetes/${ALERTMANAGER_CONFIG_FILE}`) } });
  }

  /** `TF_VAR_<name>` to export before deploying. */
  get secretVariableNames(): string[] {
    return [...this.secretVariables.values()].map((v) => v.friendlyUniqueId).sort();
  }
}

function kubernetesInput(props: KubernetesDeploymentProps): KubernetesInput {
  const datasource = environmentDatasource(props.environment);
  return {
    environment: props.environment,
    target: props.target,
    prometheus: props.prometheus.config,
    rulePacks: props.prometheus.rulePacks,
    alertmanager: props.alertmanager.config,
    probes: props.blackbox.probes,
    blackboxModules: props.blackbox.modules,
    dashboards: props.grafana.dashboards,
    dashboardJson: renderDashboards(props.grafana.dashboards, props.prometheus.rulePacks, datasource),
    datasource,
    source: props.source,
  };
}

/** Basic-auth user names by their password file: scrape jobs and remote writes. */
function basicAuthUsers(jobs: readonly ScrapeConfig[], writes: readonly { readonly auth?: object }[]): [string, string][] {
  const users = new Map<string, string>();
  for (const job of jobs) if (job.basicAuth) users.set(job.basicAuth.passwordFile, job.basicAuth.username);
  for (const w of writes) {
    const auth = w.auth as { basicAuth?: { username: string; passwordFile: string } } | undefined;
    if (auth?.basicAuth) users.set(auth.basicAuth.passwordFile, auth.basicAuth.username);
  }
  return [...users].sort(([a], [b]) => (a < b ? -1 : 1));
}

/** Names Kubernetes refuses, and two objects that would be one (names are cut to 63 characters). */
export function objectProblems(objects: readonly KubernetesObject[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, KubernetesObject>();
  for (const o of objects) {
    const key = `${o.metadata.namespace}/${objectId(o)}`;
    if (!OBJECT_NAME.test(o.metadata.name)) problems.push(`${objectId(o)}: ${JSON.stringify(o.metadata.name)} is not a Kubernetes object name (lowercase letters, digits and dashes, at most 63)`);
    if (seen.has(key)) problems.push(`${objectId(o)} in namespace ${o.metadata.namespace} would be made twice (two names that differ only in case or punctuation); rename one`);
    seen.set(key, o);
  }
  return problems;
}
