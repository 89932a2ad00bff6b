import { Scope } from './expr';
import { LABEL_NAME, labelNameProblem } from './labels';
import { Matchers, Selector, selector } from './selector';

/** Labels Prometheus attaches to every scraped series. */
export type TargetLabel = 'job' | 'instance';
const TARGET_LABELS: readonly TargetLabel[] = ['job', 'instance'];

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';
export type MetricUnit = 'seconds' | 'milliseconds' | 'bytes' | 'ratio' | 'count';

export interface MetricProps<L extends string> {
  /** Exposed metric name; histograms and summaries name their base (`api_ready_ms`). */
  readonly name: string;
  /** What the metric measures, as in its `# HELP` line. */
  readonly help: string;
  /**
   * Label names the application exposes. `job` and `instance` come from the scrape.
   * @default none
   */
  readonly labels?: readonly L[];
}

export interface HistogramProps<L extends string> extends MetricProps<L> {
  /** Unit of the observed values (and so of `le` and of quantiles). */
  readonly unit: MetricUnit;
  /** Upper bucket boundaries, ascending, without +Inf. */
  readonly buckets: readonly number[];
}

/** The catalog entry of a metric: what was declared, for docs, checks and tests. */
export interface MetricInfo {
  readonly type: MetricType;
  readonly name: string;
  readonly help: string;
  readonly system: string;
  readonly labels: readonly string[];
  readonly unit?: MetricUnit;
  readonly buckets?: readonly number[];
  /** The series names it exposes: `x_bucket`, `x_count`, `x_sum` for a histogram. */
  readonly seriesNames: readonly string[];
}

export interface Counter<L extends string = never> extends Selector<'counter', L | TargetLabel> {
  readonly metric: MetricInfo;
}

export interface Gauge<L extends string = never> extends Selector<'gauge', L | TargetLabel> {
  readonly metric: MetricInfo;
}

export interface Histogram<L extends string = never> {
  readonly metric: MetricInfo;
  /** The `_bucket` series: feed them to `rate()` and then `histogramQuantile()`. */
  bucket(matchers?: Matchers<L | TargetLabel | 'le'>): Selector<'buckets', L | TargetLabel | 'le'>;
  /** The `_count` series (a counter of observations). */
  count(matchers?: Matchers<L | TargetLabel>): Selector<'counter', L | TargetLabel>;
  /** The `_sum` series (a counter of observed totals). */
  sum(matchers?: Matchers<L | TargetLabel>): Selector<'counter', L | TargetLabel>;
}

export interface Summary<L extends string = never> {
  readonly metric: MetricInfo;
  /** The precomputed quantile series (gauges; they cannot be aggregated across instances). */
  quantiles(matchers?: Matchers<L | TargetLabel | 'quantile'>): Selector<'gauge', L | TargetLabel | 'quantile'>;
  count(matchers?: Matchers<L | TargetLabel>): Selector<'counter', L | TargetLabel>;
  sum(matchers?: Matchers<L | TargetLabel>): Selector<'counter', L | TargetLabel>;
}

export interface SystemProps {
  /** kebab-case name; names the rule file and becomes the `service` label of its alerts. */
  readonly name: string;
  /** Human-readable name for summaries and docs. */
  readonly title: string;
  /** Owning team; becomes the `team` label of its alerts. */
  readonly team: string;
  /**
   * Matchers that select this system's series, normally its scrape job.
   * Required with no default: systems share metric names such as
   * `http_requests_total`, and every selector of the system carries these.
   */
  readonly selector: Scope;
}

const METRIC_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const SYSTEM_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * A monitored system and its metric catalog. Metrics are declared here once
 * and referenced everywhere else by object; every selector they produce
 * carries the system's scope.
 */
export class System {
  readonly name: string;
  readonly title: string;
  readonly team: string;
  readonly selector: Scope;
  /** `up` of the system's scrape targets: 0 when a scrape fails. */
  readonly up: Gauge;
  private readonly declared: MetricInfo[] = [];
  /** Series name → its metric (the first declared): checks look a name up per selector, so a scan would grow with the catalog. */
  private readonly bySeries = new Map<string, MetricInfo>();
  private readonly declarationProblems: string[] = [];

  constructor(props: SystemProps) {
    this.name = props.name;
    this.title = props.title;
    this.team = props.team;
    this.selector = { ...props.selector };
    if (!SYSTEM_NAME.test(props.name)) {
      this.declarationProblems.push(`system name "${props.name}" must be kebab-case, e.g. ik-engine`);
    }
    for (const label of Object.keys(this.selector)) {
      const problem = labelNameProblem(label);
      if (problem) this.declarationProblems.push(`system ${props.name}: selector label ${problem}`);
    }
    if (Object.keys(this.selector).length === 0) {
      this.declarationProblems.push(`system ${props.name} has an empty selector; give it its scrape job, e.g. { job: '${props.name}' }`);
    }
    this.up = this.gauge({ name: 'up', help: 'Whether the last scrape of the target succeeded.' });
  }

