import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { deadMansSwitch } from '../../alertmanager/heartbeat';
import { RunningLocalStack, startLocalStack } from '../../demo/local-stack';
import { Notification } from '../../demo/notification-sink';
import { portIsFree, portsFrom as ports } from '../../lib/local';
import { Environment } from '../../stacks/environments';

/**
 * The base of 40 free ports on 127.0.0.1 from `[from, from + 1000)`, in steps
 * of ten (below 32768, where the kernel's ephemeral ports start): suites
 * running at once pick from their own ranges.
 */
export async function freePortBlock(from: number): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const base = from + Math.floor(Math.random() * 96) * 10;
    if ((await Promise.all(Array.from({ length: 40 }, (_, i) => portIsFree('127.0.0.1', base + i)))).every(Boolean)) return base;
  }
  throw new Error(`no block of 40 free ports from ${from}`);
}

/** Polls `read` until `ok` (returning the value), or throws with what was last seen. */
export async function until<T>(what: string, read: () => Promise<T> | T, ok: (t: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; last seen: ${JSON.stringify(value).slice(0, 3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A JSON answer of a local server. */
export async function getJson(url: string, init?: RequestInit): Promise<any> {
  return (await fetch(url, { ...init, signal: AbortSignal.timeout(5_000) })).json();
}

/**
 * The local stack a suite runs against: started before its tests on a free
 * block of ports from `portsFrom`, under a fresh data directory; stopped, and
 * the directory removed, after them.
 */
export function localStackForSuite(env: Environment, portsFrom: number, tmpPrefix: string): { readonly stack: RunningLocalStack; readonly base: number; readonly dataDir: string } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
  let stack: RunningLocalStack | undefined;
  let base = 0;
  beforeAll(async () => {
    base = await freePortBlock(portsFrom);
    stack = await startLocalStack(env, { host: '127.0.0.1', ports: ports(base), dataDir });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    get stack() {
      if (!stack) throw new Error('the local stack has not started');
      return stack;
    },
    get base() {
      return base;
    },
    dataDir,
  };
}

/** A heartbeat: the Watchdog's webhook to the dead man's switch, not a notification anyone reads. */
export function isHeartbeat(n: Notification): boolean {
  return n.kind === 'webhook' && n.to === deadMansSwitch.name;
}

/** A Markdown table on the test output: measurements a run reports. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  if (!rows.length) return;
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  process.stdout.write(['', line(header), line(header.map(() => '---')), ...rows.map(line), ''].join('\n'));
}
