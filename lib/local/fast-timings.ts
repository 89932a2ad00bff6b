import { AlertmanagerConfig, Route, heartbeatRoute, isHeartbeatPath, matchesAll } from '../alertmanager';
import { AlertOverrides } from '../prometheus';
import { Duration } from '../promql';
import { LocalizableEnvironment } from './profile';

/** What a fast run shortens. */
export interface FastTimings {
  /** Every scrape (probes included) and every rule evaluation. @default '1s' */
  readonly interval?: Duration;
  /** The alerts to give a short `for`, and how short. */
  readonly alertsFor: Readonly<Record<string, Duration>>;
  /** Alertmanager's group_wait and group_interval on every route that sets them. @default '1s' and '2s' */
  readonly groupWait?: Duration;
  readonly groupInterval?: Duration;
  /** The heartbeat's period (its route's group_interval; repeat_interval half of it). @default '2s' */
  readonly heartbeatEvery?: Duration;
}

interface TimedEnvironment extends LocalizableEnvironment {
  readonly scrapeInterval: Duration;
  readonly evaluationInterval: Duration;
  readonly alertResendDelay?: Duration;
  readonly alertOverrides?: AlertOverrides;
}

/**
 * The environment with test timings, as typed overrides: short scrape and
 * evaluation intervals, short `for` on the named alerts (through the
 * environment's alert overrides, so synth's checks hold), short grouping in
 * Alertmanager. Thresholds, routes and inhibitions stay as deployed.
 */
export function withFastTimings<E extends TimedEnvironment>(env: E, timings: FastTimings): E {
  const interval = timings.interval ?? '1s';
  const overrides: Record<string, object> = { ...(env.alertOverrides ?? {}) };
  for (const [alert, forDuration] of Object.entries(timings.alertsFor)) overrides[alert] = { ...(overrides[alert] ?? {}), for: forDuration };
  return {
    ...env,
    scrapeInterval: interval,
    evaluationInterval: interval,
    // Alertmanager holds a firing alert 4 × this after Prometheus' last word: a stopped Prometheus shows within seconds.
    alertResendDelay: interval,
    scrapeConfigs: env.scrapeConfigs.map((job) => ({ ...job, ...(job.scrapeInterval ? { scrapeInterval: interval } : {}), ...(job.scrapeTimeout ? { scrapeTimeout: interval } : {}) })),
    alertOverrides: overrides,
    alertmanager: withFastHeartbeat(withGrouping(env.alertmanager, timings.groupWait ?? '1s', timings.groupInterval ?? '2s'), timings.heartbeatEvery ?? '2s'),
  };
}

/** The heartbeat's route (the first, as synth checks) made again with the short period. */
function withFastHeartbeat(config: AlertmanagerConfig, every: Duration): AlertmanagerConfig {
  const heartbeat = config.heartbeat;
  const [first, ...rest] = config.route.routes ?? [];
  if (!isHeartbeatPath(heartbeat) || !first || !matchesAll(first.matchers, { alertname: heartbeat.alert })) return config;
  const { groupInterval, repeatInterval } = heartbeatRoute({ ...heartbeat, every });
  return { ...config, route: { ...config.route, routes: [{ ...first, groupInterval, repeatInterval }, ...rest] } };
}

function withGrouping(config: AlertmanagerConfig, groupWait: Duration, groupInterval: Duration): AlertmanagerConfig {
  const visit = (route: Route, root: boolean): Route => ({
    ...route,
    ...(root || route.groupWait ? { groupWait } : {}),
    ...(root || route.groupInterval ? { groupInterval } : {}),
    ...(route.routes ? { routes: route.routes.map((r) => visit(r, false)) } : {}),
  });
  return { ...config, route: visit(config.route, true) };
}