  /** Metrics declared so far, in declaration order (including `up`). */
  get metrics(): readonly MetricInfo[] {
    return this.declared;
  }

  /** The declared metric exposing series `seriesName`, if any. */
  metricOfSeries(seriesName: string): MetricInfo | undefined {
    return this.bySeries.get(seriesName);
  }

  /** Mistakes in the catalog itself: bad or duplicate names, unsorted buckets. */
  get problems(): readonly string[] {
    return this.declarationProblems;
  }

  counter<L extends string = never>(props: MetricProps<L>): Counter<L> {
    const metric = this.declare('counter', props, [props.name]);
    return { ...this.series(metric, props.name, 'counter', []), metric };
  }

  gauge<L extends string = never>(props: MetricProps<L>): Gauge<L> {
    const metric = this.declare('gauge', props, [props.name]);
    return { ...this.series(metric, props.name, 'gauge', []), metric };
  }

  histogram<L extends string = never>(props: HistogramProps<L>): Histogram<L> {
    const metric = this.declare('histogram', props, ['_bucket', '_count', '_sum'].map((s) => props.name + s));
    this.checkBuckets(props);
    return {
      metric,
      bucket: (m = {}) => this.series<'buckets', L | TargetLabel | 'le'>(metric, `${props.name}_bucket`, 'buckets', ['le']).where(m),
      count: (m = {}) => this.series<'counter', L | TargetLabel>(metric, `${props.name}_count`, 'counter', []).where(m),
      sum: (m = {}) => this.series<'counter', L | TargetLabel>(metric, `${props.name}_sum`, 'counter', []).where(m),
    };
  }

  summary<L extends string = never>(props: MetricProps<L>): Summary<L> {
    const metric = this.declare('summary', props, ['', '_count', '_sum'].map((s) => props.name + s));
    return {
      metric,
      quantiles: (m = {}) => this.series<'gauge', L | TargetLabel | 'quantile'>(metric, props.name, 'gauge', ['quantile']).where(m),
      count: (m = {}) => this.series<'counter', L | TargetLabel>(metric, `${props.name}_count`, 'counter', []).where(m),
      sum: (m = {}) => this.series<'counter', L | TargetLabel>(metric, `${props.name}_sum`, 'counter', []).where(m),
    };
  }

  private series<K extends 'counter' | 'gauge' | 'buckets', L extends string>(
    metric: MetricInfo,
    seriesName: string,
    kind: K,
    extraLabels: readonly string[],
  ): Selector<K, L> {
    return selector<K, L>({
      ...(kind === 'buckets' && metric.buckets ? { buckets: metric.buckets } : {}),
      name: seriesName,
      kind,
      labels: [...TARGET_LABELS, ...metric.labels, ...extraLabels] as L[],
      scope: this.selector,
      origin: `metric ${seriesName} of system ${this.name}`,
    });
  }

  private declare(type: MetricType, props: MetricProps<string> & Partial<HistogramProps<string>>, seriesNames: string[]): MetricInfo {
    const where = `${type} ${props.name} of system ${this.name}`;
    if (!METRIC_NAME.test(props.name)) {
      this.declarationProblems.push(`${where}: not a valid metric name (letters, digits, underscores; colons are reserved for recording rules)`);
    }
    if (!props.help?.trim()) this.declarationProblems.push(`${where}: help text is empty; say what it measures`);
    const clash = seriesNames.find((s) => this.metricOfSeries(s));
    if (clash) this.declarationProblems.push(`${where}: series ${clash} is already declared in this catalog; declare each metric once`);
    const labels = [...(props.labels ?? [])];
    for (const label of labels) {
      if (!LABEL_NAME.test(label) || label.startsWith('__')) {
        this.declarationProblems.push(`${where}: "${label}" is not a valid label name`);
      }
      if ((TARGET_LABELS as readonly string[]).includes(label) || label === 'le' || label === 'quantile') {
        this.declarationProblems.push(`${where}: label "${label}" is added by Prometheus or the metric type; do not declare it`);
      }
    }
    const metric: MetricInfo = {
      type,
      name: props.name,
      help: props.help,
      system: this.name,
      labels,
      seriesNames,
      ...(props.unit ? { unit: props.unit } : {}),
      ...(props.buckets ? { buckets: [...props.buckets] } : {}),
    };
    this.declared.push(metric);
    for (const s of seriesNames) if (!this.bySeries.has(s)) this.bySeries.set(s, metric);
    return metric;
  }

  private checkBuckets(props: HistogramProps<string>): void {
    const b = props.buckets;
    const ascending = b.every((v, i) => Number.isFinite(v) && (i === 0 || v > b[i - 1]));
    if (b.length === 0 || !ascending) {
      this.declarationProblems.push(
        `histogram ${props.name} of system ${this.name}: buckets [${b.join(', ')}] must be finite, strictly ascending and not empty (+Inf is implicit)`,
      );
    }
  }
}
