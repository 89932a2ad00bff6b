import { Condition, Duration, Expr, Scope, SeriesKind, Selector, selector } from '../promql';

/**
 * How urgent an alert is; routes go by it. `none` is the heartbeat's
 * (rules/monitoring Watchdog): routed by name to the dead man's switch, never
 * by severity, never paged on.
 */
export type Severity = 'critical' | 'warning' | 'info' | 'none';
export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info', 'none'];

/** What an alert's text may be written from: its threshold and `for` as deployed. */
export interface AlertSettings {
  /** The number the condition compares with, when it compares one expression with one number. */
  readonly threshold?: number;
  readonly for?: Duration;
}

/**
 * An annotation's text: a string, or a function of the alert's settings so
 * that the text stays true when a deployment overrides the threshold or `for`.
 */
export type AlertText = string | ((settings: AlertSettings) => string);

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
  /** Static one-line headline. Stating the threshold or `for`? Write it as a function of them. */
  readonly summary: AlertText;
  /**
   * Per-instance detail; may template `{{ $labels.x }}` (x must be a label of
   * the alert) and `{{ $value | humanize }}` (never raw `$value`). Stating the
   * threshold or `for`? Write it as a function of them.
   */
  readonly description: AlertText;
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

export interface AlertRule extends Omit<AlertRuleProps, 'summary' | 'description'> {
  readonly type: 'alert';
  /** The summary for the rule's own settings. */
  readonly summary: string;
  /** The description for the rule's own settings. */
  readonly description: string;
  /** The texts as declared, to be written again for other settings (see {@link withSettings}). */
  readonly texts: { readonly summary: AlertText; readonly description: AlertText };
}

/** An alerting rule. Checked at synth, in the context of its rule pack. */
export function alertRule(props: AlertRuleProps): AlertRule {
  const settings = settingsOf(props.expr, props.for);
  return { type: 'alert', ...props, summary: written(props.summary, settings), description: written(props.description, settings), texts: { summary: props.summary, description: props.description } };
}

/** The settings an alert's text is written from. */
export function settingsOf(expr: Condition, forDuration: Duration | undefined): AlertSettings {
  return { threshold: expr.comparison?.threshold, for: forDuration };
}

function written(text: AlertText, settings: AlertSettings): string {
  return typeof text === 'function' ? text(settings) : text;
}

/** The alert with another condition and `for`, its texts written again for them. */
export function withSettings(rule: AlertRule, expr: Condition, forDuration: Duration | undefined): AlertRule {
  const settings = settingsOf(expr, forDuration);
  return { ...rule, expr, for: forDuration, summary: written(rule.texts.summary, settings), description: written(rule.texts.description, settings) };
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
