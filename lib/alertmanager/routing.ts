import { matcherMatches } from '../promql';
import { AlertMatchers, Route } from './config';

/** A route an alert ends at, with the path from the root for messages. */
export interface MatchedRoute {
  readonly receiver: string;
  /** E.g. `root > {service="internet-id"} > {severity="critical"}`. */
  readonly path: string;
  /** The receiver is the root's default: no route below the root claimed the alert with a receiver of its own. */
  readonly fellThrough: boolean;
  /** The routes the alert went through below the root, the matched one last. */
  readonly trail: readonly Route[];
}

/** Whether a label set satisfies every matcher (a missing label is the empty string, as in Alertmanager). */
export function matchesAll(matchers: AlertMatchers = {}, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(matchers).every(([label, m]) =>
    matcherMatches(typeof m === 'string' ? { label, op: '=', value: m } : { label, op: m.op, value: m.value }, labels[label]),
  );
}

/**
 * Alertmanager's routing: depth first; the first matching child wins unless it
 * has `continue`; a route none of whose children match takes the alert itself.
 * Receivers are inherited from the parent.
 */
export function resolveRoutes(root: Route, labels: Readonly<Record<string, string>>): MatchedRoute[] {
  const walk = (route: Route, receiver: string | undefined, path: string, trail: readonly Route[]): MatchedRoute[] => {
    const matched: MatchedRoute[] = [];
    for (const child of route.routes ?? []) {
      if (!matchesAll(child.matchers, labels)) continue;
      matched.push(...walk(child, child.receiver ?? receiver, `${path} > ${describeMatchers(child.matchers)}`, [...trail, child]));
      if (!child.continue) break;
    }
    // `receiver` is undefined until a route below the root sets one: then the root's default applies.
    return matched.length ? matched : [{ receiver: receiver ?? root.receiver ?? '', path, fellThrough: receiver === undefined, trail }];
  };
  return walk(root, undefined, 'root', []);
}

export function describeMatchers(matchers: AlertMatchers = {}): string {
  const parts = Object.entries(matchers).map(([l, m]) => (typeof m === 'string' ? `${l}="${m}"` : `${l}${m.op}"${m.value}"`));
  return `{${parts.join(',')}}`;
}

/** Every route of the tree with its path, root first. */
export function allRoutes(root: Route): { route: Route; path: string }[] {
  const out: { route: Route; path: string }[] = [];
  const visit = (route: Route, path: string) => {
    out.push({ route, path });
    for (const child of route.routes ?? []) visit(child, `${path} > ${describeMatchers(child.matchers)}`);
  };
  visit(root, 'root');
  return out;
}
