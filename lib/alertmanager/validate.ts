import { ALERTMANAGER_TEMPLATE_FUNCTIONS, goTemplateProblem } from '../gotemplate';
import { durationProblem, hostPortProblem } from '../promql';
import { AlertmanagerConfig, AlertmanagerVersion, InhibitRule, Receiver, Route, configVersion } from './config';
import { heartbeatProblems, isHeartbeatPath } from './heartbeat';
import { pagingProblems } from './without-paging';
import { allRoutes, describeMatchers, matchesAll, resolveRoutes } from './routing';
import { equalLabelProblems, matcherProblems, routeSettingProblems } from './settings';
import { timeIntervalProblems } from './time-intervals';

/** An alert as Alertmanager receives it: its static labels (rule, pack and external labels, alertname). */
export interface RoutedAlert {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Labels the firing series carries from its expression (`instance`, `job`…), beside the static ones. @default none */
  readonly seriesLabels?: readonly string[];
}

const SECRET_KEYS = ['routingKey', 'serviceKey', 'apiUrl', 'authPassword', 'password', 'token', 'credentials'];
/** The first release with top-level `time_intervals` and routes' `active_time_intervals`. */
const TIME_INTERVALS_SINCE: AlertmanagerVersion = '0.24';
/** The first release with a working webhook `url_file`. */
const WEBHOOK_URL_FILE_SINCE: AlertmanagerVersion = '0.28';

/** Problems of the config itself, then of how it fits the alerts of every rule pack. */
export function alertmanagerProblems(config: AlertmanagerConfig, alerts: readonly RoutedAlert[]): string[] {
  const own = configProblems(config);
  // A broken tree routes nothing right: report it, not the echoes of routing over it.
  return own.length ? own : [...crossCheckProblems(config, alerts), ...heartbeatProblems(config, alerts), ...pagingProblems(config)];
}

function configProblems(config: AlertmanagerConfig): string[] {
  const problems: string[] = [];
  const version = configVersion(config);
  for (const { route, path } of allRoutes(config.route)) problems.push(...routeSettingProblems(route, path, route === config.route));
  for (const rule of config.inhibitRules ?? []) {
    const where = `inhibit rule "${rule.name}"`;
    problems.push(...matcherProblems(rule.sourceMatchers, `${where} source`), ...matcherProblems(rule.targetMatchers, `${where} target`), ...equalLabelProblems(rule.equal, where));
  }
  if (!/^\d+\.\d+$/.test(version)) problems.push(`version ${JSON.stringify(version)} must be an Alertmanager release as major.minor, e.g. 0.28`);
  const receivers = new Map(config.receivers.map((r) => [r.name, r]));
  const names = config.receivers.map((r) => r.name);
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i))) problems.push(`receiver ${name} is defined twice`);
  if (names.some((n) => !n?.trim())) problems.push('a receiver has an empty name; name it');
  if (!config.route.receiver) problems.push('the root route has no receiver; every alert needs a default destination');
  if (config.route.matchers && Object.keys(config.route.matchers).length) problems.push('the root route has matchers; it must match every alert');
  const intervals = new Set((config.timeIntervals ?? []).map((t) => t.name));
  const used = new Set<string>();
  for (const { route, path } of allRoutes(config.route)) {
    if (route.receiver) {
      used.add(route.receiver);
      if (!receivers.has(route.receiver)) problems.push(`route ${path} uses receiver ${route.receiver}, which is not defined; define it under receivers or fix the name`);
    }
    for (const interval of [...(route.muteTimeIntervals ?? []), ...(route.activeTimeIntervals ?? [])]) {
      if (!intervals.has(interval)) problems.push(`route ${path} uses time interval ${interval}, which is not defined`);
    }
  }
  const treeIsSound = problems.length === 0;
  for (const r of config.receivers) {
    if (treeIsSound && !used.has(r.name)) problems.push(`receiver ${r.name} is not used by any route; route alerts to it or remove it`);
    problems.push(...receiverProblems(r, version, config.global?.smtp !== undefined));
  }
  const resolveProblem = config.global?.resolveTimeout === undefined ? undefined : durationProblem(config.global.resolveTimeout);
  if (resolveProblem) problems.push(`global.resolveTimeout: ${resolveProblem}`);
  const smtp = config.global?.smtp;
  const needs = (since: AlertmanagerVersion, what: string) => {
    if (olderThan(version, since)) problems.push(`${what} needs Alertmanager ${since} or later and this config is for ${version}; set version, or do without`);
  };
  if (config.timeIntervals?.length) needs(TIME_INTERVALS_SINCE, 'time_intervals');
  if (allRoutes(config.route).some(({ route }) => route.activeTimeIntervals?.length)) needs(TIME_INTERVALS_SINCE, 'active_time_intervals');
  if (smtp?.authUsername && !smtp.authPasswordFile) problems.push('global.smtp has authUsername but no authPasswordFile; mount the password as a file');
  problems.push(...plainSecrets(config.global ?? {}, 'global'));
  if (smtp) {
    const smarthostProblem = hostPortProblem(smtp.smarthost);
    if (smarthostProblem) problems.push(`global.smtp.smarthost ${smarthostProblem}, e.g. smtp.example.com:587`);
    if (!/^[^@\s]+@[^@\s]+$/.test(smtp.from ?? '')) problems.push(`global.smtp.from ${JSON.stringify(smtp.from)} is not an email address`);
  }
  for (const t of config.timeIntervals ?? []) problems.push(...timeIntervalProblems(t));
  const intervalNames = (config.timeIntervals ?? []).map((t) => t.name);
  for (const name of new Set(intervalNames.filter((n, i) => intervalNames.indexOf(n) !== i))) problems.push(`time interval ${JSON.stringify(name)} is defined twice`);
  for (const rule of config.inhibitRules ?? []) {
    if (rule.equal.length === 0) problems.push(`inhibit rule "${rule.name}" has no equal labels: any source would silence every target everywhere`);
  }
  return problems;
}

