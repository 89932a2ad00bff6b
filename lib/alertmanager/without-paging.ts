import { AlertmanagerConfig, Receiver, Route } from './config';

/** Whether a receiver wakes someone up: PagerDuty is the paging integration of the typed config. */
export const pages = (receiver: Receiver): boolean => (receiver.pagerduty ?? []).length > 0;

/**
 * The same routing with nobody paged: every route to a receiver that pages goes
 * to `instead` (a staging channel), the paging receivers are left out, and the
 * config says why (`neverPages`), so synth keeps it that way and routing.md
 * tells the reader. Groupings, timings, inhibitions and the heartbeat stay as
 * they are: staging routes like production, it only pages nobody.
 */
export function withoutPaging(config: AlertmanagerConfig, instead: Receiver, why: string): AlertmanagerConfig {
  const paging = new Set(config.receivers.filter(pages).map((r) => r.name));
  const redirect = (route: Route): Route => ({
    ...route,
    ...(route.receiver !== undefined && paging.has(route.receiver) ? { receiver: instead.name } : {}),
    ...(route.routes ? { routes: route.routes.map(redirect) } : {}),
  });
  return { ...config, route: redirect(config.route), receivers: [...config.receivers.filter((r) => !paging.has(r.name)), instead], neverPages: why };
}

/** An environment that never pages has no receiver that does. */
export function pagingProblems(config: AlertmanagerConfig): string[] {
  if (config.neverPages === undefined) return [];
  // (A receiver withoutPaging adds under a name already taken is the config's own "defined twice" problem.)
  return config.receivers
    .filter(pages)
    .map((r) => `alertmanager receiver ${r.name}: pages through PagerDuty, but this environment never pages (${config.neverPages}); send its alerts to a channel instead (withoutPaging)`);
}
