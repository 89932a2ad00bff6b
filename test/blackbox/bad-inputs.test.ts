import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { BlackboxCheckInput, BlackboxModule, ProbeProps, SynthError, blackboxProblems, dnsModule, http2xx, httpModule, icmpModule, probe, tcpModule } from '../../lib';
import { local } from '../../stacks/environments';
import { MonitoringStack } from '../../stacks/monitoring-stack';
import { shopProbe } from '../util/blackbox';

/** A fresh, valid world; each case breaks one thing in it. */
function world() {
  const http200 = httpModule({ name: 'http_200', validStatusCodes: [200] });
  const shop = (overrides: Partial<ProbeProps> = {}) => shopProbe(http200, overrides);
  /** The probes, each scraped by its own job, plus whatever the case adds. */
  const input = (probes = [shop()], extra: Partial<BlackboxCheckInput> = {}): BlackboxCheckInput => ({
    probes,
    scrapeConfigs: probes.map((p) => p.scrapeJob),
    ...extra,
  });
  /** A module built around the types, as plain JavaScript (or a spread of untyped data) would. */
  const untyped = (make: (props: never) => BlackboxModule, props: Record<string, unknown>) => make(props as never);
  return { http200, shop, input, untyped };
}

interface Case {
  readonly input: string;
  readonly build: () => BlackboxCheckInput;
  /** The one message synth must give: names the object and the fix. */
  readonly message: string;
}

