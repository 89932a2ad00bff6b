import { alertPanel, avg, avgOverTime, dashboard, firingAlertsPanel, min, probePanel, row, scrapeTargetsPanel, stat, sum, timeseries, upDown } from '../../lib';
import { apiDown, databaseDown, gpuExporterDown, nodeExporterDown, postgresExporterAbsent, redisDown, redisExporterAbsent } from '../../rules/dubbing/alerts';
import { activeWebsocketConnections, dubbing, dubbingGpu, dubbingNode, dubbingPostgres, dubbingRedis, postgres, redis } from '../../rules/dubbing/metrics';
import { apiProbe } from '../../rules/dubbing/probes';
import { headline } from './common';

/**
 * Spec 003, "Operational Dashboards › 1. System Health Dashboard": API uptime
 * and availability, database and Redis connection status, active WebSocket
 * connections (storage service status has no metric: see
 * docs/spec-coverage/dubbing.md). Its alerts (downtime, database and Redis
 * connection failures) and the API probe open their panels here.
 */
export const dubbingOverview = dashboard({
  uid: 'dubbing-overview',
  title: 'Dubbing: system health',
  description:
    'The AI video dubbing platform (spec 003) at a glance: is the API up and reachable from outside, are PostgreSQL and Redis (the job queue) connected, and how many WebSocket clients are attached. The downtime and connection alerts open their panels here.',
  source: 'dashboards/dubbing/overview.ts',
  systems: [dubbing, dubbingPostgres, dubbingRedis, dubbingNode, dubbingGpu, apiProbe.system],
  tags: ['dubbing'],
  headline: [
    stat({
      ...headline,
      ...upDown,
      title: 'API up',
      description: 'Whether every scrape target of the backend answered its last scrape (the lowest up of job dubbing): No means at least one instance is down.',
      queries: [{ expr: min(dubbing.up, { by: ['job'] }), legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      ...upDown,
      title: 'API reachable (probe)',
      description: `Whether the blackbox probe of ${apiProbe.props.target} succeeds now: No means the API does not answer from outside, even if its process is up.`,
      queries: [{ expr: min(apiProbe.metrics.success, { by: ['job'] }), legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      title: 'API availability (24h)',
      description: 'Share of the probes of the last 24 hours that succeeded: the uptime seen from outside. Below 99 % is orange, below 95 % red.',
      unit: 'percentunit',
      min: 0,
      max: 1,
      thresholds: [
        { value: null, color: 'red' },
        { value: 0.95, color: 'orange' },
        { value: 0.99, color: 'green' },
      ],
      queries: [{ expr: avg(avgOverTime(apiProbe.metrics.success, '1d'), { by: ['job'] }), legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      ...upDown,
      title: 'Database connected',
      description: 'pg_up of postgres_exporter: whether its last connection to PostgreSQL succeeded. No means the platform database refuses connections (see the Connections row).',
      queries: [{ expr: min(postgres.up, { by: ['job'] }), legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      ...upDown,
      title: 'Redis connected',
      description: 'redis_up of redis_exporter: whether its last connection to Redis (the job queue) succeeded. No means no job can be queued or picked up.',
      queries: [{ expr: min(redis.up, { by: ['job'] }), legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      title: 'WebSocket connections',
      description: 'Open WebSocket connections over all backend instances now: roughly the clients watching job progress.',
      unit: 'short',
      min: 0,
      queries: [{ expr: sum(activeWebsocketConnections, { by: ['job'] }), legend: '{{job}}' }],
    }),
  ],
  rows: [
    row('API uptime and availability', [
      alertPanel(apiDown, {
        unit: 'bool_yes_no',
        min: 0,
        max: 1,
        legend: '{{instance}}',
        title: 'API scrape targets up',
        description: 'up of every backend instance (1 answered the scrape, 0 did not). DubbingApiDown pages when an instance stays at 0 for 1 minute (the spec\'s "downtime > 1 minute").',
      }),
      ...apiProbe.panels.map((p) => probePanel(p)),
      timeseries({
        title: 'API availability (rolling)',
        description: 'Share of probes that succeeded over the last hour and the last day: the API\'s uptime as users see it. 1 is 100 %.',
        unit: 'percentunit',
        min: 0,
        max: 1,
        width: 12,
        queries: [
          { expr: avg(avgOverTime(apiProbe.metrics.success, '1h'), { by: ['job'] }), legend: 'probe, 1h' },
          { expr: avg(avgOverTime(apiProbe.metrics.success, '1d'), { by: ['job'] }), legend: 'probe, 24h' },
        ],
      }),
      timeseries({
        title: 'API scrape availability (rolling)',
        description: 'Share of scrapes of the backend that succeeded over the last hour and the last day, averaged over instances: the process\'s own uptime, beside the probe\'s.',
        unit: 'percentunit',
        min: 0,
        max: 1,
        width: 12,
        queries: [
          { expr: avg(avgOverTime(dubbing.up, '1h'), { by: ['job'] }), legend: 'scrape, 1h' },
          { expr: avg(avgOverTime(dubbing.up, '1d'), { by: ['job'] }), legend: 'scrape, 24h' },
        ],
      }),
    ]),
    row('Database and Redis connections', [
      alertPanel(databaseDown, {
        with: [postgresExporterAbsent],
        unit: 'bool_yes_no',
        min: 0,
        max: 1,
        width: 6,
        legend: '{{instance}}',
        title: 'Database connection status',
        description:
          'pg_up of postgres_exporter: 1 connected to PostgreSQL, 0 not. DubbingDatabaseDown pages at 0 for 1 minute; no line at all for 5 minutes means the exporter itself is gone (DubbingPostgresExporterAbsent).',
      }),
      alertPanel(redisDown, {
        with: [redisExporterAbsent],
        unit: 'bool_yes_no',
        min: 0,
        max: 1,
        width: 6,
        legend: '{{instance}}',
        title: 'Redis connection status',
        description:
          'redis_up of redis_exporter: 1 connected to Redis, 0 not. DubbingRedisDown pages at 0 for 1 minute; no line at all for 5 minutes means the exporter itself is gone (DubbingRedisExporterAbsent).',
      }),
      timeseries({
        title: 'Database connections by state',
        description: 'PostgreSQL backends by state (active, idle, idle in transaction…), summed over databases. Many "idle in transaction" point at a leaking pool; the total against max_connections is on the platform dashboard.',
        unit: 'short',
        min: 0,
        width: 6,
        queries: [{ expr: sum(postgres.activityCount, { by: ['state'] }), legend: '{{state}}' }],
      }),
      timeseries({
        title: 'Redis connected clients',
        description: 'Clients connected to Redis: the backend and the workers holding queue connections. A drop to 0 with Redis up means the workers lost the queue.',
        unit: 'short',
        min: 0,
        width: 6,
        queries: [{ expr: sum(redis.connectedClients, { by: ['instance'] }), legend: '{{instance}}' }],
      }),
    ]),
    row('WebSocket connections', [
      timeseries({
        title: 'Active WebSocket connections',
        description: 'Open WebSocket connections per backend instance (active_websocket_connections). A sudden fall to 0 on one instance while others hold theirs is a restart or a broken upgrade path.',
        unit: 'short',
        min: 0,
        width: 24,
        queries: [{ expr: sum(activeWebsocketConnections, { by: ['instance'] }), legend: '{{instance}}' }],
      }),
    ]),
    row('Scrape targets', [scrapeTargetsPanel([nodeExporterDown, gpuExporterDown], { width: 24 })]),
    // Last, so the panel ids the alerts link to stay put.
    row('Firing alerts', [firingAlertsPanel('dubbing', { width: 24, height: 6 })]),
  ],
});
