import { RATE_INTERVAL, add, alertPanel, avg, dashboard, div, gauge, latencyHeatmap, max, mul, rate, rateRatio, re, row, share, stat, sub, sum, timeseries } from '../../lib';
import { apiHighLatency, diskUsageHigh, highErrorRate } from '../../rules/dubbing/alerts';
import {
  activeWebsocketConnections,
  dubbing,
  dubbingGpu,
  dubbingNode,
  dubbingPostgres,
  dubbingRedis,
  gpu,
  httpRequestDuration,
  httpRequests,
  node,
  postgres,
  queueDepth,
  redis,
} from '../../rules/dubbing/metrics';
import { http5xxRatio, httpDurationBucketRate, httpDurationP95 } from '../../rules/dubbing/recording';
import { headline, latencyQuantiles } from './common';

const requestRate = sum(rate(httpRequests, RATE_INTERVAL), { by: ['job'] });

/**
 * Spec 003, "Grafana Dashboards › 1. Platform Overview" ("high-level system
 * health and metrics"), filled with the APM section's API and database
 * metrics the catalog carries (request rate, p50/p95/p99, error rate,
 * throughput, connection pool usage, rollback rate) and the hosts, GPUs and
 * Redis behind them. The API latency, error rate and disk usage alerts open
 * their panels here.
 */