const cases: Case[] = [
  {
    input: 'a probe whose alerts are in no rule pack',
    build: () => {
      const w = world();
      return w.input([w.shop()], { rulePacks: [] });
    },
    message: "probe shop-probe-home: its alerts ShopHomeFailing, ShopHomeSlow, ShopHomeCertificateExpiring, ShopHomeCertificateExpiringCritical, ShopHomeNotProbed are in no rule pack; add probeGroup('shop', …) with this probe to the pack of shop",
  },
  {
    input: 'unknown module option',
    build: () => {
      const w = world();
      return w.input([w.shop({ module: w.untyped(httpModule, { name: 'http_200', validStatusCode: [200] }) })]);
    },
    message: 'blackbox module http_200: unknown option "validStatusCode" for the http prober; known options: name, timeout',
  },
  {
    input: 'unknown TLS option',
    build: () => {
      const w = world();
      return w.input([w.shop({ module: w.untyped(httpModule, { name: 'http_200', tls: { insecure: true } }) })]);
    },
    message: 'blackbox module http_200: unknown option "insecure" for tls; known options: insecureSkipVerify',
  },
  {
    input: 'probe pointing at an undefined module',
    build: () => {
      const w = world();
      return w.input([w.shop({ module: 'http_2xx' })]);
    },
    message: 'probe shop-probe-home: module "http_2xx" is not defined; pass the module itself',
  },
  {
    input: 'module named by string whose timeout the scrape job cannot know',
    build: () => {
      const w = world();
      return w.input([w.shop({ module: 'http_slow' })], { modules: [httpModule({ name: 'http_slow', timeout: '10s' })] });
    },
    message: 'probe shop-probe-home: module http_slow, named by string, has timeout 10s, but its scrape job assumes 5s; pass the module itself',
  },
  {
    input: 'hand-written blackbox scrape job asking for an undefined module',
    build: () => {
      const w = world();
      const handWritten = { jobName: 'legacy-probe', targets: ['http://legacy:8080/'], metricsPath: '/probe', params: { module: ['http_2xx'] } };
      return w.input([w.shop()], { scrapeConfigs: [w.shop().scrapeJob, handWritten] });
    },
    message: 'scrape job legacy-probe asks the blackbox exporter for module "http_2xx", which blackbox.yml does not define',
  },
  {
    input: 'probe whose scrape job is missing',
    build: () => {
      const w = world();
      return w.input([w.shop()], { scrapeConfigs: [] });
    },
    message: 'probe shop-probe-home: no scrape job runs it; add probe.scrapeJob to the scrape jobs of shop',
  },
  {
    input: 'the same probe declared twice',
    build: () => {
      const w = world();
      return w.input([w.shop(), w.shop()]);
    },
    message: 'probe shop-probe-home: declared twice',
  },
  {
    input: 'one module name, two different settings',
    build: () => {
      const w = world();
      return w.input([w.shop(), w.shop({ name: 'cart', module: httpModule({ name: 'http_200', validStatusCodes: [200, 204] }) })]);
    },
    message: 'blackbox module http_200: declared twice with different settings; rename one',
  },
  {
    input: 'module name not snake_case',
    build: () => {
      const w = world();
      return w.input([w.shop({ module: httpModule({ name: 'http-200' }) })]);
    },
    message: 'blackbox module http-200: module names are snake_case',
  },
  {
    input: 'malformed module timeout',
    build: () => {
      const w = world();
      return w.input([w.shop({ module: httpModule({ name: 'http_200', timeout: '5 s' as '5s' }) })]);
    },
    message: 'blackbox module http_200: timeout "5 s" is not a Prometheus duration',
  },
  {
    input: 'status code that is not one',
    build: () => {
      const w = world();
      return w.input([w.shop({ module: httpModule({ name: 'http_200', validStatusCodes: [2000] }) })]);
    },
    message: 'blackbox module http_200: validStatusCodes: 2000 is not an HTTP status code',
  },
  {
    input: 'credential in a request header',
    build: () => {
      const w = world();
      return w.input([w.shop({ module: httpModule({ name: 'http_200', headers: { Authorization: 'Bearer x' } }) })]);
    },
    message: 'blackbox module http_200: header Authorization carries a credential, which would be written into blackbox.yml',
  },
  {
    input: 'body regex Go cannot compile',
    build: () => {
      const w = world();
      return w.input([w.shop({ module: httpModule({ name: 'http_200', failIfBodyNotMatches: ['"status":(?!"down")'] }) })]);
    },
    message: 'blackbox module http_200: failIfBodyNotMatches: "\\"status\\":(?!\\"down\\")" uses lookaround or a backreference',
  },
  {
    input: 'failIfSsl and failIfNotSsl together',
    build: () => {
      const w = world();
      return w.input([w.shop({ module: httpModule({ name: 'http_200', failIfSsl: true, failIfNotSsl: true }) })]);
    },
    message: 'blackbox module http_200: failIfSsl and failIfNotSsl together fail every probe',
  },
  {
    input: 'empty TCP conversation step',
    build: () => {
      const w = world();
      return w.input([w.shop({ target: 'db:5432', module: tcpModule({ name: 'tcp_banner', queryResponse: [{}] }), certificate: false })]);
    },
    message: 'blackbox module tcp_banner: queryResponse[0] has neither expect, send nor startTls',
  },
  {
    input: 'ICMP ttl out of range',
    build: () => {
      const w = world();
      return w.input([w.shop({ target: 'gateway', module: icmpModule({ name: 'icmp_ttl', ttl: 300 }) })]);
    },
    message: 'blackbox module icmp_ttl: ttl 300 is outside 0-255',
  },
  {
    input: 'DNS module without a query name',
    build: () => {
      const w = world();
      return w.input([w.shop({ target: '1.1.1.1', module: dnsModule({ name: 'dns_a', queryName: ' ' }) })]);
    },
    message: 'blackbox module dns_a: queryName is empty',
  },
  {
    // Found by the differential test: the exporter says "query type 'AAA' is not valid".
    input: 'DNS module with an unknown record type',
    build: () => {
      const w = world();
      return w.input([w.shop({ target: '1.1.1.1', module: dnsModule({ name: 'dns_a', queryName: 'api.example.com', queryType: 'AAA' as never }) })]);
    },
    message: 'blackbox module dns_a: queryType "AAA" is not a DNS record type (A, AAAA, CNAME, MX, NS, SOA, SRV, TXT, PTR, CAA)',
  },
  {
    // Found by the differential test: the exporter says "unknown TLS version: TLS1.2".
    input: 'TLS minimum version spelt the usual way',
    build: () => {
      const w = world();
      return w.input([w.shop({ module: httpModule({ name: 'http_tls', tls: { minVersion: 'TLS1.2' as never } }) })]);
    },
    message: 'blackbox module http_tls: tls.minVersion "TLS1.2" is not a TLS version; use one of TLS10, TLS11, TLS12, TLS13',
  },
  {
    input: 'unknown prober',
    build: () => {
      const w = world();
      return w.input([w.shop({ module: { ...w.http200, prober: 'grpc' } as never })]);
    },
    message: 'blackbox module http_200: unknown prober "grpc"',
  },
  {
    input: 'http probe whose target is not a URL',
    build: () => {
      const w = world();
      return w.input([w.shop({ target: 'shop:8080' })]);
    },
    message: 'probe shop-probe-home: target "shop:8080" is not an http(s) URL',
  },
  {
    input: 'tcp probe whose target has no port',
    build: () => {
      const w = world();
      return w.input([w.shop({ target: 'db.example.com', module: tcpModule({ name: 'tcp_connect' }) })]);
    },
    message: 'probe shop-probe-home: target "db.example.com" is not host:port',
  },
  {
    input: 'module that demands TLS, plain http target',
    build: () => {
      const w = world();
      return w.input([w.shop({ target: 'http://shop:8080/', module: httpModule({ name: 'https_200', failIfNotSsl: true }) })]);
    },
    message: 'probe shop-probe-home: module https_200 fails without TLS, but the target is plain http://',
  },
  {
    input: 'slow threshold not below the timeout',
    build: () => {
      const w = world();
      return w.input([w.shop({ slow: { maxSeconds: 5 } })]);
    },
    message: 'probe shop-probe-home: slow.maxSeconds 5 is not below the module timeout 5s',
  },
  {
    input: 'timeout longer than the interval',
    build: () => {
      const w = world();
      return w.input([w.shop({ interval: '5s' })]);
    },
    message: 'probe shop-probe-home: the module timeout 5s (plus 1s for the scrape) exceeds the interval 5s',
  },
  {
    input: 'malformed interval',
    build: () => {
      const w = world();
      return w.input([w.shop({ interval: '1 minute' as '1m' })]);
    },
    message: 'probe shop-probe-home: interval "1 minute" is not a Prometheus duration',
  },
  {
    input: 'certificate alerts on a plain http target',
    build: () => {
      const w = world();
      return w.input([w.shop({ target: 'http://shop:8080/', certificate: { warningDays: 14 } })]);
    },
    message: 'probe shop-probe-home: certificate alerts need a TLS target',
  },
  {
    input: 'critical certificate days not fewer than warning days',
    build: () => {
      const w = world();
      return w.input([w.shop({ certificate: { warningDays: 7, criticalDays: 14 } })]);
    },
    message: 'probe shop-probe-home: certificate.criticalDays 14 must be fewer than warningDays 7',
  },
  {
    input: 'probe label that the scrape sets',
    build: () => {
      const w = world();
      return w.input([w.shop({ labels: { instance: 'x' } as never })]);
    },
    message: 'probe shop-probe-home: label "instance" is set by the probe\'s scrape job',
  },
  {
    input: 'service not kebab-case',
    build: () => {
      const w = world();
      return w.input([w.shop({ service: 'Shop' })]);
    },
    message: 'probe Shop-probe-home: service "Shop" must be kebab-case',
  },
  {
    input: 'credentials in the target URL',
    build: () => {
      const w = world();
      return w.input([w.shop({ target: 'https://admin:secret@shop.example.com/' })]);
    },
    message: 'probe shop-probe-home: the target carries user:password',
  },
  {
    input: 'exporter address that is not host:port',
    build: () => {
      const w = world();
      return w.input([w.shop({ exporter: 'http://blackbox:9115' })]);
    },
    message: 'probe shop-probe-home: exporter "http://blackbox:9115" is not host:port',
  },
];

