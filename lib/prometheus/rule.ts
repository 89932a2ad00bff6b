import { Condition, Duration, Expr, Scope, SeriesKind, Selector, selector } from '../promql';

export type Severity = 'critical' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

export interface AlertRuleProps {
  /** UpperCamelCase, unique across all packs, e.g. `IkEngineHighLatency`. */
  readonly name: string;
  /** The firing condition: a comparison, `absent()`, or a logical combination of them. */
  readonly expr: Condition;
  /**
   * How long the condition must hold before the alert fires.
   * @default fires on the first evaluation that matches
   */
  readonly for?: Duration;
  /**
   * Keep firing this long after the condition clears, against flapping.
   * @default stops as soon as the condition clears
   */
  readonly keepFiringFor?: Duration;
  readonly severity: Severity;
  /**
   * Extra labels. `severity`, `service` and `team` are set from `severity` and the system.
   * @default none
   */
  readonly labels?: Readonly<Record<string, string>>;
  /** Static one-line headline. */
  readonly summary: string;
  /** Per-instance detail; may template `{{ $labels.x }}` (x must be a label of the alert) and `{{ $value | humanize }}` (never raw `$value`). */
  readonly description: string;
  /**
   * Where the on-call engineer reads what to do.
   * @default the pack's runbook base URL + `#` + the lowercased alert name
   */
  readonly runbookUrl?: string;
  /**
   * The dashboard to open first.
   * @default none
   */
  readonly dashboardUrl?: string;
}

export interface AlertRule extends AlertRuleProps {
  readonly type: 'alert';
}

/** An alerting rule. Checked at synth, in the context of its rule pack. */
export function alertRule(props: AlertRuleProps): AlertRule {
  return { type: 'alert', ...props };
}

/** Kinds that may be recorded: raw counters must be rated first. */
export type RecordableKind = Exclude<SeriesKind, 'counter' | 'buckets'>;
/** What a recorded series means when read back. */
export type RecordedKind<K extends RecordableKind> = K extends 'bucketRate' ? 'bucketRate' : K extends 'gauge' ? 'gauge' : 'value';

export interface RecordingRuleProps<K extends RecordableKind, L extends string> {
  /** `level:metric:operations`, e.g. `job:http_requests:rate5m`. */
  readonly record: string;
  readonly expr: Expr<K, L>;
  /**
   * Labels added to the recorded series.
   * @default none
   */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface RecordingRule<K extends RecordableKind = RecordableKind, L extends string = string> extends RecordingRuleProps<K, L> {
  readonly type: 'record';
  /** A selector over the recorded series, scoped like its input, for alerts and panels. */
  readonly series: Selector<RecordedKind<K>, L>;
  /** The system scope the recorded series keeps (the scope labels it aggregates by). */
  readonly scope: Scope;
}

/** A recording rule whose result can be read back, typed, through `.series`. */
export function recordingRule<K extends RecordableKind, L extends string>(props: RecordingRuleProps<K, L>): RecordingRule<K, L> {
  const scope = keptScope(props.expr);
  const kind = (props.expr.kind === 'bucketRate' ? 'bucketRate' : props.expr.kind === 'gauge' ? 'gauge' : 'value') as RecordedKind<K>;
  const series = selector<RecordedKind<K>, L>({
    name: props.record,
    kind,
    labels: [...props.expr.labels, ...(Object.keys(props.labels ?? {}) as L[])],
    scope,
    origin: `recorded series ${props.record}`,
    recorded: { expr: props.expr, labels: props.labels ?? {} },
  });
  return { type: 'record', ...props, scope, series };
}

/** The part of the input's system scope that survives into the result's labels. */
function keptScope(expr: Expr): Scope {
  if (expr.scopes.length !== 1) return {};
  return Object.fromEntries(Object.entries(expr.scopes[0]).filter(([label]) => expr.labels.includes(label)));
}

export type Rule = AlertRule | RecordingRule;

export interface RuleGroupProps {
  /** Unique within the rule file, e.g. `ik-engine.alerts`. */
  readonly name: string;
  /**
   * How often the group is evaluated.
   * @default the global evaluation_interval
   */
  readonly interval?: Duration;
  readonly rules: readonly Rule[];
  /**
   * Mistakes found by whatever built the group (an SLO declaration, say), reported at synth.
   * @default none
   */
  readonly problems?: readonly string[];
}

export interface RuleGroup extends RuleGroupProps {
  readonly type: 'group';
}

export function ruleGroup(props: RuleGroupProps): RuleGroup {
  return { type: 'group', ...props };
}
