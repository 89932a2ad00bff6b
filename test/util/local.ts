import { portIsFree } from '../../lib/local';

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
