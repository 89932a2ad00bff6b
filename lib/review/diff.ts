import { statesValue, thresholdSpellings } from '../prometheus/overrides';
import { durationMs } from '../promql';
import { selectorNames } from './expressions';
import { AlertModel, DashboardModel, EnvironmentModel, RecordingRuleModel, ScrapeJobModel, Threshold } from './model';

export type ObjectKind = 'alert' | 'recording rule' | 'routing' | 'inhibition' | 'receiver' | 'scrape job' | 'probe' | 'blackbox module' | 'dashboard' | 'image';

export interface FieldChange {
  readonly field: string;
  /** Absent: the field is new. */
  readonly before?: string;
  /** Absent: the field is gone. */
  readonly after?: string;
}

export interface ObjectChange {
  readonly kind: ObjectKind;
  readonly name: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** What the object is, e.g. `canvascast, critical`. */
  readonly context?: string;
  readonly fields: readonly FieldChange[];
}

export type RiskKind = 'stops paging' | 'starts paging' | 'loses receiver' | 'reaches no one' | 'threshold loosened' | 'detects later' | 'alert removed' | 'probe removed' | 'reads removed recording rule' | 'stale text';

export interface Risk {
  readonly kind: RiskKind;
  /** The alert, probe or rule it is about. */
  readonly subject: string;
  readonly text: string;
}

export interface EnvironmentReview {
  readonly environment: string;
  readonly change: 'added' | 'removed' | 'changed' | 'unchanged';
  readonly changes: readonly ObjectChange[];
  readonly risks: readonly Risk[];
}

export interface Review {
  readonly base: string;
  readonly head: string;
  /** One line: the counts of changes, then the risks. */
  readonly summary: string;
  /** Something changed in meaning. */
  readonly changed: boolean;
  readonly environments: readonly EnvironmentReview[];
  /** Pictures of the changed dashboards as the head draws them, by uid (when a local stack could draw them). */
  readonly pictures?: Readonly<Record<string, string>>;
}

/** Compares what two refs deploy, environment by environment. */
export function reviewModels(base: readonly EnvironmentModel[], head: readonly EnvironmentModel[], refs: { base: string; head: string }): Review {
  const names = [...new Set([...base.map((e) => e.name), ...head.map((e) => e.name)])];
  const environments = names.map((name) => {
    const [before, after] = [base.find((e) => e.name === name), head.find((e) => e.name === name)];
    if (!before || !after) {
      const env = (before ?? after) as EnvironmentModel;
      const change = before ? 'removed' : 'added';
      const risks: Risk[] = before ? env.alerts.map((a) => ({ kind: 'alert removed', subject: a.name, text: `${a.name} is removed with environment ${name}` })) : [];
      return { environment: name, change, changes: [], risks } as EnvironmentReview;
    }
    const changes = compareEnvironments(before, after);
    const risks = riskFlags(before, after);
    return { environment: name, change: changes.length || risks.length ? 'changed' : 'unchanged', changes, risks } as EnvironmentReview;
  });
  const changed = environments.some((e) => e.change !== 'unchanged');
  return { ...refs, summary: summarize(environments), changed, environments };
}

function compareEnvironments(before: EnvironmentModel, after: EnvironmentModel): ObjectChange[] {
  return [
    ...compareByName('alert', before.alerts, after.alerts, alertFields, (a) => `${a.system}, ${a.labels.severity ?? 'no severity'}`).map((c) => withoutEchoedExpansion(c, before, after)),
    ...compareByName('recording rule', before.recordingRules.map(bySystem), after.recordingRules.map(bySystem), (r) => ({ expression: r.expr, ...prefixed('label', r.labels) })),
    ...compareRouting(before, after),
    ...compareByName('receiver', before.receivers, after.receivers, (r) => ({ integrations: r.kinds.join(', ') || 'none (drops what it gets)' })),
    ...compareByName('probe', before.scrapeJobs.filter(isProbe), after.scrapeJobs.filter(isProbe), jobFields),
    ...compareByName('scrape job', before.scrapeJobs.filter((j) => !isProbe(j)), after.scrapeJobs.filter((j) => !isProbe(j)), jobFields),
    ...compareByName('blackbox module', entries(before.modules), entries(after.modules), (m) => flatten(m.value)),
    ...compareByName('dashboard', before.dashboards.map(keyedDashboard), after.dashboards.map(keyedDashboard), dashboardFields, (d) => d.folder),
    ...compareByName('image', entries(before.images), entries(after.images), (i) => ({ version: String(i.value) })),
  ];
}

