import { Probe, http2xx, httpModule, probe } from '../../lib';

/** 200 only: `/api/health` answers 503 when the API is degraded. Identical to pose-generator's, so blackbox.yml holds it once. */
export const http200 = httpModule({ name: 'http_200', validStatusCodes: [200], timeout: '5s' });

/**
 * Spec 004, "Uptime monitoring for all services (API, web, worker queue) with
 * 1-min check intervals". The worker queue has no HTTP endpoint: its uptime is
 * InternetIdHighQueueDepth and the queue_depth series.
 */

/**
 * The web app (`:3000`), which exposes no metrics: the spec's WebServiceDown,
 * "web service unreachable for >2 minutes", critical. Any 2xx (after redirects) is up.
 */
export const webProbe = probe({
  service: 'internet-id',
  team: 'internet-id',
  name: 'web',
  title: 'Internet-ID web app',
  target: 'http://internet-id-web:3000/',
  module: http2xx,
  interval: '1m',
  alertPrefix: 'InternetIdWebService',
  alertLabels: { component: 'web' },
  failing: { name: 'InternetIdWebServiceDown', for: '2m', severity: 'critical', summary: 'Internet-ID web app is down' },
  slow: { maxSeconds: 3, for: '10m', severity: 'warning' },
});

/**
 * The API's `/api/health` (200 healthy, 503 degraded). A warning, not a page:
 * an unreachable API is InternetIdServiceDown (critical), and each degraded
 * dependency (database, cache, blockchain RPC) has its own alert; this one says
 * the API itself reports trouble. Slow above 3 s: the check calls the blockchain RPC.
 */
export const apiHealthProbe = probe({
  service: 'internet-id',
  team: 'internet-id',
  name: 'api-health',
  title: 'Internet-ID API /api/health',
  target: 'http://internet-id-api:3001/api/health',
  module: http200,
  interval: '1m',
  alertLabels: { component: 'api' },
  failing: { for: '2m', severity: 'warning', summary: 'Internet-ID API reports itself unhealthy' },
  slow: { maxSeconds: 3, for: '10m', severity: 'warning' },
});

/** Every internet-id probe: the API first, like the scrape jobs. */
export const internetIdProbes: readonly Probe[] = [apiHealthProbe, webProbe];
