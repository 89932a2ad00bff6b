import { Duration } from '../promql';
import { ImageRef, imageProblems } from '../docker/image';
import { OBJECT_NAME } from './objects';

/** CPU and memory of a pod's container, as Kubernetes quantities (`500m`, `2`, `4Gi`). */
export interface ResourceQuantities {
  readonly cpu?: string;
  readonly memory?: string;
}

export interface ServerResources {
  /** What the scheduler reserves. @default none */
  readonly requests?: ResourceQuantities;
  /** Where the container is throttled (CPU) or killed (memory). @default none */
  readonly limits?: ResourceQuantities;
}

/** A volume per replica, e.g. `{ size: '200Gi' }`: the data outlives the pod. */
export interface PersistentStorage {
  /** A Kubernetes quantity, e.g. `200Gi`. */
  readonly size: string;
  /** @default the cluster's default storage class */
  readonly storageClassName?: string;
}

/** A scrape job whose targets are the endpoints of a Kubernetes Service: scraped through a ServiceMonitor. */
export interface KubernetesService {
  /** Labels of the Service(s), e.g. `{ 'app.kubernetes.io/name': 'ik-engine-postgres-exporter' }`. */
  readonly selector: Readonly<Record<string, string>>;
  /** The Service port's name, e.g. `metrics`. */
  readonly port: string;
  /** @default the stack's namespace */
  readonly namespace?: string;
}

/** Where and how the servers run on Kubernetes, with the Prometheus Operator installed in the cluster. */
export interface KubernetesTarget {
  /** Namespace of every object of the stack; it must exist (the operator's own install, or `kubectl create namespace`). */
  readonly namespace: string;
  /** kubeconfig to deploy with (the provider reads none unless told). @default `~/.kube/config` */
  readonly kubeconfig?: string;
  /** kubeconfig context to deploy with. @default the kubeconfig's current context */
  readonly context?: string;
  /** The Prometheus resource. */
  readonly prometheus?: {
    /** Identical replicas, each scraping and evaluating everything; Alertmanager deduplicates their alerts. @default 1 */
    readonly replicas?: number;
    readonly resources?: ServerResources;
    /** @default an emptyDir: the samples are lost with the pod */
    readonly storage?: PersistentStorage;
  };
  /** The Alertmanager resource. */
  readonly alertmanager?: {
    /** @default 1; two or more form a gossiping cluster */
    readonly replicas?: number;
    /** How long silences and the notification log are kept, in h, m, s or ms only (the CRD's pattern). @default Alertmanager's 120h */
    readonly dataRetention?: Duration;
    readonly resources?: ServerResources;
    /** @default an emptyDir: silences and the notification log are lost with the pod (the peers keep them while one runs) */
    readonly storage?: PersistentStorage;
  };
  /** The blackbox exporter's Deployment. */
  readonly blackboxExporter?: { readonly replicas?: number; readonly resources?: ServerResources };
  /** Release-tagged images (the operator reads the version from the tag). @default Prometheus v2.45.0 (the operator's oldest), the Docker deployment's Alertmanager and blackbox exporter */
  readonly images?: { readonly prometheus?: ImageRef; readonly alertmanager?: ImageRef; readonly blackboxExporter?: ImageRef };
  /** Scrape jobs whose targets are Kubernetes Services, by job name (unknown names fail synth). @default none: every job has static targets */
  readonly services?: Readonly<Record<string, KubernetesService>>;
  /** Where the Grafana sidecar looks for dashboard ConfigMaps. @default the stack's namespace */
  readonly dashboardsNamespace?: string;
}

