import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { dashboards } from '../../dashboards';
import { dashboardFilePath, folderOf } from '../../lib';
import { stackFiles } from '../util/fixtures';
import { local } from '../../stacks/environments';
import { GrafanaStack } from '../../stacks/grafana-stack';
import { MonitoringStack } from '../../stacks/monitoring-stack';

const root = path.resolve(__dirname, '../..');
const schema = JSON.parse(fs.readFileSync(path.join(root, 'vendor/grafana-provider-schema.json'), 'utf8')).provider_schemas['registry.terraform.io/grafana/grafana'];

interface AttributeSchema {
  readonly type: string | [string, unknown];
  readonly required?: boolean;
  readonly optional?: boolean;
  readonly computed?: boolean;
  readonly sensitive?: boolean;
}
interface BlockSchema {
  readonly attributes?: Record<string, AttributeSchema>;
  readonly block_types?: Record<string, unknown>;
}

/** Keys cdktf writes on any resource that are Terraform's, not the provider's. */
const META = new Set(['//', 'depends_on', 'provider', 'lifecycle', 'count', 'for_each', 'alias']);

function typeOk(type: AttributeSchema['type'], value: unknown): boolean {
  if (typeof value === 'string' && /^\$\{.+\}$/.test(value)) return true; // a Terraform expression: typed by Terraform
  if (type === 'string') return typeof value === 'string';
  if (type === 'number') return typeof value === 'number';
  if (type === 'bool') return typeof value === 'boolean';
  const [kind, inner] = type as [string, AttributeSchema['type']];
  if (kind === 'map') return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeOk(inner, v));
  if (kind === 'list' || kind === 'set') return Array.isArray(value) && value.every((v) => typeOk(inner, v));
  return false;
}

/** What the provider would refuse in one block, or what would leak a secret. */
function blockProblems(where: string, block: Record<string, unknown>, blockSchema: BlockSchema, sensitiveVariables: ReadonlySet<string>): string[] {
  const attributes = blockSchema.attributes ?? {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(block)) {
    if (META.has(key)) continue;
    const a = attributes[key];
    if (!a) {
      problems.push(`${where}: unknown attribute ${key}`);
      continue;
    }
    if (a.computed && !a.optional && !a.required) problems.push(`${where}: ${key} is computed only`);
    if (!typeOk(a.type, value)) problems.push(`${where}: ${key} is not of type ${JSON.stringify(a.type)}: ${JSON.stringify(value)}`);
    if (a.sensitive) {
      const variable = typeof value === 'string' ? /^\$\{var\.([A-Za-z0-9_]+)\}$/.exec(value)?.[1] : undefined;
      if (!variable || !sensitiveVariables.has(variable)) problems.push(`${where}: sensitive ${key} must come from a sensitive variable, not ${JSON.stringify(value)}`);
    }
  }
  for (const [key, a] of Object.entries(attributes)) if (a.required && !(key in block)) problems.push(`${where}: required attribute ${key} is missing`);
  return problems;
}

function grafanaStackJson() {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'mac-grafana-')) });
  const monitoring = new MonitoringStack(app, local);
  const stack = new GrafanaStack(app, { ...local, managedGrafana: local.managedGrafana! }, monitoring);
  return JSON.parse(Testing.synth(stack));
}

describe('typed bindings of the grafana/grafana provider', () => {
  test('regenerating them from the vendored schema changes nothing', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mac-provider-'));
    const run = spawnSync(process.execPath, [path.join(root, 'scripts/generate-grafana-provider.js'), out], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(run.status).toBe(0);
    const files = (dir: string): string[] => fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
    const committed = path.join(root, 'lib/grafana/provider');
    expect(files(out)).toEqual(files(committed));
    for (const f of files(committed)) expect({ f, same: fs.readFileSync(path.join(out, f), 'utf8') === fs.readFileSync(path.join(committed, f), 'utf8') }).toEqual({ f, same: true });
  });

  test('they pin the provider to the release whose schema they were generated from (cdktf writes the exact version, as for Docker)', () => {
    const tf = grafanaStackJson();
    expect(tf.terraform.required_providers.grafana).toEqual({ source: 'grafana/grafana', version: '4.45.1' });
    const provider = fs.readFileSync(path.join(root, 'lib/grafana/provider/provider/index.ts'), 'utf8');
    expect(provider).toContain("providerVersionConstraint: '~> 4.45'");
  });
});

