import { System } from '../promql';

/** The redis_exporter metrics the packs use. */
export function redisExporterMetrics(system: System) {
  return {
    up: system.gauge({ name: 'redis_up', help: 'Whether the last connection to Redis succeeded (1) or not (0).' }),
    keyspaceHits: system.counter({ name: 'redis_keyspace_hits_total', help: 'Successful key lookups.' }),
    keyspaceMisses: system.counter({ name: 'redis_keyspace_misses_total', help: 'Failed key lookups.' }),
    memoryUsed: system.gauge({ name: 'redis_memory_used_bytes', help: 'Memory used by Redis, in bytes.' }),
    memoryMax: system.gauge({ name: 'redis_memory_max_bytes', help: 'The maxmemory setting, in bytes (0: unlimited).' }),
    connectedClients: system.gauge({ name: 'redis_connected_clients', help: 'Connected clients.' }),
  };
}
