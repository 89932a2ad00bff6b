import { RATE_INTERVAL, add, alertPanel, dashboard, div, gauge, max, rate, row, stat, sum, table, timeseries, upDown } from '../../lib';
import { dbConnectionsHigh } from '../../rules/ik-engine/alerts';
import { ikEnginePostgres, postgres } from '../../rules/ik-engine/metrics';
import { pgConnectionsUsedRatio } from '../../rules/ik-engine/recording';
import { headlineStat } from './panels';

const commits = sum(rate(postgres.xactCommit, RATE_INTERVAL), { by: ['instance', 'datname'] });
const rollbacks = sum(rate(postgres.xactRollback, RATE_INTERVAL), { by: ['instance', 'datname'] });

/**
 * Spec 000 § 4 "Database: slow query count, connection utilization; PgBouncer/Proxy
 * metrics when added". postgres_exporter's default metrics have no slow-query count (it
 * needs pg_stat_statements, and the spec names no metric), and there is no PgBouncer yet:
 * both are listed as not implemented in docs/spec-coverage/ik-engine.md.
 */
export const ikEngineDatabase = dashboard({
  uid: 'ik-engine-database',
  title: 'ik-engine: database',
  description:
    'ik-engine\'s PostgreSQL through postgres_exporter (spec 000, "Database"): whether the exporter reaches the server, connection utilisation against max_connections (the IkEngineDatabaseConnectionsHigh alert), connections by state and transactions.',
  source: 'dashboards/ik-engine/database.ts',
  systems: [ikEnginePostgres],
  tags: ['ik-engine'],
  headline: [
    stat({
      ...headlineStat,
      title: 'PostgreSQL reachable',
      description: 'pg_up: whether postgres_exporter\'s last connection to the server succeeded (worst instance). No means every other panel here is stale.',
      ...upDown,
      queries: [{ expr: postgres.up, legend: '{{instance}}' }],
    }),
    stat({
      ...headlineStat,
      title: 'Connections used',
      description: 'Connections in use over max_connections, per server (the recorded ratio IkEngineDatabaseConnectionsHigh reads; its threshold is on the Connections row).',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [{ expr: pgConnectionsUsedRatio.series, legend: '{{instance}}' }],
    }),
    stat({
      ...headlineStat,
      title: 'Connections in use',
      description: 'Connections open on each server, all databases and states (pg_stat_activity).',
      unit: 'short',
      min: 0,
      queries: [{ expr: sum(postgres.activityCount, { by: ['instance'] }), legend: '{{instance}}' }],
    }),
    stat({
      ...headlineStat,
      title: 'max_connections',
      description: 'The max_connections setting of each server: the limit the utilisation is measured against.',
      unit: 'short',
      min: 0,
      queries: [{ expr: max(postgres.maxConnections, { by: ['instance'] }), legend: '{{instance}}' }],
    }),
  ],
  rows: [
    row('Connections', [
      alertPanel(dbConnectionsHigh, {
        unit: 'percentunit',
        min: 0,
        max: 1,
        legend: '{{instance}}',
        title: 'Connection utilisation',
        description: 'Connections in use over max_connections, per server. IkEngineDatabaseConnectionsHigh fires above the dashed line for 10m: grow the pool limit or find the queries holding connections.',
      }),
      gauge({
        title: 'Connection utilisation now',
        description: 'Connections in use over max_connections per server, at the end of the range. Colours are IkEngineDatabaseConnectionsHigh\'s threshold as deployed.',
        unit: 'percentunit',
        min: 0,
        max: 1,
        alerts: [dbConnectionsHigh],
        queries: [{ expr: pgConnectionsUsedRatio.series, legend: '{{instance}}' }],
      }),
      timeseries({
        title: 'Connections by state',
        description: 'Connections per server by state (active, idle, idle in transaction…). Many "idle in transaction" are a client holding transactions open; many "active" is load or slow queries.',
        unit: 'short',
        min: 0,
        queries: [{ expr: sum(postgres.activityCount, { by: ['instance', 'state'] }), legend: '{{instance}} {{state}}' }],
      }),
    ]),
    row('Transactions', [
      timeseries({
        title: 'Transactions per second',
        description: 'Transactions committed and rolled back per second, per database.',
        unit: 'ops',
        min: 0,
        width: 12,
        queries: [
          { expr: commits, legend: '{{datname}} commit' },
          { expr: rollbacks, legend: '{{datname}} rollback' },
        ],
      }),
      table({
        title: 'Rollback share by database',
        description: 'Share of the transactions over the last $__rate_interval that rolled back, per server and database (a ratio of rates): a high share is application errors or serialisation conflicts.',
        unit: 'percentunit',
        min: 0,
        max: 1,
        width: 12,
        queries: [{ expr: div(rollbacks, add(commits, rollbacks)), legend: '{{instance}} {{datname}}' }],
      }),
    ]),
  ],
});
