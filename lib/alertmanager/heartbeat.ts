import { Duration, durationMs, durationProblem } from '../promql';
import { AlertmanagerConfig, HeartbeatPath, NoHeartbeat, Receiver, Route, WebhookConfig } from './config';
import { describeMatchers, matchesAll, resolveRoutes } from './routing';
import type { RoutedAlert } from './validate';

/** Longest heartbeat period: the switch should learn of a silent stack within minutes. */
const LONGEST_PERIOD_MS = 5 * 60_000;

export interface HeartbeatRouteProps {
  /** The always-firing alert. */
  readonly alert: string;
  /** The switch's receiver (see {@link heartbeatReceiver}). */
  readonly receiver: string;
  /** How often a heartbeat goes out, at most 5m; the switch should expect it this often, plus grace. @default '1m' */
  readonly every?: Duration;
}

/**
 * The route that must come first in the tree: the heartbeat alert by name, to
 * the switch, every `every`. Alertmanager re-sends an unchanged group at the
 * first group_interval tick after repeat_interval has passed since it last
 * sent; with repeat_interval at half of group_interval that is every tick.
 * No group_wait: the first heartbeat goes out as soon as the alert arrives.
 */
export function heartbeatRoute(props: HeartbeatRouteProps): Route {
  const every = props.every ?? '1m';
  // Shorter than group_interval, so that every tick sends (see HeartbeatTiming).
  const halfMs = durationProblem(every) ? 0 : Math.max(1, Math.floor(durationMs(every) / 2));
  const half = (halfMs === 0 ? every : halfMs % 1000 === 0 ? `${halfMs / 1000}s` : `${halfMs}ms`) as Duration;
  return { matchers: { alertname: props.alert }, receiver: props.receiver, groupBy: ['alertname'], groupWait: '0s', groupInterval: every, repeatInterval: half };
}

/** A receiver for the switch: its webhooks, without resolved messages. */
export function heartbeatReceiver(name: string, webhooks: readonly WebhookConfig[]): Receiver {
  return { name, webhook: webhooks.map((w) => ({ ...w, sendResolved: false })) };
}

export function isHeartbeatPath(heartbeat: HeartbeatPath | NoHeartbeat | undefined): heartbeat is HeartbeatPath {
  return heartbeat !== undefined && 'alert' in heartbeat;
}

/**
 * The heartbeat's path checked against the typed model: its alert is deployed
 * with severity none; the first route of the tree takes it, to its receiver
 * alone, without continue, time intervals or a period past 5m; no other alert
 * reaches that receiver; the receiver only sends webhooks, never resolved
 * ones; no inhibition can silence it.
 */
export function heartbeatProblems(config: AlertmanagerConfig, alerts: readonly RoutedAlert[]): string[] {
  const heartbeat = config.heartbeat;
  if (heartbeat === undefined) return [];
  if (!isHeartbeatPath(heartbeat)) return heartbeat.none?.trim() ? [] : ['heartbeat: none needs a reason: say why this environment has no dead man\'s switch'];
  const where = `heartbeat ${heartbeat.alert}`;
  const alert = alerts.find((a) => a.name === heartbeat.alert);
  if (!alert) return [`${where}: no rule pack has an alert ${heartbeat.alert}; deploy rules/monitoring (its Watchdog) or fix the name`];
  const problems: string[] = [];
  if (alert.labels.severity !== 'none') problems.push(`${where}: its severity is ${JSON.stringify(alert.labels.severity)}; give it severity none, so that it is routed by name alone and pages nobody`);
  problems.push(...receiverProblems(config, heartbeat));
  const first = config.route.routes?.[0];
  const routes = resolveRoutes(config.route, alert.labels);
  const fix = `make heartbeatRoute({ alert: '${heartbeat.alert}', receiver: '${heartbeat.receiver}' }) the first route of the tree`;
  if (first?.continue && matchesAll(first.matchers, alert.labels)) {
    problems.push(`${where}: its route ${describeMatchers(first.matchers)} has continue: the heartbeat would reach later routes too; remove continue`);
  } else if (!first || routes.length !== 1 || routes[0].trail[0] !== first || routes[0].receiver !== heartbeat.receiver) {
    problems.push(`${where} goes to ${routes.map((r) => `${r.receiver} via ${r.path}`).join(', ')}, not to ${heartbeat.receiver} through the first route alone; ${fix}`);
  } else {
    for (const route of routes[0].trail) {
      if (route.muteTimeIntervals?.length || route.activeTimeIntervals?.length) problems.push(`${where}: its route ${describeMatchers(route.matchers)} has time intervals: a muted heartbeat pages; remove them`);
    }
    problems.push(...periodProblems(where, config.route, routes[0].trail));
  }
  for (const other of alerts) {
    if (other.name === alert.name) continue;
    if (resolveRoutes(config.route, other.labels).some((r) => r.receiver === heartbeat.receiver)) {
      problems.push(`${where}: alert ${other.name} also reaches ${heartbeat.receiver}; the switch must hear the heartbeat alone; narrow the heartbeat route's matchers`);
    }
  }
  for (const rule of config.inhibitRules ?? []) {
    if (matchesAll(rule.targetMatchers, alert.labels)) {
      problems.push(`${where}: inhibit rule "${rule.name}" can silence it (its target ${describeMatchers(rule.targetMatchers)} matches ${describeMatchers(alert.labels)}); exclude it, e.g. with severity: not('none') in the target`);
    }
  }
  return problems;
}

