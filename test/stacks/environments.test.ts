import { App, Testing } from 'cdktf';
import { parse } from 'yaml';
import { Environment, environments, local, production, staging } from '../../stacks/environments';
import { MonitoringStack } from '../../stacks/monitoring-stack';
import { packAlerts, pages, resolveRoutes } from '../../lib';
import { alertmanagerAddresses, exporterAddress } from '../../lib/docker';
import { stackFiles } from '../util/fixtures';
import { ContainerJson, StackJson, containersOf, synthesizedStack } from '../util/terraform';

/** Every leaf of a parsed document by its path (`scrape_configs.3.static_configs.0.targets.0`). */
function leaves(value: unknown, at = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) leaves(v, at ? `${at}.${k}` : k, into);
  else into.set(at, value);
  return into;
}

/** The paths whose values differ between two documents (present in one only counts). */
function differingPaths(a: unknown, b: unknown): string[] {
  const [x, y] = [leaves(a), leaves(b)];
  return [...new Set([...x.keys(), ...y.keys()])].filter((k) => x.get(k) !== y.get(k)).sort();
}

/** The targets an environment declares for a job: in `targets`, or as an exporter it runs. */
function declaredTargets(env: Environment, job: string): readonly string[] | undefined {
  const exporter = env.docker?.exporters?.find((e) => e.system.selector.job === job);
  return exporter ? [exporterAddress(exporter)] : env.targets?.[job];
}

const files = new Map(environments.map((env) => [env.name, stackFiles(env)]));
const yamlOf = (env: Environment, file: string): Record<string, unknown> => parse(files.get(env.name)!.get(file)!);
const stacks = new Map(environments.map((env) => [env.name, synthesizedStack(env)]));
const prometheusCommand = (stack: StackJson) => containersOf(stack).get('prometheus')!.command;

