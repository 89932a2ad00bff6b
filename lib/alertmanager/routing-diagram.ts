import { Route, Receiver } from './config';
import { describeMatchers, resolveRoutes } from './routing';
import { RoutedAlert } from './validate';

/**
 * The routing tree as a Mermaid flowchart, which code hosts draw in markdown:
 * one box per route (its matchers and how many alerts pass through it), one
 * rounded box per receiver, an arrow from each route that names a receiver,
 * dotted arrows out of routes with `continue`.
 */
export function renderRoutingDiagram(root: Route, receivers: readonly Receiver[], alerts: readonly RoutedAlert[]): string {
  const ids = new Map<Route, string>();
  const through = new Map<Route, number>();
  for (const alert of alerts) {
    const passed = new Set(resolveRoutes(root, alert.labels).flatMap((m) => [root, ...m.trail]));
    for (const route of passed) through.set(route, (through.get(route) ?? 0) + 1);
  }
  const receiverId = new Map(receivers.map((r, i) => [r.name, `recv${i}`]));
  const lines = ['flowchart LR'];
  const visit = (route: Route, parent: string | undefined) => {
    const id = `route${ids.size}`;
    ids.set(route, id);
    const n = through.get(route) ?? 0;
    const title = parent ? describeMatchers(route.matchers) : 'root';
    lines.push(`  ${id}["${escape(title)}<br/>${n} alert${n === 1 ? '' : 's'}"]`);
    if (parent) lines.push(`  ${parent} ${route.continue ? '-. continue .->' : '-->'} ${id}`);
    if (route.receiver) lines.push(`  ${id} --> ${receiverId.get(route.receiver) ?? 'missing'}`);
    for (const child of route.routes ?? []) visit(child, id);
  };
  visit(root, undefined);
  for (const r of receivers) lines.push(`  ${receiverId.get(r.name)}(["${escape(r.name)}: ${integrations(r)}"])`);
  return lines.join('\n');
}

function integrations(r: Receiver): string {
  const kinds = (['pagerduty', 'slack', 'email', 'webhook'] as const).filter((k) => r[k]?.length);
  return kinds.length ? kinds.join(' + ') : 'drops alerts';
}

/** Mermaid's entity codes for what would end a label or start markup. */
function escape(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}
