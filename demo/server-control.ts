import { RunningProcess } from '../lib/testing/processes';
import { LocalServer, startLocalServer } from '../lib/local';

/**
 * The real servers of a local run, each of which a fault can stop and a
 * clear start again (same files, same data directory): what the dead man's
 * switch sees when Prometheus goes away and comes back.
 */
export class ServerControl {
  private readonly running = new Map<string, RunningProcess>();
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly servers: readonly LocalServer[],
    private readonly certFile: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** Starts every server, in turn with any change a fault asked for meanwhile. */
  startAll(): Promise<void> {
    return this.queue(async () => {
      for (const server of this.servers) if (!this.running.has(server.name)) await this.start(server);
    });
  }

  /** Brings the servers to this state: the named ones stopped, the others running. Resolves when done. */
  setStopped(names: ReadonlySet<string>): Promise<void> {
    for (const name of names) if (!this.servers.some((s) => s.name === name)) throw new Error(`no local server is called ${name}`);
    return this.queue(async () => {
      for (const server of this.servers) {
        const process = this.running.get(server.name);
        if (names.has(server.name) && process) {
          this.running.delete(server.name);
          await process.stop();
          this.log(`${server.name} stopped`);
        } else if (!names.has(server.name) && !process) {
          await this.start(server);
        }
      }
    });
  }

  /** One change at a time; a failed one (a server that would not start) does not block the next. */
  private queue(step: () => Promise<void>): Promise<void> {
    this.pending = this.pending.catch(() => undefined).then(step);
    return this.pending;
  }

  isRunning(name: string): boolean {
    return this.running.has(name);
  }

  async stopAll(): Promise<void> {
    await this.pending.catch(() => undefined);
    await Promise.all([...this.running.values()].map((p) => p.stop()));
    this.running.clear();
  }

  private async start(server: LocalServer): Promise<void> {
    this.running.set(server.name, await startLocalServer(server, this.certFile));
    this.log(`${server.name} ready: ${server.url}`);
  }
}
