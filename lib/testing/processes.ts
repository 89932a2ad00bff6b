import { ChildProcess, spawn } from 'child_process';
import * as net from 'net';

/** A free TCP port on 127.0.0.1, as the kernel hands it out. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A real server process started for a test; `stop()` ends it. */
export interface RunningProcess {
  readonly process: ChildProcess;
  /** Everything it printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `command` and waits (bounded) until `readyUrl` answers 200. Throws
 * with the process output if it exits or is not ready within `timeoutMs`.
 */
export async function startProcess(command: string, args: readonly string[], readyUrl: string, timeoutMs = 15_000, env: NodeJS.ProcessEnv = process.env): Promise<RunningProcess> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let output = '';
  let failed: Error | undefined;
  // A binary that is not installed: said as such, not as an unhandled 'error' event.
  child.once('error', (error) => (failed = error));
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const running: RunningProcess = {
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        // Already gone: exited, or killed by a signal (then exitCode stays null).
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
  if (await waitForUrl(readyUrl, timeoutMs, () => child.exitCode !== null || failed !== undefined)) return running;
  if (failed) throw new Error(`${command} could not be started (${(failed as NodeJS.ErrnoException).code ?? failed.message}): install it (npm run tools installs the Prometheus tools)`);
  if (child.exitCode !== null) throw new Error(`${command} exited with ${child.exitCode}:\n${output}`);
  await running.stop();
  throw new Error(`${command} was not ready at ${readyUrl} within ${timeoutMs} ms:\n${output}`);
}

/** Polls `url` until it answers 200 (true), `timeoutMs` passes or `giveUp()` says so (false). */
export async function waitForUrl(url: string, timeoutMs: number, giveUp: () => boolean = () => false): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !giveUp()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}
