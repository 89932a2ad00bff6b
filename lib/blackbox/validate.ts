import { HOST, LABEL_NAME, durationMs, durationProblem, hostPortProblem, re2Problem } from '../promql';
import { RulePack, ScrapeConfig, packAlerts } from '../prometheus';
import { BlackboxModule, DEFAULT_MODULE_TIMEOUT, Prober, TlsConfig } from './modules';
import { Probe } from './probe';
import { certificateDays } from './panel';
import { renderModule } from './render';

const MODULE_NAME = /^[a-z][a-z0-9_]*$/;
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const HTTP_URL = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/i;
const CREDENTIALS_IN_URL = /\/\/[^/\s:@]+:[^/\s@]+@/;
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const SECRET_HEADERS = ['authorization', 'cookie', 'proxy-authorization', 'x-api-key'];
const RCODES = ['NOERROR', 'FORMERR', 'SERVFAIL', 'NXDOMAIN', 'NOTIMP', 'REFUSED', 'YXDOMAIN', 'YXRRSET', 'NXRRSET', 'NOTAUTH', 'NOTZONE'];
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

const COMMON_OPTIONS = ['name', 'timeout', 'preferredIpProtocol', 'ipProtocolFallback'];
/** Every option each prober's module accepts; anything else is a typo or a setting this layer does not render. */
const OPTIONS: Record<Prober, readonly string[]> = {
  http: [
    ...COMMON_OPTIONS,
    'validStatusCodes',
    'method',
    'headers',
    'body',
    'failIfBodyMatches',
    'failIfBodyNotMatches',
    'failIfNotSsl',
    'failIfSsl',
    'tls',
    'followRedirects',
    'validHttpVersions',
  ],
  tcp: [...COMMON_OPTIONS, 'tls', 'tlsConfig', 'queryResponse'],
  icmp: [...COMMON_OPTIONS, 'payloadSize', 'dontFragment', 'ttl'],
  dns: [...COMMON_OPTIONS, 'queryName', 'queryType', 'transportProtocol', 'validRcodes', 'recursionDesired', 'validateAnswer'],
};
const TLS_OPTIONS = ['insecureSkipVerify', 'serverName', 'minVersion', 'caFile'];
const TLS_VERSIONS: readonly string[] = ['TLS10', 'TLS11', 'TLS12', 'TLS13'];
const DNS_QUERY_TYPES: readonly string[] = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'SOA', 'SRV', 'TXT', 'PTR', 'CAA'];
const STEP_OPTIONS = ['expect', 'send', 'startTls'];
const RECORD_CHECK_OPTIONS = ['failIfMatches', 'failIfNotMatches'];

export interface BlackboxCheckInput {
  readonly probes: readonly Probe[];
  /** Modules named by probes (by string) or by hand-written scrape jobs. */
  readonly modules?: readonly BlackboxModule[];
  /** Prometheus' scrape jobs: probe jobs must be there, and blackbox jobs must name defined modules. */
  readonly scrapeConfigs?: readonly ScrapeConfig[];
  /** The deployed rule packs: every probe's alerts must be in one (a probe without them is scraped and never alerts). */
  readonly rulePacks?: readonly RulePack[];
}

/** The modules blackbox.yml defines: the probes' and the extra ones, identical ones once. */
export function blackboxModules(input: Pick<BlackboxCheckInput, 'probes' | 'modules'>): BlackboxModule[] {
  const byName = new Map<string, BlackboxModule>();
  for (const module of [...input.probes.flatMap((p) => (p.module ? [p.module] : [])), ...(input.modules ?? [])]) {
    if (!byName.has(module.props?.name)) byName.set(module.props?.name, module);
  }
  return [...byName.values()];
}

/** Everything wrong with the probes, their modules and how Prometheus asks for them; each problem names its object. */
export function blackboxProblems(input: BlackboxCheckInput): string[] {
  const modules = [...input.probes.flatMap((p) => (p.module ? [p.module] : [])), ...(input.modules ?? [])];
  const problems: string[] = [];
  const defined = new Map<string, BlackboxModule>();
  for (const module of modules) {
    const name = module.props?.name;
    const first = defined.get(name);
    if (!first) {
      defined.set(name, module);
      problems.push(...moduleProblems(module));
    } else if (first !== module && !sameModule(first, module)) {
      problems.push(`blackbox module ${name}: declared twice with different settings; rename one (identical modules are shared)`);
    }
  }
  const jobs = input.probes.map((p) => p.job);
  for (const job of new Set(jobs.filter((j, i) => jobs.indexOf(j) !== i))) {
    problems.push(`probe ${job}: declared twice; give each probe of a service its own name`);
  }
  for (const probe of input.probes) problems.push(...probeProblems(probe, defined));
  if (input.scrapeConfigs) problems.push(...scrapeProblems(input.probes, input.scrapeConfigs, defined));
  if (input.rulePacks) {
    const deployed = new Set(input.rulePacks.flatMap((pack) => packAlerts(pack).map((a) => a.name)));
    for (const probe of input.probes) {
      const missing = probe.alerts.map((a) => a.name).filter((name) => !deployed.has(name));
      if (missing.length) problems.push(`probe ${probe.job}: its alerts ${missing.join(', ')} are in no rule pack; add probeGroup('${probe.props.service}', …) with this probe to the pack of ${probe.props.service}`);
    }
  }
  return problems;
}

