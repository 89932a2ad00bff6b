import { Probe, httpModule, probe } from '../../lib';

/** 200 only: the health endpoint answers 503 when a dependency is unhealthy. */
export const http200 = httpModule({ name: 'http_200', validStatusCodes: [200], timeout: '5s' });

/**
 * Spec 002, "Health Checks": `GET /api/apps/pose-generator/health`, no
 * authentication, 200 when database, Redis and queue are healthy, 503 when one
 * is not. Failing 5 minutes is critical, like PoseGeneratorTargetDown: no
 * generation can run without them. Slow above 2 s (the checks are three pings).
 * The host is the scrape target's placeholder; the environment replaces it.
 */
export const healthProbe = probe({
  service: 'pose-generator',
  team: 'pose-generator',
  name: 'health-check',
  title: 'Pose generator /health',
  target: 'http://pose-generator:3000/api/apps/pose-generator/health',
  module: http200,
  interval: '1m',
  failing: { for: '5m', severity: 'critical', summary: 'Pose generator health check failing' },
  slow: { maxSeconds: 2, for: '10m', severity: 'warning' },
});

/** Every pose-generator probe. */
export const poseGeneratorProbes: readonly Probe[] = [healthProbe];
