import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { parse } from 'yaml';
import { ALERTMANAGER_CONFIG_FILE, KubernetesDeployment, KubernetesObject, PROMETHEUS_SECRET, objectFile } from '../../lib/kubernetes';
import { readEnvironment } from '../../lib/review/load';
import { durationMs } from '../../lib/promql';
import { amtool, promtool, writeTempFiles } from '../../lib/testing';
import { Environment, local, production, productionKubernetes } from '../../stacks/environments';
import { MonitoringStack } from '../../stacks/monitoring-stack';
import { buildApp } from '../../main';
import { stackFiles } from '../util/fixtures';
import { hasOperatorSchema, hasSchema, operatorSchemaErrors } from '../util/operator-schemas';

const env = productionKubernetes;
const files = stackFiles(env);
const dockerFiles = stackFiles(production);
const stack = new MonitoringStack(new App({ outdir: Testing.app().outdir }), env);
const deployment = stack.deployment as KubernetesDeployment;
const objects = deployment.objects;
const manifest = (file: string): KubernetesObject => parse(files.get(`kubernetes/${file}`)!);
const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
const spec = (o: KubernetesObject) => o.spec as Record<string, any>;

describe('the Kubernetes stack (production-k8s, Prometheus Operator)', () => {
  test('synth makes it with no problems, one file per object, each the object it applies', () => {
    expect(stack.problems()).toEqual([]);
    for (const o of objects) expect(manifest(objectFile(o, env.kubernetes!.namespace))).toEqual(JSON.parse(JSON.stringify(o)));
    const kinds = new Set(objects.map((o) => o.kind));
    for (const kind of ['Prometheus', 'Alertmanager', 'PrometheusRule', 'ScrapeConfig', 'ServiceMonitor', 'Probe', 'ConfigMap', 'Deployment', 'Service']) expect(kinds).toContain(kind);
  });

  test('the manifests a reviewer reads (snapshots of one of each kind)', () => {
    for (const file of [
      'prometheus/production-k8s.yaml',
      'alertmanager/production-k8s.yaml',
      'service/alertmanager-production-k8s.yaml',
      'scrapeconfig/ik-engine.yaml',
      'servicemonitor/dubbing-redis.yaml',
      'probe/ik-engine-probe-readiness.yaml',
      'deployment/blackbox-exporter.yaml',
      'role/prometheus-production-k8s.databases.yaml',
    ]) {
      expect(files.get(`kubernetes/${file}`)).toMatchSnapshot(file);
    }
    // A PrometheusRule's head; its groups are the rule file's, compared whole below.
    expect(files.get('kubernetes/prometheusrule/monitoring.yaml')!.split('\n').slice(0, 24).join('\n')).toMatchSnapshot('prometheusrule/monitoring.yaml (head)');
  });

  test('every operator resource is valid under the pinned operator CRD schemas (unknown fields refused too)', () => {
    const operator = objects.filter(hasOperatorSchema);
    // Two servers, a PrometheusRule per pack, a scrape resource per job.
    expect(operator).toHaveLength(2 + env.rulePacks.length + parse(files.get('prometheus/prometheus.yml')!).scrape_configs.length);
    expect(operator.flatMap(operatorSchemaErrors)).toEqual([]);
  });

  test('every other object is valid under Kubernetes 1.35’s schemas of its kind (unknown fields refused too)', () => {
    const core = objects.filter((o) => !hasOperatorSchema(o));
    // Every object the stack writes has a schema.
    expect(core.filter((o) => !hasSchema(o)).map((o) => `${o.apiVersion} ${o.kind}`)).toEqual([]);
    expect(new Set(core.map((o) => o.kind))).toEqual(new Set(['ServiceAccount', 'Role', 'RoleBinding', 'Service', 'ConfigMap', 'Deployment']));
    expect(core.flatMap(operatorSchemaErrors)).toEqual([]);
    // And the check is real: a port number as text, a misspelled field in the pod template.
    const deployment = JSON.parse(JSON.stringify(ofKind('Deployment')[0]));
    deployment.spec.template.spec.containers[0].ports[0].containerPort = '9115';
    deployment.spec.template.spec.containers[0].readOnlyRootFilesytem = true;
    const errors = operatorSchemaErrors(deployment).join('\n');
    expect(errors).toMatch(/containerPort: must be integer/);
    expect(errors).toMatch(/must NOT have additional properties \(readOnlyRootFilesytem\)/);
  });

  test('the schema check is real: a misspelled field, a number for a duration and a missing expr fail it', () => {
    const rule = ofKind('PrometheusRule')[0];
    const groups = spec(rule).groups as Record<string, any>[];
    const broken = (change: (g: Record<string, any>) => void) => {
      const copy = JSON.parse(JSON.stringify(rule));
      change(copy.spec.groups.find((g: { rules: { alert?: string }[] }) => g.rules.some((r) => r.alert)));
      return operatorSchemaErrors(copy);
    };
    expect(groups.length).toBeGreaterThan(0);
    expect(broken((g) => (g.rules.find((r: { alert?: string }) => r.alert).forr = '5m')).join()).toMatch(/must NOT have additional properties \(forr\)/);
    expect(broken((g) => (g.rules.find((r: { alert?: string }) => r.alert).for = 5)).join()).toMatch(/for: must be string/);
    expect(broken((g) => delete g.rules.find((r: { alert?: string }) => r.alert).expr).join()).toMatch(/must have required property 'expr'/);
    const scrape = JSON.parse(JSON.stringify(ofKind('ScrapeConfig')[0]));
    scrape.spec.relabelings = [{ source_labels: ['__address__'], targetLabel: 'x' }];
    expect(operatorSchemaErrors(scrape).join()).toMatch(/source_labels/);
  });

  test('each PrometheusRule carries exactly the groups of the rule file promtool checks, and those are the Docker stack’s rules', () => {
    const rules = ofKind('PrometheusRule');
    const ruleFiles = [...files.keys()].filter((f) => /^prometheus\/rules\/.*\.yml$/.test(f));
    expect(rules.map((r) => `prometheus/rules/${r.metadata.name}.yml`).sort()).toEqual(ruleFiles.sort());
    for (const r of rules) {
      const file = `prometheus/rules/${r.metadata.name}.yml`;
      expect(spec(r).groups).toEqual(parse(files.get(file)!).groups);
      // The same content deployed to Docker (production) and to Kubernetes: the same rules.
      expect(spec(r).groups).toEqual(parse(dockerFiles.get(file)!).groups);
    }
  });

  test('promtool checks the PrometheusRules’ groups and runs generated tests on them; the rest are local’s, which promtool runs elsewhere', () => {
    const run = new Map<string, string>();
    for (const r of ofKind('PrometheusRule')) run.set(`rules/${r.metadata.name}.yml`, JSON.stringify({ groups: spec(r).groups }));
    const tests = [...files].filter(([f]) => f.startsWith('prometheus/tests/'));
    for (const [f, content] of tests) run.set(f.replace(/^prometheus\//, ''), content);
    const dir = writeTempFiles(run);
    const checked = promtool(['check', 'rules', ...[...run.keys()].filter((f) => f.startsWith('rules/'))], dir);
    expect(checked.output).toMatch(/SUCCESS/);
    expect(checked.status).toBe(0);
    expect(tests.length).toBeGreaterThan(5);
    // Each pack's cheapest test file (fewest evaluations) runs on the groups as the operator loads them.
    // The rest need not run again (40 s of promtool): every file, its links pointed at the local Grafana,
    // is the local stack's, which test/testing/generated-tests.test.ts runs whole; and these groups are
    // production's rule files (the test above), which are local's, links aside (test/stacks/environments.test.ts).
    const toLocal = (text: string) => text.replaceAll('https://grafana.example.com/', 'http://127.0.0.1:3000/');
    const localFiles = stackFiles(local);
    for (const [f, content] of tests) expect({ f, same: toLocal(content) === localFiles.get(f) }).toEqual({ f, same: true });
    // promtool evaluates every rule at every step up to a test's last eval_time.
    const evaluations = (content: string) => {
      const doc = parse(content) as { evaluation_interval: string; tests: { alert_rule_test: { eval_time: string }[] }[] };
      return doc.tests.reduce((sum, t) => sum + Math.max(...t.alert_rule_test.map((c) => durationMs(c.eval_time))) / durationMs(doc.evaluation_interval), 0);
    };
    const cheapest = new Map<string, [string, number]>();
    for (const [f, content] of tests) {
      const pack = path.basename(f).split('.')[0];
      const cost = evaluations(content);
      if (!cheapest.has(pack) || cost < cheapest.get(pack)![1]) cheapest.set(pack, [f, cost]);
    }
    expect(cheapest.size).toBe(env.rulePacks.length);
    const tested = promtool(['test', 'rules', ...[...cheapest.values()].map(([f]) => f.replace(/^prometheus\//, ''))], dir);
    expect(tested.output).not.toMatch(/FAILED/);
    expect(tested.output.match(/SUCCESS/g)).toHaveLength(env.rulePacks.length);
    expect(tested.status).toBe(0);
  }, 300_000);

  test('every scrape job becomes the resource that scrapes it as prometheus.yml does: Probe, ServiceMonitor or ScrapeConfig', () => {
    // Expected from the Docker form of the job (snake_case prometheus.yml), written here independently of lib/kubernetes.
    const camel = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));
    const credentials = (auth: { password_file: string } | undefined) => {
      if (!auth) return {};
      const key = path.basename(auth.password_file);
      return { basicAuth: { username: { name: PROMETHEUS_SECRET, key: `${key}-username` }, password: { name: PROMETHEUS_SECRET, key } } };
    };
    const settings = (job: Record<string, any>, pathField: string, intervalField: string) => ({
      [pathField]: job.metrics_path,
      scheme: job.scheme,
      ...(job.scrape_interval ? { [intervalField]: job.scrape_interval } : {}),
      ...(job.scrape_timeout ? { scrapeTimeout: job.scrape_timeout } : {}),
      ...(job.params ? { params: job.params } : {}),
      ...credentials(job.basic_auth),
    });
    const expected = (job: Record<string, any>): Pick<KubernetesObject, 'kind' | 'spec'> => {
      const labels = job.static_configs[0].labels;
      if (job.metrics_path === '/probe') {
        const exporter = job.relabel_configs.find((r: { target_label: string }) => r.target_label === '__address__').replacement;
        return {
          kind: 'Probe',
          spec: {
            jobName: job.job_name,
            prober: { url: exporter, path: '/probe' },
            module: job.params.module[0],
            targets: { staticConfig: { static: job.static_configs[0].targets, ...(labels ? { labels } : {}) } },
            interval: job.scrape_interval,
            scrapeTimeout: job.scrape_timeout,
          },
        };
      }
      const service = env.kubernetes!.services?.[job.job_name];
      if (service) {
        const targetLabels = Object.entries(labels ?? {}).map(([targetLabel, replacement]) => ({ targetLabel, replacement, action: 'replace' }));
        return {
          kind: 'ServiceMonitor',
          spec: {
            selector: { matchLabels: service.selector },
            namespaceSelector: { matchNames: [service.namespace ?? env.kubernetes!.namespace] },
            endpoints: [{ port: service.port, ...settings(job, 'path', 'interval'), relabelings: [{ targetLabel: 'job', replacement: job.job_name, action: 'replace' }, ...targetLabels, ...(job.relabel_configs ?? []).map(camel)] }],
          },
        };
      }
      return {
        kind: 'ScrapeConfig',
        spec: {
          jobName: job.job_name,
          staticConfigs: [{ targets: job.static_configs[0].targets, ...(labels ? { labels } : {}) }],
          ...settings(job, 'metricsPath', 'scrapeInterval'),
          ...(job.relabel_configs ? { relabelings: job.relabel_configs.map(camel) } : {}),
        },
      };
    };
    const jobs = parse(files.get('prometheus/prometheus.yml')!).scrape_configs as Record<string, any>[];
    const scrapes = objects.filter((o) => ['ScrapeConfig', 'ServiceMonitor', 'Probe'].includes(o.kind));
    expect(scrapes).toHaveLength(jobs.length);
    for (const job of jobs) {
      const o = scrapes.find((x) => x.metadata.name === job.job_name)!;
      expect({ job: job.job_name, kind: o.kind, spec: o.spec }).toEqual({ job: job.job_name, ...expected(job) });
    }
    expect(new Set(scrapes.map((o) => o.kind))).toEqual(new Set(['ScrapeConfig', 'ServiceMonitor', 'Probe']));
  });

  test('the Prometheus resource: replicas, retention, external labels, remote write, and only this environment’s resources selected', () => {
    const [prometheus] = ofKind('Prometheus');
    const s = spec(prometheus);
    const k8s = env.kubernetes!;
    expect(s).toMatchObject({ replicas: k8s.prometheus!.replicas, retention: env.retention, retentionSize: env.retentionSize, walCompression: true, externalLabels: env.externalLabels, prometheusExternalLabelName: '' });
    expect(s.remoteWrite[0]).toMatchObject({ url: env.remoteWrite![0].url, authorization: { type: 'Bearer', credentials: { name: PROMETHEUS_SECRET, key: 'mimir-token' } } });
    expect(s.storage.volumeClaimTemplate.spec.resources.requests.storage).toBe(k8s.prometheus!.storage!.size);
    const selector = s.ruleSelector.matchLabels;
    for (const field of ['scrapeConfigSelector', 'serviceMonitorSelector', 'probeSelector']) expect(s[field].matchLabels).toEqual(selector);
    for (const o of objects.filter((x) => ['PrometheusRule', 'ScrapeConfig', 'ServiceMonitor', 'Probe'].includes(x.kind))) expect(o.metadata.labels).toMatchObject(selector);
    // This environment's Alertmanagers only (the operator's alertmanager-operated selects every one of the namespace).
    expect(s.alerting.alertmanagers).toEqual([{ namespace: k8s.namespace, name: 'alertmanager-production-k8s', port: 'web', apiVersion: 'v2' }]);
    const service = objects.find((o) => o.kind === 'Service' && o.metadata.name === 'alertmanager-production-k8s')!;
    expect(spec(service).selector).toEqual({ 'app.kubernetes.io/name': 'alertmanager', 'app.kubernetes.io/instance': ofKind('Alertmanager')[0].metadata.name });
  });

  test('Alertmanager reads the whole alertmanager.yaml from its config Secret; amtool accepts it, and it routes as the Docker one does', () => {
    const [alertmanager] = ofKind('Alertmanager');
    expect(spec(alertmanager)).toMatchObject({ replicas: 2, retention: '168h', configSecret: 'alertmanager-config', secrets: ['alertmanager-credentials'] });
    // Silences and the notification log outlive a replaced pod, as the Docker volume does.
    expect(spec(alertmanager).storage.volumeClaimTemplate.spec.resources.requests.storage).toBe(env.kubernetes!.alertmanager!.storage!.size);
    const yaml = files.get(`kubernetes/${ALERTMANAGER_CONFIG_FILE}`)!;
    const checked = amtool(['check-config', 'alertmanager.yaml'], writeTempFiles(new Map([['alertmanager.yaml', yaml]])));
    expect(checked.output).toMatch(/SUCCESS/);
    expect(checked.status).toBe(0);
    // Only where the secret files sit differs from production's Docker config.
    const moved = dockerFiles.get('alertmanager/alertmanager.yml')!.replace(/\/etc\/alertmanager\/secrets\//g, '/etc/alertmanager/secrets/alertmanager-credentials/');
    expect(parse(yaml)).toEqual(parse(moved));
    expect(yaml).toContain('/etc/alertmanager/secrets/alertmanager-credentials/slack-webhook-url');
  });

  test('dashboards are ConfigMaps for the Grafana sidecar, on the environment’s own datasource', () => {
    const dashboards = ofKind('ConfigMap').filter((c) => c.metadata.labels?.grafana_dashboard === '1');
    expect(dashboards).toHaveLength(env.dashboards.length);
    for (const c of dashboards) {
      expect(c.metadata.annotations?.['k8s-sidecar-target-directory']).toBeTruthy();
      const json = JSON.parse(Object.values(c.data!)[0]);
      const variable = json.templating.list.find((v: { type: string }) => v.type === 'datasource');
      expect(variable.current).toMatchObject({ value: 'prometheus-production-k8s' });
    }
    const [datasource] = ofKind('ConfigMap').filter((c) => c.metadata.labels?.grafana_datasource === '1');
    const ds = parse(Object.values(datasource.data!)[0]).datasources[0];
    expect(ds).toMatchObject({ uid: 'prometheus-production-k8s', url: 'http://prometheus-production-k8s.monitoring.svc:9090', isDefault: false });
    // In the Grafana's namespace, where its sidecar looks.
    for (const c of [...dashboards, datasource]) expect(c.metadata.namespace).toBe(env.kubernetes!.dashboardsNamespace);
  });

  test('secrets come from sensitive variables into Secrets; every key a manifest or the config names is filled, and no value is in the output', () => {
    const tf = JSON.parse(Testing.synth(stack));
    const variables = tf.variable as Record<string, { sensitive: boolean; default?: unknown }>;
    expect(Object.keys(variables).sort()).toEqual(deployment.secretVariableNames);
    for (const v of Object.values(variables)) expect(v).toMatchObject({ sensitive: true });
    for (const v of Object.values(variables)) expect(v.default).toBeUndefined();
    const secrets = new Map(Object.values(tf.resource.kubernetes_secret_v1 as Record<string, { metadata: { name: string }; data: Record<string, string> }>).map((x) => [x.metadata.name, x.data]));
    // Every Secret key a resource references exists in that Secret.
    const references: { name: string; key: string }[] = [];
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.name === 'string' && typeof o.key === 'string' && Object.keys(o).length === 2) references.push(o as { name: string; key: string });
        else Object.values(o).forEach(visit);
      }
    };
    objects.forEach((o) => visit(o.spec));
    // ik-engine's scrape password and user name, the Mimir token.
    expect(references).toHaveLength(3);
    for (const r of references) expect({ ...r, present: r.key in (secrets.get(r.name) ?? {}) }).toEqual({ ...r, present: true });
    // Every file the config Secret's alertmanager.yaml reads is a key of the mounted Secret.
    const configFiles = [...files.get(`kubernetes/${ALERTMANAGER_CONFIG_FILE}`)!.matchAll(/_file: (\S+)/g)].map((m) => m[1]);
    expect(configFiles.length).toBeGreaterThan(5);
    for (const f of configFiles) {
      expect(f).toMatch(/^\/etc\/alertmanager\/secrets\/alertmanager-credentials\//);
      expect(path.basename(f) in secrets.get('alertmanager-credentials')!).toBe(true);
    }
    // Secret values are variables; the one literal is a user name, which is not secret.
    for (const data of secrets.values()) {
      for (const [key, value] of Object.entries(data)) expect(/^\$\{var\.[a-z0-9_]+\}$/.test(value) || key.endsWith('-username') || key === 'alertmanager.yaml').toBe(true);
    }
    // Manifests are applied from the reviewed files, so cdk.tf.json holds no object content of its own.
    const manifests = Object.values(tf.resource.kubernetes_manifest as Record<string, { manifest: string; depends_on: string[] }>);
    expect(manifests).toHaveLength(objects.length);
    for (const m of manifests) expect(m.manifest).toMatch(/^\$\{yamldecode\(file\("kubernetes\/[a-z]+\/[^"]+\.yaml"\)\)\}$/);
    const secretAddresses = Object.keys(tf.resource.kubernetes_secret_v1).map((id) => `kubernetes_secret_v1.${id}`).sort();
    expect(secretAddresses).toHaveLength(3);
    for (const m of manifests) expect([...m.depends_on].sort()).toEqual(secretAddresses);
    expect(tf.provider.kubernetes[0]).toEqual({ config_path: '~/.kube/config', config_context: 'prod-eu-2' });
  });

  test('the review reads it like any other stack: the same alerts and routes as production, and the images the cluster runs', () => {
    const read = (e: Environment, f: Map<string, string>) => readEnvironment(e.name, writeTempFiles(new Map([...f, ['cdk.tf.json', Testing.synth(new MonitoringStack(new App({ outdir: Testing.app().outdir }), e))]])));
    const [k8s, docker] = [read(env, files), read(production, dockerFiles)];
    expect(k8s.alerts.map((a) => a.name)).toEqual(docker.alerts.map((a) => a.name));
    expect(Object.keys(k8s.routing).sort()).toEqual(Object.keys(docker.routing).sort());
    for (const [alert, routing] of Object.entries(docker.routing)) expect({ alert, receivers: k8s.routing[alert].receivers }).toEqual({ alert, receivers: routing.receivers });
    // Prometheus v2.45.0 on the cluster: the oldest release the operator supports.
    expect(k8s.images).toEqual({ 'prom/prometheus': 'v2.45.0', 'prom/alertmanager': 'v0.25.0', 'prom/blackbox-exporter': 'v0.23.0' });
  });

  test('cdktf writes exactly the files the stack reads: one per manifest and the config Secret’s', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'mac-k8s-'));
    const app = new App({ outdir });
    const s = new MonitoringStack(app, env);
    app.synth();
    const dir = path.join(outdir, 'stacks', s.node.id);
    const text = fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8');
    const read = [...text.matchAll(/file\(\\"(kubernetes\/[^\\]+)\\"\)/g)].map((m) => m[1]).sort();
    const written = fs.readdirSync(path.join(dir, 'kubernetes'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.relative(dir, path.join(d.parentPath ?? d.path, d.name))).sort();
    expect(read).toEqual(written);
    expect(written).toContain(`kubernetes/${ALERTMANAGER_CONFIG_FILE}`);
  });
});

describe('mistakes in a Kubernetes target fail synth with one message each', () => {
  const problemsOf = (change: Partial<Environment>) => new MonitoringStack(new App({ outdir: Testing.app().outdir }), { ...env, ...change }).problems();
  test.each([
    ['a namespace that is no name', { kubernetes: { ...env.kubernetes!, namespace: 'Monitoring_NS' } }, /kubernetes.namespace "Monitoring_NS" is not a namespace name/],
    ['docker and kubernetes at once', { docker: { dockerHost: 'ssh://deploy@monitoring.example.com' } }, /sets both docker and kubernetes/],
    ['a Service for a job that does not exist', { kubernetes: { ...env.kubernetes!, services: { 'no-such-job': { selector: { app: 'x' }, port: 'metrics' } } } }, /kubernetes.services\["no-such-job"\] names no scrape job/],
    ['a Service selecting everything', { kubernetes: { ...env.kubernetes!, services: { 'dubbing-postgres': { selector: {}, port: 'metrics' } } } }, /has an empty selector/],
    ['a memory that is no quantity', { kubernetes: { ...env.kubernetes!, prometheus: { resources: { limits: { memory: '8 GB' } } } } }, /kubernetes.prometheus.resources.limits.memory "8 GB" is not a Kubernetes quantity/],
    ['a volume size that is no quantity', { kubernetes: { ...env.kubernetes!, alertmanager: { storage: { size: '1 GB' } } } }, /kubernetes.alertmanager.storage.size "1 GB" is not a Kubernetes quantity/],
    ['zero replicas', { kubernetes: { ...env.kubernetes!, alertmanager: { replicas: 0 } } }, /kubernetes.alertmanager.replicas 0 must be a whole number/],
    ['a moving image tag', { kubernetes: { ...env.kubernetes!, images: { prometheus: { repository: 'prom/prometheus', tag: 'latest' } } } }, /kubernetes.images.prometheus: image prom\/prometheus:latest is not pinned/],
    ['a digest, which gives the operator no version', { kubernetes: { ...env.kubernetes!, images: { alertmanager: { repository: 'prom/alertmanager', tag: `sha256:${'a'.repeat(64)}` } } } }, /kubernetes.images.alertmanager: prom\/alertmanager:sha256:a+ is not a release tag/],
    ['a Prometheus older than the operator supports', { kubernetes: { ...env.kubernetes!, images: { prometheus: { repository: 'prom/prometheus', tag: 'v2.42.0' } } } }, /Prometheus v2.42.0 is older than the operator supports/],
    ['an Alertmanager retention in days', { kubernetes: { ...env.kubernetes!, alertmanager: { dataRetention: '7d' } } }, /kubernetes.alertmanager.dataRetention "7d": the operator takes hours, minutes and seconds only/],
    ['a dashboards namespace that is no name', { kubernetes: { ...env.kubernetes!, dashboardsNamespace: 'Grafana' } }, /kubernetes.dashboardsNamespace "Grafana" is not a namespace name/],
    ['a Service in a namespace that is no name', { kubernetes: { ...env.kubernetes!, services: { 'dubbing-postgres': { selector: { app: 'x' }, port: 'metrics', namespace: 'a_b' } } } }, /kubernetes.services\["dubbing-postgres"\].namespace "a_b" is not a namespace name/],
    ['a Service with no port', { kubernetes: { ...env.kubernetes!, services: { 'dubbing-postgres': { selector: { app: 'x' }, port: ' ' } } } }, /kubernetes.services\["dubbing-postgres"\] has no port name/],
    ['a Service for a probe’s job', { kubernetes: { ...env.kubernetes!, services: { 'ik-engine-probe-readiness': { selector: { app: 'x' }, port: 'web' } } } }, /is a blackbox probe's job/],
    ['a Service for a job the environment gives targets', { kubernetes: { ...env.kubernetes!, services: { 'dubbing-postgres': { selector: { app: 'x' }, port: 'metrics' } } }, targets: { ...env.targets, 'dubbing-postgres': ['db:9187'] } }, /kubernetes.services\["dubbing-postgres"\] also has targets in the environment/],
    [
      'a ServiceMonitor job whose loss only up == 0 would notice',
      { targets: Object.fromEntries(Object.entries(env.targets!).filter(([job]) => job !== 'ik-engine-postgres')), kubernetes: { ...env.kubernetes!, services: { ...env.kubernetes!.services, 'ik-engine-postgres': { selector: { app: 'x' }, port: 'metrics' } } } },
      /kubernetes.services\["ik-engine-postgres"\]: when the Service has no endpoints the job has no targets and no up series, so IkEnginePostgresExporterDown \(up == 0\) would never fire; add an alert on absent\(up\{job="ik-engine-postgres"\}\)/,
    ],
    ['an environment name too long for the operator’s StatefulSets', { name: 'production-kubernetes-cluster-eu-west-two' }, /the operator's StatefulSet alertmanager-production-kubernetes-cluster-eu-west-two would be over 52/],
  ])('%s', (_what, change, message) => {
    const problems = problemsOf(change as Partial<Environment>);
    // One mistake, one message.
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
    expect(problems[0]).toMatch(/^environment production-k8s|^environment production-kubernetes-cluster-eu-west-two: /);
  });

  test('two environments that would manage one object fail synth: one namespace, or one Grafana namespace', () => {
    const twin = { ...env, name: 'production-k8s-twin' };
    expect(() => buildApp(Testing.app().outdir, [env, twin])).toThrow(/environments production-k8s and production-k8s-twin would both manage 54 objects \(configmap\/blackbox-exporter-config in namespace monitoring of prod-eu-2, …\)/);
    // Its own namespace, but the same Grafana: the dashboards' ConfigMaps are still one.
    const elsewhere = { ...twin, kubernetes: { ...env.kubernetes!, namespace: 'monitoring-twin' } };
    expect(() => buildApp(Testing.app().outdir, [env, elsewhere])).toThrow(/would both manage 22 objects \(configmap\/grafana-dashboard-ik-engine-overview in namespace grafana of prod-eu-2, …\)/);
    expect(() => buildApp(Testing.app().outdir, [env, { ...elsewhere, kubernetes: { ...elsewhere.kubernetes, dashboardsNamespace: 'grafana-twin' } }])).not.toThrow();
  });
});
