import { BlackboxModule, ProbeProps, dnsModule, httpModule, icmpEcho, probe, tcpModule } from '../../lib';

/** One module per prober with every setting the renderer writes: for render snapshots and `--config.check`. */
export function everyModuleSetting(): BlackboxModule[] {
  return [
    httpModule({
      name: 'http_post',
      method: 'POST',
      headers: { 'X-Probe': 'blackbox', Accept: 'application/json' },
      body: '{}',
      validStatusCodes: [200, 201],
      validHttpVersions: ['HTTP/1.1', 'HTTP/2.0'],
      failIfBodyMatches: ['"status":\\s*"unhealthy"'],
      failIfBodyNotMatches: ['"status"'],
      failIfNotSsl: true,
      followRedirects: false,
      tls: { insecureSkipVerify: true, serverName: 'api.example.com', minVersion: 'TLS12' },
      preferredIpProtocol: 'ip6',
      ipProtocolFallback: false,
      timeout: '10s',
    }),
    tcpModule({ name: 'ssh_banner', queryResponse: [{ expect: '^SSH-2.0-' }, { send: 'SSH-2.0-blackbox' }] }),
    tcpModule({
      name: 'smtp_starttls',
      queryResponse: [{ expect: '^220 ' }, { send: 'EHLO prober' }, { expect: '^250-STARTTLS' }, { send: 'STARTTLS' }, { expect: '^220' }, { startTls: true }],
      tlsConfig: { serverName: 'mail.example.com' },
    }),
    tcpModule({ name: 'tls_connect', tls: true, tlsConfig: { insecureSkipVerify: false } }),
    icmpEcho,
    dnsModule({
      name: 'dns_a',
      queryName: 'api.example.com',
      transportProtocol: 'tcp',
      recursionDesired: false,
      validRcodes: ['NOERROR', 'NXDOMAIN'],
      validateAnswer: { failIfNotMatches: ['api\\.example\\.com\\.\\s+\\d+\\s+IN\\s+A'] },
    }),
  ];
}

/** A probe of a test service; each test changes what it needs. */
export function shopProbe(module: BlackboxModule, overrides: Partial<ProbeProps> = {}) {
  return probe({
    service: 'shop',
    team: 'shop-team',
    name: 'home',
    title: 'Shop home page',
    target: 'https://shop.example.com/',
    module,
    failing: { for: '5m', severity: 'critical' },
    slow: { maxSeconds: 2 },
    ...overrides,
  });
}
