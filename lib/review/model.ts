/**
 * What one environment deploys, read back from its synthesized files: the
 * model the review compares and the alert catalog prints. It is read from the
 * rendered files rather than from the TypeScript objects because those files
 * are the contract every ref honours (an older ref's classes may differ, its
 * prometheus.yml does not) and they are exactly what gets deployed.
 */

export type ComparisonOp = '>' | '>=' | '<' | '<=' | '==' | '!=';

/** The literal an alert's expression compares against at its top level. */
export interface Threshold {
  readonly op: ComparisonOp;
  readonly value: number;
}

export interface AlertModel {
  readonly name: string;
  /** The rule file's name: the system the pack belongs to. */
  readonly system: string;
  readonly group: string;
  /** The expression as deployed, whitespace normalized. */
  readonly expr: string;
  /** The expression with every recording rule it reads replaced by that rule's expression, transitively. */
  readonly effectiveExpr: string;
  /** Recording rules read, directly or through other recording rules. */
  readonly reads: readonly string[];
  /** Its comparisons with a number, in text order: what "loosened" and "tightened" compare. */
  readonly thresholds: readonly Threshold[];
  /** Prometheus' duration text; `0s` when absent. */
  readonly for: string;
  readonly keepFiringFor: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Labels the firing series may carry from the expression (see seriesLabels()), beside the fixed ones. */
  readonly seriesLabels: readonly string[];
  readonly annotations: Readonly<Record<string, string>>;
}

export interface RecordingRuleModel {
  readonly name: string;
  readonly system: string;
  readonly expr: string;
  readonly labels: Readonly<Record<string, string>>;
}

/** Where Alertmanager sends one alert. */
export interface AlertRouting {
  readonly receivers: readonly string[];
  /** Route path per receiver, e.g. `root > {team="dubbing"} > {severity="critical"}`. */
  readonly paths: readonly string[];
  /** One of the receivers pages someone (PagerDuty, Opsgenie, VictorOps). */
  readonly pages: boolean;
  /** Every receiver it reaches has no integration: nobody hears of it. */
  readonly reachesNoOne: boolean;
}

export interface ReceiverModel {
  readonly name: string;
  /** Integration kinds, e.g. `pagerduty`, `slack`. Empty: a null receiver. */
  readonly kinds: readonly string[];
  readonly pages: boolean;
}

export interface ScrapeJobModel {
  readonly name: string;
  readonly targets: readonly string[];
  /** Effective, the global default filled in. */
  readonly interval: string;
  readonly timeout: string;
  readonly metricsPath: string;
  readonly scheme: string;
  /** Blackbox module of a probe job (`metrics_path: /probe`). */
  readonly module?: string;
}

export interface PanelModel {
  readonly title: string;
  readonly type: string;
  readonly unit: string;
  readonly queries: readonly string[];
  /** Threshold steps with a value, e.g. `0.05 orange`. */
  readonly thresholds: readonly string[];
}

export interface DashboardModel {
  readonly uid: string;
  readonly title: string;
  readonly folder: string;
  readonly panels: readonly PanelModel[];
}

/** One generated promtool test case of an alert. */
export interface AlertTestCase {
  readonly name: string;
  /** Evaluation times at which the alert is expected firing / silent. */
  readonly firesAt: readonly string[];
  readonly silentAt: readonly string[];
}

export interface EnvironmentModel {
  readonly name: string;
  readonly externalLabels: Readonly<Record<string, string>>;
  readonly evaluationInterval: string;
  readonly alerts: readonly AlertModel[];
  readonly recordingRules: readonly RecordingRuleModel[];
  readonly receivers: readonly ReceiverModel[];
  /** By alert name. */
  readonly routing: Readonly<Record<string, AlertRouting>>;
  /** By alert name: the alerts that can silence it through an inhibition rule. */
  readonly inhibitedBy: Readonly<Record<string, readonly string[]>>;
  readonly scrapeJobs: readonly ScrapeJobModel[];
  /** Blackbox modules by name, as rendered. */
  readonly modules: Readonly<Record<string, unknown>>;
  readonly dashboards: readonly DashboardModel[];
  /** Container images by repository, e.g. `prom/prometheus` → `v2.42.0`. */
  readonly images: Readonly<Record<string, string>>;
  /** By alert name. */
  readonly tests: Readonly<Record<string, readonly AlertTestCase[]>>;
}
