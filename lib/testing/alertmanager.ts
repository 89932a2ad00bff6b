import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AlertmanagerClusterMember, AlertmanagerConfig, alertmanagerFlags } from '../alertmanager';
import { secretFilesOf } from '../synth/secret-files';
import { RunningProcess, freePort, startProcess } from './processes';
import { writeTempFiles } from './tools';

export interface RunningAlertmanager extends RunningProcess {
  /** `http://127.0.0.1:<port>`: the v2 API is under `/api/v2`. */
  readonly api: string;
}

/**
 * Starts the real Alertmanager on a free port of 127.0.0.1 with `yml`, the
 * rendered file of `config`: every secret file the config names is written to
 * a temporary folder with the content `secret(file name)` gives (the deploy
 * fills them from variables). Waits until it is ready. With `cluster` it
 * gossips with its peers, as a member of a highly available group.
 */
export async function startAlertmanager(config: AlertmanagerConfig, yml: string, secret: (file: string) => string, cluster?: AlertmanagerClusterMember): Promise<RunningAlertmanager> {
  const secrets = fs.mkdtempSync(path.join(os.tmpdir(), 'mac-secrets-'));
  let relocated = yml;
  for (const file of secretFilesOf(config)) {
    const name = path.basename(file);
    fs.writeFileSync(path.join(secrets, name), secret(name));
    relocated = relocated.replaceAll(file, path.join(secrets, name));
  }
  const dir = writeTempFiles(new Map([['alertmanager.yml', relocated]]));
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;
  const running = await startProcess(
    'prometheus-alertmanager',
    alertmanagerFlags({ configFile: `${dir}/alertmanager.yml`, storagePath: `${dir}/data`, webListen: `127.0.0.1:${port}`, cluster }),
    `${api}/-/ready`,
  );
  return { ...running, api };
}