function receiverProblems(r: Receiver, version: AlertmanagerVersion, hasSmtp: boolean): string[] {
  const where = `receiver ${r.name}`;
  const problems = plainSecrets(r, where);
  const absolute = (path: string | undefined, field: string) => {
    if (!path?.startsWith('/')) problems.push(`${where}: ${field} must be the absolute path of a mounted secret file`);
  };
  for (const p of r.pagerduty ?? []) absolute(p.routingKeyFile, 'routingKeyFile');
  for (const s of r.slack ?? []) {
    absolute(s.apiUrlFile, 'apiUrlFile');
    if (!/^[#@]\S+$/.test(s.channel)) problems.push(`${where}: Slack channel ${JSON.stringify(s.channel)} must start with # or @`);
    for (const [field, text] of [['title', s.title], ['text', s.text]] as const) {
      // Alertmanager parses these only when it sends: a broken one loses the notification, not the config load.
      const problem = text === undefined ? undefined : goTemplateProblem(text, { functions: ALERTMANAGER_TEMPLATE_FUNCTIONS });
      if (problem) problems.push(`${where}: Slack ${field} template ${JSON.stringify(text)} does not parse as Alertmanager's: ${problem}`);
    }
  }
  for (const p of r.pagerduty ?? []) {
    const hostProblem = p.url === undefined ? undefined : urlHostProblem(p.url);
    if (hostProblem) problems.push(`${where}: PagerDuty url ${JSON.stringify(redacted(p.url ?? ''))} ${hostProblem}`);
  }
  for (const e of r.email ?? []) if (!/^[^@\s]+@[^@\s]+$/.test(e.to)) problems.push(`${where}: ${JSON.stringify(e.to)} is not an email address`);
  if (r.email?.length && !hasSmtp) problems.push(`${where} sends email, but global.smtp is not set; set global.smtp (from, smarthost)`);
  for (const w of r.webhook ?? []) {
    if ((w.url === undefined) === (w.urlFile === undefined)) {
      problems.push(`${where}: a webhook needs exactly one of url and urlFile`);
    } else if (w.url !== undefined) {
      const hostProblem = urlHostProblem(w.url);
      if (hostProblem) problems.push(`${where}: webhook URL ${JSON.stringify(redacted(w.url))} ${hostProblem}`);
      else if (/[?&](token|key|secret|signature)=/i.test(w.url)) {
        problems.push(`${where}: webhook URL ${JSON.stringify(redacted(w.url))} must be a plain http(s) URL with no credentials; put the token in credentialsFile, or the whole URL in a file named by urlFile`);
      }
    } else {
      absolute(w.urlFile, 'urlFile');
      if (olderThan(version, WEBHOOK_URL_FILE_SINCE)) {
        problems.push(
          `${where}: webhook urlFile needs Alertmanager ${WEBHOOK_URL_FILE_SINCE} or later (0.26 added url_file, 0.28 fixed a crash with it) ` +
            `and this config is for ${version}; set version, or use url with credentialsFile`,
        );
      }
    }
    if (w.credentialsFile !== undefined) absolute(w.credentialsFile, 'credentialsFile');
  }
  return problems;
}

/**
 * Alertmanager's parseURL: an http(s) scheme and a host (Go's url.Parse
 * gives `http:///x` an empty host, which Alertmanager refuses); a port, when
 * given, one that can be dialled.
 */
function urlHostProblem(url: string): string | undefined {
  const match = /^https?:\/\/([^/?#\s@]*)(?:[/?#]\S*)?$/i.exec(url);
  if (!match) return 'must be a plain http(s) URL, e.g. https://hooks.example.com/alert';
  if (!match[1]) return 'has no host; Alertmanager refuses it';
  const port = /:(\d*)$/.exec(match[1].replace(/^\[.*\]/, ''))?.[1];
  if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535)) return `has port ${JSON.stringify(port)}; a port is a number from 1 to 65535`;
  return undefined;
}

/** A URL with its query values hidden: a message must not print the token it warns about. */
function redacted(url: string): string {
  return url.replace(/([?&][^=&#]*=)[^&#]*/g, '$1…');
}

/** Whether release `a` is older than release `b` (both `major.minor`). */
function olderThan(a: AlertmanagerVersion, b: AlertmanagerVersion): boolean {
  const [aMajor, aMinor] = a.split('.').map(Number);
  const [bMajor, bMinor] = b.split('.').map(Number);
  return aMajor !== bMajor ? aMajor < bMajor : aMinor < bMinor;
}

/** A secret typed in as a value instead of a `*File` path. */
function plainSecrets(value: object, where: string): string[] {
  const found: string[] = [];
  const visit = (v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path.replace(/\.$/, '')}[${i}].`));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (SECRET_KEYS.includes(k)) found.push(`${where}: ${path}${k} is a plain-text secret; remove it and use the matching *File setting with a mounted secret file`);
        visit(x, `${path}${k}.`);
      }
    }
  };
  visit(value, '');
  return found;
}

/** Every alert reaches a real receiver, every severity has a route, every route and inhibition is used. */
function crossCheckProblems(config: AlertmanagerConfig, alerts: readonly RoutedAlert[]): string[] {
  const problems: string[] = [];
  const receivers = new Map(config.receivers.map((r) => [r.name, r]));
  const isNull = (name: string) => {
    const r = receivers.get(name);
    return !r || ![r.pagerduty, r.slack, r.email, r.webhook].some((c) => c?.length);
  };
  const reached = new Set<Route>();
  // Severity none is the heartbeat's: routed by name (heartbeatProblems), never by severity.
  const bySeverity = alerts.filter((a) => a.labels.severity !== 'none');
  const routedSeverities = new Set(bySeverity.map((a) => a.labels.severity).filter((severity) => severityRouted(config, severity)));
  // Without a switch, nobody hears the heartbeat, and that is what the environment declared.
  const unheard = (a: RoutedAlert) => a.labels.severity === 'none' && config.heartbeat !== undefined && !isHeartbeatPath(config.heartbeat);
  for (const alert of alerts) {
    const routes = resolveRoutes(config.route, alert.labels);
    for (const r of routes) r.trail.forEach((route) => reached.add(route));
    if (unheard(alert)) {
      // Declared unheard: an always-firing alert at a real receiver would notify it forever.
      if (!routes.every((r) => isNull(r.receiver))) problems.push(`alert ${alert.name} (severity none) reaches ${routes.map((r) => r.receiver).join(', ')}, but this environment declares no heartbeat; route it to a receiver without integrations`);
      continue;
    }
    if (routes.every((r) => isNull(r.receiver))) {
      problems.push(`alert ${alert.name} (${describeMatchers(alert.labels)}) reaches only ${routes.map((r) => `${r.receiver} via ${r.path}`).join(', ')}, which notifies nobody; add a route for it`);
    } else if (routes.every((r) => r.fellThrough) && routedSeverities.has(alert.labels.severity)) {
      // The root's receiver catches what the tree forgot: a real alert landing there is a missing route, not a choice.
      problems.push(
        `alert ${alert.name} (${describeMatchers(alert.labels)}) is claimed by no route and falls through to the root receiver ${config.route.receiver} via ${routes.map((r) => r.path).join(', ')}; add a route for its team or service and severity`,
      );
    }
  }
  for (const severity of new Set(bySeverity.map((a) => a.labels.severity))) {
    if (!routedSeverities.has(severity)) {
      const names = bySeverity.filter((a) => a.labels.severity === severity).map((a) => a.name);
      problems.push(`severity ${JSON.stringify(severity)} has no route (alerts ${someOf(names)}); add a route on severity="${severity}"`);
    }
  }
  for (const { route, path } of allRoutes(config.route).slice(1)) {
    if (reached.has(route)) continue;
    const shadowed = alerts.filter((a) => pathMatches(config.route, route, a.labels)).map((a) => a.name);
    problems.push(
      shadowed.length
        ? `route ${path} is never reached: the alerts it matches (${shadowed.join(', ')}) are all taken by an earlier sibling; move it before that sibling, or remove it`
        : `route ${path} matches no alert of any rule pack; remove it or fix its matchers`,
    );
  }
  for (const rule of config.inhibitRules ?? []) {
    const unmatched = (['source', 'target'] as const).filter((side) => !alerts.some((a) => matchesAll(sideMatchers(rule, side), a.labels)));
    for (const side of unmatched) problems.push(`inhibit rule "${rule.name}": its ${side} ${describeMatchers(sideMatchers(rule, side))} matches no alert of any rule pack`);
    if (!unmatched.length) problems.push(...equalCarriedProblems(rule, alerts));
  }
  return problems;
}

function sideMatchers(rule: InhibitRule, side: 'source' | 'target') {
  return side === 'source' ? rule.sourceMatchers : rule.targetMatchers;
}

/**
 * Alertmanager compares an absent `equal` label as the empty string: an
 * alert lacking it is "equal" to every other alert lacking it, which widens
 * the inhibition beyond what the rule says (a misspelt label silences everything).
 */
function equalCarriedProblems(rule: InhibitRule, alerts: readonly RoutedAlert[]): string[] {
  const where = `inhibit rule "${rule.name}"`;
  const carries = (a: RoutedAlert, label: string) => label in a.labels || (a.seriesLabels ?? []).includes(label);
  const problems = (rule.mayBeAbsent ?? []).filter((l) => !rule.equal.includes(l)).map((l) => `${where}: mayBeAbsent lists ${JSON.stringify(l)}, which is not in equal`);
  for (const label of rule.equal) {
    const selected = (['source', 'target'] as const).map((side) => ({ side, alerts: alerts.filter((a) => matchesAll(sideMatchers(rule, side), a.labels)) }));
    const lacking = selected.map(({ side, alerts: chosen }) => ({ side, names: chosen.filter((a) => !carries(a, label)).map((a) => a.name) }));
    if (selected.every(({ alerts: chosen }) => chosen.every((a) => !carries(a, label)))) {
      problems.push(`${where}: equal label "${label}" is carried by no alert its matchers select, so it is equal (empty) everywhere and restricts nothing; fix the name or remove it`);
    } else if (!rule.mayBeAbsent?.includes(label) && lacking.some((l) => l.names.length)) {
      const list = lacking.filter((l) => l.names.length).map((l) => `${l.names.join(', ')} (${l.side})`);
      problems.push(
        `${where}: equal label "${label}" is not carried by ${list.join(' and ')}; an alert without it is equal to every other alert without it, so among those the rule ignores ${label}; ` +
          `carry the label, narrow the matchers, or list it in mayBeAbsent`,
      );
    }
  }
  return problems;
}

/** Whether any route of the tree matches on this severity (a missing one is the root cause of alerts falling through). */
function severityRouted(config: AlertmanagerConfig, severity: string | undefined): boolean {
  return allRoutes(config.route).some(({ route }) => route.matchers?.severity !== undefined && matchesAll({ severity: route.matchers.severity }, { severity: severity ?? '' }));
}

/** Whether a label set satisfies the matchers of `target` and of every route above it. */
function pathMatches(root: Route, target: Route, labels: Readonly<Record<string, string>>): boolean {
  const visit = (route: Route): boolean | undefined => {
    if (route === target) return matchesAll(route.matchers, labels);
    for (const child of route.routes ?? []) {
      const found = visit(child);
      if (found !== undefined) return found && matchesAll(route.matchers, labels);
    }
    return undefined;
  };
  return visit(root) ?? false;
}

/** At most ten names, then how many more: a message about a thousand alerts stays readable. */
function someOf(names: readonly string[]): string {
  return names.length <= 10 ? names.join(', ') : `${names.slice(0, 10).join(', ')} and ${names.length - 10} more`;
}
