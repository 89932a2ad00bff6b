import { Duration, Expr, LABEL_NAME, MetricInfo, ParsedSelector, RATE_INTERVAL, Scope, System, durationMs, durationProblem, labelValueProblem, re2Problem, readExpr } from '../promql';
import { PROMETHEUS_ALERT_VARIABLES, PROMETHEUS_TEMPLATE_FUNCTIONS, goTemplateProblem } from '../gotemplate';
import { AlertRule, RecordingRule, RuleGroup, SEVERITIES } from './rule';
import { RulePack, packName, packSystems, resolveAlert } from './rule-pack';

export interface RuleCheckContext {
  /** The global evaluation interval, for groups that set none. */
  readonly evaluationInterval: Duration;
}

const ALERT_NAME = /^[A-Z][A-Za-z0-9]*$/;
const RECORD_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z0-9_]+$/;
const RESERVED_LABELS = ['severity', 'service', 'team'];
const TARGET_LABELS = ['job', 'instance'];

/** Problems in one rule pack, each naming the rule and the fix. Empty when the pack is sound. */
export function rulePackProblems(pack: RulePack, context: RuleCheckContext): string[] {
  const where = `rule pack ${packName(pack)}`;
  const problems = packSystems(pack).flatMap((s) => s.problems.map((p) => `catalog: ${p}`));
  if (!/^https?:\/\/\S+$/.test(pack.runbookUrl ?? '')) problems.push(`${where}: runbookUrl ${JSON.stringify(pack.runbookUrl)} is not an http(s) URL`);
  if (pack.groups.every((g) => g.rules.length === 0)) problems.push(`${where}: has no rules; add a group with rules or leave the pack out`);
  problems.push(...duplicates(pack.groups.map((g) => g.name)).map((n) => `${where}: group name ${n} is used twice; group names must be unique in a rule file`));
  const recorded = recordedSeries(pack);
  for (const group of pack.groups) {
    const interval = group.interval ?? context.evaluationInterval;
    const groupWhere = `group ${group.name} (${where})`;
    const intervalProblem = group.interval === undefined ? undefined : durationProblem(group.interval);
    if (intervalProblem) problems.push(`${groupWhere}: interval ${intervalProblem}`);
    if (!group.name?.trim()) problems.push(`${where}: a group has an empty name`);
    problems.push(...(group.problems ?? []).map((p) => `${groupWhere}: ${p}`));
    for (const rule of group.rules) {
      const ruleWhere = rule.type === 'alert' ? `alert ${rule.name} (${groupWhere})` : `recording rule ${rule.record} (${groupWhere})`;
      const ruleProblems =
        rule.type === 'alert' ? alertProblems(pack, group, rule, intervalProblem ? context.evaluationInterval : interval) : recordProblems(rule);
      problems.push(...[...ruleProblems, ...exprProblems(pack, rule.expr, recorded)].map((p) => `${ruleWhere}: ${p}`));
    }
  }
  const alertNames = pack.groups.flatMap((g) => g.rules.flatMap((r) => (r.type === 'alert' ? [r.name] : [])));
  problems.push(...duplicates(alertNames).map((n) => `alert ${n} (${where}): the name is used twice; alert names must be unique`));
  const records = pack.groups.flatMap((g) => g.rules.flatMap((r) => (r.type === 'record' ? [`${r.record}${JSON.stringify(r.labels ?? {})}`] : [])));
  problems.push(...duplicates(records).map((n) => `recording rule ${n} (${where}): recorded twice with the same labels; the series would collide`));
  return problems;
}

/** Problems across packs: an alert name must mean one thing everywhere it is routed. */
export function rulePacksProblems(packs: readonly RulePack[], context: RuleCheckContext): string[] {
  const problems = packs.flatMap((p) => rulePackProblems(p, context));
  const owners = new Map<string, string[]>();
  for (const pack of packs) {
    for (const group of pack.groups) {
      for (const rule of group.rules) if (rule.type === 'alert') owners.set(rule.name, [...(owners.get(rule.name) ?? []), packName(pack)]);
    }
  }
  for (const [name, systems] of owners) {
    if (new Set(systems).size > 1) problems.push(`alert ${name} is defined by rule packs ${systems.join(' and ')}; rename one`);
  }
  problems.push(...duplicates(packs.map(packName)).map((n) => `rule pack ${n} is given twice; each system has one pack`));
  return problems;
}

