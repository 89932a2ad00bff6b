import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export interface LocalCertificate {
  readonly certFile: string;
  readonly keyFile: string;
}

/**
 * A self-signed certificate for the loopback address, made once with
 * openssl: the demo serves its https targets with it, and Prometheus and the
 * blackbox exporter trust it through SSL_CERT_FILE (Go reads it), so the
 * rendered files keep their https schemes and TLS-only modules.
 */
export function localCertificate(dir: string, host: string): LocalCertificate {
  fs.mkdirSync(dir, { recursive: true });
  const certFile = path.join(dir, 'demo.crt');
  const keyFile = path.join(dir, 'demo.key');
  if (!fs.existsSync(certFile) || !fs.existsSync(keyFile)) {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '825', '-subj', `/CN=${host}`, '-addext', `subjectAltName=IP:${host}`], { stdio: 'pipe' });
  }
  return { certFile, keyFile };
}
