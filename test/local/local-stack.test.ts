import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { portIsFree, portsFrom } from '../../lib/local';
import { freePortBlock, getJson, localStackForSuite, until } from '../util/local';
import { startLocalStack } from '../../demo/local-stack';
import { local } from '../../stacks/environments';
import { PREVIEW_FONT, prometheusRangeQuery } from '../../demo/preview';
import { renderDashboardSvg, svgToPng } from '../../lib/grafana/preview';

const isFree = (port: number) => portIsFree('127.0.0.1', port);

/* eslint-disable @typescript-eslint/no-explicit-any -- Prometheus' API as JSON */
describe('the local stack on the real servers', () => {
  const suite = localStackForSuite(local, 20000, 'local-stack-');

  it('scrapes every demo target and server: all up', async () => {
    const targets = await until(
      'every scrape target up (probes aside: their first scrape may be a minute away)',
      async () => ((await getJson(`${suite.stack.urls.Prometheus}/api/v1/targets`)).data.activeTargets as any[]).filter((t) => !String(t.labels.job).includes('-probe-')),
      (ts) => ts.length > 0 && ts.every((t) => t.health === 'up'),
      40_000,
    );
    expect(targets.map((t) => t.labels.job)).toEqual(expect.arrayContaining(['ik-engine', 'canvascast-api', 'dubbing-dcgm', 'internet-id-redis', 'alertmanager', 'grafana']));
  }, 60_000);

  it('answers every probe of every system through the real blackbox exporter, https included', async () => {
    const probeJobs = new Set(local.probes.map((p) => p.job));
    const probes = suite.stack.environment.scrapeConfigs.filter((j) => probeJobs.has(j.jobName)).flatMap((j) => j.targets.map((target) => ({ module: j.params?.module?.[0], target })));
    expect(probes.length).toBe(local.probes.length);
    expect(probes.some((p) => p.target.startsWith('https://127.0.0.1:'))).toBe(true);
    for (const p of probes) {
      const text = await (await fetch(`${suite.stack.urls['blackbox exporter']}/probe?module=${p.module}&target=${encodeURIComponent(p.target)}`)).text();
      expect(`${p.target} ${/^probe_success (\d)/m.exec(text)?.[1]}`).toBe(`${p.target} 1`);
    }
  });

  it('fires no alert but the heartbeat on the healthy demo traffic, and evaluates every rule without error', async () => {
    // Two evaluations after every target was scraped. An alert may be pending meanwhile: over a window
    // longer than the stack's age, rate() under-reads (InternetIdHighCPUUsage is 1 - rate(idle)), which
    // `for` rides out once the window has filled.
    await new Promise((r) => setTimeout(r, 31_000));
    const alerts = (await getJson(`${suite.stack.urls.Prometheus}/api/v1/alerts`)).data.alerts as any[];
    // The heartbeat always fires (and goes to the stand-in dead man's switch); nothing else does.
    expect(alerts.filter((a) => a.state === 'firing').map((a) => a.labels.alertname)).toEqual(['Watchdog']);
    const rules = (await getJson(`${suite.stack.urls.Prometheus}/api/v1/rules`)).data.groups as any[];
    // Only a windowed read can be pending this early: a gauge alert pending here would be a wrong demo value.
    const queryOf = (name: string) => rules.flatMap((g) => g.rules).find((r: any) => r.name === name)?.query ?? '';
    for (const a of alerts.filter((x) => x.labels.alertname !== 'Watchdog')) expect(`${a.labels.alertname}: ${queryOf(a.labels.alertname)}`).toMatch(/(\[\d+[mhd]\])|(:\w*rate\w*)/);
    expect(rules.flatMap((g) => g.rules).filter((r: any) => r.health !== 'ok').map((r: any) => `${r.name}: ${r.lastError}`)).toEqual([]);
  }, 60_000);

  it('draws a dashboard as a picture from its Prometheus: grid, titles, values, lines', async () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(suite.dataDir, 'synth', 'stacks', 'local', 'grafana', 'dashboards', 'canvascast', 'canvascast-overview.json'), 'utf8'));
    const svg = await renderDashboardSvg(dashboard, prometheusRangeQuery(suite.stack.urls.Prometheus), { endS: Math.floor(Date.now() / 1000), rangeS: 300, stepS: 5 });
    const picture = svgToPng(svg, PREVIEW_FONT);
    const bottom = Math.max(...dashboard.panels.map((p: any) => p.gridPos.y + p.gridPos.h));
    expect([picture.width, picture.height]).toEqual([1200, bottom * 30]);
    const first = dashboard.panels[0];
    expect(first.title).toBe('Requests per second');
    // Dark title text in the first panel's title strip; a coloured line in the first time series' plot.
    const pixel = (x: number, y: number) => [...picture.pixels.subarray((y * picture.width + x) * 4, (y * picture.width + x) * 4 + 3)];
    const region = (x0: number, y0: number, x1: number, y1: number) => Array.from({ length: (x1 - x0) * (y1 - y0) }, (_, i) => pixel(x0 + (i % (x1 - x0)), y0 + Math.floor(i / (x1 - x0))));
    expect(region(4, 4, 200, 22).filter(([r, g, b]) => r < 100 && g < 100 && b < 100).length).toBeGreaterThan(50);
    const series = dashboard.panels.find((p: any) => p.type === 'timeseries');
    const [x0, y0] = [series.gridPos.x * 50 + 60, series.gridPos.y * 30 + 30];
    const plot = region(x0, y0, x0 + series.gridPos.w * 50 - 80, y0 + series.gridPos.h * 30 - 80);
    expect(plot.filter(([r, g, b]) => Math.max(r, g, b) - Math.min(r, g, b) > 60).length).toBeGreaterThan(100);
    expect(svg).not.toContain('>No data<');
  });

  it('refuses to start on a taken port, naming it', async () => {
    const { base, dataDir } = suite;
    await expect(startLocalStack(local, { host: '127.0.0.1', ports: portsFrom(base), dataDir })).rejects.toThrow(
      new RegExp(`^cannot start: 127\\.0\\.0\\.1:${base} \\(Prometheus\\), 127\\.0\\.0\\.1:${base + 1} \\(Alertmanager\\), 127\\.0\\.0\\.1:${base + 2} \\(blackbox exporter\\), \\d+ more are taken`),
    );
  });
});