function receiverProblems(config: AlertmanagerConfig, heartbeat: HeartbeatPath): string[] {
  const where = `heartbeat receiver ${heartbeat.receiver}`;
  const receiver = config.receivers.find((r) => r.name === heartbeat.receiver);
  if (!receiver) return [`${where} is not defined; define it with heartbeatReceiver()`];
  const problems: string[] = [];
  if (receiver.pagerduty?.length || receiver.slack?.length || receiver.email?.length) problems.push(`${where} pages or posts too: a heartbeat every minute is for the switch alone; keep only its webhooks`);
  if (!receiver.webhook?.length) problems.push(`${where} has no webhook; point one at the dead man's switch`);
  if (receiver.webhook?.some((w) => w.sendResolved !== false)) problems.push(`${where} sends resolved messages: the switch would take one for a heartbeat; set sendResolved: false (heartbeatReceiver() does)`);
  return problems;
}

/** The heartbeat's group_interval and repeat_interval (inherited down the trail), and the period they give. */
export interface HeartbeatTiming {
  readonly groupInterval: Duration;
  readonly repeatInterval: Duration;
  /**
   * Alertmanager sends again at the first group_interval tick at which the last
   * send (logged just after it went out) is older than repeat_interval: every
   * tick when repeat_interval is shorter than group_interval, else every
   * (floor(repeat / group) + 1) ticks.
   */
  readonly periodMs: number;
}

export function heartbeatTiming(root: Route, trail: readonly Route[]): HeartbeatTiming | undefined {
  const inherited = (field: 'groupInterval' | 'repeatInterval', fallback: Duration) => [root, ...trail].reduce<Duration>((d, r) => r[field] ?? d, fallback);
  const groupInterval = inherited('groupInterval', '5m');
  const repeatInterval = inherited('repeatInterval', '4h');
  if (durationProblem(groupInterval) || durationProblem(repeatInterval) || durationMs(groupInterval) <= 0) return undefined;
  const group = durationMs(groupInterval);
  const repeat = durationMs(repeatInterval);
  return { groupInterval, repeatInterval, periodMs: repeat < group ? group : (Math.floor(repeat / group) + 1) * group };
}

function periodProblems(where: string, root: Route, trail: readonly Route[]): string[] {
  const timing = heartbeatTiming(root, trail);
  if (!timing || timing.periodMs <= LONGEST_PERIOD_MS) return [];
  return [
    `${where}: group_interval ${timing.groupInterval} and repeat_interval ${timing.repeatInterval} send a heartbeat every ${timing.periodMs / 1000}s; at most 5m, with repeat_interval shorter than group_interval (heartbeatRoute sets both from every)`,
  ];
}