function alertProblems(pack: RulePack, group: RuleGroup, rule: AlertRule, interval: string): string[] {
  const problems: string[] = [];
  if (!ALERT_NAME.test(rule.name ?? '')) problems.push('alert names are UpperCamelCase (letters and digits), e.g. IkEngineHighLatency');
  if (rule.severity === undefined) problems.push(`has no severity; set one of ${SEVERITIES.join(', ')}`);
  else if (!SEVERITIES.includes(rule.severity)) problems.push(`severity ${JSON.stringify(rule.severity)} is unknown; use one of ${SEVERITIES.join(', ')}`);
  if (rule.expr?.kind !== 'condition') problems.push('expr is not a condition; compare it with a threshold (gt, lt, …) or use absent()');
  for (const [field, value] of [['for', rule.for], ['keepFiringFor', rule.keepFiringFor]] as const) {
    const problem = value === undefined ? undefined : durationProblem(value);
    if (problem) problems.push(`${field}: ${problem}`);
  }
  if (rule.for !== undefined && !durationProblem(rule.for) && !durationProblem(interval)) {
    const forMs = durationMs(rule.for);
    if (forMs > 0 && forMs < durationMs(interval)) {
      problems.push(`for ${rule.for} is shorter than the evaluation interval ${interval}; it would act as ${interval}; raise it or drop it`);
    }
  }
  if (!rule.summary?.trim()) problems.push('summary is empty; give a one-line headline');
  if (!rule.description?.trim()) problems.push('description is empty; say what is wrong and where, e.g. with {{ $labels.instance }} and {{ $value }}');
  for (const [label, value] of Object.entries(rule.labels ?? {})) {
    if (RESERVED_LABELS.includes(label)) problems.push(`label "${label}" is set from the rule and its system; remove it from labels`);
    else if (!LABEL_NAME.test(label)) problems.push(`label name "${label}" is not valid`);
    else if (labelValueProblem(value)) problems.push(`label ${label}: ${labelValueProblem(value)}`);
    // Prometheus expands alert labels as templates too.
    else if (alertTemplateProblem(value)) problems.push(`label ${label}: ${alertTemplateProblem(value)}`);
  }
  const resolved = resolveAlert(pack, group, rule);
  if (!/^https?:\/\/\S+$/.test(resolved.annotations.runbook_url)) problems.push(`runbook_url ${JSON.stringify(resolved.annotations.runbook_url)} is not an http(s) URL`);
  // Prometheus expands annotations with the firing series' labels, not the rule's own labels.
  // An expression with builder problems has unreliable labels: report those, not their echoes.
  const known = rule.expr?.problems.length ? undefined : new Set(rule.expr?.labels ?? []);
  for (const [name, text] of Object.entries(resolved.annotations)) problems.push(...templateProblems(name, text, known));
  return problems;
}

/** Annotation templates: Go templates Prometheus parses, and `$labels.x` only for labels the alert has. */
function templateProblems(annotation: string, text: string, labels: ReadonlySet<string> | undefined): string[] {
  const parseProblem = alertTemplateProblem(text);
  if (parseProblem) return [`annotation ${annotation}: ${parseProblem}`];
  const problems: string[] = [];
  if (/\{\{-?\s*\$value\s*-?\}\}/.test(text)) {
    problems.push(`annotation ${annotation} prints {{ $value }} raw; format it: {{ $value | humanize }}, humanizePercentage, humanizeDuration or printf`);
  }
  for (const [, label] of text.matchAll(/\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)/g)) {
    if (labels && !labels.has(label)) {
      problems.push(`annotation ${annotation} uses {{ $labels.${label} }} but the alert has no label "${label}" (it has: ${[...labels].join(', ')}); keep it in the expression's grouping or drop it`);
    }
  }
  return problems;
}

/** What Prometheus 2.42 says when it parses `text` as an alert template (as promtool check rules does), with the text. */
function alertTemplateProblem(text: string): string | undefined {
  const problem = goTemplateProblem(text, { functions: PROMETHEUS_TEMPLATE_FUNCTIONS, variables: PROMETHEUS_ALERT_VARIABLES });
  return problem && `Prometheus cannot parse the template ${JSON.stringify(text)}: ${problem}`;
}

function recordProblems(rule: RecordingRule): string[] {
  const problems: string[] = [];
  if (!RECORD_NAME.test(rule.record ?? '')) {
    problems.push('recording rules are named level:metric:operations, e.g. job:http_requests:rate5m');
  }
  if (rule.expr.scopes.length > 1) problems.push('reads series of several systems; record each system separately');
  const dropped = rule.expr.scopes.length === 1 ? Object.keys(rule.expr.scopes[0]).filter((l) => !(l in rule.scope)) : [];
  if (dropped.length) {
    problems.push(`drops the system scope label ${dropped.join(', ')}; aggregate by (${dropped.join(', ')}, …) so readers stay on this system`);
  }
  return problems;
}

/** A series a selector may read: its system's scope and its labels. */
export interface KnownSeries {
  readonly scope: Scope;
  readonly labels: readonly string[];
  readonly origin: string;
}