/** A Kubernetes quantity: a number with an optional SI or binary suffix. */
const QUANTITY = /^\d+(\.\d+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;

/** The operator's Alertmanager retention: Go durations of hours, minutes, seconds and milliseconds only. */
const ALERTMANAGER_RETENTION = /^(0|(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$/;
/** A release tag, from which the operator takes the version it configures the server for. */
const RELEASE = /^v?(\d+)\.(\d+)\.\d+$/;
/** The oldest Prometheus the pinned operator supports (its PrometheusCompatibilityMatrix). */
const OLDEST_PROMETHEUS = [2, 45];

/** The scrape jobs as the target sees them: every name, the probes', and those the environment gives targets. */
export interface TargetJobs {
  readonly names: readonly string[];
  readonly probes: readonly string[];
  readonly withTargets: readonly string[];
}

/** Mistakes in the target, each naming the field and the fix. */
export function kubernetesTargetProblems(target: KubernetesTarget, jobs: TargetJobs): string[] {
  const problems: string[] = [];
  for (const [field, ns] of [['namespace', target.namespace], ['dashboardsNamespace', target.dashboardsNamespace]] as const) {
    if (ns !== undefined && !OBJECT_NAME.test(ns)) problems.push(`kubernetes.${field} ${JSON.stringify(ns)} is not a namespace name (lowercase letters, digits and dashes, at most 63)`);
  }
  const servers = { prometheus: target.prometheus, alertmanager: target.alertmanager, blackboxExporter: target.blackboxExporter };
  for (const [server, props] of Object.entries(servers)) {
    const replicas = props?.replicas;
    if (replicas !== undefined && (!Number.isInteger(replicas) || replicas < 1)) problems.push(`kubernetes.${server}.replicas ${replicas} must be a whole number of at least 1`);
    for (const kind of ['requests', 'limits'] as const) {
      for (const [resource, quantity] of Object.entries(props?.resources?.[kind] ?? {})) {
        if (!QUANTITY.test(quantity)) problems.push(`kubernetes.${server}.resources.${kind}.${resource} ${JSON.stringify(quantity)} is not a Kubernetes quantity, e.g. 500m or 2Gi`);
      }
    }
  }
  for (const [server, storage] of [['prometheus', target.prometheus?.storage], ['alertmanager', target.alertmanager?.storage]] as const) {
    if (storage && !QUANTITY.test(storage.size)) problems.push(`kubernetes.${server}.storage.size ${JSON.stringify(storage.size)} is not a Kubernetes quantity, e.g. 200Gi`);
  }
  const retention = target.alertmanager?.dataRetention;
  if (retention !== undefined && !ALERTMANAGER_RETENTION.test(retention)) {
    problems.push(`kubernetes.alertmanager.dataRetention ${JSON.stringify(retention)}: the operator takes hours, minutes and seconds only, e.g. 168h for a week`);
  }
  problems.push(...imageProblemsOf(target.images ?? {}));
  for (const [job, service] of Object.entries(target.services ?? {})) {
    const where = `kubernetes.services[${JSON.stringify(job)}]`;
    if (!jobs.names.includes(job)) problems.push(`${where} names no scrape job; the jobs are ${jobs.names.join(', ')}`);
    if (jobs.probes.includes(job)) {
      problems.push(`${where} is a blackbox probe's job: probes are Probe resources with the probe's target; remove it from services`);
      continue;
    }
    if (jobs.withTargets.includes(job)) problems.push(`${where} also has targets in the environment: a Service's endpoints are its targets; remove one of the two`);
    if (Object.keys(service.selector).length === 0) problems.push(`${where} has an empty selector: it would scrape every Service; give the Service's labels`);
    if (!service.port.trim()) problems.push(`${where} has no port name; give the Service port's name, e.g. metrics`);
    if (service.namespace !== undefined && !OBJECT_NAME.test(service.namespace)) problems.push(`${where}.namespace ${JSON.stringify(service.namespace)} is not a namespace name`);
  }
  return problems;
}

/** Moving tags and digests (the operator needs the release), and a Prometheus older than the operator supports. */
function imageProblemsOf(images: NonNullable<KubernetesTarget['images']>): string[] {
  return Object.entries(images).flatMap(([server, image]) => {
    if (!image) return [];
    const where = `kubernetes.images.${server}`;
    const moving = imageProblems(image, where);
    // The blackbox exporter is a plain Deployment: a digest pins it as well as a tag.
    if (moving.length || server === 'blackboxExporter') return moving;
    const release = RELEASE.exec(image.tag);
    if (!release) return [`${where}: ${image.repository}:${image.tag} is not a release tag; the operator configures the server by its version, so give the release (e.g. v2.45.0)`];
    const [major, minor] = [Number(release[1]), Number(release[2])];
    const old = server === 'prometheus' && (major < OLDEST_PROMETHEUS[0] || (major === OLDEST_PROMETHEUS[0] && minor < OLDEST_PROMETHEUS[1]));
    return old ? [`${where}: Prometheus ${image.tag} is older than the operator supports (v${OLDEST_PROMETHEUS.join('.')}.0 and later)`] : [];
  });
}