type Fields = Record<string, string>;

/** Objects matched by name: added, removed, or changed field by field. */
function compareByName<T extends { name: string }>(kind: ObjectKind, before: readonly T[], after: readonly T[], fields: (t: T) => Fields, context?: (t: T) => string): ObjectChange[] {
  const old = new Map(before.map((t) => [t.name, t]));
  const now = new Map(after.map((t) => [t.name, t]));
  const out: ObjectChange[] = [];
  for (const [name, a] of now) {
    const b = old.get(name);
    const ctx = context ? { context: context(a) } : {};
    if (!b) out.push({ kind, name, change: 'added', ...ctx, fields: fieldChanges({}, fields(a)) });
    else {
      const changed = fieldChanges(fields(b), fields(a));
      if (changed.length) out.push({ kind, name, change: 'changed', ...ctx, fields: changed });
    }
  }
  for (const [name, b] of old) if (!now.has(name)) out.push({ kind, name, change: 'removed', ...(context ? { context: context(b) } : {}), fields: [] });
  return out;
}

function fieldChanges(before: Fields, after: Fields): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((k) => before[k] !== after[k])
    .map((field) => ({ field, ...(before[field] !== undefined ? { before: before[field] } : {}), ...(after[field] !== undefined ? { after: after[field] } : {}) }));
}

function alertFields(a: AlertModel): Fields {
  const { severity, ...labels } = a.labels;
  return {
    expression: a.expr,
    // Shown where recording rules are read: a change to one of them shows on every alert reading it.
    ...(a.reads.length ? { 'effective expression': a.effectiveExpr } : {}),
    ...(a.thresholds.length ? { threshold: a.thresholds.map(describeThreshold).join(', ') } : {}),
    for: a.for,
    keep_firing_for: a.keepFiringFor,
    severity: severity ?? '',
    ...prefixed('label', labels),
    ...prefixed('annotation', a.annotations),
  };
}

/**
 * The effective expression differs whenever the expression does: it is news
 * only when a recording rule the alert reads changed too.
 */
function withoutEchoedExpansion(c: ObjectChange, before: EnvironmentModel, after: EnvironmentModel): ObjectChange {
  if (c.change !== 'changed' || !c.fields.some((f) => f.field === 'expression')) return c;
  const definitions = (env: EnvironmentModel, name: string) => env.recordingRules.filter((r) => r.name === name).map((r) => r.expr).join('\n');
  const reads = [...new Set([before, after].flatMap((env) => env.alerts.find((a) => a.name === c.name)?.reads ?? []))];
  if (reads.some((name) => definitions(before, name) !== definitions(after, name))) return c;
  return { ...c, fields: c.fields.filter((f) => f.field !== 'effective expression') };
}

export function describeThreshold(t: Threshold): string {
  return `${t.op} ${t.value}`;
}

