import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { EXPORTERS, ExporterDeployment } from '../../lib/docker';
import { RunningProcess, freePort, runTool, startProcess } from '../../lib/testing';
import { staging } from '../../stacks/environments';
import { ContainerJson, containersOf, synthesizedStack } from '../util/terraform';

/** The Debian binary of each kind's pinned release. */
const BINARIES = { postgres: 'prometheus-postgres-exporter', redis: 'prometheus-redis-exporter' } as const;

const stack = synthesizedStack(staging);
const containers = containersOf(stack);
const declared = (kind: 'postgres' | 'redis'): ExporterDeployment => staging.docker!.exporters!.find((e) => e.kind === kind)!;
const containerOf = (d: ExporterDeployment): ContainerJson & { env: string[] } => containers.get(`${d.system.selector.job}-exporter`) as ContainerJson & { env: string[] };

/**
 * Each exporter container the next best way to running its image: the real
 * binary of the same release with the container's own environment and secret
 * file (its content as Terraform writes it, from a stand-in password), on a
 * free port of 127.0.0.1, until its healthcheck path answers. What it connects
 * to is a local stand-in instead of the environment's database.
 */
describe('the exporter containers, run as their real binaries', () => {
  const running: RunningProcess[] = [];
  afterAll(() => Promise.all(running.map((r) => r.stop())));

  test.each(['postgres', 'redis'] as const)('the %s exporter image is the release of the Debian binary', (kind) => {
    const output = runTool(BINARIES[kind], ['--version'], os.tmpdir()).output;
    const release = EXPORTERS[kind].image.tag.replace(/^v/, '').replace(/-.*$/, '');
    expect(output).toContain(release);
  });

  test('redis: the password reaches Redis from the sensitive variable, through the JSON file the container gets', async () => {
    const d = declared('redis');
    const container = containerOf(d);
    // A stand-in Redis that records what the exporter says: AUTH first, with the password.
    const said: string[] = [];
    const redis = standIn((socket) => socket.on('data', (chunk) => (said.push(chunk.toString('utf8')), socket.write('+OK\r\n'))));
    await new Promise<void>((resolve) => redis.listen(0, '127.0.0.1', resolve));
    const address = `redis://127.0.0.1:${(redis.address() as net.AddressInfo).port}`;
    try {
      const upload = container.upload.find((u) => u.content)!;
      // What Terraform writes: jsonencode({ "<address>" = var.<password> }), here with a stand-in value.
      expect(upload.content).toBe(`\${jsonencode({"${d.connectsTo}" = var.dubbing_redis_exporter_secret_password})}`);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mac-redis-exporter-'));
      fs.writeFileSync(path.join(dir, 'password'), JSON.stringify({ [address]: 'stand-in-password' }));
      const env = envOf(container, { REDIS_ADDR: address, REDIS_PASSWORD_FILE: path.join(dir, 'password') });
      expect(Object.keys(env).sort()).toEqual(['REDIS_ADDR', 'REDIS_PASSWORD_FILE']);
      const exporter = await startExporter('redis', env);
      running.push(exporter.process);
      await fetch(`${exporter.url}/metrics`);
      expect(said.join('')).toContain('AUTH\r\n$17\r\nstand-in-password\r\n');
    } finally {
      redis.shut();
    }
  });

  test('postgres: the password reaches the database from the password file, as the user the declaration names', async () => {
    const d = declared('postgres');
    const container = containerOf(d);
    // A stand-in PostgreSQL that asks for a cleartext password and records the startup message and the answer.
    const said: Buffer[] = [];
    const postgres = standIn((socket) =>
      socket.on('data', (chunk) => {
        said.push(chunk);
        // AuthenticationCleartextPassword after the startup message; anything else ends the conversation.
        if (said.length === 1) socket.write(Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]));
        else socket.end();
      }),
    );
    await new Promise<void>((resolve) => postgres.listen(0, '127.0.0.1', resolve));
    try {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mac-postgres-exporter-'));
      fs.writeFileSync(path.join(dir, 'password'), 'stand-in-password');
      const port = (postgres.address() as net.AddressInfo).port;
      const env = envOf(container, { DATA_SOURCE_URI: `127.0.0.1:${port}/ik_engine?sslmode=disable`, DATA_SOURCE_PASS_FILE: path.join(dir, 'password') });
      expect(env.DATA_SOURCE_USER).toBe('postgres_exporter');
      const exporter = await startExporter('postgres', env);
      running.push(exporter.process);
      const metrics = await (await fetch(`${exporter.url}/metrics`)).text();
      const conversation = Buffer.concat(said).toString('latin1');
      expect(conversation).toContain('user\0postgres_exporter\0');
      expect(conversation).toContain('stand-in-password\0');
      // Refused after the password: the exporter says the database is down.
      expect(metrics).toMatch(/^pg_up 0$/m);
    } finally {
      postgres.shut();
    }
  });
});

/** A stand-in server whose `shut()` also ends the connections the exporter keeps open (they would keep jest's worker alive). */
function standIn(onConnection: (socket: net.Socket) => void): net.Server & { shut(): void } {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  return Object.assign(server, { shut: () => (server.close(), sockets.forEach((s) => s.destroy())) });
}

/** The container's environment, with the addresses and file paths of this machine in place of the container's. */
function envOf(container: { env: string[] }, local: Record<string, string>): Record<string, string> {
  const env = Object.fromEntries(container.env.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
  for (const key of Object.keys(local)) expect(env).toHaveProperty(key);
  return { ...env, ...local };
}

/** The binary on a free port, ready once the container's healthcheck path answers 200. */
async function startExporter(kind: 'postgres' | 'redis', env: Record<string, string>): Promise<{ process: RunningProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // postgres_exporter takes GNU-style flags, redis_exporter Go's single-dash ones.
  const listen = kind === 'postgres' ? [`--web.listen-address=127.0.0.1:${port}`] : ['-web.listen-address', `127.0.0.1:${port}`];
  const process = await startProcess(BINARIES[kind], listen, `${url}${EXPORTERS[kind].healthPath}`, 15_000, { PATH: globalThis.process.env.PATH, ...env });
  return { process, url };
}
