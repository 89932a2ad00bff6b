import { Probe, http2xx, probe } from '../../lib';

/**
 * Spec 003, "API downtime > 1 minute" (critical) and "API uptime and
 * availability": the backend probed from outside, beside DubbingApiDown (the
 * scrape of the same process). The spec names no health route; `GET /metrics`
 * is the one endpoint it guarantees, so the probe asks for it until the backend
 * has a health route. Slow above 2 s: the spec's "API response time > 2 seconds".
 */
export const apiProbe = probe({
  service: 'dubbing',
  team: 'dubbing',
  name: 'api',
  title: 'Dubbing API',
  target: 'http://dubbing-backend:3001/metrics',
  module: http2xx,
  interval: '1m',
  alertPrefix: 'DubbingApiProbe',
  // Not `service-down` itself: when the process is down too, DubbingApiDown (service-down) holds this
  // one back, so one outage pages once; alone, it pages for a path from outside that is broken.
  failing: { for: '1m', severity: 'critical', summary: 'Dubbing API probe failing' },
  slow: { maxSeconds: 2, for: '5m', severity: 'warning' },
});

/** Every dubbing probe. */
export const dubbingProbes: readonly Probe[] = [apiProbe];