describe('npm start', () => {
  it('stops every server on Ctrl-C, leaving no process and no port behind', async () => {
    const base = await freePortBlock(20000);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-start-'));
    const root = path.join(__dirname, '..', '..');
    const child = spawn(process.execPath, [path.join(root, 'node_modules', 'ts-node', 'dist', 'bin.js'), '--transpile-only', 'scripts/start.ts', '--ports-from', String(base), '--data-dir', dataDir], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    try {
      await until('npm start ready', async () => output, (o) => o.includes('Ctrl-C stops everything.') || child.exitCode !== null, 50_000);
      expect(output).toContain(`Prometheus         http://127.0.0.1:${base}`);
      expect(output).toMatch(/Prometheus ready/);
      expect(await isFree(base)).toBe(false);
      // npm run fault talks to the running demo.
      const fault = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'node_modules', 'ts-node', 'dist', 'bin.js'), '--transpile-only', 'scripts/fault.ts', ...args, '--ports-from', String(base)], { cwd: root, encoding: 'utf8' });
      const injected = fault('canvascast', 'queue-depth', '250');
      expect(injected.stdout).toBe('faults in force: [{"system":"canvascast","fault":"queue-depth","value":250}]\n');
      const wrong = fault('canvascast', 'readiness-503');
      expect(wrong.status).toBe(1);
      expect(wrong.stderr).toBe('canvascast has no fault "readiness-503"; its faults: error-ratio, latency, queue-depth, job-failures, stop-target\n');
      expect(fault('clear').stdout).toBe('faults in force: []\n');
      child.kill('SIGINT');
      const code = await new Promise<number | null>((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
      expect(code).toBe(0);
      const ports = [base, base + 1, base + 2, base + 4, base + 5, base + 6, base + 10];
      expect(await Promise.all(ports.map(isFree))).toEqual(ports.map(() => true));
      // No server still runs on the files of this data directory.
      const ps = await new Promise<string>((resolve) => {
        let text = '';
        const p = spawn('ps', ['-eo', 'args']);
        p.stdout.on('data', (d) => (text += d));
        p.on('close', () => resolve(text));
      });
      expect(ps.split('\n').filter((l) => l.includes(dataDir))).toEqual([]);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
