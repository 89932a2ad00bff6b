import { generatedHeader, toYaml } from '../synth/yaml';
import { renderRemoteWrite } from './remote-write';
import { PROMETHEUS_DEFAULTS, PrometheusConfig, RelabelConfig, ScrapeConfig, globalScrapeTimeout } from './config';

/** Renders prometheus.yml; `ruleFiles` are paths relative to it. */
export function renderPrometheusConfig(config: PrometheusConfig, ruleFiles: readonly string[], source: string): string {
  const g = config.global;
  const document = {
    global: {
      scrape_interval: g.scrapeInterval ?? PROMETHEUS_DEFAULTS.scrapeInterval,
      scrape_timeout: globalScrapeTimeout(g),
      evaluation_interval: g.evaluationInterval ?? PROMETHEUS_DEFAULTS.evaluationInterval,
      ...(g.externalLabels ? { external_labels: { ...g.externalLabels } } : {}),
    },
    ...(config.alertmanagers?.length ? { alerting: { alertmanagers: [{ static_configs: [{ targets: [...config.alertmanagers] }] }] } } : {}),
    ...(ruleFiles.length ? { rule_files: [...ruleFiles] } : {}),
    scrape_configs: config.scrapeConfigs.map(renderScrapeConfig),
    ...(config.remoteWrite?.length ? { remote_write: config.remoteWrite.map((w) => renderRemoteWrite(w, renderRelabel)) } : {}),
  };
  return toYaml(document, generatedHeader(source));
}

function renderScrapeConfig(job: ScrapeConfig): Record<string, unknown> {
  return {
    job_name: job.jobName,
    ...(job.scrapeInterval ? { scrape_interval: job.scrapeInterval } : {}),
    ...(job.scrapeTimeout ? { scrape_timeout: job.scrapeTimeout } : {}),
    metrics_path: job.metricsPath ?? '/metrics',
    scheme: job.scheme ?? 'http',
    ...(job.params ? { params: Object.fromEntries(Object.entries(job.params).map(([k, v]) => [k, [...v]])) } : {}),
    ...(job.basicAuth ? { basic_auth: { username: job.basicAuth.username, password_file: job.basicAuth.passwordFile } } : {}),
    static_configs: [{ targets: [...job.targets], ...(job.targetLabels ? { labels: { ...job.targetLabels } } : {}) }],
    ...(job.relabelConfigs?.length ? { relabel_configs: job.relabelConfigs.map(renderRelabel) } : {}),
  };
}

function renderRelabel(r: RelabelConfig): Record<string, unknown> {
  return {
    ...(r.sourceLabels ? { source_labels: [...r.sourceLabels] } : {}),
    ...(r.separator !== undefined ? { separator: r.separator } : {}),
    ...(r.regex !== undefined ? { regex: r.regex } : {}),
    ...(r.targetLabel !== undefined ? { target_label: r.targetLabel } : {}),
    ...(r.replacement !== undefined ? { replacement: r.replacement } : {}),
    ...(r.action !== undefined ? { action: r.action } : {}),
    ...(r.modulus !== undefined ? { modulus: r.modulus } : {}),
  };
}

/** Where the container finds its files. */
export interface PrometheusPaths {
  /** @default '/etc/prometheus/prometheus.yml' */
  readonly configFile?: string;
  /** @default '/prometheus' */
  readonly dataDir?: string;
}

/** Command-line flags of the Prometheus server for this config (retention is a flag, not a config key). */
export function prometheusFlags(config: Pick<PrometheusConfig, 'retention' | 'alertResendDelay' | 'query'>, paths: PrometheusPaths = {}): string[] {
  return [
    `--config.file=${paths.configFile ?? '/etc/prometheus/prometheus.yml'}`,
    `--storage.tsdb.path=${paths.dataDir ?? '/prometheus'}`,
    `--storage.tsdb.retention.time=${config.retention?.time ?? PROMETHEUS_DEFAULTS.retentionTime}`,
    ...(config.retention?.size ? [`--storage.tsdb.retention.size=${config.retention.size}`] : []),
    ...(config.retention?.walCompression === undefined ? [] : [config.retention.walCompression ? '--storage.tsdb.wal-compression' : '--no-storage.tsdb.wal-compression']),
    ...(config.alertResendDelay ? [`--rules.alert.resend-delay=${config.alertResendDelay}`] : []),
    ...(config.query?.timeout ? [`--query.timeout=${config.query.timeout}`] : []),
    ...(config.query?.maxConcurrency ? [`--query.max-concurrency=${config.query.maxConcurrency}`] : []),
  ];
}
