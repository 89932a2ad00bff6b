/** `npm start [-- --ports-from N] [--data-dir DIR]`: the local environment on this machine's real servers, with the demo of the five systems (README, "Running it locally"). */
import { spawnSync } from 'child_process';
import { DEFAULT_LOCAL_PORTS, portsFrom } from '../lib/local';
import { startLocalStack } from '../demo/local-stack';
import { local } from '../stacks/environments';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const base = option('--ports-from');
  const ports = base ? portsFrom(Number(base)) : DEFAULT_LOCAL_PORTS;
  const stack = await startLocalStack(local, { host: '127.0.0.1', ports, dataDir: option('--data-dir') ?? '.local' }, log);
  const shutdown = () => {
    log('stopping…');
    void stack.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const grafana = spawnSync('sh', ['-c', 'command -v grafana-server'], { encoding: 'utf8' }).stdout.trim();
  log(grafana ? `${grafana} is on the PATH, but the local run does not start Grafana yet (the demo answers for its scrape job)` : 'grafana-server is not on the PATH: Grafana is not started (the demo answers for its scrape job)');
  log('');
  for (const [name, url] of Object.entries(stack.urls)) log(`${name.padEnd(18)} ${url}`);
  log('\nCtrl-C stops everything.');
}

main().catch((error: Error) => {
  process.stderr.write(`npm start failed: ${error.message}\n`);
  process.exitCode = 1;
});