function compareRouting(before: EnvironmentModel, after: EnvironmentModel): ObjectChange[] {
  const kept = after.alerts.filter((a) => before.alerts.some((b) => b.name === a.name)).map((a) => a.name);
  const routing = kept.flatMap((name): ObjectChange[] => {
    const [b, a] = [before.routing[name], after.routing[name]];
    const fields = fieldChanges(routeFields(b), routeFields(a));
    return fields.length ? [{ kind: 'routing', name, change: 'changed', fields }] : [];
  });
  const inhibition = kept.flatMap((name): ObjectChange[] => {
    const fields = fieldChanges({ 'can be silenced by': (before.inhibitedBy[name] ?? []).join(', ') || 'nothing' }, { 'can be silenced by': (after.inhibitedBy[name] ?? []).join(', ') || 'nothing' });
    return fields.length ? [{ kind: 'inhibition', name, change: 'changed', fields }] : [];
  });
  return [...routing, ...inhibition];
}

function routeFields(r: EnvironmentModel['routing'][string] | undefined): Fields {
  return r ? { receivers: r.receivers.join(', '), route: r.paths.join('; ') } : { receivers: 'none' };
}

const isProbe = (j: ScrapeJobModel) => j.module !== undefined;

function jobFields(j: ScrapeJobModel): Fields {
  return {
    ...(j.module ? { module: j.module } : {}),
    targets: j.targets.join(', '),
    interval: j.interval,
    timeout: j.timeout,
    ...(j.module ? {} : { 'metrics path': j.metricsPath, scheme: j.scheme }),
  };
}

/** Several packs record the same name for their own jobs: one rule per system. */
const bySystem = (r: RecordingRuleModel) => ({ ...r, name: `${r.system}/${r.name}` });
const keyedDashboard = (d: DashboardModel) => ({ ...d, name: d.uid });

function dashboardFields(d: DashboardModel): Fields {
  const seen = new Map<string, number>();
  const fields: Fields = { title: d.title };
  for (const p of d.panels) {
    const n = (seen.get(p.title) ?? 0) + 1;
    seen.set(p.title, n);
    const key = `panel "${p.title}"${n > 1 ? ` #${n}` : ''}`;
    fields[`${key} queries`] = p.queries.join('\n');
    fields[`${key} unit`] = p.unit;
    fields[`${key} thresholds`] = p.thresholds.join(', ');
    fields[`${key} type`] = p.type;
  }
  return fields;
}

function entries(record: Readonly<Record<string, unknown>>): { name: string; value: unknown }[] {
  return Object.entries(record).map(([name, value]) => ({ name, value }));
}

function prefixed(prefix: string, record: Readonly<Record<string, string>>): Fields {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [`${prefix} ${k}`, String(v)]));
}

/** Nested settings as `a.b.c: value` lines. */
function flatten(value: unknown, at = ''): Fields {
  if (value === null || typeof value !== 'object') return { [at || 'value']: JSON.stringify(value) };
  const out: Fields = {};
  for (const [k, v] of Object.entries(value)) Object.assign(out, flatten(v, at ? `${at}.${k}` : k));
  return out;
}

function riskFlags(before: EnvironmentModel, after: EnvironmentModel): Risk[] {
  const risks: Risk[] = [];
  const now = new Map(after.alerts.map((a) => [a.name, a]));
  for (const b of before.alerts) {
    const a = now.get(b.name);
    if (!a) {
      risks.push({ kind: 'alert removed', subject: b.name, text: `${b.name} is removed: nothing alerts on "${b.annotations.summary ?? b.expr}" any more` });
      continue;
    }
    const [rb, ra] = [before.routing[b.name], after.routing[a.name]];
    if (rb && ra) {
      if (rb.pages && !ra.pages) risks.push({ kind: 'stops paging', subject: a.name, text: `${a.name} no longer pages (now reaches ${ra.receivers.join(', ')})` });
      if (!rb.pages && ra.pages) risks.push({ kind: 'starts paging', subject: a.name, text: `${a.name} now pages (through ${ra.receivers.join(', ')})` });
      if (ra.reachesNoOne && !rb.reachesNoOne) risks.push({ kind: 'reaches no one', subject: a.name, text: `${a.name} now reaches no one: ${ra.receivers.join(', ')} has no integration` });
      const lost = rb.receivers.filter((r) => !ra.receivers.includes(r));
      if (lost.length) risks.push({ kind: 'loses receiver', subject: a.name, text: `${a.name} no longer reaches ${lost.join(', ')} (now ${ra.receivers.join(', ')})` });
    }
    risks.push(...thresholdRisks(b, a), ...forRisks(b, a), ...staleTexts(b, a));
  }
  const probes = new Set(after.scrapeJobs.filter(isProbe).map((j) => j.name));
  for (const p of before.scrapeJobs.filter(isProbe)) {
    if (!probes.has(p.name)) risks.push({ kind: 'probe removed', subject: p.name, text: `probe ${p.name} (${p.targets.join(', ')}) is removed: nothing checks it from outside any more` });
  }
  risks.push(...removedRecordingRuleReaders(before, after));
  return risks;
}

