import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RunningProcess, freePort, startProcess, waitForUrl } from '../../lib/testing';
import { System } from '../../lib';
import { alertmanagerServer, blackboxExporterServer, prometheusServer } from '../../rules/monitoring';
import { stackFiles, standInSecret } from '../util/fixtures';
import { ContainerJson, containersOf, synthesizedStack } from '../util/terraform';

/**
 * No image can be pulled here, so each container is run the next best way:
 * the real binary of the same release, with the container's own command line,
 * its uploaded files and secret files laid out under a temporary root, polled
 * at its own healthcheck URL. This catches a flag the release does not know,
 * a config path that does not match an upload, a rule file Prometheus cannot
 * find, a secret file the config names but the deploy does not provide, and
 * a healthcheck that would never turn healthy.
 */
const BINARIES: Record<string, string> = {
  prometheus: 'prometheus',
  alertmanager: 'prometheus-alertmanager',
  'blackbox-exporter': 'prometheus-blackbox-exporter',
};

const containers = containersOf(synthesizedStack());
/**
 * Grafana has no Debian package and no binary can be fetched here: its
 * container is checked by its JSON (test/docker/containers.test.ts) and its
 * files by the Foundation SDK's schemas and Grafana's provisioning format.
 */
const NO_BINARY_HERE = ['grafana'];

test('every container but Grafana is run by its real binary below', () => {
  expect([...containers.keys()].filter((name) => !(name in BINARIES)).sort()).toEqual(NO_BINARY_HERE);
});

/** The catalog each server's own /metrics is scraped with (rules/monitoring). */
const CATALOGS: Record<string, System> = { prometheus: prometheusServer, alertmanager: alertmanagerServer, 'blackbox-exporter': blackboxExporterServer };
/** Series a server creates on first use: Prometheus counts notifications per Alertmanager it has discovered (none here). */
const CREATED_ON_FIRST_USE = ['prometheus_notifications_errors_total', 'prometheus_notifications_sent_total'];
const files = stackFiles();

/** Lays out the container's files under `root` (paths inside rewritten to match) and returns its command line. */
function layOut(c: ContainerJson, root: string): string[] {
  const dirs = [...new Set(c.upload.map((u) => path.posix.dirname(u.file)))];
  const inDirs = new RegExp(`(?<![\\w/])(${dirs.map((d) => d.replace(/[.]/g, '\\.')).join('|')})/`, 'g');
  const relocate = (text: string) => text.replace(inDirs, `${root}$1/`);
  for (const u of c.upload) {
    const target = path.join(root, u.file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // A secret's content comes from a variable at deploy time: a stand-in here (Slack's must be a URL).
    const content = u.source ? relocate(files.get(u.source)!) : standInSecret(path.basename(u.file));
    fs.writeFileSync(target, content);
  }
  return c.command.map((arg) => arg.replace(/^(--[\w.-]+=)(\/.*)$/, `$1${root}$2`));
}

describe.each([...containers].filter(([name]) => name in BINARIES))('%s container, run by the real binary of its release', (name, c) => {
  let server: RunningProcess;
  let base: string;
  let root: string;

  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), `mac-${name}-`));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const healthUrl = c.healthcheck.test[c.healthcheck.test.length - 1].replace(/^http:\/\/127\.0\.0\.1:\d+/, base);
    server = await startProcess(BINARIES[name], [...layOut(c, root), `--web.listen-address=127.0.0.1:${port}`], healthUrl, 30_000);
    // Healthy comes before the config is applied; ready after (the blackbox exporter has no /-/ready).
    if (name !== 'blackbox-exporter') expect(await waitForUrl(`${base}/-/ready`, 10_000)).toBe(true);
  }, 40_000);

  afterAll(() => server?.stop());

  test('starts with the container command and turns healthy at the healthcheck URL', async () => {
    const health = c.healthcheck.test[c.healthcheck.test.length - 1].replace(/^http:\/\/127\.0\.0\.1:\d+/, base);
    expect((await fetch(health)).status).toBe(200);
  });

  test('exposes every metric its catalog declares (the self-monitoring alerts read real names)', async () => {
    const exposed = new Set([...(await (await fetch(`${base}/metrics`)).text()).matchAll(/^(\w+)[{ ]/gm)].map((m) => m[1]));
    const declared = CATALOGS[name].metrics.map((m) => m.name).filter((m) => m !== 'up' && !CREATED_ON_FIRST_USE.includes(m));
    expect(declared.length).toBeGreaterThan(0);
    expect(declared.filter((m) => !exposed.has(m))).toEqual([]);
  });

  if (name === 'prometheus') {
    test('loads every rule group of the uploaded rule files', async () => {
      const body = (await (await fetch(`${base}/api/v1/rules`)).json()) as { data: { groups: { name: string }[] } };
      const expected = [...files].filter(([f]) => f.startsWith('prometheus/rules/')).flatMap(([, text]) => [...text.matchAll(/^ {2}- name: (\S+)$/gm)].map((m) => m[1]));
      expect(expected.length).toBeGreaterThan(10);
      expect(body.data.groups.map((g) => g.name).sort()).toEqual(expected.sort());
    });
  }

  if (name === 'alertmanager') {
    test('runs the uploaded routing tree', async () => {
      const body = (await (await fetch(`${base}/api/v2/status`)).json()) as { config: { original: string } };
      expect(body.config.original).toContain('receiver: internet-id-database-critical');
      expect(body.config.original).toContain(`routing_key_file: ${root}/etc/alertmanager/secrets/pagerduty-ik-engine-routing-key`);
    });
  }

  if (name === 'blackbox-exporter') {
    test('serves the uploaded modules', async () => {
      const config = await (await fetch(`${base}/config`)).text();
      for (const module of [...files.get('blackbox/blackbox.yml')!.matchAll(/^ {2}(\w+):$/gm)].map((m) => m[1])) expect(config).toContain(`${module}:`);
    });
  }
});
