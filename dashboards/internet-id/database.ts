import { RATE_INTERVAL, add, alertPanel, barGauge, dashboard, div, latencyHeatmap, rate, row, share, stat, sum, timeseries, upDown } from '../../lib';
import { internetIdApi, internetIdPostgres, internetIdRedis } from '../../rules/internet-id';
import {
  databaseConnectionPoolCritical,
  databaseConnectionPoolExhaustion,
  databaseDown,
  highDatabaseLatency,
  lowCacheHitRate,
  redisDown,
} from '../../rules/internet-id/alerts';
import { cacheHits, cacheMisses, dbQueryDuration, pgLocks, postgres, redis, redisCommandsProcessed } from '../../rules/internet-id/metrics';
import { pgConnectionsUsedRatio } from '../../rules/internet-id/recording';
import { quantileBy } from './common';

const hitsByType = sum(rate(cacheHits, RATE_INTERVAL), { by: ['cache_type'] });
const missesByType = sum(rate(cacheMisses, RATE_INTERVAL), { by: ['cache_type'] });
const redisHits = sum(rate(redis.keyspaceHits, RATE_INTERVAL), { by: ['instance'] });
const redisMisses = sum(rate(redis.keyspaceMisses, RATE_INTERVAL), { by: ['instance'] });

/** PostgreSQL (postgres_exporter and the API's own query timings), Redis (redis_exporter) and the API's caches. */
export const internetIdDatabase = dashboard({
  uid: 'internet-id-database',
  title: 'Internet-ID database and cache',
  description:
    'The Internet-ID data tier: PostgreSQL connections, transactions and locks (postgres_exporter), the API\'s database query latency (db_query_duration_seconds), Redis memory, clients, commands and hit rate (redis_exporter), and the API\'s own cache hit ratio. Thresholds are the deployed alerts\'.',
  source: 'dashboards/internet-id/database.ts',
  systems: [internetIdApi, internetIdPostgres, internetIdRedis],
  tags: ['internet-id'],
  headline: [
    alertPanel(databaseDown, { ...upDown, kind: 'stat', width: 6, legend: '{{instance}}', title: 'PostgreSQL up', description: 'pg_up: whether postgres_exporter can connect to the database (InternetIdDatabaseDown after 1m of No).' }),
    stat({ ...share, width: 6, title: 'Connections used', description: 'Connections in use over max_connections, per PostgreSQL server, now.', queries: [{ expr: pgConnectionsUsedRatio.series, legend: '{{instance}}' }] }),
    alertPanel(redisDown, { ...upDown, kind: 'stat', width: 6, legend: '{{instance}}', title: 'Redis up', description: 'redis_up: whether redis_exporter can connect to Redis (InternetIdRedisDown after 2m of No).' }),
    stat({ unit: 'bytes', min: 0, width: 6, title: 'Redis memory used', description: 'Memory Redis uses now, per instance.', queries: [{ expr: redis.memoryUsed, legend: '{{instance}}' }] }),
  ],
  rows: [
    row('PostgreSQL', [
      alertPanel(databaseConnectionPoolExhaustion, {
        with: [databaseConnectionPoolCritical],
        ...share,
        width: 6,
        legend: '{{instance}}',
        title: 'Connection utilisation',
        description: 'Connections in use (all databases and states) over max_connections, per server: above 80 % for 5m is InternetIdDatabaseConnectionPoolExhaustion, above 95 % for 2m InternetIdDatabaseConnectionPoolCritical.',
      }),
      timeseries({
        unit: 'short',
        min: 0,
        width: 6,
        title: 'Connections by state',
        description: 'Server connections per state (active, idle, idle in transaction…), all databases. Many "idle in transaction" hold connections without working.',
        queries: [{ expr: sum(postgres.activityCount, { by: ['state'] }), legend: '{{state}}' }],
      }),
      timeseries({
        unit: 'ops',
        min: 0,
        width: 6,
        title: 'Transactions',
        description: 'Transactions committed and rolled back per second, per database: rising rollbacks are failing writes.',
        queries: [
          { expr: sum(rate(postgres.xactCommit, RATE_INTERVAL), { by: ['datname'] }), legend: 'commit {{datname}}' },
          { expr: sum(rate(postgres.xactRollback, RATE_INTERVAL), { by: ['datname'] }), legend: 'rollback {{datname}}' },
        ],
      }),
      timeseries({
        unit: 'short',
        min: 0,
        width: 6,
        title: 'Locks by mode',
        description: 'Locks held per lock mode, all databases (pg_locks_count). A climbing ExclusiveLock or AccessExclusiveLock line is contention.',
        queries: [{ expr: sum(pgLocks, { by: ['mode'] }), legend: '{{mode}}' }],
      }),
    ]),
    row('Queries (from the API)', [
      alertPanel(highDatabaseLatency, {
        ...share,
        width: 6,
        legend: '{{job}}',
        title: 'Queries slower than 1 s',
        description: 'Share of the API\'s database queries that took longer than 1 s over 5 minutes: above 5 % (p95 above 1 s) for 5m is InternetIdHighDatabaseLatency. 1 s is the top finite bucket, so this share, not a p95, is what can be measured.',
      }),
      timeseries({
        unit: 's',
        min: 0,
        width: 6,
        title: 'Query p95 by operation and table',
        description: 'p95 database query duration per operation and table (quantile of the bucket rates); capped at 1 s, the top finite bucket.',
        queries: [{ expr: quantileBy(0.95, dbQueryDuration, ['operation', 'table']), legend: '{{operation}} {{table}}' }],
      }),
      timeseries({
        unit: 'ops',
        min: 0,
        width: 6,
        title: 'Queries by operation',
        description: 'Database queries per second issued by the API, per operation and table.',
        queries: [{ expr: sum(rate(dbQueryDuration.count(), RATE_INTERVAL), { by: ['operation', 'table'] }), legend: '{{operation}} {{table}}' }],
      }),
      latencyHeatmap(dbQueryDuration, {
        unit: 's',
        width: 6,
        title: 'Query latency distribution',
        description: 'Queries per second in each latency bucket over time (all operations): bands near the 1 s bucket are slow queries.',
      }),
    ]),
    row('Redis', [
      timeseries({
        unit: 'bytes',
        min: 0,
        width: 6,
        title: 'Redis memory',
        description: 'Memory Redis uses and its maxmemory setting (0 means unlimited), per instance.',
        queries: [
          { expr: redis.memoryUsed, legend: 'used {{instance}}' },
          { expr: redis.memoryMax, legend: 'max {{instance}}' },
        ],
      }),
      timeseries({
        unit: 'short',
        min: 0,
        width: 6,
        title: 'Connected clients',
        description: 'Clients connected to Redis, per instance.',
        queries: [{ expr: redis.connectedClients, legend: '{{instance}}' }],
      }),
      timeseries({
        unit: 'ops',
        min: 0,
        width: 6,
        title: 'Commands processed',
        description: 'Commands Redis processes per second, per instance.',
        queries: [{ expr: sum(rate(redisCommandsProcessed, RATE_INTERVAL), { by: ['instance'] }), legend: '{{instance}}' }],
      }),
      // Hit ratio of rates: hits / (hits + misses) of the keyspace counters.
      timeseries({
        ...share,
        width: 6,
        title: 'Redis keyspace hit ratio',
        description: 'Share of Redis key lookups that found their key, per instance (all clients, not only the API).',
        queries: [{ expr: div(redisHits, add(redisHits, redisMisses)), legend: '{{instance}}' }],
      }),
    ]),
    row('Application cache', [
      alertPanel(lowCacheHitRate, {
        ...share,
        legend: '{{job}}',
        title: 'Application cache hit ratio',
        description: 'Share of the API\'s cache lookups that hit, over 5 minutes, all cache types: below 50 % for 10m is InternetIdLowCacheHitRate. No traffic, no line.',
      }),
      timeseries({
        unit: 'ops',
        min: 0,
        title: 'Cache hits and misses by type',
        description: 'The API\'s cache hits and misses per second, per cache type.',
        queries: [
          { expr: hitsByType, legend: 'hits {{cache_type}}' },
          { expr: missesByType, legend: 'misses {{cache_type}}' },
        ],
      }),
      barGauge({
        ...share,
        title: 'Hit ratio by cache type now',
        description: 'Share of lookups that hit, per cache type, at the last instant (ratio of rates).',
        queries: [{ expr: div(hitsByType, add(hitsByType, missesByType)), legend: '{{cache_type}}' }],
      }),
    ]),
  ],
});