export const dubbingPlatform = dashboard({
  uid: 'dubbing-platform',
  title: 'Dubbing: platform overview',
  description:
    'High-level health of the whole dubbing platform: API traffic, latency and errors, the job queue, PostgreSQL and Redis, the hosts and the GPUs. Start here when something is slow; follow the job and model dashboards for detail.',
  source: 'dashboards/dubbing/platform.ts',
  systems: [dubbing, dubbingPostgres, dubbingRedis, dubbingNode, dubbingGpu],
  tags: ['dubbing'],
  headline: [
    stat({ ...headline, title: 'Requests per second', description: 'HTTP requests served per second over all backend instances.', unit: 'reqps', min: 0, queries: [{ expr: requestRate, legend: '{{job}}' }] }),
    stat({
      ...headline,
      title: 'API p95 response time',
      description: 'p95 of HTTP response time over the last 5 minutes (the recorded series DubbingApiHighLatency reads; it warns above 2 s).',
      unit: 's',
      min: 0,
      queries: [{ expr: httpDurationP95.series, legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      ...share,
      title: 'API 5xx share',
      description: 'Share of HTTP requests answered 5xx over the last 5 minutes (the recorded series DubbingHighErrorRate reads; it warns above 1 %).',
      queries: [{ expr: http5xxRatio.series, legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      title: 'Jobs queued',
      description: 'Jobs waiting in every stage queue now (the queue is shared, so the highest report per stage, summed over stages).',
      unit: 'short',
      min: 0,
      queries: [{ expr: sum(max(queueDepth, { by: ['job', 'stage'] }), { by: ['job'] }), legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      title: 'Busiest GPU',
      description: 'Utilisation of the busiest GPU now, in percent (DCGM). Sustained above 90 % is the DubbingGpuUtilizationHigh warning; see the model dashboard.',
      unit: 'percent',
      min: 0,
      max: 100,
      queries: [{ expr: max(gpu.gpuUtil, { by: ['job'] }), legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      title: 'WebSocket connections',
      description: 'Open WebSocket connections over all backend instances now.',
      unit: 'short',
      min: 0,
      queries: [{ expr: sum(activeWebsocketConnections, { by: ['job'] }), legend: '{{job}}' }],
    }),
  ],
  rows: [
    row('API traffic', [
      timeseries({
        title: 'Request rate by status',
        description: 'HTTP requests per second, by status code, summed over instances (APM "Request rate"). A rise of 5xx or 429 against steady 2xx is the first sign of trouble.',
        unit: 'reqps',
        min: 0,
        width: 12,
        queries: [{ expr: sum(rate(httpRequests, RATE_INTERVAL), { by: ['status'] }), legend: '{{status}}' }],
      }),
      timeseries({
        title: 'Throughput (requests per minute)',
        description: 'HTTP requests per minute, by method (APM "Throughput"): the request rate times 60.',
        unit: 'reqpm',
        min: 0,
        width: 12,
        queries: [{ expr: mul(60, sum(rate(httpRequests, RATE_INTERVAL), { by: ['method'] })), legend: '{{method}}' }],
      }),
    ]),
    row('API latency and errors', [
      // p50 and p99 from the recorded 5m bucket rates the p95 (the alert's signal) is computed from.
      timeseries({
        title: 'API response time p50 / p95 / p99',
        description: 'HTTP response time quantiles over 5-minute windows (APM "Response time"). DubbingApiHighLatency warns when p95 stays above the orange line, its threshold.',
        unit: 's',
        min: 0,
        width: 8,
        alerts: [apiHighLatency],
        queries: latencyQuantiles(httpDurationBucketRate.series, httpDurationP95.series),
      }),
      latencyHeatmap(httpRequestDuration, {
        title: 'API response time distribution',
        description: 'Requests per second by response-time bucket: a band moving up is a slowdown of most requests, a thin band high up a slow minority.',
        unit: 's',
        width: 8,
      }),
      alertPanel(highErrorRate, {
        ...share,
        width: 8,
        legend: '{{job}}',
        title: 'API error rate (5xx share)',
        description: 'Share of HTTP requests answered 5xx over 5 minutes (APM "Error rate"). DubbingHighErrorRate warns above 1 % for 10 minutes.',
      }),
    ]),
    row('PostgreSQL', [
      // APM "Connection pool usage": the app's pool is not exported; the server's connections against max_connections is the closest.
      gauge({
        ...share,
        title: 'Database connections used',
        description: 'PostgreSQL connections in use (all states) as a share of max_connections. Near 1, new connections from the backend and workers are refused.',
        width: 8,
        thresholds: [
          { value: null, color: 'green' },
          { value: 0.8, color: 'orange' },
          { value: 0.95, color: 'red' },
        ],
        queries: [{ expr: div(sum(postgres.activityCount, { by: ['job'] }), max(postgres.maxConnections, { by: ['job'] })), legend: '{{job}}' }],
      }),
      timeseries({
        title: 'Transactions per second',
        description: 'Transactions committed and rolled back per second, summed over databases.',
        unit: 'ops',
        min: 0,
        width: 8,
        queries: [
          { expr: sum(rate(postgres.xactCommit, RATE_INTERVAL), { by: ['job'] }), legend: 'commit' },
          { expr: sum(rate(postgres.xactRollback, RATE_INTERVAL), { by: ['job'] }), legend: 'rollback' },
        ],
      }),
      timeseries({
        ...share,
        title: 'Transaction rollback rate',
        description: 'Share of transactions rolled back, per database (APM "Transaction rollback rate"): rollbacks / (commits + rollbacks). A rise means failing writes (constraint errors, deadlocks, timeouts).',
        width: 8,
        queries: [
          {
            expr: div(
              sum(rate(postgres.xactRollback, RATE_INTERVAL), { by: ['datname'] }),
              add(sum(rate(postgres.xactCommit, RATE_INTERVAL), { by: ['datname'] }), sum(rate(postgres.xactRollback, RATE_INTERVAL), { by: ['datname'] })),
            ),
            legend: '{{datname}}',
          },
        ],
      }),
    ]),
    row('Redis', [
      timeseries({
        title: 'Redis memory used',
        description: 'Memory Redis uses. Queue payloads that pile up show here first; compare with maxmemory (the next panel).',
        unit: 'bytes',
        min: 0,
        width: 8,
        queries: [{ expr: sum(redis.memoryUsed, { by: ['instance'] }), legend: '{{instance}}' }],
      }),
      // redis_memory_max_bytes is 0 without a maxmemory setting: the share is then +Inf and the gauge shows nothing useful.
      gauge({
        ...share,
        title: 'Redis memory against maxmemory',
        description: 'Memory used as a share of maxmemory. Near 1, Redis evicts keys or refuses writes, and queued jobs can be lost. Empty (or infinite) when no maxmemory is set.',
        width: 8,
        thresholds: [
          { value: null, color: 'green' },
          { value: 0.8, color: 'orange' },
          { value: 0.95, color: 'red' },
        ],
        queries: [{ expr: div(redis.memoryUsed, redis.memoryMax), legend: '{{instance}}' }],
      }),
      timeseries({
        ...share,
        title: 'Redis keyspace hit ratio',
        description: 'Share of key lookups that found their key: hits / (hits + misses). Queue polling of empty lists counts as misses, so a low ratio while idle is normal.',
        width: 8,
        queries: [
          {
            expr: div(
              sum(rate(redis.keyspaceHits, RATE_INTERVAL), { by: ['instance'] }),
              add(sum(rate(redis.keyspaceHits, RATE_INTERVAL), { by: ['instance'] }), sum(rate(redis.keyspaceMisses, RATE_INTERVAL), { by: ['instance'] })),
            ),
            legend: '{{instance}}',
          },
        ],
      }),
    ]),
    row('Hosts and GPUs', [
      timeseries({
        ...share,
        title: 'Host CPU usage',
        description: 'Share of CPU time not idle, per host, averaged over its cores.',
        width: 6,
        queries: [{ expr: sub(1, avg(rate(node.cpuSeconds.where({ mode: 'idle' }), RATE_INTERVAL), { by: ['instance'] })), legend: '{{instance}}' }],
      }),
      timeseries({
        ...share,
        title: 'Host memory usage',
        description: 'Share of memory not available for new work (1 - MemAvailable / MemTotal), per host.',
        width: 6,
        queries: [{ expr: sub(1, div(node.memAvailable, node.memTotal)), legend: '{{instance}}' }],
      }),
      alertPanel(diskUsageHigh, {
        ...share,
        width: 6,
        legend: '{{instance}} {{mountpoint}}',
        title: 'Disk usage',
        description: 'Share of each real filesystem in use (1 - avail / size; tmpfs, overlay and the like left out). DubbingDiskUsageHigh warns above 80 % for 15 minutes.',
      }),
      timeseries({
        title: 'GPU utilisation',
        description: 'Utilisation of every GPU, in percent (DCGM_FI_DEV_GPU_UTIL). Detail and the 90 % alert are on the model performance dashboard.',
        unit: 'percent',
        min: 0,
        max: 100,
        width: 6,
        queries: [{ expr: max(gpu.gpuUtil, { by: ['Hostname', 'gpu'] }), legend: '{{Hostname}} GPU {{gpu}}' }],
      }),
    ]),
    row('API request mix', [
      timeseries({
        ...share,
        title: 'Client errors (4xx share)',
        description: 'Share of HTTP requests answered 4xx over $__rate_interval. Not an outage by itself, but a jump after a deploy is a broken client or route.',
        width: 24,
        height: 6,
        queries: [{ expr: rateRatio(httpRequests.where({ status: re('4..') }), httpRequests, RATE_INTERVAL, { by: ['job'] }), legend: '{{job}}' }],
      }),
    ]),
  ],
});
