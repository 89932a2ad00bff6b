import { Duration, durationMs, durationProblem } from '../promql';
import { RemoteWrite } from './remote-write';

/** The `relabel_configs` entries the stack uses. */
export interface RelabelConfig {
  readonly sourceLabels?: readonly string[];
  readonly separator?: string;
  /** @default '(.*)' */
  readonly regex?: string;
  readonly targetLabel?: string;
  /** @default '$1' */
  readonly replacement?: string;
  /** @default 'replace' */
  readonly action?: 'replace' | 'keep' | 'drop' | 'labelmap' | 'labeldrop' | 'labelkeep' | 'hashmod';
  /** Required by `hashmod`: the target label gets the hash of the source labels modulo this. */
  readonly modulus?: number;
}

/** HTTP basic auth. The password is only ever read from a mounted file. */
export interface BasicAuth {
  readonly username: string;
  /** Path, inside the Prometheus container, of a file holding the password. */
  readonly passwordFile: string;
}

export interface ScrapeConfig {
  /** Becomes the `job` label: the selector a system's rules use. */
  readonly jobName: string;
  /** `host:port` of each target. */
  readonly targets: readonly string[];
  /**
   * Labels added to every target's series.
   * @default none
   */
  readonly targetLabels?: Readonly<Record<string, string>>;
  /** @default '/metrics' */
  readonly metricsPath?: string;
  /** @default 'http' */
  readonly scheme?: 'http' | 'https';
  /** @default the global scrape interval */
  readonly scrapeInterval?: Duration;
  /** @default the global scrape timeout */
  readonly scrapeTimeout?: Duration;
  /** @default none */
  readonly basicAuth?: BasicAuth;
  /** URL parameters, e.g. the blackbox `module`. @default none */
  readonly params?: Readonly<Record<string, readonly string[]>>;
  /** @default none */
  readonly relabelConfigs?: readonly RelabelConfig[];
  /**
   * Why no alert needs to notice this job's targets going silent, printed in
   * routing.md. Without it, synth requires an alert on the job's `up` or on
   * the absence of one of its series.
   * @default none: the job must have such an alert
   */
  readonly unalertedReason?: string;
}

export interface GlobalConfig {
  /** @default '1m' (Prometheus' own default) */
  readonly scrapeInterval?: Duration;
  /** @default '10s' */
  readonly scrapeTimeout?: Duration;
  /** @default '1m' */
  readonly evaluationInterval?: Duration;
  /** Labels added to alerts and remote writes, e.g. `{ environment: 'production' }`. @default none */
  readonly externalLabels?: Readonly<Record<string, string>>;
}

/** TSDB storage limits, passed as command-line flags (they are not prometheus.yml settings). */
export interface StorageRetention {
  /** @default '15d' */
  readonly time?: Duration;
  /** E.g. `10GB`. @default no size limit */
  readonly size?: string;
  /** Compress the write-ahead log (about half the disk, a little CPU). @default Prometheus' true */
  readonly walCompression?: boolean;
}

/** Limits of the query engine, passed as flags: a runaway dashboard query cannot take the server down. */
export interface QueryLimits {
  /** @default Prometheus' 2m */
  readonly timeout?: Duration;
  /** Queries run at once; more wait. @default Prometheus' 20 */
  readonly maxConcurrency?: number;
}

export interface PrometheusConfig {
  readonly global: GlobalConfig;
  readonly scrapeConfigs: readonly ScrapeConfig[];
  /** `host:port` of each Alertmanager. @default none: alerts are evaluated but not sent */
  readonly alertmanagers?: readonly string[];
  /** @default 15 days, no size limit */
  readonly retention?: StorageRetention;
  /**
   * How often Prometheus re-sends a firing alert to Alertmanager. Alertmanager
   * holds an alert for 4 × max(this, evaluation interval) after the last one:
   * how long heartbeats go on after Prometheus stops. @default Prometheus' 1m
   */
  readonly alertResendDelay?: Duration;
  /** @default Prometheus' limits */
  readonly query?: QueryLimits;
  /** Long-term storage endpoints every sample is also sent to. @default none: metrics live only as long as retention */
  readonly remoteWrite?: readonly RemoteWrite[];
}

/** Prometheus' defaults, applied where the config is silent. */
export const PROMETHEUS_DEFAULTS = { scrapeInterval: '1m', scrapeTimeout: '10s', evaluationInterval: '1m', retentionTime: '15d' } as const;

/**
 * The scrape timeout prometheus.yml states: the configured one, else
 * Prometheus' own inference (10s, or the interval when that is shorter),
 * so the file never states a timeout longer than its interval.
 */
export function globalScrapeTimeout(global: GlobalConfig): Duration {
  if (global.scrapeTimeout !== undefined) return global.scrapeTimeout;
  const interval = global.scrapeInterval ?? PROMETHEUS_DEFAULTS.scrapeInterval;
  return !durationProblem(interval) && durationMs(interval) < durationMs(PROMETHEUS_DEFAULTS.scrapeTimeout) ? interval : PROMETHEUS_DEFAULTS.scrapeTimeout;
}

/** The scrape job of a system: its name is the system's `job` selector, so rules and scrape agree. */
export function scrapeJobFor(system: { readonly name: string; readonly selector: Readonly<Record<string, string>> }, job: Omit<ScrapeConfig, 'jobName'>): ScrapeConfig {
  const jobName = system.selector.job;
  if (jobName === undefined) throw new Error(`system ${system.name}: its selector has no job label, so it has no scrape job; add { job: '…' }`);
  return { jobName, ...job };
}

/**
 * The jobs with an environment's own targets, by job name, in place of their
 * placeholders; a name no job has is a problem (a typo would leave a job on its
 * placeholder and add nothing).
 */
export function withTargets(jobs: readonly ScrapeConfig[], targets: Readonly<Record<string, readonly string[]>>): { jobs: ScrapeConfig[]; problems: string[] } {
  const names = new Set(jobs.map((j) => j.jobName));
  const problems = Object.keys(targets)
    .filter((name) => !names.has(name))
    .map((name) => `targets names scrape job ${JSON.stringify(name)}, which no scrape job has; the jobs are ${[...names].join(', ')}`);
  return { jobs: jobs.map((j) => (targets[j.jobName] ? { ...j, targets: [...targets[j.jobName]] } : j)), problems };
}