/** Series recording rules write, by name: several packs may record one name, each on its own scope. */
export type RecordedSeries = ReadonlyMap<string, readonly KnownSeries[]>;

/** The series the packs' recording rules write. */
export function recordedSeries(...packs: readonly RulePack[]): Map<string, KnownSeries[]> {
  const recorded = new Map<string, KnownSeries[]>();
  for (const pack of packs) {
    for (const rule of pack.groups.flatMap((g) => g.rules)) {
      if (rule.type !== 'record') continue;
      const series = { scope: rule.scope, labels: rule.series.labels, origin: `recorded by rule pack ${packName(pack)}` };
      recorded.set(rule.record, [...(recorded.get(rule.record) ?? []), series]);
    }
  }
  return recorded;
}

/** Builder problems, syntax (Prometheus' own grammar), and every selector catalogued and scoped. */
function exprProblems(pack: RulePack, expr: Expr | undefined, recorded: RecordedSeries): string[] {
  if (!expr) return ['has no expr'];
  // Builder problems are root causes; the text checks below would only echo them.
  if (expr.problems.length) return [...expr.problems];
  if (expr.promql.includes('$__')) return [`uses a Grafana variable (${RATE_INTERVAL}), which only dashboards know; give the rule a fixed window such as 5m`];
  return promqlProblems(expr, packSystems(pack), recorded, `declare it in the catalog of system ${pack.system.name} or list its catalog in the pack's reads`);
}

/**
 * Syntax, and every selector of `expr` a series of one of `systems` (or a recorded one) carrying its
 * system's scope and only labels it has. Where part of it is raw, `rawText` is what gets parsed
 * (a dashboard's query as Prometheus receives it).
 */
export function promqlProblems(expr: Expr, systems: readonly System[], recorded: RecordedSeries, unknownFix: string, rawText = expr.promql): string[] {
  const parsed = readExpr(expr, rawText);
  const problems = parsed.syntaxErrors.map((e) => `PromQL ${e} in ${JSON.stringify(rawText)}`);
  for (const sel of parsed.selectors) {
    const known = inScope(recorded.get(sel.name) ?? [], sel) ?? catalogued(systems, sel);
    if (!known) {
      problems.push(`reads unknown metric ${sel.name}; ${unknownFix}`);
      continue;
    }
    for (const [label, value] of Object.entries(known.scope)) {
      if (!sel.matchers.some((m) => m.label === label && m.op === '=' && m.value === value)) {
        problems.push(`reads ${sel.name} without its system scope ${label}="${value}"; select it through the catalog so it stays on its own system`);
      }
    }
    for (const m of sel.matchers) {
      if (!known.labels.includes(m.label)) {
        problems.push(`matcher on unknown label "${m.label}" of ${sel.name} (${known.origin}; labels: ${known.labels.join(', ')})`);
      }
      const regexProblem = m.op === '=~' || m.op === '!~' ? re2Problem(m.value) : undefined;
      if (regexProblem) problems.push(`matcher ${m.label}${m.op} of ${sel.name}: ${regexProblem}`);
    }
  }
  return problems;
}

/**
 * The catalog entry a selector reads. Several of the pack's systems may declare
 * the same name (every system has `up`): the one whose scope the selector carries wins.
 */
function catalogued(systems: readonly System[], sel: ParsedSelector): KnownSeries | undefined {
  const candidates = systems.flatMap((system) => {
    const metric = system.metricOfSeries(sel.name);
    return metric ? [{ scope: system.selector, labels: seriesLabels(metric, sel.name), origin: `${metric.type} of system ${system.name}` }] : [];
  });
  return inScope(candidates, sel);
}

/** Of the series a name may mean, the one whose scope the selector carries (else the first, whose scope it then lacks). */
function inScope(candidates: readonly KnownSeries[], sel: ParsedSelector): KnownSeries | undefined {
  return candidates.find((c) => Object.entries(c.scope).every(([l, v]) => sel.matchers.some((m) => m.label === l && m.op === '=' && m.value === v))) ?? candidates[0];
}

function seriesLabels(metric: MetricInfo, seriesName: string): string[] {
  const extra = seriesName.endsWith('_bucket') && metric.type === 'histogram' ? ['le'] : metric.type === 'summary' && seriesName === metric.name ? ['quantile'] : [];
  return [...TARGET_LABELS, ...metric.labels, ...extra];
}

/** The values given more than once, each once. */
export function duplicates<T>(values: readonly T[]): T[] {
  // One pass: a thousand names would cost a million comparisons with indexOf.
  const seen = new Set<T>();
  const twice = new Set<T>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return [...twice];
}