/** Problems of one module: its name, unknown options, and settings the exporter would refuse or misread. */
export function moduleProblems(module: BlackboxModule): string[] {
  const p = (module.props ?? {}) as unknown as Record<string, unknown>;
  const where = `blackbox module ${String(p.name)}`;
  if (!(module.prober in OPTIONS)) return [`${where}: unknown prober ${JSON.stringify(module.prober)}; use httpModule, tcpModule, icmpModule or dnsModule`];
  const problems: string[] = [];
  if (typeof p.name !== 'string' || !MODULE_NAME.test(p.name)) problems.push(`${where}: module names are snake_case (lower-case letters, digits, underscores), e.g. http_2xx`);
  problems.push(...unknownOptions(where, `the ${module.prober} prober`, p, OPTIONS[module.prober]));
  const timeoutProblem = p.timeout === undefined ? undefined : durationProblem(p.timeout);
  if (timeoutProblem) problems.push(`${where}: timeout ${timeoutProblem}`);
  if (p.preferredIpProtocol !== undefined && p.preferredIpProtocol !== 'ip4' && p.preferredIpProtocol !== 'ip6') {
    problems.push(`${where}: preferredIpProtocol ${JSON.stringify(p.preferredIpProtocol)} is neither ip4 nor ip6`);
  }
  switch (module.prober) {
    case 'http': {
      const h = module.props;
      for (const code of h.validStatusCodes ?? []) {
        if (!Number.isInteger(code) || code < 100 || code > 599) problems.push(`${where}: validStatusCodes: ${code} is not an HTTP status code (100-599)`);
      }
      if (h.method !== undefined && !METHODS.includes(h.method)) problems.push(`${where}: method ${JSON.stringify(h.method)} is not one of ${METHODS.join(', ')}`);
      for (const header of Object.keys(h.headers ?? {})) {
        if (!HEADER_NAME.test(header)) problems.push(`${where}: header name ${JSON.stringify(header)} is not valid`);
        if (SECRET_HEADERS.includes(header.toLowerCase())) {
          problems.push(`${where}: header ${header} carries a credential, which would be written into blackbox.yml; probe an endpoint that needs none`);
        }
      }
      for (const [field, list] of [['failIfBodyMatches', h.failIfBodyMatches], ['failIfBodyNotMatches', h.failIfBodyNotMatches]] as const) {
        for (const regex of list ?? []) problems.push(...regexProblems(where, field, regex));
      }
      if (h.failIfSsl && h.failIfNotSsl) problems.push(`${where}: failIfSsl and failIfNotSsl together fail every probe; keep one`);
      if (h.tls) problems.push(...tlsProblems(where, 'tls', h.tls));
      break;
    }
    case 'tcp': {
      const t = module.props;
      if (t.tlsConfig) problems.push(...tlsProblems(where, 'tlsConfig', t.tlsConfig));
      (t.queryResponse ?? []).forEach((step, i) => {
        problems.push(...unknownOptions(where, `queryResponse[${i}]`, step as unknown as Record<string, unknown>, STEP_OPTIONS));
        if (step.expect === undefined && step.send === undefined && !step.startTls) problems.push(`${where}: queryResponse[${i}] has neither expect, send nor startTls`);
        if (step.expect !== undefined) problems.push(...regexProblems(where, `queryResponse[${i}].expect`, step.expect));
      });
      if (t.tlsConfig && !t.tls && !(t.queryResponse ?? []).some((s) => s.startTls)) {
        problems.push(`${where}: tlsConfig has no effect without tls: true or a startTls step`);
      }
      break;
    }
    case 'icmp': {
      const i = module.props;
      if (i.ttl !== undefined && (!Number.isInteger(i.ttl) || i.ttl < 0 || i.ttl > 255)) problems.push(`${where}: ttl ${i.ttl} is outside 0-255`);
      if (i.payloadSize !== undefined && (!Number.isInteger(i.payloadSize) || i.payloadSize < 0)) problems.push(`${where}: payloadSize ${i.payloadSize} is not a size in bytes`);
      break;
    }
    case 'dns': {
      const d = module.props;
      if (!d.queryName?.trim()) problems.push(`${where}: queryName is empty; name the record to resolve, e.g. api.example.com`);
      // Found by the differential test: the exporter refuses "query type 'AAA' is not valid".
      if (d.queryType !== undefined && !DNS_QUERY_TYPES.includes(d.queryType)) problems.push(`${where}: queryType ${JSON.stringify(d.queryType)} is not a DNS record type (${DNS_QUERY_TYPES.join(', ')})`);
      if (d.transportProtocol !== undefined && !['udp', 'tcp'].includes(d.transportProtocol)) problems.push(`${where}: transportProtocol ${JSON.stringify(d.transportProtocol)} is neither udp nor tcp`);
      for (const rcode of d.validRcodes ?? []) if (!RCODES.includes(rcode)) problems.push(`${where}: validRcodes: ${JSON.stringify(rcode)} is not a DNS response code (${RCODES.join(', ')})`);
      if (d.validateAnswer) {
        problems.push(...unknownOptions(where, 'validateAnswer', d.validateAnswer as unknown as Record<string, unknown>, RECORD_CHECK_OPTIONS));
        for (const regex of [...(d.validateAnswer.failIfMatches ?? []), ...(d.validateAnswer.failIfNotMatches ?? [])]) problems.push(...regexProblems(where, 'validateAnswer', regex));
      }
      break;
    }
  }
  return problems;
}

