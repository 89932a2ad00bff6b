import { Duration } from '../promql';

/** The IP protocol a prober resolves and connects with first. */
export type IpProtocol = 'ip4' | 'ip6';

/** TLS settings of a prober (`tls_config`). */
export interface TlsConfig {
  /**
   * Accept any certificate: for self-signed internal endpoints only. The
   * certificate expiry is still reported.
   * @default false
   */
  readonly insecureSkipVerify?: boolean;
  /** The name the certificate must carry, when it differs from the target host. @default the target host */
  readonly serverName?: string;
  /** Oldest TLS version accepted. @default Go's default (TLS 1.2) */
  readonly minVersion?: 'TLS10' | 'TLS11' | 'TLS12' | 'TLS13';
  /** CA bundle inside the exporter's container, for private CAs. @default the system roots */
  readonly caFile?: string;
}

/** What every module has: its name in blackbox.yml and its timeout. */
export interface ModuleProps {
  /** The module's key in blackbox.yml and the `module` parameter of the scrape job: `snake_case`, e.g. `http_2xx`. */
  readonly name: string;
  /**
   * How long one probe may take before it counts as failed. Keep it below the
   * probe interval; the probe's scrape job waits one second longer.
   * @default '5s'
   */
  readonly timeout?: Duration;
}

/** IP settings shared by every prober. */
export interface IpProps {
  /** @default 'ip4' (containers on a Docker network have no IPv6; blackbox' own default is ip6) */
  readonly preferredIpProtocol?: IpProtocol;
  /** Try the other protocol when the preferred one does not resolve. @default true (blackbox' default) */
  readonly ipProtocolFallback?: boolean;
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/** An HTTP(S) check: the response's status, body and TLS decide success. */
export interface HttpModuleProps extends ModuleProps, IpProps {
  /**
   * Status codes that count as success, e.g. `[200]` so that a 503 "unhealthy" fails.
   * @default any 2xx
   */
  readonly validStatusCodes?: readonly number[];
  /** @default 'GET' */
  readonly method?: HttpMethod;
  /** Request headers, e.g. `{ Accept: 'application/json' }`. Never credentials: they would land in blackbox.yml. @default none */
  readonly headers?: Readonly<Record<string, string>>;
  /** Request body, for POST checks. @default none */
  readonly body?: string;
  /** Fail when the body matches any of these regular expressions (RE2), e.g. `'"status":\\s*"unhealthy"'`. @default none */
  readonly failIfBodyMatches?: readonly string[];
  /** Fail unless the body matches every one of these regular expressions (RE2). @default none */
  readonly failIfBodyNotMatches?: readonly string[];
  /** Fail on a plain-HTTP answer, e.g. after a redirect away from HTTPS. @default false */
  readonly failIfNotSsl?: boolean;
  /** Fail on an HTTPS answer. @default false */
  readonly failIfSsl?: boolean;
  /** @default certificate verified against the system roots */
  readonly tls?: TlsConfig;
  /** @default true (blackbox' default): a 301 to a healthy page succeeds */
  readonly followRedirects?: boolean;
  /** @default any HTTP version */
  readonly validHttpVersions?: readonly ('HTTP/1.0' | 'HTTP/1.1' | 'HTTP/2.0')[];
}

/** One step of a TCP conversation. */
export interface QueryResponseStep {
  /** Wait for a line matching this regular expression (RE2). @default no wait */
  readonly expect?: string;
  /** Then send this line. @default nothing */
  readonly send?: string;
  /** Then upgrade the connection to TLS. @default false */
  readonly startTls?: boolean;
}

/** A TCP connect, optionally with TLS and a scripted conversation (banner checks). */
export interface TcpModuleProps extends ModuleProps, IpProps {
  /** Speak TLS from the first byte. @default false */
  readonly tls?: boolean;
  /** @default certificate verified against the system roots */
  readonly tlsConfig?: TlsConfig;
  /** @default connect only */
  readonly queryResponse?: readonly QueryResponseStep[];
}

/** An ICMP echo. The exporter needs CAP_NET_RAW (or root). */
export interface IcmpModuleProps extends ModuleProps, IpProps {
  /** @default blackbox' default (no payload) */
  readonly payloadSize?: number;
  /** Set the don't-fragment bit (ip4 only). @default false */
  readonly dontFragment?: boolean;
  /** @default the system's TTL */
  readonly ttl?: number;
}

/** Regular expressions (RE2) over the resource records of one section of a DNS answer. */
export interface DnsRecordChecks {
  /** @default none */
  readonly failIfMatches?: readonly string[];
  /** @default none */
  readonly failIfNotMatches?: readonly string[];
}

/** A DNS query against the target (a resolver), checked by response code and answer. */
export interface DnsModuleProps extends ModuleProps, IpProps {
  /** The name asked for, e.g. `api.example.com`. */
  readonly queryName: string;
  /** @default 'A' (blackbox' default is ANY, which many resolvers refuse) */
  readonly queryType?: 'A' | 'AAAA' | 'CNAME' | 'MX' | 'NS' | 'SOA' | 'SRV' | 'TXT' | 'PTR' | 'CAA';
  /** @default 'udp' */
  readonly transportProtocol?: 'udp' | 'tcp';
  /** @default ['NOERROR'] */
  readonly validRcodes?: readonly string[];
  /** @default true */
  readonly recursionDesired?: boolean;
  /** @default no check of the answer */
  readonly validateAnswer?: DnsRecordChecks;
}

export type Prober = 'http' | 'tcp' | 'icmp' | 'dns';

interface ModuleOf<P extends Prober, S> {
  readonly type: 'blackbox-module';
  readonly prober: P;
  /** The props as given; the renderer and the checks read them. */
  readonly props: S;
}

export type HttpModule = ModuleOf<'http', HttpModuleProps>;
export type TcpModule = ModuleOf<'tcp', TcpModuleProps>;
export type IcmpModule = ModuleOf<'icmp', IcmpModuleProps>;
export type DnsModule = ModuleOf<'dns', DnsModuleProps>;

/** A blackbox exporter module: how to probe. Probes that use an identical module share one entry in blackbox.yml. */
export type BlackboxModule = HttpModule | TcpModule | IcmpModule | DnsModule;

/** The module's timeout as rendered. */
export const DEFAULT_MODULE_TIMEOUT: Duration = '5s';

export function httpModule(props: HttpModuleProps): HttpModule {
  return { type: 'blackbox-module', prober: 'http', props };
}

export function tcpModule(props: TcpModuleProps): TcpModule {
  return { type: 'blackbox-module', prober: 'tcp', props };
}

export function icmpModule(props: IcmpModuleProps): IcmpModule {
  return { type: 'blackbox-module', prober: 'icmp', props };
}

export function dnsModule(props: DnsModuleProps): DnsModule {
  return { type: 'blackbox-module', prober: 'dns', props };
}

/** Any 2xx answer over HTTP or HTTPS: blackbox' classic `http_2xx`. */
export const http2xx = httpModule({ name: 'http_2xx' });

/** A TCP connect: blackbox' classic `tcp_connect`. */
export const tcpConnect = tcpModule({ name: 'tcp_connect' });

/** An ICMP echo: blackbox' classic `icmp`. */
export const icmpEcho = icmpModule({ name: 'icmp' });
