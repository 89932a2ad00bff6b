import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { RunningProcess, freePort, startProcess } from './processes';
import { writeTempFiles } from './tools';

/** Where the rendered alertmanager.yml expects its secret files (the deploy stack mounts them there). */
const SECRETS_DIR = '/etc/alertmanager/secrets/';

export interface RunningAlertmanager extends RunningProcess {
  /** `http://127.0.0.1:<port>`: the v2 API is under `/api/v2`. */
  readonly api: string;
}

/**
 * Starts the real Alertmanager on a free port of 127.0.0.1 with a rendered
 * alertmanager.yml, its secret files written to a temporary folder with the
 * content `secret(file name)` gives, and waits until it is ready.
 */
export async function startAlertmanager(yml: string, secret: (file: string) => string): Promise<RunningAlertmanager> {
  const secrets = fs.mkdtempSync(path.join(os.tmpdir(), 'mac-secrets-'));
  const relocated = yml.replaceAll(SECRETS_DIR, `${secrets}/`);
  for (const file of new Set([...relocated.matchAll(new RegExp(`${secrets}/([\\w-]+)`, 'g'))].map((m) => m[1]))) {
    fs.writeFileSync(path.join(secrets, file), secret(file));
  }
  const dir = writeTempFiles(new Map([['alertmanager.yml', relocated]]));
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;
  const running = await startProcess(
    'prometheus-alertmanager',
    [`--config.file=${dir}/alertmanager.yml`, `--storage.path=${dir}/data`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
    `${api}/-/ready`,
  );
  return { ...running, api };
}