/** Same comparisons, a number moved the way that fires later. */
function thresholdRisks(b: AlertModel, a: AlertModel): Risk[] {
  if (b.thresholds.length !== a.thresholds.length) return [];
  return b.thresholds.flatMap((tb, i): Risk[] => {
    const ta = a.thresholds[i];
    if (ta.op !== tb.op) return [];
    const later = ta.op.startsWith('>') ? ta.value > tb.value : ta.op.startsWith('<') ? ta.value < tb.value : false;
    return later ? [{ kind: 'threshold loosened', subject: a.name, text: `${a.name}: threshold loosened from ${describeThreshold(tb)} to ${describeThreshold(ta)}: it fires later, or not at all, for the same signal` }] : [];
  });
}

function forRisks(b: AlertModel, a: AlertModel): Risk[] {
  const later = durationMs(a.for) - durationMs(b.for);
  if (later <= 0) return [];
  return [{ kind: 'detects later', subject: a.name, text: `${a.name}: \`for\` lengthened from ${b.for} to ${a.for}: detection ${minutes(later)} later` }];
}

/**
 * A threshold or `for` that changed while a text kept stating the old one:
 * the page would tell the on-call engineer the wrong number.
 */
function staleTexts(b: AlertModel, a: AlertModel): Risk[] {
  const moved: { what: string; old: string[]; now: string }[] = [];
  if (b.for !== a.for) moved.push({ what: 'for', old: [b.for], now: a.for });
  if (b.thresholds.length === a.thresholds.length) {
    b.thresholds.forEach((t, i) => {
      if (t.value !== a.thresholds[i].value) moved.push({ what: 'threshold', old: thresholdSpellings(t.value), now: describeThreshold(a.thresholds[i]) });
    });
  }
  return Object.entries(a.annotations).flatMap(([key, text]) =>
    b.annotations[key] !== text
      ? []
      : moved.flatMap((m): Risk[] => {
          const stated = m.old.find((v) => statesValue(text, v));
          return stated ? [{ kind: 'stale text', subject: a.name, text: `${a.name}: its ${key} still says ${stated}, the old ${m.what} (now ${m.now})` }] : [];
        }),
  );
}

function minutes(ms: number): string {
  const m = ms / 60000;
  return m >= 1 ? `${Number(m.toFixed(1))} min` : `${ms / 1000} s`;
}

/** Recording rules the base had and the head lost, still read by a rule or panel of the head. */
function removedRecordingRuleReaders(before: EnvironmentModel, after: EnvironmentModel): Risk[] {
  const recorded = new Set(after.recordingRules.map((r) => r.name));
  const gone = new Set(before.recordingRules.map((r) => r.name).filter((n) => !recorded.has(n)));
  if (!gone.size) return [];
  const readers = [
    ...after.alerts.map((a) => ({ who: `alert ${a.name}`, exprs: [a.expr] })),
    ...after.recordingRules.map((r) => ({ who: `recording rule ${r.name}`, exprs: [r.expr] })),
    ...after.dashboards.flatMap((d) => d.panels.map((p) => ({ who: `panel "${p.title}" of dashboard ${d.uid}`, exprs: p.queries }))),
  ];
  return [...gone].flatMap((name) => {
    const who = readers.filter((r) => r.exprs.some((e) => selectorNames(e).includes(name))).map((r) => r.who);
    return who.length ? [{ kind: 'reads removed recording rule' as const, subject: name, text: `recording rule ${name} is removed but still read by ${who.join(', ')}: they see no data (an alert on it never fires)` }] : [];
  });
}

