import * as fc from 'fast-check';
import { BlackboxModule, QueryResponseStep, blackboxProblems, dnsModule, httpModule, icmpModule, renderBlackboxConfig, tcpModule } from '../../blackbox';
import { Duration } from '../../promql';
import { blackboxConfigCheck } from '../blackbox-exporter';
import { DifferentialSubject } from './harness';
import { value } from './values';

/** Random blackbox modules of the four probers, their options drawn from pools with the usual mistakes. */

const name = value(['http_2xx', 'tcp_tls', 'dns_api', 'icmp'], ['HTTP-2xx', '2xx']);
const timeout = fc.option(value(['1s', '5s', '10s'] as Duration[], ['5 s', '0.5s'] as Duration[]), { nil: undefined, freq: 2 });
const regex = value(['"status":\\s*"ok"', '^OK$', '(?i)healthy', 'v\\d+\\.\\d+'], ['(?=ok)', '[', 'a)']);
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const http = fc
  .record({
    name,
    timeout,
    validStatusCodes: optional(fc.array(value([200, 204, 301, 503], [99, 600, 200.5]), { minLength: 1, maxLength: 2 })),
    method: optional(value(['GET', 'POST', 'HEAD'] as const, ['get', 'FETCH'] as never[])),
    headers: optional(value<Record<string, string>>([{ Accept: 'application/json' }, { 'X-Probe': 'blackbox' }], [{ 'Bad Header': 'x' }, { Authorization: 'Bearer t' }])),
    failIfBodyMatches: optional(fc.array(regex, { minLength: 1, maxLength: 2 })),
    failIfNotSsl: optional(fc.boolean()),
    preferredIpProtocol: optional(value(['ip4', 'ip6'] as const, ['ipv4'] as never[])),
    tls: optional(value([{ insecureSkipVerify: true }, { minVersion: 'TLS12' as const }, { serverName: 'api.example.com' }], [{ minVersion: 'TLS1.2' as never }])),
    validHttpVersions: optional(value([['HTTP/1.1'], ['HTTP/1.1', 'HTTP/2.0']] as ('HTTP/1.1' | 'HTTP/2.0')[][], [['HTTP/3']] as never[])),
  })
  .map((props) => httpModule(strip(props)));

const tcp = fc
  .record({
    name,
    timeout,
    tls: optional(fc.boolean()),
    queryResponse: optional(fc.array(value<QueryResponseStep>([{ expect: '^\\+OK' }, { send: 'PING' }, { expect: '^220 ', send: 'STARTTLS' }, { startTls: true }], [{}, { expect: '(?<=x)' }]), { minLength: 1, maxLength: 2 })),
  })
  .map((props) => tcpModule(strip(props)));

const icmp = fc
  .record({ name, timeout, ttl: optional(value([1, 64, 255], [256, -1, 1.5])), payloadSize: optional(value([0, 56], [-8])) })
  .map((props) => icmpModule(strip(props)));

const dns = fc
  .record({
    name,
    timeout,
    queryName: value(['api.example.com', 'example.org'], ['', ' ']),
    queryType: optional(value(['A', 'AAAA', 'MX', 'TXT'] as const, ['AAA'] as never[])),
    transportProtocol: optional(value(['udp', 'tcp'] as const, ['quic'] as never[])),
    validRcodes: optional(value([['NOERROR'], ['NOERROR', 'NXDOMAIN']], [['OK']])),
    validateAnswer: optional(fc.record({ failIfNotMatches: fc.array(regex, { minLength: 1, maxLength: 1 }) })),
  })
  .map((props) => dnsModule(strip(props)));

/** Drops the options fast-check left unset, as a person would leave them out. */
function strip<T extends object>(props: T): T {
  return Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined)) as T;
}

/** One to three modules under distinct names (a clash is its own, tested, mistake). */
export const blackboxModulesArb: fc.Arbitrary<BlackboxModule[]> = fc
  .array(fc.oneof(http, tcp, icmp, dns), { minLength: 1, maxLength: 3 })
  .map((modules) => modules.filter((m, i) => modules.findIndex((o) => o.props.name === m.props.name) === i));

/** blackbox.yml against `prometheus-blackbox-exporter --config.check` (0.23), one file per run: the exporter takes one. */
export function blackboxSubject(problems = (modules: readonly BlackboxModule[]) => blackboxProblems({ probes: [], modules })): DifferentialSubject<BlackboxModule[]> {
  return {
    name: 'blackbox.yml',
    arbitrary: blackboxModulesArb,
    problems,
    render: (modules) => new Map([['blackbox.yml', renderBlackboxConfig(modules, 'differential test')]]),
    oneAtATime: true,
    check: ([dir]) => blackboxConfigCheck('blackbox.yml', dir),
  };
}
