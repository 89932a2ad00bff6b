/**
 * `npm run preview [-- --ports-from N] [--data-dir DIR]`: every dashboard of the running local stack
 * (`npm start`) drawn as a PNG from its Prometheus, into <data dir>/preview/<uid>.png.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_LOCAL_PORTS, portsFrom } from '../lib/local';
import { prometheusRangeQuery, renderPreviews } from '../demo/preview';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const base = option('--ports-from');
  const ports = base ? portsFrom(Number(base)) : DEFAULT_LOCAL_PORTS;
  const dataDir = path.resolve(option('--data-dir') ?? '.local');
  const dashboards = path.join(dataDir, 'synth', 'stacks', 'local', 'grafana', 'dashboards');
  if (!fs.existsSync(dashboards)) {
    process.stderr.write(`no dashboards under ${dashboards}: start the local stack first (npm start)\n`);
    return 1;
  }
  try {
    const written = await renderPreviews(dashboards, prometheusRangeQuery(`http://127.0.0.1:${ports.prometheus}`), path.join(dataDir, 'preview'));
    for (const file of written) process.stdout.write(`${path.relative(process.cwd(), file)}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`preview failed: ${(error as Error).message}\n`);
    return 1;
  }
}

void main().then((code) => (process.exitCode = code));