describe('bad probes and modules fail synth with one clear message', () => {
  test('the table covers at least 20 distinct mistakes', () => {
    expect(new Set(cases.map((c) => c.input)).size).toBeGreaterThanOrEqual(20);
  });

  test.each(cases.map((c) => [c.input, c] as const))('%s', (_input, c) => {
    const problems = blackboxProblems(c.build());
    // The planted secret never reaches a message.
    expect(problems.join('\n')).not.toContain('admin:secret');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(c.message);
  });

  test('the valid world has no problems (so each case fails for its own reason)', () => {
    const w = world();
    expect(blackboxProblems(w.input())).toEqual([]);
    expect(blackboxProblems(w.input([w.shop(), w.shop({ name: 'api', target: 'http://shop:8080/', module: http2xx })]))).toEqual([]);
    // A module named by string is fine once it is listed.
    expect(blackboxProblems(w.input([w.shop({ module: 'http_200' })], { modules: [w.http200] }))).toEqual([]);
  });
});

test('a probe with an undefined module fails synth naming the probe, and writes nothing', () => {
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mac-bb-bad-')), 'out');
  const broken = probe({
    service: 'ik-engine',
    team: 'ik-engine',
    name: 'login',
    title: 'ik-engine login page',
    target: 'https://ik-engine.example.com/login',
    module: 'http_login',
    failing: { for: '5m', severity: 'warning' },
    slow: false,
  });
  const env = { ...local, probes: [...local.probes, broken], scrapeConfigs: [...local.scrapeConfigs, broken.scrapeJob] };
  const app = new App({ outdir });
  new MonitoringStack(app, env);
  const synth = () => app.synth();
  expect(synth).toThrow(SynthError);
  expect(synth).toThrow('synth failed with 3 problems; nothing was written:\n');
  expect(synth).toThrow('\n  - probe ik-engine-probe-login: module "http_login" is not defined; pass the module itself');
  // True as well: the probe was added to the environment, its alerts to no rule pack (so nothing watches its job either).
  expect(synth).toThrow("\n  - probe ik-engine-probe-login: its alerts IkEngineLoginFailing, IkEngineLoginCertificateExpiring, IkEngineLoginCertificateExpiringCritical, IkEngineLoginNotProbed are in no rule pack");
  expect(synth).toThrow('\n  - scrape job ik-engine-probe-login: no alert notices when its targets stop answering');
  expect(fs.existsSync(path.join(outdir, 'stacks', 'local'))).toBe(false);
});