/** TLS settings as the exporter's config parser reads them (prometheus/common's TLSVersion names). */
function tlsProblems(where: string, field: string, tls: TlsConfig): string[] {
  const problems = unknownOptions(where, field, tls as unknown as Record<string, unknown>, TLS_OPTIONS);
  // Found by the differential test: "unknown TLS version: TLS1.2" when the exporter loads it.
  if (tls.minVersion !== undefined && !TLS_VERSIONS.includes(tls.minVersion)) {
    problems.push(`${where}: ${field}.minVersion ${JSON.stringify(tls.minVersion)} is not a TLS version; use one of ${TLS_VERSIONS.join(', ')}`);
  }
  return problems;
}

/** Problems of one probe, in the light of the modules blackbox.yml defines. */
export function probeProblems(probe: Probe, defined: ReadonlyMap<string, BlackboxModule>): string[] {
  const p = probe.props;
  const where = `probe ${probe.job}`;
  const problems: string[] = [];
  if (!KEBAB.test(p.service ?? '')) problems.push(`${where}: service ${JSON.stringify(p.service)} must be kebab-case, e.g. ik-engine`);
  if (!KEBAB.test(p.name ?? '')) problems.push(`${where}: name ${JSON.stringify(p.name)} must be kebab-case, e.g. readiness`);
  if (!p.title?.trim()) problems.push(`${where}: title is empty; say what is probed, e.g. "ik-engine /api/ready"`);
  const module = defined.get(probe.moduleName);
  if (!module) {
    problems.push(`${where}: module ${JSON.stringify(probe.moduleName)} is not defined; pass the module itself (e.g. httpModule({ name: '${probe.moduleName}' })) or list it in BlackboxFiles' modules`);
  } else {
    problems.push(...targetProblems(where, module, p.target));
    if (!probe.module && (module.props.timeout ?? DEFAULT_MODULE_TIMEOUT) !== DEFAULT_MODULE_TIMEOUT) {
      problems.push(`${where}: module ${probe.moduleName}, named by string, has timeout ${module.props.timeout}, but its scrape job assumes ${DEFAULT_MODULE_TIMEOUT}; pass the module itself`);
    }
  }
  const intervalProblem = p.interval === undefined ? undefined : durationProblem(p.interval);
  if (intervalProblem) problems.push(`${where}: interval ${intervalProblem}`);
  const timeout = module?.props.timeout ?? DEFAULT_MODULE_TIMEOUT;
  const timeoutMs = durationProblem(timeout) ? undefined : durationMs(timeout);
  if (timeoutMs !== undefined && !intervalProblem && timeoutMs + 1000 > durationMs(p.interval ?? '1m')) {
    problems.push(`${where}: the module timeout ${timeout} (plus 1s for the scrape) exceeds the interval ${p.interval ?? '1m'}; shorten the timeout or probe less often`);
  }
  if (p.slow) {
    if (!(Number.isFinite(p.slow.maxSeconds) && p.slow.maxSeconds > 0)) problems.push(`${where}: slow.maxSeconds ${p.slow.maxSeconds} must be a positive number of seconds`);
    else if (timeoutMs !== undefined && p.slow.maxSeconds * 1000 >= timeoutMs) {
      problems.push(`${where}: slow.maxSeconds ${p.slow.maxSeconds} is not below the module timeout ${timeout}: a probe that slow fails instead; lower it or raise the timeout`);
    }
  }
  if (p.certificate) {
    const { warningDays, criticalDays } = certificateDays(p);
    if (!(warningDays > 0 && criticalDays > 0)) problems.push(`${where}: certificate days must be positive`);
    else if (criticalDays >= warningDays) problems.push(`${where}: certificate.criticalDays ${criticalDays} must be fewer than warningDays ${warningDays}`);
    const tls = module?.prober === 'tcp' ? module.props.tls === true : /^https:\/\//i.test(p.target ?? '');
    if (module && !tls) {
      problems.push(`${where}: certificate alerts need a TLS target (an https:// URL or a tcp module with tls); remove certificate or probe over TLS`);
    }
  }
  for (const label of Object.keys(p.labels ?? {})) {
    if (!LABEL_NAME.test(label) || label.startsWith('__')) problems.push(`${where}: label name ${JSON.stringify(label)} is not valid`);
    else if (label === 'job' || label === 'instance') problems.push(`${where}: label "${label}" is set by the probe's scrape job; remove it from labels`);
  }
  if (p.exporter !== undefined && hostPortProblem(p.exporter)) problems.push(`${where}: exporter ${hostPortProblem(p.exporter)}, e.g. blackbox-exporter:9115`);
  if (CREDENTIALS_IN_URL.test(p.target ?? '')) problems.push(`${where}: the target carries user:password, which would be written into prometheus.yml; probe an endpoint that needs none`);
  return problems;
}

