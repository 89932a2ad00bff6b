import * as fs from 'fs';
import * as path from 'path';
import { CORE_SCHEMA, loadAll } from 'js-yaml';
import { AlertMatchers, MatchOperator, Route, matchesAll, resolveRoutes } from '..';
import { jsonPanels, readWrittenDashboards } from '../grafana/written-dashboards';
import { RecordedDefinition, expandRecordingRules, normalizePromQL, seriesLabels, thresholdsOf } from './expressions';
import { TextMemo } from '../text-memo';
import { AlertModel, AlertRouting, AlertTestCase, DashboardModel, EnvironmentModel, PanelModel, ReceiverModel, RecordingRuleModel, ScrapeJobModel } from './model';

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered files read back as YAML/JSON */
type Yaml = any;

/**
 * The YAML files one review reads back, each content parsed once: the two refs' outputs are mostly the
 * same files (and environments share many), and parsing is most of the reading. The models share the
 * parsed values, so they are frozen: code that tried to change one (for one ref) changes neither.
 * Read with js-yaml's YAML 1.2 core schema, the `yaml` library's default: on a synth's files it reads the
 * same values (test/review/yaml-reader.test.ts) in a seventh of the time, which was a third of a review's.
 */
export class YamlFiles {
  private readonly byText = new TextMemo<Yaml>(Number.POSITIVE_INFINITY);

  read(file: string): Yaml {
    const text = fs.readFileSync(file, 'utf8');
    return this.byText.get(text, () => deepFreeze(onlyDocument(file, loadAll(text, null, { schema: CORE_SCHEMA }))));
  }
}

/** The one document of a file: null for a file with none (only comments), as the yaml library reads it; more is an error. */
function onlyDocument(file: string, documents: unknown[]): Yaml {
  if (documents.length > 1) throw new Error(`${file} holds ${documents.length} YAML documents; a synth writes one per file`);
  return documents[0] ?? null;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Integrations that wake a person up. */
const PAGING_KINDS = ['pagerduty', 'opsgenie', 'victorops'];

/** Every environment a synth wrote: the stacks that have a `prometheus/prometheus.yml`. */
export function readSynthOutput(outdir: string, yaml = new YamlFiles()): EnvironmentModel[] {
  const stacks = path.join(outdir, 'stacks');
  if (!fs.existsSync(stacks)) return [];
  return fs
    .readdirSync(stacks)
    .sort()
    .filter((name) => fs.existsSync(path.join(stacks, name, 'prometheus', 'prometheus.yml')))
    .map((name) => readEnvironment(name, path.join(stacks, name), yaml));
}

export function readEnvironment(name: string, dir: string, yaml = new YamlFiles()): EnvironmentModel {
  const file = (...parts: string[]) => path.join(dir, ...parts);
  const readYaml = (...parts: string[]): Yaml => (fs.existsSync(file(...parts)) ? yaml.read(file(...parts)) : undefined);
  const prometheus: Yaml = readYaml('prometheus', 'prometheus.yml') ?? {};
  const global: Yaml = prometheus.global ?? {};
  const externalLabels: Record<string, string> = global.external_labels ?? {};
  const { alerts, recordingRules } = readRules(file('prometheus', 'rules'), yaml);
  const alertmanager: Yaml = readYaml('alertmanager', 'alertmanager.yml');
  const receivers = readReceivers(alertmanager);
  const routed = alerts.map((a) => ({ name: a.name, labels: { ...externalLabels, ...a.labels, alertname: a.name }, series: a.seriesLabels }));
  return {
    name,
    externalLabels,
    evaluationInterval: global.evaluation_interval ?? '1m',
    alerts,
    recordingRules,
    receivers,
    routing: alertmanager ? routeAlerts(alertmanager, receivers, routed) : {},
    inhibitedBy: alertmanager ? inhibitions(alertmanager, routed) : {},
    scrapeJobs: (prometheus.scrape_configs ?? []).map((job: Yaml) => readScrapeJob(job, global)),
    modules: readYaml('blackbox', 'blackbox.yml')?.modules ?? {},
    dashboards: readDashboards(file('grafana', 'dashboards')),
    images: readImages(dir, yaml),
    tests: readTests(file('prometheus', 'tests'), yaml),
  };
}

function yamlFiles(dir: string, extension = '.yml'): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(extension)).sort() : [];
}

