import { App, Testing } from 'cdktf';
import { ServerContainerProps, containerProblems } from '../../lib/docker';
import { local } from '../../stacks/environments';
import { MonitoringStack } from '../../stacks/monitoring-stack';

/** A valid declaration; each case breaks one thing. The network is not read by the checks. */
const valid: ServerContainerProps = {
  name: 'prometheus',
  namePrefix: 'monitoring-test',
  network: undefined as never,
  image: { repository: 'prom/prometheus', tag: 'v2.42.0' },
  ports: [{ internal: 9090 }],
  uploads: [{ path: '/etc/prometheus/prometheus.yml', source: 'prometheus/prometheus.yml' }],
  secretFiles: ['/etc/prometheus/secrets/password'],
  healthUrl: 'http://127.0.0.1:9090/-/healthy',
};

const cases: [string, Partial<ServerContainerProps>, string][] = [
  ['a moving image tag', { image: { repository: 'prom/prometheus', tag: 'latest' } }, 'container prometheus: image prom/prometheus:latest is not pinned; use a release tag such as v1.2.3 or a sha256 digest'],
  ['root', { user: '0:0' }, 'container prometheus: runs as root (user "0:0"); set an unprivileged uid:gid such as 65534:65534, or say why it must be root (rootBecause)'],
  ['root by name', { user: 'root' }, 'container prometheus: runs as root (user "root"); set an unprivileged uid:gid such as 65534:65534, or say why it must be root (rootBecause)'],
  ['a host mount with a relative path', { hostMounts: [{ host: 'proc', container: '/host/proc' }] }, 'container prometheus: host mount proc → /host/proc: both must be absolute paths'],
  ['root with an empty reason', { user: '0:0', rootBecause: ' ' }, 'container prometheus: runs as root (user "0:0"); set an unprivileged uid:gid such as 65534:65534, or say why it must be root (rootBecause)'],
  ['a port out of range', { ports: [{ internal: 9090, external: 90900 }] }, 'container prometheus: port 90900 is not a TCP port (1-65535)'],
  ['a host address that is not one', { ports: [{ internal: 9090, hostIp: 'localhost' }] }, 'container prometheus: hostIp "localhost" is not an IPv4 address'],
  ['a relative secret path', { secretFiles: ['secrets/password'] }, 'container prometheus: secrets/password must be an absolute path inside the container'],
  [
    'a secret copied over a config file',
    { secretFiles: ['/etc/prometheus/prometheus.yml'] },
    'container prometheus: /etc/prometheus/prometheus.yml is copied into the container twice',
  ],
  ['a healthcheck off the container', { healthUrl: 'http://prometheus:9090/-/healthy' }, 'container prometheus: healthUrl "http://prometheus:9090/-/healthy" must be an http URL on 127.0.0.1 inside the container'],
];

describe('container declarations that fail synth', () => {
  test('the valid declaration has no problems', () => {
    expect(containerProblems(valid, 'container prometheus')).toEqual([]);
  });

  test.each(cases)('%s', (_what, change, message) => {
    expect(containerProblems({ ...valid, ...change }, 'container prometheus')).toEqual([message]);
  });

  test('an Alertmanager image of another release than alertmanager.yml is written for', () => {
    const stack = new MonitoringStack(new App({ outdir: Testing.app().outdir }), { ...local, docker: { images: { alertmanager: { repository: 'prom/alertmanager', tag: 'v0.28.1' } } } });
    expect(stack.problems()).toEqual([
      'container alertmanager: image prom/alertmanager:v0.28.1 runs another release than alertmanager.yml is written for (0.25); set the config\'s version to 0.28 or pin the image to a 0.25.x release',
    ]);
  });

  test('an Alertmanager image pinned by digest, with no version on the config', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const stack = new MonitoringStack(new App({ outdir: Testing.app().outdir }), { ...local, docker: { images: { alertmanager: { repository: 'prom/alertmanager', tag: digest } } } });
    expect(stack.problems()).toEqual([`container alertmanager: image prom/alertmanager@${digest} is pinned by digest, which names no release; set the config's version to the release it holds`]);
  });

  test('a time zone the official Alertmanager image cannot load', () => {
    const timeIntervals = [{ name: 'business-hours', intervals: [{ weekdays: ['monday:friday' as const], times: [{ startTime: '08:00', endTime: '18:00' }], location: 'Europe/Berlin' }] }];
    const stack = new MonitoringStack(new App({ outdir: Testing.app().outdir }), { ...local, alertmanager: { ...local.alertmanager, timeIntervals } });
    expect(stack.problems()).toEqual([
      'time interval "business-hours": location Europe/Berlin needs a zone database, which the prom/alertmanager image lacks (Alertmanager embeds none); write the times in UTC, or use an image with tzdata',
    ]);
  });

  test('the same stack with the config written for that release has no problems', () => {
    const env = { ...local, alertmanager: { ...local.alertmanager, version: '0.28' as const }, docker: { images: { alertmanager: { repository: 'prom/alertmanager', tag: 'v0.28.1' } } } };
    expect(new MonitoringStack(new App({ outdir: Testing.app().outdir }), env).problems()).toEqual([]);
  });
});