describe('the <env>-grafana stack', () => {
  const tf = grafanaStackJson();
  const sensitiveVariables = new Set(Object.entries(tf.variable as Record<string, { sensitive?: boolean }>).filter(([, v]) => v.sensitive).map(([k]) => k));

  test('every grafana_* block and the provider pass the provider\'s own schema; secrets only from sensitive variables', () => {
    const problems = Object.entries(tf.resource as Record<string, Record<string, Record<string, unknown>>>).flatMap(([type, blocks]) => {
      const resourceSchema = schema.resource_schemas[type];
      if (!resourceSchema) return [`${type}: not a resource of the vendored schema`];
      return Object.entries(blocks).flatMap(([name, block]) => blockProblems(`${type}.${name}`, block, resourceSchema.block, sensitiveVariables));
    });
    const providers = tf.provider.grafana as Record<string, unknown>[];
    problems.push(...providers.flatMap((p, i) => blockProblems(`provider grafana[${i}]`, p, schema.provider.block, sensitiveVariables)));
    expect(problems).toEqual([]);
    expect(providers[0]).toEqual({ url: 'https://grafana.example.com', auth: '${var.grafana_auth}' });
  });

  test('one folder per system, the datasource, and every dashboard in its folder with the JSON synth writes', () => {
    const folders = tf.resource.grafana_folder as Record<string, { uid: string; title: string }>;
    const boards = Object.values(tf.resource.grafana_dashboard as Record<string, { config_json: string; folder: string; overwrite: boolean }>);
    const folderUids = [...new Set(dashboards.map(folderOf))].sort();
    expect(Object.values(folders).map((f) => f.uid).sort()).toEqual(folderUids);
    expect(boards.map((b) => JSON.parse(b.config_json).uid).sort()).toEqual(dashboards.map((d) => d.uid).sort());
    // The same dashboards as the files the container provisions, but for the datasource they open on.
    const files = stackFiles();
    const withoutSelection = (json: string) => {
      const d = JSON.parse(json);
      for (const v of d.templating.list) if (v.name === 'datasource') delete v.current;
      return d;
    };
    for (const b of boards) {
      const d = dashboards.find((x) => x.uid === JSON.parse(b.config_json).uid)!;
      expect(withoutSelection(b.config_json)).toEqual(withoutSelection(files.get(`grafana/${dashboardFilePath(d)}`)!));
    }
    for (const b of boards) expect(b.folder).toMatch(/^\$\{grafana_folder\.[^.]+\.uid\}$/);
    // In a shared Grafana: its own name and uid, not the default; the dashboards open on it.
    expect(Object.values(tf.resource.grafana_data_source)).toEqual([
      { name: 'Prometheus (local)', type: 'prometheus', uid: 'prometheus-local', url: 'https://prometheus.example.com', json_data_encoded: '{"httpMethod":"POST","timeInterval":"15s"}' },
    ]);
    for (const b of boards) {
      const variable = JSON.parse(b.config_json).templating.list.find((v: { name: string }) => v.name === 'datasource');
      expect(variable.current).toEqual({ text: 'Prometheus (local)', value: 'prometheus-local' });
    }
  });

  test('the only secret is the provider auth, a sensitive variable without a default', () => {
    expect(tf.variable).toEqual({ grafana_auth: expect.objectContaining({ type: 'string', sensitive: true, nullable: false }) });
    expect(tf.variable.grafana_auth.default).toBeUndefined();
  });
});
