import { Construct } from 'constructs';
import { Fn, TerraformVariable } from 'cdktf';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { AlertmanagerFiles } from '../alertmanager';
import { BlackboxFiles } from '../blackbox';
import { GrafanaFiles, environmentDatasource, renderDashboards } from '../grafana';
import { PrometheusConfig, PrometheusFiles } from '../prometheus';
import { GeneratedFiles } from '../synth/generated-files';
import { secretFilesOf, secretVariableName } from '../synth/secret-files';
import { generatedHeader, toYaml } from '../synth/yaml';
import { duplicates } from '../prometheus/validate';
import { alertmanagerYaml } from './alertmanager';
import { discoveryLossProblems } from './discovery-loss';
import { KubernetesObject, OBJECT_NAME, environmentLabels, objectId } from './objects';
import { ALERTMANAGER_CONFIG_SECRET, ALERTMANAGER_SECRET, PROMETHEUS_SECRET, secretKeyOfFile } from './secrets';
import { KubernetesInput, kubernetesObjects, objectFile } from './stack-objects';
import { KubernetesTarget, kubernetesTargetProblems } from './target';

/** alertmanager.yaml as the config Secret carries it, relative to `kubernetes/`: the file amtool checks. */
export const ALERTMANAGER_CONFIG_FILE = 'config-secret/alertmanager.yaml';

export interface KubernetesDeploymentProps {
  /** The environment's name: it names the servers, labels every object and names the Grafana datasource. */
  readonly environment: string;
  /** The cluster, namespace and sizes. */
  readonly target: KubernetesTarget;
  /** The checked Prometheus content: its config model (jobs with the environment's targets) and the deployed packs. */
  readonly prometheus: PrometheusFiles;
  /** The checked routing. */
  readonly alertmanager: AlertmanagerFiles;
  /** The probes and their modules. */
  readonly blackbox: BlackboxFiles;
  /** The dashboards (rendered again here for the environment's own datasource). */
  readonly grafana: GrafanaFiles;
  /** Jobs the environment gives `targets`: a job cannot have those and a Service. */
  readonly jobsWithTargets: readonly string[];
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
  /** Every object but the Secrets. */
  readonly objects: readonly KubernetesObject[];
  /** The sensitive variables, by the secret file (of prometheus.yml or alertmanager.yml) they fill. */
  readonly secretVariables: ReadonlyMap<string, TerraformVariable>;
  /** The kubeconfig context it deploys with, when the target names one. */
  readonly context?: string;

