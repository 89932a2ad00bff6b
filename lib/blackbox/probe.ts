import { Duration, Gauge, System, and, avgOverTime, durationMs, durationProblem, eq, formatNumber, gt, lt, sub, time } from '../promql';
import { AlertRule, RuleGroup, ScrapeConfig, Severity, alertRule, ruleGroup } from '../prometheus';
import { BlackboxModule, DEFAULT_MODULE_TIMEOUT } from './modules';
import { ProbePanel, certificateDays, probePanels } from './panel';

/** The alert that the probe fails: the target is down or answers wrongly. */
export interface ProbeFailingProps {
  /** How long the probe must keep failing before the alert fires, e.g. `'5m'`. */
  readonly for: Duration;
  readonly severity: Severity;
  /**
   * The alert's name, where a spec gives one.
   * @default `<alertPrefix>Failing`
   */
  readonly name?: string;
  /** @default '<title> is failing' */
  readonly summary?: string;
  /**
   * Labels of this alert only, on top of `alertLabels`, e.g. `impact: 'service-down'`
   * when the probe failing means the whole service is down.
   * @default none
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** The alert that the probe succeeds, but slowly. */
export interface ProbeSlowProps {
  /** Mean probe duration over the window, in seconds, above which the alert fires. Keep it below the module timeout. */
  readonly maxSeconds: number;
  /** @default '5m' */
  readonly for?: Duration;
  /** @default 'warning' */
  readonly severity?: Severity;
}

/** The alerts that the TLS certificate the target serves is about to expire. */
export interface ProbeCertificateProps {
  /** A warning when fewer days are left. @default 14 */
  readonly warningDays?: number;
  /** A critical alert when fewer days are left. @default 3 */
  readonly criticalDays?: number;
}

export interface ProbeProps<L extends string = never> {
  /** The service probed, kebab-case: the first part of the job name `<service>-probe-<name>` and of the alert names. */
  readonly service: string;
  /** Owning team, for the probe's catalog (the alerts take `team` from the pack they are placed in). */
  readonly team: string;
  /** What is probed, kebab-case, e.g. `readiness`. Unique per service. */
  readonly name: string;
  /** Human-readable, e.g. `ik-engine /api/ready`: summaries and panel titles. */
  readonly title: string;
  /** What the exporter probes: a URL for http, `host:port` for tcp, a host for icmp, a resolver (`host` or `host:port`) for dns. */
  readonly target: string;
  /**
   * How to probe: a module, or the name of a module given to BlackboxFiles' `modules`
   * (by name, the scrape job assumes the default 5s timeout). Identical modules are shared.
   */
  readonly module: BlackboxModule | string;
  /** @default '1m' */
  readonly interval?: Duration;
  /**
   * Labels added to the probe's series (and so to its alerts), declared on its catalog.
   * @default none
   */
  readonly labels?: Readonly<Record<L, string>>;
  /** `host:port` of the blackbox exporter, as Prometheus reaches it. @default 'blackbox-exporter:9115' */
  readonly exporter?: string;
  /** UpperCamelCase start of the alert names. @default the UpperCamelCase of `<service>-<name>`, e.g. `IkEngineReadiness` */
  readonly alertPrefix?: string;
  /** Labels added to every alert of the probe, e.g. a `component` to route on. @default none */
  readonly alertLabels?: Readonly<Record<string, string>>;
  /** The probe failing: required, as only the service knows how urgent that is. */
  readonly failing: ProbeFailingProps;
  /** The probe slow: required, as no threshold suits every endpoint; `false` for none. */
  readonly slow: ProbeSlowProps | false;
  /**
   * Certificate expiry alerts.
   * @default for https targets (and tcp modules with tls): warning below 14 days, critical below 3; `false` for none
   */
  readonly certificate?: ProbeCertificateProps | false;
}

/** The series the blackbox exporter returns for one probe, on the probe's own job. */
export interface ProbeMetrics<L extends string = never> {
  readonly success: Gauge<L>;
  readonly durationSeconds: Gauge<L>;
  /** Unix time at which the first certificate of the chain expires (TLS probes only). */
  readonly sslEarliestCertExpiry: Gauge<L>;
  /** Status code of the final response (http probes only; 0 when there was none). */
  readonly httpStatusCode: Gauge<L>;
  /** `up` of the probe's scrape job: whether the exporter answered at all. */
  readonly up: System['up'];
}

/** A declared probe: its catalog, scrape job, alerts and panels, derived from one {@link ProbeProps}. */
export interface Probe<L extends string = string> {
  readonly type: 'probe';
  readonly props: ProbeProps<L>;
  /** The scrape job and the `job` label of the probe's series: `<service>-probe-<name>`. */
  readonly job: string;
  /** The probe's catalog, scoped to its job: list it in the owning pack's `reads`. */
  readonly system: System;
  readonly metrics: ProbeMetrics<L>;
  /** The module's name, as the scrape job asks for it. */
  readonly moduleName: string;
  /** The module, when given as one (not by name). */
  readonly module?: BlackboxModule;
  /** Add it to the owning system's scrape jobs. */
  readonly scrapeJob: ScrapeConfig;
  /** Failing, slow and certificate alerts: place them with {@link probeGroup}. */
  readonly alerts: readonly AlertRule[];
  /** Status, duration and (for TLS) certificate panels, thresholds taken from the alerts. */
  readonly panels: readonly ProbePanel[];
  /** Whether the certificate alerts apply. */
  readonly checksCertificate: boolean;
}

export const DEFAULT_EXPORTER = 'blackbox-exporter:9115';
const DAY_SECONDS = 86_400;
const SLOW_WINDOW_MS = 5 * 60_000;

/** Declares a probe. Mistakes in it are reported at synth by BlackboxFiles, each naming the probe. */
export function probe<L extends string = never>(props: ProbeProps<L>): Probe<L> {
  const job = `${props.service}-probe-${props.name}`;
  const labelNames = Object.keys(props.labels ?? {}) as L[];
  const system = new System({ name: job, title: `${props.title} (blackbox probe)`, team: props.team, selector: { job } });
  const gauge = (name: string, help: string) => system.gauge<L>({ name, help, labels: labelNames });
  const metrics: ProbeMetrics<L> = {
    success: gauge('probe_success', 'Whether the probe succeeded (1) or failed (0).'),
    durationSeconds: gauge('probe_duration_seconds', 'How long the probe took, in seconds.'),
    sslEarliestCertExpiry: gauge('probe_ssl_earliest_cert_expiry', 'Unix time at which the earliest certificate of the served chain expires.'),
    httpStatusCode: gauge('probe_http_status_code', 'Status code of the final HTTP response (0 without one).'),
    up: system.up,
  };
  const module = typeof props.module === 'string' ? undefined : props.module;
  const moduleName = typeof props.module === 'string' ? props.module : props.module.props.name;
  const checksCertificate = props.certificate !== false && (props.certificate !== undefined || servesTls(props.target, module));
  const scrapeJob = probeScrapeJob(props, job, moduleName, module);
  const set = probeAlerts(props, metrics, system, moduleName, checksCertificate);
  // The rule file's order: failing, slow, certificate, then not probed.
  const alerts = [set.failing, ...(set.slow ? [set.slow] : []), ...(set.certificate ?? []), set.notProbed];
  return {
    type: 'probe',
    props,
    job,
    system,
    metrics,
    moduleName,
    ...(module ? { module } : {}),
    scrapeJob,
    alerts,
    panels: probePanels(props, metrics, {
      failing: set.failing,
      notScraped: set.notProbed,
      ...(set.slow ? { slow: { alert: set.slow, window: slowWindow(props.interval) } } : {}),
      ...(set.certificate ? { certificate: set.certificate } : {}),
    }),
    checksCertificate,
  };
}

/** The probe alerts of a pack, in one group `<pack>.probes`. */
export function probeGroup(pack: string, probes: readonly Probe[]): RuleGroup {
  return ruleGroup({ name: `${pack}.probes`, rules: probes.flatMap((p) => p.alerts) });
}

/** Whether the target speaks TLS: an https URL, or a tcp module with `tls`. */
function servesTls(target: string, module: BlackboxModule | undefined): boolean {
  if (module?.prober === 'tcp') return module.props.tls === true;
  return /^https:\/\//i.test(target);
}

/**
 * The standard blackbox relabeling: the target becomes the `target` URL
 * parameter and the `instance` label, and Prometheus scrapes the exporter.
 */
function probeScrapeJob(props: ProbeProps<string>, job: string, moduleName: string, module: BlackboxModule | undefined): ScrapeConfig {
  const timeout = module?.props.timeout ?? DEFAULT_MODULE_TIMEOUT;
  return {
    jobName: job,
    targets: [props.target],
    ...(props.labels && Object.keys(props.labels).length ? { targetLabels: props.labels } : {}),
    metricsPath: '/probe',
    params: { module: [moduleName] },
    scrapeInterval: props.interval ?? '1m',
    // One second beyond the module's timeout: the exporter gives up first and reports the failure.
    ...(durationProblem(timeout) ? {} : { scrapeTimeout: formatDuration(durationMs(timeout) + 1000) }),
    relabelConfigs: [
      { sourceLabels: ['__address__'], targetLabel: '__param_target' },
      { sourceLabels: ['__param_target'], targetLabel: 'instance' },
      { targetLabel: '__address__', replacement: props.exporter ?? DEFAULT_EXPORTER },
    ],
  };
}

/** A probe's alerts, by what they watch. */
interface ProbeAlerts {
  readonly failing: AlertRule;
  readonly notProbed: AlertRule;
  readonly slow?: AlertRule;
  readonly certificate?: readonly AlertRule[];
}

function probeAlerts(props: ProbeProps<string>, m: ProbeMetrics<string>, system: System, moduleName: string, checksCertificate: boolean): ProbeAlerts {
  const prefix = alertPrefixOf(props);
  const labels = props.alertLabels && Object.keys(props.alertLabels).length ? { labels: props.alertLabels } : {};
  const failingLabels = { ...props.alertLabels, ...props.failing.labels };
  const failing = alertRule({
    name: props.failing.name ?? `${prefix}Failing`,
    expr: eq(m.success, 0),
    for: props.failing.for,
    severity: props.failing.severity,
    ...(Object.keys(failingLabels).length ? { labels: failingLabels } : {}),
    summary: props.failing.summary ?? `${props.title} is failing`,
    description: (s) => `The blackbox probe of {{ $labels.instance }} (module ${moduleName}) has failed for ${s.for}.`,
  });
  // Without an answer to the scrape there is no probe_success to be 0: the failing alert goes quiet, this one fires.
  const notProbed = alertRule({
    name: `${prefix}NotProbed`,
    expr: eq(system.up, 0),
    for: '5m',
    severity: 'warning',
    ...labels,
    summary: `${props.title} is not being probed`,
    description: (s) =>
      `The blackbox exporter has answered no scrape of the probe of {{ $labels.instance }} for ${s.for} (it is down, or the probe runs longer than the scrape timeout), so the probe's failing alert cannot fire.`,
  });
  const window = slowWindow(props.interval);
  const slow = props.slow
    ? alertRule({
        name: `${prefix}Slow`,
        // Only while it succeeds: a failing probe often takes its whole timeout, and the failing alert covers it.
        expr: and(gt(avgOverTime(m.durationSeconds, window), props.slow.maxSeconds), eq(m.success, 1)),
        for: props.slow.for ?? '5m',
        severity: props.slow.severity ?? 'warning',
        ...labels,
        summary: `${props.title} answers slowly`,
        description: `The blackbox probe of {{ $labels.instance }} took {{ $value | humanizeDuration }} on average over ${window} (threshold ${formatNumber(props.slow.maxSeconds)}s).`,
      })
    : undefined;
  return { failing, notProbed, ...(slow ? { slow } : {}), ...(checksCertificate ? { certificate: certificateAlerts(props, m, prefix) } : {}) };
}

/** Warning and critical on the certificate's time left: one family, so Alertmanager can hold back the warning. */
function certificateAlerts(props: ProbeProps<string>, m: ProbeMetrics<string>, prefix: string): AlertRule[] {
  const { warningDays, criticalDays } = certificateDays(props);
  const timeLeft = sub(m.sslEarliestCertExpiry, time());
  const family = { labels: { ...props.alertLabels, family: `${props.service}-${props.name}-certificate` } };
  const expiring = (name: string, days: number, severity: Severity) =>
    alertRule({
      name,
      expr: lt(timeLeft, days * DAY_SECONDS),
      for: '10m',
      severity,
      ...family,
      // Written from the threshold (seconds), so an override keeps the days right.
      summary: (s) => `TLS certificate of ${props.title} expires in less than ${formatNumber(s.threshold! / DAY_SECONDS)} days`,
      description: (s) => `The TLS certificate served by {{ $labels.instance }} expires in {{ $value | humanizeDuration }} (threshold ${formatNumber(s.threshold! / DAY_SECONDS)} days); renew it.`,
    });
  return [expiring(`${prefix}CertificateExpiring`, warningDays, 'warning'), expiring(`${prefix}CertificateExpiringCritical`, criticalDays, 'critical')];
}

/** The alert prefix: given, or the UpperCamelCase of `<service>-<name>`. */
export function alertPrefixOf(props: Pick<ProbeProps<string>, 'alertPrefix' | 'service' | 'name'>): string {
  return props.alertPrefix ?? upperCamel(`${props.service}-${props.name}`);
}

/** The averaging window of the slow alert: 5m, or two probe intervals when they are longer. */
function slowWindow(interval: Duration | undefined): Duration {
  const intervalMs = interval && !durationProblem(interval) ? durationMs(interval) : 60_000;
  return formatDuration(Math.max(SLOW_WINDOW_MS, 2 * intervalMs));
}

function upperCamel(kebab: string): string {
  return kebab
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** Milliseconds as a Prometheus duration in the largest unit that divides them: 6000 → `6s`. */
export function formatDuration(ms: number): Duration {
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
