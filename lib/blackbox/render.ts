import { generatedHeader, toYaml } from '../synth/yaml';
import { BlackboxModule, DEFAULT_MODULE_TIMEOUT, DnsRecordChecks, IpProps, TlsConfig } from './modules';

type Yaml = Record<string, unknown>;

/**
 * blackbox.yml: every module, sorted by name, each setting written out as the
 * exporter reads it. Pure and deterministic.
 */
export function renderBlackboxConfig(modules: readonly BlackboxModule[], source: string): string {
  const sorted = [...modules].sort((a, b) => (a.props.name < b.props.name ? -1 : a.props.name > b.props.name ? 1 : 0));
  const document = { modules: Object.fromEntries(sorted.map((m) => [m.props.name, renderModule(m)])) };
  return toYaml(document, `${generatedHeader(source)}\nBlackbox exporter modules: one per distinct probe setting, shared by the probes that use it.`);
}

/** One module as blackbox.yml spells it. */
export function renderModule(module: BlackboxModule): Yaml {
  return { prober: module.prober, timeout: module.props.timeout ?? DEFAULT_MODULE_TIMEOUT, [module.prober]: proberSettings(module) };
}

function proberSettings(module: BlackboxModule): Yaml {
  switch (module.prober) {
    case 'http': {
      const p = module.props;
      return compact({
        valid_status_codes: p.validStatusCodes && [...p.validStatusCodes],
        valid_http_versions: p.validHttpVersions && [...p.validHttpVersions],
        method: p.method ?? 'GET',
        headers: p.headers && sortedRecord(p.headers),
        body: p.body,
        follow_redirects: p.followRedirects ?? true,
        fail_if_ssl: p.failIfSsl,
        fail_if_not_ssl: p.failIfNotSsl,
        fail_if_body_matches_regexp: p.failIfBodyMatches && [...p.failIfBodyMatches],
        fail_if_body_not_matches_regexp: p.failIfBodyNotMatches && [...p.failIfBodyNotMatches],
        tls_config: p.tls && tls(p.tls),
        ...ip(p),
      });
    }
    case 'tcp': {
      const p = module.props;
      return compact({
        tls: p.tls,
        tls_config: p.tlsConfig && tls(p.tlsConfig),
        query_response: p.queryResponse?.map((step) => compact({ expect: step.expect, send: step.send, starttls: step.startTls })),
        ...ip(p),
      });
    }
    case 'icmp': {
      const p = module.props;
      return compact({ payload_size: p.payloadSize, dont_fragment: p.dontFragment, ttl: p.ttl, ...ip(p) });
    }
    case 'dns': {
      const p = module.props;
      return compact({
        query_name: p.queryName,
        query_type: p.queryType ?? 'A',
        transport_protocol: p.transportProtocol ?? 'udp',
        recursion_desired: p.recursionDesired,
        valid_rcodes: [...(p.validRcodes ?? ['NOERROR'])],
        validate_answer_rrs: p.validateAnswer && records(p.validateAnswer),
        ...ip(p),
      });
    }
  }
}

function ip(p: IpProps): Yaml {
  return { preferred_ip_protocol: p.preferredIpProtocol ?? 'ip4', ip_protocol_fallback: p.ipProtocolFallback };
}

function tls(t: TlsConfig): Yaml {
  return compact({ insecure_skip_verify: t.insecureSkipVerify, server_name: t.serverName, min_version: t.minVersion, ca_file: t.caFile });
}

function records(r: DnsRecordChecks): Yaml {
  return compact({ fail_if_matches_regexp: r.failIfMatches && [...r.failIfMatches], fail_if_not_matches_regexp: r.failIfNotMatches && [...r.failIfNotMatches] });
}

function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Drops unset settings, so the file shows what was chosen and the exporter's defaults stay its own. */
function compact(record: Yaml): Yaml {
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
}
