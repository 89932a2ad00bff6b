import * as fs from 'fs';
import * as http from 'http';
import * as https from 'https';
import { Registry } from 'prom-client';
import { DemoTarget } from '../lib/local/profile';
import { catalogRegistry } from './catalog-exporter';
import { LiveSeries } from './live-series';
import { LocalCertificate } from './tls';

/** The demo's listening servers, one per target. */
export interface DemoServers {
  readonly servers: readonly (http.Server | https.Server)[];
  /** Probed paths (`<job><path>`) answer this status; 200 while healthy. */
  readonly probeStatus: Map<string, number>;
  /** Jobs whose targets stop answering: the connection is dropped, as by a dead process. */
  readonly stoppedJobs: Set<string>;
}

/**
 * One server per demo target (the caller listens, on the target's port): the job's catalog metrics at its
 * metrics path, 200 at every probed path (unless a fault says otherwise).
 */
export function demoServers(targets: readonly DemoTarget[], live: LiveSeries, certificate: LocalCertificate): DemoServers {
  const probeStatus = new Map<string, number>();
  const stoppedJobs = new Set<string>();
  const tls = { cert: fs.readFileSync(certificate.certFile), key: fs.readFileSync(certificate.keyFile) };
  const servers = targets.map((target) => {
    const registry: Registry | undefined = target.metricsPath ? catalogRegistry(target.job, target.systems, live) : undefined;
    const handler: http.RequestListener = (req, res) => {
      const url = (req.url ?? '/').split('?')[0];
      if (stoppedJobs.has(target.job)) {
        req.socket.destroy();
        return;
      }
      if (registry && url === target.metricsPath) {
        registry.metrics().then(
          (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
          (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`${error.message}\n`),
        );
      } else if (target.probedPaths.includes(url)) {
        const status = probeStatus.get(`${target.job}${url}`) ?? 200;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok\n' : 'not ready\n');
      } else res.writeHead(404).end();
    };
    return target.tls ? https.createServer(tls, handler) : http.createServer(handler);
  });
  return { servers, probeStatus, stoppedJobs };
}