  constructor(scope: Construct, id: string, props: KubernetesDeploymentProps) {
    super(scope, id);
    const target = props.target;
    this.context = target.context;
    const input = kubernetesInput(props);
    this.objects = kubernetesObjects(input);
    const files = this.objects.map((o) => objectFile(o, target.namespace));
    const config = props.prometheus.config;
    const credentials = prometheusCredentials(config);
    const alertmanagerFiles = secretFilesOf(props.alertmanager.config);
    const jobs = { names: config.scrapeConfigs.map((j) => j.jobName), probes: props.blackbox.probes.map((p) => p.job), withTargets: props.jobsWithTargets };
    new GeneratedFiles(this, 'Files', {
      directory: 'kubernetes',
      problems: () =>
        [
          ...kubernetesTargetProblems(target, jobs),
          ...environmentNameProblems(props.environment),
          // Probe jobs are Probes whatever services says (a mistake reported above).
          ...discoveryLossProblems(target.services ?? {}, target.namespace, config.scrapeConfigs.filter((j) => !jobs.probes.includes(j.jobName)), props.prometheus.rulePacks),
          ...objectProblems(this.objects),
          ...secretKeyProblems(credentials.keys, alertmanagerFiles),
        ].map(
          (p) => `environment ${props.environment}: ${p}`,
        ),
      render: () =>
        new Map([
          ...this.objects.map((o, i) => [files[i], toYaml(o, `${generatedHeader(props.source)}\nApplied by the ${props.environment} stack.`)] as const),
          [ALERTMANAGER_CONFIG_FILE, alertmanagerYaml(input.alertmanager, props.source)],
        ]),
    });

    // The provider reads no kubeconfig unless told (since its 2.0).
    new KubernetesProvider(this, 'Kubernetes', { configPath: target.kubeconfig ?? '~/.kube/config', ...(target.context ? { configContext: target.context } : {}) });

    const variable = (server: string, file: string) => {
      const name = secretVariableName(`${server}_secret`, file);
      const v = new TerraformVariable(this, name, { type: 'string', sensitive: true, nullable: false, description: `Content of ${file} (key ${secretKeyOfFile(file)} of a Secret in ${target.namespace})` });
      // The name an operator sets (TF_VAR_<name>), the same as the Docker deployment's.
      v.overrideLogicalId(name);
      return v;
    };
    const variables = new Map<string, TerraformVariable>([...credentials.secret.map((f) => [f, variable('prometheus', f)] as const), ...alertmanagerFiles.map((f) => [f, variable('alertmanager', f)] as const)]);
    this.secretVariables = variables;
    const metadata = (name: string) => ({ name, namespace: target.namespace, labels: environmentLabels(props.environment) });
    const secrets = [
      new SecretV1(this, 'PrometheusCredentials', {
        metadata: metadata(PROMETHEUS_SECRET),
        data: Object.fromEntries([...credentials.secret.map((f) => [secretKeyOfFile(f), variables.get(f)!.stringValue]), ...credentials.usernames]),
      }),
      new SecretV1(this, 'AlertmanagerCredentials', {
        metadata: metadata(ALERTMANAGER_SECRET),
        data: Object.fromEntries(alertmanagerFiles.map((f) => [secretKeyOfFile(f), variables.get(f)!.stringValue])),
      }),
      new SecretV1(this, 'AlertmanagerConfig', { metadata: metadata(ALERTMANAGER_CONFIG_SECRET), data: { 'alertmanager.yaml': Fn.file(`kubernetes/${ALERTMANAGER_CONFIG_FILE}`) } }),
    ];
    // Read from the written files at plan time: the stack applies exactly what review saw. After the
    // Secrets: the operator refuses a resource naming a Secret key that does not exist yet.
    for (const file of files) {
      new Manifest(this, file.replace(/\.yaml$/, ''), { manifest: Fn.yamldecode(Fn.file(`kubernetes/${file}`)) as unknown as Record<string, unknown>, dependsOn: secrets });
    }
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

/**
 * What the Prometheus credentials Secret holds: each password or token file's content (from a
 * variable) and, beside each basic-auth password, its user name (not secret, but the operator reads
 * user names from Secrets too). `keys` lists every key, for the collision check.
 */
function prometheusCredentials(config: PrometheusConfig): { secret: string[]; usernames: [string, string][]; keys: string[] } {
  const secret = secretFilesOf(config);
  const users = new Map<string, string>();
  for (const job of config.scrapeConfigs) if (job.basicAuth) users.set(job.basicAuth.passwordFile, job.basicAuth.username);
  for (const w of config.remoteWrite ?? []) if (w.auth && 'basicAuth' in w.auth) users.set(w.auth.basicAuth.passwordFile, w.auth.basicAuth.username);
  const usernames = [...users].sort(([a], [b]) => (a < b ? -1 : 1)).map(([file, user]) => [`${secretKeyOfFile(file)}-username`, user] as [string, string]);
  return { secret, usernames, keys: [...secret.map(secretKeyOfFile), ...usernames.map(([key]) => key)] };
}

/** Two secret files whose names would be one key of a Secret (keys are file names). */
function secretKeyProblems(prometheusKeys: readonly string[], alertmanagerFiles: readonly string[]): string[] {
  return [
    ...duplicates(prometheusKeys).map((key) => `two of Prometheus' secret files (or a password and a user name) would both be key ${key} of Secret ${PROMETHEUS_SECRET}; give the files different names`),
    ...duplicates(alertmanagerFiles.map(secretKeyOfFile)).map((key) => `two of Alertmanager's secret files are named ${key}: they would be one key of Secret ${ALERTMANAGER_SECRET}; give them different names`),
  ];
}

/** The operator's StatefulSets are `alertmanager-<environment>`: Kubernetes runs no pods for a StatefulSet name over 52 characters. */
const MAX_ENVIRONMENT_NAME = 52 - 'alertmanager-'.length;

function environmentNameProblems(environment: string): string[] {
  if (!OBJECT_NAME.test(environment)) return [`the environment name is also the servers' resource name: ${JSON.stringify(environment)} must be lowercase letters, digits and dashes`];
  if (environment.length > MAX_ENVIRONMENT_NAME) return [`the environment name ${environment} is ${environment.length} characters: the operator's StatefulSet alertmanager-${environment} would be over 52 and run no pods; use at most ${MAX_ENVIRONMENT_NAME}`];
  return [];
}

/** Names Kubernetes refuses, and two objects that would be one (names are cut to 63 characters). */
export function objectProblems(objects: readonly KubernetesObject[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const o of objects) {
    const key = `${o.metadata.namespace}/${objectId(o)}`;
    if (!OBJECT_NAME.test(o.metadata.name)) problems.push(`${objectId(o)}: ${JSON.stringify(o.metadata.name)} is not a Kubernetes object name (lowercase letters, digits and dashes, at most 63)`);
    if (seen.has(key)) problems.push(`${objectId(o)} in namespace ${o.metadata.namespace} would be made twice (two names that differ only in case or punctuation); rename one`);
    seen.add(key);
  }
  return problems;
}