describe('the environments', () => {
  test('local, staging, production and production-k8s each make a stack with no problems', () => {
    expect(environments.map((e) => e.name)).toEqual(['local', 'staging', 'production', 'production-k8s']);
    for (const env of environments) expect(new MonitoringStack(new App({ outdir: Testing.app().outdir }), env).problems()).toEqual([]);
  });

  test('staging and production prometheus.yml differ exactly where the environment objects differ', () => {
    const [s, p] = [yamlOf(staging, 'prometheus/prometheus.yml'), yamlOf(production, 'prometheus/prometheus.yml')];
    const jobs = (s.scrape_configs as { job_name: string }[]).map((j) => j.job_name);
    const explained = (path: string): string | undefined => {
      if (/^global\.(scrape_interval|evaluation_interval|scrape_timeout)$/.test(path)) return 'scrapeInterval / evaluationInterval';
      if (path.startsWith('global.external_labels.')) return 'externalLabels';
      if (path.startsWith('alerting.')) return 'docker.alertmanagers (two in production)';
      if (path.startsWith('remote_write')) return 'remoteWrite';
      const target = /^scrape_configs\.(\d+)\.static_configs\.0\.targets\.\d+$/.exec(path);
      return target && (declaredTargets(production, jobs[Number(target[1])]) || declaredTargets(staging, jobs[Number(target[1])])) ? 'targets' : undefined;
    };
    // Each environment's targets are exactly those it declares (targets, or the exporters it runs).
    for (const [env, doc] of [[staging, s], [production, p]] as const) {
      for (const job of doc.scrape_configs as { job_name: string; static_configs: { targets: string[] }[] }[]) {
        const declared = declaredTargets(env, job.job_name);
        if (declared) expect({ job: job.job_name, targets: job.static_configs[0].targets }).toEqual({ job: job.job_name, targets: declared });
      }
    }
    const paths = differingPaths(s, p);
    expect(paths.filter((path) => explained(path) === undefined)).toEqual([]);
    // And each of those fields does show up.
    expect(new Set(paths.map(explained))).toEqual(new Set(['scrapeInterval / evaluationInterval', 'externalLabels', 'docker.alertmanagers (two in production)', 'remoteWrite', 'targets']));
  });

  test('the rules are the same rules everywhere; only the links in their annotations point at each Grafana', () => {
    const strip = (yml: string) => yml.replace(/https?:\/\/(127\.0\.0\.1:3000|grafana(\.staging)?\.example\.com)/g, '<grafana>');
    const packs = [...files.get('local')!.keys()].filter((f) => f.startsWith('prometheus/rules/')).map((f) => f.replace(/^prometheus\/rules\/|\.yml$/g, ''));
    expect(packs).toHaveLength(6);
    for (const pack of packs) {
      const [l, s, p] = [local, staging, production].map((env) => strip(files.get(env.name)!.get(`prometheus/rules/${pack}.yml`)!));
      expect(s).toBe(l);
      expect(p).toBe(l);
    }
  });

  test('each environment keeps its own external labels, retention, size and limits on its Prometheus', () => {
    for (const env of [staging, production]) {
      expect((yamlOf(env, 'prometheus/prometheus.yml').global as { external_labels: unknown }).external_labels).toEqual(env.externalLabels);
      const command = prometheusCommand(stacks.get(env.name)!);
      expect(command).toContain(`--storage.tsdb.retention.time=${env.retention}`);
      expect(command).toContain(`--storage.tsdb.retention.size=${env.retentionSize}`);
      const container = containersOf(stacks.get(env.name)!).get('prometheus') as unknown as { memory: number; memory_swap: number; cpus: string };
      expect([container.memory, container.memory_swap, container.cpus]).toEqual([env.docker!.limits!.prometheus!.memoryMb, env.docker!.limits!.prometheus!.memoryMb, String(env.docker!.limits!.prometheus!.cpus)]);
    }
    expect(prometheusCommand(stacks.get('production')!)).toEqual(expect.arrayContaining(['--storage.tsdb.wal-compression', '--query.timeout=1m', '--query.max-concurrency=16']));
    // Local sets none of these: Prometheus' defaults, no limits.
    expect(prometheusCommand(stacks.get('local')!).filter((f) => /retention\.size|wal-compression|query\./.test(f))).toEqual([]);
    expect(containersOf(stacks.get('local')!).get('prometheus')).not.toHaveProperty('memory');
  });

  test('production: two Alertmanagers gossiping with each other, Prometheus sending to both and scraping both', () => {
    const containers = containersOf(stacks.get('production')!);
    const alertmanagers = [...containers.keys()].filter((name) => name.startsWith('alertmanager')).sort();
    expect(alertmanagers).toEqual(['alertmanager-1', 'alertmanager-2']);
    expect(containers.get('alertmanager-1')!.command).toEqual(expect.arrayContaining(['--cluster.listen-address=0.0.0.0:9094', '--cluster.peer=alertmanager-2:9094', '--data.retention=168h']));
    expect(containers.get('alertmanager-2')!.command).toEqual(expect.arrayContaining(['--cluster.listen-address=0.0.0.0:9094', '--cluster.peer=alertmanager-1:9094']));
    // Each its own data volume and host port; the secrets one variable each, shared.
    expect(alertmanagers.map((n) => containers.get(n)!.volumes![0].volume_name)).toHaveLength(2);
    expect(new Set(alertmanagers.map((n) => containers.get(n)!.volumes![0].volume_name)).size).toBe(2);
    expect(alertmanagers.map((n) => containers.get(n)!.ports[0].external)).toEqual([9093, 9094]);
    const secretUploads = alertmanagers.map((n) => containers.get(n)!.upload.filter((u) => u.content).map((u) => u.content));
    expect(secretUploads[0]).toEqual(secretUploads[1]);
    const prometheus = yamlOf(production, 'prometheus/prometheus.yml') as { alerting: { alertmanagers: { static_configs: { targets: string[] }[] }[] }; scrape_configs: { job_name: string; static_configs: { targets: string[] }[] }[] };
    expect(prometheus.alerting.alertmanagers[0].static_configs[0].targets).toEqual(alertmanagerAddresses(2));
    expect(prometheus.scrape_configs.find((j) => j.job_name === 'alertmanager')!.static_configs[0].targets).toEqual(alertmanagerAddresses(2));
    // Staging and local: one Alertmanager, no gossip.
    for (const env of ['local', 'staging']) expect(containersOf(stacks.get(env)!).get('alertmanager')!.command).toContain('--cluster.listen-address=');
  });

  test('production sends every sample to long-term storage with its token from a secret file; no one else does', () => {
    const remote = (yamlOf(production, 'prometheus/prometheus.yml').remote_write as Record<string, unknown>[])[0];
    expect(remote).toMatchObject({ url: 'https://mimir.example.com/api/v1/push', authorization: { type: 'Bearer', credentials_file: '/etc/prometheus/secrets/mimir-token' } });
    expect(Object.keys(stacks.get('production')!.variable)).toContain('prometheus_secret_mimir_token');
    for (const env of [local, staging]) expect(yamlOf(env, 'prometheus/prometheus.yml')).not.toHaveProperty('remote_write');
  });

  test('staging pages nobody: every alert that pages in production goes to #alerts-staging there, and routing.md says so', () => {
    const receivers = (env: Environment) => new Map(env.alertmanager.receivers.map((r) => [r.name, r]));
    const [stagingReceivers, productionReceivers] = [receivers(staging), receivers(production)];
    expect(staging.alertmanager.receivers.filter(pages)).toEqual([]);
    const alerts = staging.rulePacks.flatMap(packAlerts);
    let paged = 0;
    for (const alert of alerts) {
      const inProduction = resolveRoutes(production.alertmanager.route, alert.labels).map((r) => r.receiver);
      const inStaging = resolveRoutes(staging.alertmanager.route, alert.labels).map((r) => r.receiver);
      const wouldPage = inProduction.some((name) => pages(productionReceivers.get(name)!));
      if (wouldPage) paged++;
      // The same alert goes to the same place, except that pages go to the staging channel.
      expect(inStaging).toEqual(inProduction.map((name) => (pages(productionReceivers.get(name)!) ? 'staging-critical' : name)));
      expect(inStaging.every((name) => !pages(stagingReceivers.get(name)!))).toBe(true);
    }
    expect(paged).toBeGreaterThan(20);
    expect(files.get('staging')!.get('alertmanager/alertmanager.yml')).not.toContain('pagerduty');
    expect(files.get('staging')!.get('alertmanager/routing.md')).toContain('**This environment pages nobody**: staging alerts are for the teams to look at in working hours, in #alerts-staging.');
    expect(files.get('production')!.get('alertmanager/routing.md')).not.toContain('pages nobody');
  });

  test('no stack holds a secret value: every secret is a sensitive variable without a default', () => {
    for (const [name, stack] of stacks) {
      const variables = Object.values(stack.variable) as { sensitive?: boolean; default?: unknown }[];
      expect({ name, all: variables.every((v) => v.sensitive === true && v.default === undefined) }).toEqual({ name, all: true });
    }
  });

  test('one exporter declaration makes its container, its scrape target and its password variable; its system keeps its alerts', () => {
    for (const env of [staging, production]) {
      const stack = stacks.get(env.name)!;
      const containers = containersOf(stack);
      const jobs = (yamlOf(env, 'prometheus/prometheus.yml').scrape_configs as { job_name: string; static_configs: { targets: string[] }[] }[]);
      const ruleFiles = [...files.get(env.name)!].filter(([f]) => f.startsWith('prometheus/rules/')).map(([, yml]) => yml);
      expect(env.docker!.exporters!.length).toBe(5);
      for (const exporter of env.docker!.exporters!) {
        const job = exporter.system.selector.job!;
        const container = containers.get(`${job}-exporter`)!;
        expect(container.image).toMatch(/^\$\{docker_image\./);
        // Scraped on the stack's network, where it runs; no host port.
        expect(jobs.find((j) => j.job_name === job)!.static_configs[0].targets).toEqual([`${job}-exporter:${exporter.kind === 'postgres' ? 9187 : 9121}`]);
        expect(container.ports).toEqual([]);
        expect(container.user).toBe('65534:65534');
        const variable = `${job.replace(/-/g, '_')}_exporter_secret_password`;
        expect(stack.variable).toHaveProperty(variable);
        expect(container.upload.map((u) => u.content)).toEqual([expect.stringContaining(`var.${variable}`)]);
        // Its system's alerts are the pack's as before: the container changes where it is scraped, not what is watched.
        expect(ruleFiles.some((yml) => yml.includes(`job="${job}"`))).toBe(true);
      }
    }
    // Local runs none: its jobs keep their placeholders.
    expect([...containersOf(stacks.get('local')!).keys()].filter((n) => n.endsWith('-exporter'))).toEqual(['blackbox-exporter']);
  });

  test('host exporters: node_exporter unprivileged with the host root read-only, cAdvisor as root only with its reason', () => {
    const host = { name: 'monitoring-host-containers', selector: { job: 'monitoring-host-containers' } };
    const env: Environment = {
      ...production,
      scrapeConfigs: [...production.scrapeConfigs, { jobName: host.selector.job, targets: ['placeholder:8080'], unalertedReason: 'a test of the container alone' }],
      docker: {
        ...production.docker,
        exporters: [...production.docker!.exporters!, { system: host, kind: 'cadvisor' }, { system: { name: 'dubbing-node', selector: { job: 'dubbing-node' } }, kind: 'node' }],
      },
      targets: Object.fromEntries(Object.entries(production.targets!).filter(([job]) => job !== 'dubbing-node')),
    };
    expect(new MonitoringStack(new App({ outdir: Testing.app().outdir }), env).problems()).toEqual([]);
    const containers = containersOf(synthesizedStack(env)) as Map<string, ContainerJson & { mounts?: { source: string; target: string; read_only: boolean; type: string }[] }>;
    const node = containers.get('dubbing-node-exporter')!;
    expect([node.user, node.command, node.mounts]).toEqual(['65534:65534', ['--path.rootfs=/host'], [{ source: '/', target: '/host', read_only: true, type: 'bind' }]]);
    const cadvisor = containers.get('monitoring-host-containers-exporter')!;
    expect(cadvisor.user).toBe('0:0');
    expect(cadvisor.mounts!.every((m) => m.read_only)).toBe(true);
    expect(cadvisor.healthcheck.test).toContain('http://127.0.0.1:8080/healthz');
    expect(cadvisor.capabilities.drop).toEqual(['ALL']);
    // Two containers for one job would both answer to one name.
    expect(new MonitoringStack(new App({ outdir: Testing.app().outdir }), { ...env, docker: { ...env.docker, exporters: [...env.docker!.exporters!, { system: host, kind: 'node' }] } }).problems()).toContain(
      'environment production: scrape job monitoring-host-containers has two exporters declared; one container serves one job',
    );
  });

  test('a config change replaces the container and keeps its data volume', () => {
    const before = stacks.get('production')!;
    const after = synthesizedStack({ ...production, retention: '60d' });
    const volumes = (s: StackJson) => s.resource.docker_volume;
    expect(volumes(after)).toEqual(volumes(before));
    const [was, is] = [before, after].map((s) => containersOf(s).get('prometheus')!);
    expect(is.command).not.toEqual(was.command);
    // The container mounts the volume by its resource, so a new container gets the same volume.
    expect(is.volumes).toEqual(was.volumes);
    expect(is.volumes![0].volume_name).toMatch(/^\$\{docker_volume\.[^.]+\.name\}$/);
    // Config files carry their content hash: a changed file is a changed container (the provider replaces it).
    expect(is.upload.filter((u) => u.source).every((u) => /^\$\{filesha256\("prometheus\/.+"\)\}$/.test(u.source_hash ?? ''))).toBe(true);
  });
});

describe('environment mistakes that fail synth', () => {
  const problems = (env: Environment) => new MonitoringStack(new App({ outdir: Testing.app().outdir }), env).problems();

  test('targets for a scrape job that does not exist', () => {
    expect(problems({ ...staging, targets: { ...staging.targets, 'ik-engin': ['x:1'] } })).toEqual([expect.stringMatching(/^environment staging: targets names scrape job "ik-engin", which no scrape job has; the jobs are ik-engine, /)]);
  });

  test('Prometheus sending to one Alertmanager of two (as behind a load balancer)', () => {
    expect(problems({ ...production, alertmanagers: ['alertmanager-1:9093'] })).toEqual([
      'deployment monitoring-production: Prometheus does not send to alertmanager-2:9093; list every Alertmanager in the environment\'s alertmanagers (or leave it unset to send to all of them), never a load balancer',
    ]);
  });

  test('scraping one Alertmanager of the two: one down would not show', () => {
    expect(problems({ ...production, targets: { ...production.targets, alertmanager: ['alertmanager-1:9093'] } })).toEqual([
      'deployment monitoring-production: scrape job alertmanager scrapes some Alertmanagers but not alertmanager-2:9093; give it alertmanagerAddresses(2) as its targets',
    ]);
  });

  test('a paging receiver in an environment that never pages', () => {
    // Someone adds PagerDuty to the staging channel.
    const receivers = staging.alertmanager.receivers.map((r) => (r.name === 'staging-critical' ? { ...r, pagerduty: [{ routingKeyFile: '/etc/alertmanager/secrets/pagerduty-ik-engine-routing-key' }] } : r));
    expect(problems({ ...staging, alertmanager: { ...staging.alertmanager, receivers } })).toEqual([
      'alertmanager receiver staging-critical: pages through PagerDuty, but this environment never pages (staging alerts are for the teams to look at in working hours, in #alerts-staging); send its alerts to a channel instead (withoutPaging)',
    ]);
  });

  test('a database exporter that does not say what it reads, or carries the password in its address', () => {
    const [first, ...rest] = staging.docker!.exporters!;
    const withFirst = (change: object) => ({ ...staging, docker: { ...staging.docker, exporters: [{ ...first, ...change }, ...rest] } });
    expect(problems(withFirst({ connectsTo: undefined }))).toEqual(['exporter ik-engine-postgres (postgres): connectsTo is missing; say which database (host:port/database?sslmode=require) it reads']);
    const leaked = problems(withFirst({ connectsTo: 'exporter:hunter2@ik-engine-db:5432/ik_engine' }));
    expect(leaked).toEqual(['exporter ik-engine-postgres (postgres): connectsTo carries credentials; leave them out (the password is the variable ik_engine_postgres_exporter_secret_password)']);
    expect(leaked.join()).not.toContain('hunter2');
    // In the query string too.
    const inQuery = problems(withFirst({ connectsTo: 'ik-engine-db:5432/ik_engine?sslmode=require&password=hunter2' }));
    expect(inQuery).toEqual(['exporter ik-engine-postgres (postgres): connectsTo carries credentials; leave them out (the password is the variable ik_engine_postgres_exporter_secret_password)']);
    expect(inQuery.join()).not.toContain('hunter2');
  });

  test('a Redis exporter address without redis://, for which redis_exporter would send no password', () => {
    const exporters = staging.docker!.exporters!.map((e) => (e.system.name === 'dubbing-redis' ? { ...e, connectsTo: 'dubbing-redis.staging.example.com:6379' } : e));
    expect(problems({ ...staging, docker: { ...staging.docker, exporters } })).toEqual([
      'exporter dubbing-redis (redis): connectsTo dubbing-redis.staging.example.com:6379 has no redis:// (or rediss://); give the scheme, e.g. redis://dubbing-redis.staging.example.com:6379, or the exporter sends no password',
    ]);
  });

  test('a job both given targets and run as an exporter', () => {
    expect(problems({ ...staging, targets: { ...staging.targets, 'dubbing-redis': ['redis-exporter.example.com:9121'] } })).toEqual([
      'environment staging: scrape job dubbing-redis has targets and an exporter the stack runs; remove it from targets (the exporter\'s container is its target)',
    ]);
  });

  test('container limits Docker refuses', () => {
    expect(problems({ ...staging, docker: { limits: { prometheus: { memoryMb: 0.5, cpus: 0 } } } })).toEqual([
      'container prometheus: limits.memoryMb is 0.5; Docker needs a whole number of MB, 6 or more',
      'container prometheus: limits.cpus is 0; it must be above 0, e.g. 0.5 or 2',
    ]);
  });

  test('an Alertmanager group of none', () => {
    expect(problems({ ...production, alertmanagers: [], docker: { ...production.docker, alertmanagers: { replicas: 0 } } })).toContain(
      'deployment monitoring-production: alertmanagers.replicas is 0; it must be a whole number, 1 or more (2 or 3 for a highly available group)',
    );
  });
});
