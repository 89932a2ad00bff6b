import * as http from 'http';
import * as path from 'path';
import { AddressInfo } from 'net';
import { renderBlackboxFiles } from '../../lib';
import { RunningBlackboxExporter, blackboxConfigCheck, freePort, startBlackboxExporter, writeTempFiles } from '../../lib/testing';
import { readinessProbe } from '../../rules/ik-engine/probes';
import { webProbe } from '../../rules/internet-id/probes';
import { healthProbe } from '../../rules/pose-generator/probes';
import { everyModuleSetting } from '../util/blackbox';
import { stackFiles } from '../util/fixtures';

const blackboxYml = stackFiles().get('blackbox/blackbox.yml')!;

describe('prometheus-blackbox-exporter --config.check', () => {
  test('accepts the rendered blackbox.yml of the local stack', () => {
    const result = blackboxConfigCheck('blackbox.yml', writeTempFiles(new Map([['blackbox.yml', blackboxYml]])));
    expect(result.output).toContain('Config file is ok');
    expect(result.status).toBe(0);
  });

  test('accepts every prober and setting the renderer writes', () => {
    const modules = everyModuleSetting();
    const yml = renderBlackboxFiles({ probes: [], modules, source: 'test' }).get('blackbox.yml')!;
    const result = blackboxConfigCheck('blackbox.yml', writeTempFiles(new Map([['blackbox.yml', yml]])));
    expect(result.output).toContain('Config file is ok');
    expect(result.status).toBe(0);
  });

  test('is a real check: it rejects an option the exporter does not know', () => {
    const broken = blackboxYml.replace('      follow_redirects: true\n', '      follow_redirect: true\n');
    expect(broken).not.toBe(blackboxYml);
    const result = blackboxConfigCheck('blackbox.yml', writeTempFiles(new Map([['blackbox.yml', broken]])));
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('follow_redirect not found');
  });
});

/**
 * The real exporter, with the rendered blackbox.yml, probing a tiny local
 * server: the modules of the content probes decide healthy from unhealthy.
 */
describe('the real blackbox exporter probing a local server', () => {
  let exporter: RunningBlackboxExporter | undefined;
  let server: http.Server | undefined;
  let base = '';
  let closedPort = 0;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      const status = request.url === '/healthy' ? 200 : request.url === '/unhealthy' ? 503 : 404;
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ status: status === 200 ? 'healthy' : 'unhealthy' }));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    closedPort = await freePort();
    const dir = writeTempFiles(new Map([['blackbox.yml', blackboxYml]]), 'mac-blackbox-');
    exporter = await startBlackboxExporter(path.join(dir, 'blackbox.yml'));
  }, 20_000);

  afterAll(async () => {
    await exporter?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }, 10_000);

  const probeWith = (module: string, target: string) => exporter!.probe(module, target);

  test('the probes under test ask for the modules used here', () => {
    expect([healthProbe.moduleName, webProbe.moduleName, readinessProbe.moduleName]).toEqual(['http_200', 'http_2xx', 'https_200']);
    expect(healthProbe.scrapeJob.params).toEqual({ module: ['http_200'] });
  });

  test('a healthy target: probe_success 1, status 200', async () => {
    const samples = await probeWith(healthProbe.moduleName, `${base}/healthy`);
    expect(samples.get('probe_success')).toBe(1);
    expect(samples.get('probe_http_status_code')).toBe(200);
    expect(samples.get('probe_duration_seconds')).toBeGreaterThan(0);
    expect(exporter!.output()).not.toMatch(/level=error/);
  });

  test('a 503 target: probe_success 0 with http_200 (the health endpoint contract) and with http_2xx', async () => {
    const strict = await probeWith(healthProbe.moduleName, `${base}/unhealthy`);
    expect(strict.get('probe_success')).toBe(0);
    expect(strict.get('probe_http_status_code')).toBe(503);
    expect((await probeWith(webProbe.moduleName, `${base}/unhealthy`)).get('probe_success')).toBe(0);
  });

  test('a closed port: probe_success 0, no status code', async () => {
    const samples = await probeWith(healthProbe.moduleName, `http://127.0.0.1:${closedPort}/healthy`);
    expect(samples.get('probe_success')).toBe(0);
    expect(samples.get('probe_http_status_code')).toBe(0);
  });

  test('https_200 (ik-engine readiness) refuses a healthy answer over plain http', async () => {
    const samples = await probeWith(readinessProbe.moduleName, `${base}/healthy`);
    expect(samples.get('probe_http_status_code')).toBe(200);
    expect(samples.get('probe_success')).toBe(0);
  });
});
