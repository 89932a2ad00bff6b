import { App, Testing } from 'cdktf';
import { runTool } from '../../lib/testing';
import { local } from '../../stacks/environments';
import { MonitoringStack } from '../../stacks/monitoring-stack';
import { stackFiles } from '../util/fixtures';
import { ContainerJson, containersOf, synthesizedStack } from '../util/terraform';

const stack = synthesizedStack();
const containers = containersOf(stack);
const files = stackFiles();

describe('containers of the local stack', () => {
  test('four servers, each on the shared network under the name the configs use', () => {
    expect([...containers.keys()].sort()).toEqual(['alertmanager', 'blackbox-exporter', 'grafana', 'prometheus']);
    expect(files.get('grafana/provisioning/datasources/prometheus.yml')).toContain('url: http://prometheus:9090');
    expect(files.get('prometheus/prometheus.yml')).toContain('- grafana:3000');
    expect(files.get('prometheus/prometheus.yml')).toContain('- alertmanager:9093');
    expect(files.get('prometheus/prometheus.yml')).toContain('replacement: blackbox-exporter:9115');
    for (const [name, c] of containers) expect(c.networks_advanced).toEqual([{ name: expect.stringContaining('docker_network.'), aliases: [name] }]);
  });

  test.each([
    ['prometheus', ['promtool', '--version']],
    ['alertmanager', ['amtool', '--version']],
    ['blackbox-exporter', ['prometheus-blackbox-exporter', '--version']],
  ])('%s runs the release whose tools checked its config in these tests', (name, [tool, ...args]) => {
    const release = /version (\d+\.\d+\.\d+)/.exec(runTool(tool, args, '.').output)![1];
    const image = stack.resource.docker_image[containers.get(name)!.image.match(/docker_image\.(\w+)\./)![1]];
    expect(image.name).toMatch(new RegExp(`^prom/${name}:v${release.replace(/\./g, '\\.')}$`));
  });

  test.each([...containers])('%s: unprivileged, no capabilities, restarted, health-checked, reachable from this host only', (name, c: ContainerJson) => {
    // Grafana's image runs as its own user, grafana (472), in group root as the image expects.
    expect(c.user).toBe(name === 'grafana' ? '472:0' : '65534:65534');
    expect(c.capabilities).toEqual({ drop: ['ALL'] });
    expect(c.security_opts).toEqual(['no-new-privileges:true']);
    expect(c.restart).toBe('unless-stopped');
    expect(c.healthcheck.test).toEqual(['CMD', 'wget', '-q', '--spider', expect.stringMatching(name === 'grafana' ? /^http:\/\/127\.0\.0\.1:3000\/api\/health$/ : /^http:\/\/127\.0\.0\.1:\d+\/-\/healthy$/)]);
    expect(c.ports.length).toBeGreaterThan(0);
    for (const port of c.ports) expect(port.ip).toBe('127.0.0.1');
  });

  test('Prometheus, Alertmanager and Grafana keep their data in named volumes', () => {
    const volumeOf = (name: string) => containers.get(name)!.volumes;
    expect(volumeOf('prometheus')).toEqual([{ container_path: '/prometheus', volume_name: expect.stringContaining('docker_volume.') }]);
    expect(volumeOf('alertmanager')).toEqual([{ container_path: '/alertmanager', volume_name: expect.stringContaining('docker_volume.') }]);
    expect(volumeOf('grafana')).toEqual([{ container_path: '/var/lib/grafana', volume_name: expect.stringContaining('docker_volume.') }]);
    expect(Object.values(stack.resource.docker_volume).map((v) => v.name).sort()).toEqual(['monitoring-local-alertmanager-data', 'monitoring-local-grafana-data', 'monitoring-local-prometheus-data']);
  });

  test('every config file is copied from the file synth wrote beside cdk.tf.json, and a changed file changes its hash', () => {
    for (const c of containers.values()) {
      for (const upload of c.upload.filter((u) => u.source !== undefined)) {
        expect(files.has(upload.source!)).toBe(true);
        expect(upload.source_hash).toBe(`\${filesha256("${upload.source}")}`);
      }
    }
    const uploaded = [...containers.values()].flatMap((c) => c.upload.flatMap((u) => (u.source ? [u.source] : [])));
    const deployable = [...files.keys()].filter((f) => !f.startsWith('prometheus/tests/') && !f.endsWith('.md'));
    expect(uploaded.sort()).toEqual(deployable.sort());
  });

  test('every *_file a config names is filled from a sensitive variable, and no secret value is in the JSON', () => {
    const named = (file: string) => [...new Set([...files.get(file)!.matchAll(/_file: (\/\S+)/g)].map((m) => m[1]))].sort();
    const filled = (name: string) =>
      containers
        .get(name)!
        .upload.filter((u) => u.content !== undefined)
        .map((u) => u.file)
        .sort();
    expect(named('alertmanager/alertmanager.yml').length).toBeGreaterThan(3);
    expect(filled('alertmanager')).toEqual(named('alertmanager/alertmanager.yml'));
    expect(filled('prometheus')).toEqual(named('prometheus/prometheus.yml'));
    for (const c of containers.values()) {
      for (const u of c.upload.filter((x) => x.content !== undefined)) {
        const variable = /^\$\{var\.(\w+)\}$/.exec(u.content!)![1];
        expect(stack.variable[variable]).toEqual({ type: 'string', sensitive: true, nullable: false, description: expect.stringContaining(u.file) });
      }
    }
    expect(Object.keys(stack.variable)).toContain('alertmanager_secret_slack_webhook_url');
    expect(filled('grafana')).toEqual(['/etc/grafana/secrets/admin-password']);
  });

  test('Grafana: pinned to the release line the Foundation SDK writes for, admin password from a file, no anonymous access or sign-up, provisioned on first boot', () => {
    const grafana = containers.get('grafana')! as ContainerJson & { env: string[] };
    const image = stack.resource.docker_image[grafana.image.match(/docker_image\.(\w+)\./)![1]];
    // SDK 0.0.x writes schemaVersion 42, which Grafana 12 reads.
    expect(image.name).toMatch(/^grafana\/grafana:12\.\d+\.\d+$/);
    expect(JSON.parse(files.get('grafana/dashboards/monitoring/monitoring-overview.json')!).schemaVersion).toBe(42);
    expect(grafana.env).toEqual(expect.arrayContaining(['GF_SECURITY_ADMIN_PASSWORD__FILE=/etc/grafana/secrets/admin-password', 'GF_AUTH_ANONYMOUS_ENABLED=false', 'GF_USERS_ALLOW_SIGN_UP=false']));
    expect(grafana.env.join('\n')).not.toMatch(/PASSWORD=/);
    expect(grafana.ports).toEqual([{ internal: 3000, external: 3000, ip: '127.0.0.1' }]);
    const uploaded = grafana.upload.flatMap((u) => (u.source ? [[u.file, u.source]] : []));
    expect(uploaded).toEqual(
      expect.arrayContaining([
        ['/etc/grafana/provisioning/datasources/prometheus.yml', 'grafana/provisioning/datasources/prometheus.yml'],
        ['/etc/grafana/provisioning/dashboards/dashboards.yml', 'grafana/provisioning/dashboards/dashboards.yml'],
        ['/etc/grafana/dashboards/monitoring/monitoring-overview.json', 'grafana/dashboards/monitoring/monitoring-overview.json'],
      ]),
    );
  });

  test('Terraform state stays beside the stack, under a relative path', () => {
    expect(stack.terraform.backend).toEqual({ local: { path: 'terraform.local.tfstate' } });
  });

  test('an environment can bind the ports to another address', () => {
    const exposed = Testing.synth(new MonitoringStack(new App({ outdir: Testing.app().outdir }), { ...local, docker: { hostIp: '10.0.0.5' } }));
    const ips = containersOf(JSON.parse(exposed)).get('prometheus')!.ports.map((p) => p.ip);
    expect(ips).toEqual(['10.0.0.5']);
  });
});