function targetProblems(where: string, module: BlackboxModule, target: string): string[] {
  switch (module.prober) {
    case 'http':
      if (!HTTP_URL.test(target ?? '')) return [`${where}: target ${JSON.stringify(target)} is not an http(s) URL; the http prober needs one, e.g. https://api.example.com/health`];
      if (module.props.failIfNotSsl && /^http:\/\//i.test(target)) return [`${where}: module ${module.props.name} fails without TLS, but the target is plain http://; use https:// or another module`];
      return [];
    case 'tcp':
      return hostPortProblem(target) ? [`${where}: target ${hostPortProblem(target)}; the tcp prober needs one, e.g. db.example.com:5432`] : [];
    case 'icmp':
      return HOST.test(target ?? '') ? [] : [`${where}: target ${JSON.stringify(target)} is not a host name or address; the icmp prober takes no scheme or port`];
    case 'dns':
      return HOST.test(target ?? '') || !hostPortProblem(target) ? [] : [`${where}: target ${JSON.stringify(target)} is not a resolver (host or host:port)`];
    default:
      // An unknown prober is reported on the module.
      return [];
  }
}

/** Probe jobs must be scraped; hand-written blackbox jobs must ask for modules that exist. */
function scrapeProblems(probes: readonly Probe[], scrapeConfigs: readonly ScrapeConfig[], defined: ReadonlyMap<string, BlackboxModule>): string[] {
  const problems: string[] = [];
  const jobs = new Set(scrapeConfigs.map((j) => j.jobName));
  for (const probe of probes) {
    if (!jobs.has(probe.job)) problems.push(`probe ${probe.job}: no scrape job runs it; add probe.scrapeJob to the scrape jobs of ${probe.props.service}`);
  }
  // A probe's own job asks for the probe's module, which probeProblems already checks.
  const probeJobs = new Set(probes.map((p) => p.job));
  for (const job of scrapeConfigs) {
    if (job.metricsPath !== '/probe' || probeJobs.has(job.jobName)) continue;
    for (const name of job.params?.module ?? []) {
      if (!defined.has(name)) problems.push(`scrape job ${job.jobName} asks the blackbox exporter for module ${JSON.stringify(name)}, which blackbox.yml does not define; declare the probe with probe() or fix the module name`);
    }
  }
  return problems;
}

function unknownOptions(where: string, what: string, given: Record<string, unknown>, known: readonly string[]): string[] {
  return Object.keys(given)
    .filter((key) => !known.includes(key))
    .map((key) => `${where}: unknown option ${JSON.stringify(key)} for ${what}; known options: ${known.join(', ')}`);
}

/** A regular expression RE2 (Go) accepts, as far as synth can tell. */
function regexProblems(where: string, field: string, regex: string): string[] {
  const problem = re2Problem(regex);
  return problem ? [`${where}: ${field}: ${problem}`] : [];
}

function sameModule(a: BlackboxModule, b: BlackboxModule): boolean {
  return a.prober === b.prober && JSON.stringify(renderModule(a)) === JSON.stringify(renderModule(b));
}