function readRules(dir: string, yaml: YamlFiles): { alerts: AlertModel[]; recordingRules: RecordingRuleModel[] } {
  const raw: { system: string; group: string; rule: Yaml }[] = [];
  for (const f of yamlFiles(dir)) {
    const system = f.replace(/\.yml$/, '');
    for (const group of yaml.read(path.join(dir, f))?.groups ?? []) {
      for (const rule of group.rules ?? []) raw.push({ system, group: group.name, rule });
    }
  }
  const recordingRules: RecordingRuleModel[] = raw
    .filter((r) => r.rule.record)
    .map((r) => ({ name: r.rule.record, system: r.system, expr: normalizePromQL(String(r.rule.expr)), labels: r.rule.labels ?? {} }));
  const recorded = new Map<string, RecordedDefinition[]>();
  for (const r of recordingRules) recorded.set(r.name, [...(recorded.get(r.name) ?? []), r]);
  const alerts: AlertModel[] = raw
    .filter((r) => r.rule.alert)
    .map(({ system, group, rule }) => {
      const expr = normalizePromQL(String(rule.expr));
      const expanded = expandRecordingRules(expr, recorded);
      return {
        name: rule.alert,
        system,
        group,
        expr,
        effectiveExpr: expanded.text,
        reads: expanded.reads,
        thresholds: thresholdsOf(expr),
        for: rule.for ?? '0s',
        keepFiringFor: rule.keep_firing_for ?? '0s',
        labels: rule.labels ?? {},
        seriesLabels: [...seriesLabels(expr, recorded)].sort(),
        annotations: rule.annotations ?? {},
      };
    });
  return { alerts, recordingRules };
}

function readReceivers(config: Yaml): ReceiverModel[] {
  return (config?.receivers ?? []).map((r: Yaml) => {
    const kinds = Object.keys(r)
      .filter((k) => k.endsWith('_configs') && Array.isArray(r[k]) && r[k].length)
      .map((k) => k.replace(/_configs$/, ''));
    return { name: r.name, kinds, pages: kinds.some((k) => PAGING_KINDS.includes(k)) };
  });
}

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/;

/** Alertmanager's matcher strings (`severity="critical"`) and the older `match`/`match_re` maps, as typed matchers. */
function readMatchers(list: readonly string[] | undefined, match?: Record<string, string>, matchRe?: Record<string, string>): AlertMatchers {
  const out: Record<string, { op: MatchOperator; value: string }> = {};
  for (const text of list ?? []) {
    const m = MATCHER.exec(text);
    if (!m) continue;
    out[m[1]] = { op: m[2] as MatchOperator, value: unquoteMatcher(m[3]) };
  }
  for (const [label, value] of Object.entries(match ?? {})) out[label] = { op: '=', value };
  for (const [label, value] of Object.entries(matchRe ?? {})) out[label] = { op: '=~', value };
  return out;
}

