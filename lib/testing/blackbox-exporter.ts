import * as path from 'path';
import { freePort, startProcess } from './processes';
import { ToolResult, runTool } from './tools';

const BINARY = 'prometheus-blackbox-exporter';

/** `prometheus-blackbox-exporter --config.check`: whether the exporter would load `configFile` (relative to `cwd`). */
export const blackboxConfigCheck = (configFile: string, cwd: string): ToolResult => runTool(BINARY, ['--config.check', `--config.file=${configFile}`], cwd);

/** The samples of a Prometheus text exposition, keyed `name{labels}` as written. */
export type Samples = ReadonlyMap<string, number>;

export interface RunningBlackboxExporter {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** What Prometheus' scrape of a probe job gets: `/probe?module=…&target=…`. */
  probe(module: string, target: string): Promise<Samples>;
  /** Everything the exporter printed, for failure messages. */
  output(): string;
  /** Stops the process: SIGTERM, then SIGKILL after 5 s. */
  stop(): Promise<void>;
}

/**
 * Starts the real blackbox exporter on a free port of 127.0.0.1 with
 * `configFile` and waits (bounded) until it answers `/-/healthy`. The caller
 * must `stop()` it; a failed start stops it before throwing.
 */
export async function startBlackboxExporter(configFile: string, timeoutMs = 10_000): Promise<RunningBlackboxExporter> {
  const url = `http://127.0.0.1:${await freePort()}`;
  const running = await startProcess(
    BINARY,
    [`--config.file=${path.resolve(configFile)}`, `--web.listen-address=${url.replace('http://', '')}`, '--log.level=warn'],
    `${url}/-/healthy`,
    timeoutMs,
  );
  return {
    url,
    probe: async (module, target) => {
      const response = await fetch(`${url}/probe?module=${encodeURIComponent(module)}&target=${encodeURIComponent(target)}`, { signal: AbortSignal.timeout(20_000) });
      const body = await response.text();
      if (!response.ok) throw new Error(`/probe answered ${response.status}: ${body}`);
      return parseSamples(body);
    },
    output: running.output,
    stop: running.stop,
  };
}

/** Samples of the text exposition format (comments skipped). */
export function parseSamples(text: string): Samples {
  const samples = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const cut = line.lastIndexOf(' ');
    samples.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return samples;
}
