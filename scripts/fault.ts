/**
 * `npm run fault -- <system> <fault> [value]`, `npm run fault -- clear`, `npm run fault -- list`:
 * the running demo's fault control (`npm start`); `--ports-from N` as given to npm start.
 */
import { DEFAULT_LOCAL_PORTS, portsFrom } from '../lib/local';
import { FAULTS } from '../demo/faults';

const USAGE = `usage: npm run fault -- <system> <fault> [value] | clear | list   [--ports-from N]
systems and faults:
${Object.entries(FAULTS)
  .map(([system, faults]) => `  ${system}: ${Object.keys(faults).join(', ')}`)
  .join('\n')}`;

async function main(argv: string[]): Promise<number> {
  const at = argv.indexOf('--ports-from');
  const base = at >= 0 ? Number(argv.splice(at, 2)[1]) : undefined;
  if (base !== undefined && !Number.isInteger(base)) {
    process.stderr.write(`--ports-from takes the first port, as given to npm start\n${USAGE}\n`);
    return 2;
  }
  const ports = base !== undefined ? portsFrom(base) : DEFAULT_LOCAL_PORTS;
  const url = `http://127.0.0.1:${ports.demoControl}/faults`;
  const [system, fault, value] = argv;
  if (!system || (system !== 'clear' && system !== 'list' && !fault)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  let response: Response;
  let body: { error?: string };
  try {
    response =
      system === 'list'
        ? await fetch(url)
        : system === 'clear'
          ? await fetch(url, { method: 'DELETE' })
          : await fetch(url, { method: 'POST', body: JSON.stringify({ system, fault, ...(value !== undefined ? { value: Number(value) } : {}) }) });
    body = (await response.json()) as { error?: string };
  } catch {
    process.stderr.write(`no demo answers at ${url}: start it with npm start\n`);
    return 1;
  }
  if (!response.ok) {
    process.stderr.write(`${body.error}\n`);
    return 1;
  }
  process.stdout.write(`faults in force: ${JSON.stringify(body)}\n`);
  return 0;
}

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
