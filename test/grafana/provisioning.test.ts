import { parse } from 'yaml';
import { dashboards } from '../../dashboards';
import { folderOf } from '../../lib';
import { stackFiles } from '../util/fixtures';
import { containersOf, synthesizedStack } from '../util/terraform';

/**
 * The provisioning files against Grafana's documented format
 * (grafana.com/docs/grafana/latest/administration/provisioning/): only keys
 * Grafana reads, at the places it reads them, and paths that match where the
 * container puts the files.
 */
const files = stackFiles();
const DATASOURCE_KEYS = ['name', 'type', 'uid', 'access', 'orgId', 'url', 'user', 'database', 'basicAuth', 'basicAuthUser', 'withCredentials', 'isDefault', 'jsonData', 'secureJsonData', 'version', 'editable'];
const PROVIDER_KEYS = ['name', 'orgId', 'folder', 'folderUid', 'type', 'disableDeletion', 'updateIntervalSeconds', 'allowUiUpdates', 'options'];

describe('Grafana provisioning', () => {
  const datasources = parse(files.get('grafana/provisioning/datasources/prometheus.yml')!);
  const providers = parse(files.get('grafana/provisioning/dashboards/dashboards.yml')!);

  test('datasources: apiVersion 1, one default, read-only Prometheus with documented keys only', () => {
    expect(Object.keys(datasources)).toEqual(['apiVersion', 'datasources']);
    expect(datasources.apiVersion).toBe(1);
    expect(datasources.datasources).toHaveLength(1);
    const [ds] = datasources.datasources;
    for (const key of Object.keys(ds)) expect(DATASOURCE_KEYS).toContain(key);
    expect(ds).toMatchObject({ type: 'prometheus', access: 'proxy', url: 'http://prometheus:9090', isDefault: true, editable: false });
  });

  test('dashboards: one file provider per folder, read-only, removed with their file, at the path the container uploads that folder to', () => {
    expect(providers.apiVersion).toBe(1);
    const grafana = containersOf(synthesizedStack()).get('grafana')!;
    const uploadedDirs = new Set(grafana.upload.filter((u) => u.file.endsWith('.json')).map((u) => u.file.replace(/\/[^/]+$/, '')));
    expect(providers.providers.map((p: { options: { path: string } }) => p.options.path).sort()).toEqual([...uploadedDirs].sort());
    for (const p of providers.providers) {
      for (const key of Object.keys(p)) expect(PROVIDER_KEYS).toContain(key);
      expect(Object.keys(p.options).sort()).toEqual(['foldersFromFilesStructure', 'path']);
      expect(p).toMatchObject({ type: 'file', disableDeletion: false, allowUiUpdates: false, folder: p.name, folderUid: p.name });
    }
  });

  test('every dashboard is written once, in its folder, and the file names its uid', () => {
    const written = [...files.keys()].filter((f) => f.startsWith('grafana/dashboards/'));
    expect(written.sort()).toEqual(dashboards.map((d) => `grafana/dashboards/${folderOf(d)}/${d.uid}.json`).sort());
    expect(new Set(dashboards.map(folderOf))).toEqual(new Set(['ik-engine', 'canvascast', 'pose-generator', 'dubbing', 'internet-id', 'monitoring']));
    for (const f of written) expect(JSON.parse(files.get(f)!).uid).toBe(f.split('/').pop()!.replace(/\.json$/, ''));
  });

  test('the datasource carries no credentials (Prometheus is reached on the stack\'s own network)', () => {
    const [ds] = datasources.datasources;
    expect(ds.secureJsonData).toBeUndefined();
    expect(ds.basicAuth).toBeUndefined();
  });
});
