import { parse } from 'yaml';
import { AlertmanagerConfig, renderRoutingDiagram, resolveRoutes } from '../../lib';
import { stackFiles } from '../util/fixtures';
import { parseMermaidBlocks } from './mermaid';

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered YAML */
describe('routing.md routing tree', () => {
  const files = stackFiles();
  const [diagram] = parseMermaidBlocks(files.get('alertmanager/routing.md') ?? '');
  const config = parse(files.get('alertmanager/alertmanager.yml') ?? '');

  it('is a flowchart mermaid parses', () => {
    expect(diagram.type).toBe('flowchart-v2');
  });

  it('has a box for every receiver, naming its integrations', () => {
    for (const r of config.receivers) {
      const kinds = Object.keys(r).filter((k) => k.endsWith('_configs')).map((k) => k.replace('_configs', ''));
      const box = diagram.vertices.find((v) => v.text.startsWith(`${r.name}: `));
      expect(box?.text).toBe(`${r.name}: ${kinds.length ? kinds.join(' + ') : 'drops alerts'}`);
    }
  });

  it('has a box for every route, its matchers and its place in the tree', () => {
    const routes: { matchers: string; parent?: string; receiver?: string }[] = [];
    const visit = (route: any, parent?: string) => {
      const matchers = parent === undefined ? 'root' : `{${(route.matchers ?? []).join(',')}}`;
      routes.push({ matchers, parent, receiver: route.receiver });
      for (const child of route.routes ?? []) visit(child, matchers);
    };
    visit(config.route);
    const routeBoxes = diagram.vertices.filter((v) => v.id.startsWith('route'));
    expect(routeBoxes).toHaveLength(routes.length);
    routes.forEach((route, i) => {
      const box = diagram.vertices.find((v) => v.id === `route${i}`);
      expect(box?.text.split('\n')[0]).toBe(route.matchers);
      const parentEdge = diagram.edges.filter((e) => e.end === `route${i}`);
      expect(parentEdge).toHaveLength(route.parent === undefined ? 0 : 1);
      const toReceiver = diagram.edges.filter((e) => e.start === `route${i}` && e.end.startsWith('recv'));
      const names = toReceiver.map((e) => diagram.vertices.find((v) => v.id === e.end)?.text.split(':')[0]);
      expect(names).toEqual(route.receiver ? [route.receiver] : []);
    });
  });

  it('counts the alerts passing through each route: all at the root, each team its own', () => {
    const count = (box: string) => Number(/\n(\d+) alerts?$/.exec(diagram.vertices.find((v) => v.text.startsWith(`${box}\n`))?.text ?? '')?.[1]);
    const rows = (files.get('alertmanager/routing.md') ?? '').split('\n').filter((l) => /^\| [A-Z]/.test(l));
    expect(count('root')).toBe(rows.length);
    expect(count('{team="canvascast"}')).toBe(rows.filter((l) => l.includes('{team="canvascast"}')).length);
    expect(count('{team="canvascast"}')).toBeGreaterThan(0);
  });

  it('draws continue as a dotted arrow, and counts an alert on each route it continues through', () => {
    const config: AlertmanagerConfig = {
      route: {
        receiver: 'all',
        routes: [
          { matchers: { severity: 'critical' }, receiver: 'pager', continue: true },
          { matchers: { team: 'shop' }, receiver: 'shop "chat"' },
        ],
      },
      receivers: [{ name: 'all' }, { name: 'pager', pagerduty: [{ routingKeyFile: '/k' }] }, { name: 'shop "chat"', slack: [{ apiUrlFile: '/u', channel: '#shop' }] }],
    };
    const alerts = [{ name: 'A', labels: { severity: 'critical', team: 'shop' } }, { name: 'B', labels: { severity: 'warning', team: 'shop' } }];
    expect(resolveRoutes(config.route, alerts[0].labels).map((r) => r.receiver)).toEqual(['pager', 'shop "chat"']);
    const [d] = parseMermaidBlocks('```mermaid\n' + renderRoutingDiagram(config.route, config.receivers, alerts) + '\n```\n');
    expect(d.vertices.map((v) => v.text)).toEqual(['root\n2 alerts', 'all: drops alerts', '{severity="critical"}\n1 alert', 'pager: pagerduty', '{team="shop"}\n2 alerts', 'shop "chat": slack']);
    expect(d.edges.map((e) => `${e.start}>${e.end}:${e.stroke}${e.text ? `:${e.text}` : ''}`)).toEqual([
      'route0>recv0:normal',
      'route0>route1:dotted:continue',
      'route1>recv1:normal',
      'route0>route2:normal',
      'route2>recv2:normal',
    ]);
  });
});
