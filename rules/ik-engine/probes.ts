import { Probe, httpModule, probe } from '../../lib';

/**
 * HTTPS answering 200 and nothing else: a readiness endpoint says "not ready"
 * with a 503, and a redirect to plain HTTP is a failure too.
 */
export const https200 = httpModule({ name: 'https_200', validStatusCodes: [200], failIfNotSsl: true, timeout: '5s' });

/**
 * Spec 000, "probe your /api/ready via blackbox_exporter": the suggested
 * IkEngineReadinessFailing (probe_success == 0 for 5m, critical). The spec's
 * `job="blackbox", instance="https://ik-engine.example.com/api/ready"` becomes the
 * probe's own job. Slow above 1 s: the same bar as IkEngineHighLatency, seen from outside.
 */
export const readinessProbe = probe({
  service: 'ik-engine',
  team: 'ik-engine',
  name: 'readiness',
  title: 'ik-engine /api/ready',
  target: 'https://ik-engine.example.com/api/ready',
  module: https200,
  interval: '1m',
  // The API says it cannot serve: its other alerts are consequences while this fires.
  failing: { name: 'IkEngineReadinessFailing', for: '5m', severity: 'critical', summary: 'Readiness failing', labels: { impact: 'service-down' } },
  slow: { maxSeconds: 1, for: '10m', severity: 'warning' },
  // https target: certificate alerts at 14 (warning) and 3 (critical) days left.
});

/** Every ik-engine probe. */
export const ikEngineProbes: readonly Probe[] = [readinessProbe];