const ALERT_CHANGES: Partial<Record<ObjectKind, string>> = { routing: 'rerouted', inhibition: 'silenced by other alerts than before' };

const PLURAL: Record<ObjectKind, string> = {
  alert: 'alerts',
  'recording rule': 'recording rules',
  routing: 'alerts',
  inhibition: 'alerts',
  receiver: 'receivers',
  'scrape job': 'scrape jobs',
  probe: 'probes',
  'blackbox module': 'blackbox modules',
  dashboard: 'dashboards',
  image: 'images',
};

const RISK_PHRASES: Record<RiskKind, [string, string]> = {
  'stops paging': ['alert no longer pages', 'alerts no longer page'],
  'starts paging': ['alert now pages', 'alerts now page'],
  'loses receiver': ['alert loses a receiver', 'alerts lose a receiver'],
  'reaches no one': ['alert reaches no one', 'alerts reach no one'],
  'threshold loosened': ['threshold loosened', 'thresholds loosened'],
  'detects later': ['alert detects later', 'alerts detect later'],
  'alert removed': ['alert removed', 'alerts removed'],
  'probe removed': ['probe removed', 'probes removed'],
  'reads removed recording rule': ['removed recording rule still read', 'removed recording rules still read'],
  'stale text': ['text states an old value', 'texts state an old value'],
};

/** "3 alerts changed, 1 added; 1 dashboard changed; 1 alert no longer pages". */
export function summarize(environments: readonly EnvironmentReview[]): string {
  // One change made in every environment is one change: counted once, with where it lands said at the end.
  const once = <T>(items: readonly T[], key: (item: T) => string): T[] => [...new Map(items.map((item) => [key(item), item])).values()];
  const changes = once(environments.flatMap((e) => e.changes), (c) => `${c.kind}\0${c.name}\0${c.change}`);
  const risks = once(environments.flatMap((e) => e.risks), (r) => `${r.kind}\0${r.subject}`);
  const touched = environments.filter((e) => e.changes.length || e.risks.length).map((e) => e.environment);
  const envChanges = environments.filter((e) => e.change === 'added' || e.change === 'removed').map((e) => `environment ${e.environment} ${e.change}`);
  const kinds = [...new Set(changes.map((c) => c.kind))];
  const parts = kinds.map((kind) => {
    const of = changes.filter((c) => c.kind === kind);
    const counts = (['changed', 'added', 'removed'] as const).map((change) => [change, of.filter((c) => c.change === change).length] as const).filter(([, n]) => n);
    // Routing and inhibition changes are about alerts that stay: said as what happens to them.
    const about = ALERT_CHANGES[kind];
    if (about) return `${of.length} ${of.length === 1 ? 'alert' : 'alerts'} ${about}`;
    return counts.map(([change, n], i) => (i === 0 ? `${n} ${n === 1 ? kind : PLURAL[kind]} ${change}` : `${n} ${change}`)).join(', ');
  });
  const riskParts = (Object.keys(RISK_PHRASES) as RiskKind[]).flatMap((kind) => {
    const n = risks.filter((r) => r.kind === kind).length;
    return n ? [`${n} ${RISK_PHRASES[kind][n === 1 ? 0 : 1]}`] : [];
  });
  const all = [...envChanges, ...parts, ...riskParts];
  if (!all.length) return 'no change in meaning';
  return touched.length > 1 ? `${all.join('; ')} (in ${touched.join(', ')})` : all.join('; ');
}
