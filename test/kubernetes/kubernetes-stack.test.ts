import * as fs from 'fs';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { parse } from 'yaml';
import { KubernetesDeployment, KubernetesObject, PROMETHEUS_SECRET, objectFile } from '../../lib/kubernetes';
import { ALERTMANAGER_CONFIG_FILE } from '../../lib/kubernetes/kubernetes-deployment';
import { readEnvironment } from '../../lib/review/load';
import { amtool, promtool, writeTempFiles } from '../../lib/testing';
import { Environment, production, productionKubernetes } from '../../stacks/environments';
import { MonitoringStack } from '../../stacks/monitoring-stack';
import { stackFiles } from '../util/fixtures';
import { hasOperatorSchema, operatorSchemaErrors } from '../util/operator-schemas';

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

  test('every operator resource is valid under the pinned operator CRD schemas (unknown fields refused too)', () => {
    const operator = objects.filter(hasOperatorSchema);
    expect(operator.length).toBeGreaterThan(30);
    expect(operator.flatMap(operatorSchemaErrors)).toEqual([]);
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

  test('promtool checks the PrometheusRules’ groups and runs the generated tests on them', () => {
    const run = new Map<string, string>();
    for (const r of ofKind('PrometheusRule')) run.set(`rules/${r.metadata.name}.yml`, JSON.stringify({ groups: spec(r).groups }));
    const tests = [...files].filter(([f]) => f.startsWith('prometheus/tests/'));
    for (const [f, content] of tests) run.set(f.replace(/^prometheus\//, ''), content);
    const dir = writeTempFiles(run);
    const checked = promtool(['check', 'rules', ...[...run.keys()].filter((f) => f.startsWith('rules/'))], dir);
    expect(checked.output).toMatch(/SUCCESS/);
    expect(checked.status).toBe(0);
    expect(tests.length).toBeGreaterThan(5);
    const tested = promtool(['test', 'rules', ...tests.map(([f]) => f.replace(/^prometheus\//, ''))], dir);
    expect(tested.output).not.toMatch(/FAILED/);
    expect(tested.status).toBe(0);
  }, 300_000);

  test('every scrape job becomes the resource that scrapes it the same way: Probe, ServiceMonitor or ScrapeConfig', () => {
    const jobs = parse(files.get('prometheus/prometheus.yml')!).scrape_configs as Record<string, any>[];
    const byJob = new Map(objects.filter((o) => ['ScrapeConfig', 'ServiceMonitor', 'Probe'].includes(o.kind)).map((o) => [o.kind === 'ServiceMonitor' ? spec(o).endpoints[0].relabelings.at(-1).replacement : spec(o).jobName, o]));
    expect([...byJob.keys()].sort()).toEqual(jobs.map((j) => j.job_name).sort());
    for (const job of jobs) {
      const o = byJob.get(job.job_name)!;
      const s = spec(o);
      if (job.metrics_path === '/probe') {
        expect(o.kind).toBe('Probe');
        expect({ module: s.module, targets: s.targets.staticConfig.static, interval: s.interval, timeout: s.scrapeTimeout }).toEqual({
          module: job.params.module[0],
          targets: job.static_configs[0].targets,
          interval: job.scrape_interval,
          timeout: job.scrape_timeout,
        });
        // The exporter the Docker job's relabelling sends the probe to.
        expect(s.prober.url).toBe(job.relabel_configs.find((r: { target_label: string }) => r.target_label === '__address__').replacement);
      } else if (env.kubernetes!.services?.[job.job_name]) {
        expect(o.kind).toBe('ServiceMonitor');
        expect(s.selector.matchLabels).toEqual(env.kubernetes!.services[job.job_name].selector);
        expect(s.endpoints[0].relabelings.at(-1)).toEqual({ targetLabel: 'job', replacement: job.job_name, action: 'replace' });
      } else {
        expect(o.kind).toBe('ScrapeConfig');
        expect({ targets: s.staticConfigs[0].targets, path: s.metricsPath ?? '/metrics', scheme: s.scheme ?? 'http' }).toEqual({
          targets: job.static_configs[0].targets,
          path: job.metrics_path ?? '/metrics',
          scheme: job.scheme ?? 'http',
        });
        if (job.basic_auth) {
          const key = path.basename(job.basic_auth.password_file);
          expect(s.basicAuth).toEqual({ username: { name: PROMETHEUS_SECRET, key: `${key}-username` }, password: { name: PROMETHEUS_SECRET, key } });
        }
      }
    }
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
    expect(s.alerting.alertmanagers).toEqual([{ namespace: k8s.namespace, name: 'alertmanager-operated', port: 'web', apiVersion: 'v2' }]);
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
    expect(ds).toMatchObject({ uid: 'prometheus-production-k8s', url: 'http://prometheus-operated.monitoring.svc:9090', isDefault: false });
  });

  test('secrets come from sensitive variables into Secrets, never into a manifest or the Terraform JSON', () => {
    const tf = JSON.parse(Testing.synth(stack));
    const variables = tf.variable as Record<string, { sensitive: boolean; default?: unknown }>;
    expect(Object.keys(variables).sort()).toEqual(deployment.secretVariableNames);
    for (const v of Object.values(variables)) expect(v).toMatchObject({ sensitive: true });
    for (const v of Object.values(variables)) expect(v.default).toBeUndefined();
    const secrets = tf.resource.kubernetes_secret_v1 as Record<string, { metadata: { name: string }; data: Record<string, string> }>;
    const credentials = Object.values(secrets).find((s) => s.metadata.name === PROMETHEUS_SECRET)!;
    expect(credentials.data['mimir-token']).toBe('${var.prometheus_secret_mimir_token}');
    expect(credentials.data['ik-engine-metrics-password']).toBe('${var.prometheus_secret_ik_engine_metrics_password}');
    // Manifests are applied from the reviewed files, so cdk.tf.json holds no object content of its own.
    const manifests = Object.values(tf.resource.kubernetes_manifest as Record<string, { manifest: string }>);
    expect(manifests).toHaveLength(objects.length);
    for (const m of manifests) expect(m.manifest).toMatch(/^\$\{yamldecode\(file\("kubernetes\/[a-z]+\/[^"]+\.yaml"\)\)\}$/);
    expect(tf.provider.kubernetes[0]).toEqual({ config_context: 'prod-eu-2' });
    const kinds = [...files].filter(([f]) => f.startsWith('kubernetes/')).map(([, c]) => c);
    expect(kinds.some((c) => /kind: Secret\b/.test(c))).toBe(false);
  });

  test('the review reads it like any other stack: the same alerts and routes as production, and the images the cluster runs', () => {
    const read = (e: Environment, f: Map<string, string>) => readEnvironment(e.name, writeTempFiles(new Map([...f, ['cdk.tf.json', Testing.synth(new MonitoringStack(new App({ outdir: Testing.app().outdir }), e))]])));
    const [k8s, docker] = [read(env, files), read(production, dockerFiles)];
    expect(k8s.alerts.map((a) => a.name)).toEqual(docker.alerts.map((a) => a.name));
    expect(Object.keys(k8s.routing).length).toBeGreaterThan(90);
    for (const [alert, routing] of Object.entries(docker.routing)) expect({ alert, receivers: k8s.routing[alert].receivers }).toEqual({ alert, receivers: routing.receivers });
    expect(k8s.images).toEqual({ 'prom/prometheus': 'v2.42.0', 'prom/alertmanager': 'v0.25.0', 'prom/blackbox-exporter': 'v0.23.0' });
  });

  test('cdktf writes exactly these files, the ones the manifests read', () => {
    const outdir = fs.mkdtempSync(path.join(require('os').tmpdir(), 'mac-k8s-'));
    const app = new App({ outdir });
    const s = new MonitoringStack(app, env);
    app.synth();
    const dir = path.join(outdir, 'stacks', s.node.id);
    const tf = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.tf.json'), 'utf8'));
    for (const m of Object.values(tf.resource.kubernetes_manifest as Record<string, { manifest: string }>)) {
      const file = /file\("([^"]+)"\)/.exec(m.manifest)![1];
      expect(fs.existsSync(path.join(dir, file))).toBe(true);
    }
  });
});

describe('mistakes in a Kubernetes target fail synth with one message each', () => {
  const problemsOf = (change: Partial<Environment>) => new MonitoringStack(new App({ outdir: Testing.app().outdir }), { ...env, ...change }).problems();
  test.each([
    ['a namespace that is no name', { kubernetes: { ...env.kubernetes!, namespace: 'Monitoring_NS' } }, /kubernetes.namespace "Monitoring_NS" is not a namespace name/],
    ['docker and kubernetes at once', { docker: production.docker }, /sets both docker and kubernetes/],
    ['a Service for a job that does not exist', { kubernetes: { ...env.kubernetes!, services: { 'no-such-job': { selector: { app: 'x' }, port: 'metrics' } } } }, /kubernetes.services\["no-such-job"\] names no scrape job/],
    ['a Service selecting everything', { kubernetes: { ...env.kubernetes!, services: { alertmanager: { selector: {}, port: 'web' } } } }, /has an empty selector/],
    ['a memory that is no quantity', { kubernetes: { ...env.kubernetes!, prometheus: { resources: { limits: { memory: '8 GB' } } } } }, /kubernetes.prometheus.resources.limits.memory "8 GB" is not a Kubernetes quantity/],
    ['a volume size that is no quantity', { kubernetes: { ...env.kubernetes!, alertmanager: { storage: { size: '1 GB' } } } }, /kubernetes.alertmanager.storage.size "1 GB" is not a Kubernetes quantity/],
    ['zero replicas', { kubernetes: { ...env.kubernetes!, alertmanager: { replicas: 0 } } }, /kubernetes.alertmanager.replicas 0 must be a whole number/],
    ['a moving image tag', { kubernetes: { ...env.kubernetes!, images: { prometheus: { repository: 'prom/prometheus', tag: 'latest' } } } }, /kubernetes.images.prometheus: image prom\/prometheus:latest is not pinned/],
  ])('%s', (_what, change, message) => {
    const problems = problemsOf(change as Partial<Environment>);
    expect(problems.filter((p) => message.test(p))).toHaveLength(1);
    expect(problems.every((p) => p.startsWith('environment production-k8s: '))).toBe(true);
  });
});
