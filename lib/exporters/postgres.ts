import { System } from '../promql';

/** The postgres_exporter metrics the packs use. */
export function postgresExporterMetrics(system: System) {
  return {
    up: system.gauge({ name: 'pg_up', help: 'Whether the last connection to PostgreSQL succeeded (1) or not (0).' }),
    activityCount: system.gauge({ name: 'pg_stat_activity_count', help: 'Connections by database and state.', labels: ['datname', 'state'] }),
    maxConnections: system.gauge({ name: 'pg_settings_max_connections', help: 'The max_connections setting.' }),
    xactCommit: system.counter({ name: 'pg_stat_database_xact_commit', help: 'Transactions committed, by database.', labels: ['datname'] }),
    xactRollback: system.counter({ name: 'pg_stat_database_xact_rollback', help: 'Transactions rolled back, by database.', labels: ['datname'] }),
  };
}