/** Alertmanager's quoted value: Go's string escapes, of which JSON's are most; the rest (`\\d` in a regex) kept as written. */
function unquoteMatcher(text: string): string {
  if (!text.startsWith('"')) return text;
  try {
    return JSON.parse(text) as string;
  } catch {
    return text.slice(1, -1).replace(/\\(["\\])/g, '$1');
  }
}

function readRoute(r: Yaml): Route {
  return {
    receiver: r.receiver,
    matchers: readMatchers(r.matchers, r.match, r.match_re),
    continue: r.continue === true,
    routes: (r.routes ?? []).map(readRoute),
  };
}

type Labelled = { name: string; labels: Record<string, string>; series: readonly string[] };

function routeAlerts(config: Yaml, receivers: readonly ReceiverModel[], alerts: readonly Labelled[]): Record<string, AlertRouting> {
  const root = readRoute(config.route ?? {});
  const byName = new Map(receivers.map((r) => [r.name, r]));
  return Object.fromEntries(
    alerts.map((a) => {
      const routes = resolveRoutes(root, a.labels);
      const reached = routes.map((r) => byName.get(r.receiver));
      return [
        a.name,
        {
          receivers: routes.map((r) => r.receiver),
          paths: routes.map((r) => r.path),
          pages: reached.some((r) => r?.pages),
          reachesNoOne: reached.every((r) => !r || r.kinds.length === 0),
        },
      ];
    }),
  );
}

/**
 * Which alerts can silence which: the source's and target's labels match the
 * rule's two sides and every `equal` label can be equal: the same fixed
 * value, absent from both (Alertmanager takes absent as equal to absent), or
 * brought by a series on either side, whose value is only known when firing.
 */
function inhibitions(config: Yaml, alerts: readonly Labelled[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const rule of config.inhibit_rules ?? []) {
    const source = readMatchers(rule.source_matchers, rule.source_match, rule.source_match_re);
    const target = readMatchers(rule.target_matchers, rule.target_match, rule.target_match_re);
    const equal: string[] = rule.equal ?? [];
    for (const t of alerts.filter((a) => matchesAll(target, a.labels))) {
      // Alertmanager's hasEqual: a target that matches both sides is not silenced by a source that does too.
      const twoSided = matchesAll(source, t.labels);
      for (const s of alerts.filter((a) => a !== t && matchesAll(source, a.labels) && !(twoSided && matchesAll(target, a.labels)))) {
        const clash = equal.some((l) => !mayBeEqual(valueOf(s, l), valueOf(t, l)));
        if (!clash) (out[t.name] ??= []).includes(s.name) || out[t.name].push(s.name);
      }
    }
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

const FROM_SERIES = Symbol('from the series');
const ABSENT = Symbol('absent');

function valueOf(a: Labelled, label: string): string | symbol {
  return a.labels[label] ?? (a.series.includes(label) ? FROM_SERIES : ABSENT);
}

/** A series' label is some non-empty value: it may equal a fixed value or another series' label, never an absent one. */
function mayBeEqual(a: string | symbol, b: string | symbol): boolean {
  if (a === FROM_SERIES || b === FROM_SERIES) return a !== ABSENT && b !== ABSENT;
  return a === b;
}

function readScrapeJob(job: Yaml, global: Yaml): ScrapeJobModel {
  const module = job.params?.module?.[0];
  return {
    name: job.job_name,
    targets: (job.static_configs ?? []).flatMap((c: Yaml) => c.targets ?? []),
    interval: job.scrape_interval ?? global.scrape_interval ?? '1m',
    timeout: job.scrape_timeout ?? global.scrape_timeout ?? '10s',
    metricsPath: job.metrics_path ?? '/metrics',
    scheme: job.scheme ?? 'http',
    ...(job.metrics_path === '/probe' && module ? { module } : {}),
  };
}

function readDashboards(dir: string): DashboardModel[] {
  return readWrittenDashboards(dir).map(({ folder, json }) => ({
    uid: json.uid,
    title: json.title,
    folder,
    panels: jsonPanels(json)
      .filter((p) => p.type !== 'row')
      .map(readPanel),
  }));
}

function readPanel(p: Yaml): PanelModel {
  const defaults = p.fieldConfig?.defaults ?? {};
  return {
    title: p.title ?? '',
    type: p.type ?? '',
    unit: defaults.unit ?? '',
    queries: (p.targets ?? []).map((t: Yaml) => t.expr).filter((e: unknown) => typeof e === 'string').map(normalizePromQL),
    thresholds: (defaults.thresholds?.steps ?? []).filter((s: Yaml) => s.value !== null && s.value !== undefined).map((s: Yaml) => `${s.value} ${s.color}`),
  };
}

/** Image → tag, of the Docker images of cdk.tf.json and the images the Kubernetes manifests run. */
function readImages(dir: string, yaml: YamlFiles): Record<string, string> {
  const terraform = path.join(dir, 'cdk.tf.json');
  const images: Record<string, Yaml> = fs.existsSync(terraform) ? (JSON.parse(fs.readFileSync(terraform, 'utf8')).resource?.docker_image ?? {}) : {};
  const refs = [...Object.values(images).map((i) => String(i.name)), ...kubernetesImages(path.join(dir, 'kubernetes'), yaml)];
  return Object.fromEntries(
    refs.map((ref) => {
      const at = ref.lastIndexOf(':');
      return at > ref.lastIndexOf('/') ? [ref.slice(0, at), ref.slice(at + 1)] : [ref, 'latest'];
    }),
  );
}

/** The servers' images (Prometheus, Alertmanager resources) and the containers' of Deployments, from a Kubernetes stack's manifests. */
function kubernetesImages(dir: string, yaml: YamlFiles): string[] {
  const kinds: Record<string, (o: Yaml) => string[]> = {
    prometheus: (o) => [o.spec?.image],
    alertmanager: (o) => [o.spec?.image],
    deployment: (o) => (o.spec?.template?.spec?.containers ?? []).map((c: Yaml) => c.image),
  };
  return Object.entries(kinds).flatMap(([kind, images]) =>
    yamlFiles(path.join(dir, kind), '.yaml').flatMap((f) => images(yaml.read(path.join(dir, kind, f))).filter((i): i is string => typeof i === 'string')),
  );
}

function readTests(dir: string, yaml: YamlFiles): Record<string, AlertTestCase[]> {
  const out: Record<string, AlertTestCase[]> = {};
  for (const f of yamlFiles(dir)) {
    for (const test of yaml.read(path.join(dir, f))?.tests ?? []) {
      const byAlert = new Map<string, { fires: string[]; silent: string[] }>();
      for (const c of test.alert_rule_test ?? []) {
        const entry = byAlert.get(c.alertname) ?? { fires: [], silent: [] };
        (c.exp_alerts?.length ? entry.fires : entry.silent).push(String(c.eval_time));
        byAlert.set(c.alertname, entry);
      }
      for (const [alert, { fires, silent }] of byAlert) (out[alert] ??= []).push({ name: test.name, firesAt: fires, silentAt: silent });
    }
  }
  return out;
}
