/**
 * `host:port` addresses as the servers split them (Go's net.SplitHostPort):
 * scrape targets, Alertmanager and exporter addresses, the SMTP smarthost.
 * Go accepts any port text; synth also asks for a port that can be dialled.
 */

/** A host name, an IPv4 address, or a bracketed IPv6 address. */
export const HOST = /^[a-zA-Z0-9.\-_]+$|^\[[0-9a-fA-F:.]+\]$/;

/** Why `value` is not `host:port` with a port in 1–65535, or undefined when it is. */
export function hostPortProblem(value: unknown): string | undefined {
  const match = typeof value === 'string' ? /^(.*):([^:\]]*)$/.exec(value) : null;
  if (!match || !HOST.test(match[1])) return `${JSON.stringify(value)} is not host:port`;
  const port = /^\d{1,5}$/.test(match[2]) ? Number(match[2]) : NaN;
  if (!(port >= 1 && port <= 65535)) return `${JSON.stringify(value)} has port ${JSON.stringify(match[2])}; a port is a number from 1 to 65535`;
  return undefined;
}
