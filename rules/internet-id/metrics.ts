import { System, nodeExporterMetrics, postgresExporterMetrics, redisExporterMetrics } from '../../lib';

/**
 * internet-id (spec 004): the Express API at `:3001` exposes prom-client
 * metrics at `/api/metrics` (in-memory, reset on restart, so rules use rate()).
 * Each scrape job is one System, so every selector carries its own `job`.
 */
export const internetIdApi = new System({
  name: 'internet-id-api',
  title: 'Internet-ID API',
  team: 'internet-id',
  selector: { job: 'internet-id-api' },
});

/** postgres_exporter in front of the Internet-ID database (`:5432`). */
export const internetIdPostgres = new System({
  name: 'internet-id-postgres',
  title: 'Internet-ID PostgreSQL (postgres_exporter)',
  team: 'internet-id',
  selector: { job: 'internet-id-postgres' },
});

/** redis_exporter in front of the Internet-ID cache (`:6379`). */
export const internetIdRedis = new System({
  name: 'internet-id-redis',
  title: 'Internet-ID Redis (redis_exporter)',
  team: 'internet-id',
  selector: { job: 'internet-id-redis' },
});

/** node_exporter on the host(s) running the Internet-ID containers. */
export const internetIdNode = new System({
  name: 'internet-id-node',
  title: 'Internet-ID hosts (node_exporter)',
  team: 'internet-id',
  selector: { job: 'internet-id-node' },
});

export const postgres = postgresExporterMetrics(internetIdPostgres);
export const redis = redisExporterMetrics(internetIdRedis);
export const node = nodeExporterMetrics(internetIdNode);


// Application metrics: the spec's "Metrics Collected" table, names, types and labels as given.
// Buckets: the spec lists none; these are the ones the app registers with prom-client
// (internet-id scripts/services/metrics.service.ts), so tests and panels see the real boundaries.

/**
 * Request latency. Buckets reach 10 s, so the p95 > 5 s threshold of
 * HighResponseTime falls inside the histogram's range.
 */
export const httpRequestDuration = internetIdApi.histogram({
  name: 'http_request_duration_seconds',
  help: 'Duration of HTTP requests in seconds.',
  labels: ['method', 'route', 'status_code'],
  unit: 'seconds',
  buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10],
});

/** Requests by route and status code (`status_code`, not `status`: 5xx is `status_code=~"5.."`). */
export const httpRequests = internetIdApi.counter({
  name: 'http_requests_total',
  help: 'Total number of HTTP requests.',
  labels: ['method', 'route', 'status_code'],
});

export const verifications = internetIdApi.counter({
  name: 'verification_total',
  help: 'Verification outcomes, by outcome (success|failure) and platform.',
  labels: ['outcome', 'platform'],
});

export const verificationDuration = internetIdApi.histogram({
  name: 'verification_duration_seconds',
  help: 'Duration of verification operations in seconds.',
  labels: ['outcome', 'platform'],
  unit: 'seconds',
  buckets: [0.1, 0.5, 1, 2, 5, 10, 30],
});

/** IPFS uploads by provider and status (`success` or `failure`). */
export const ipfsUploads = internetIdApi.counter({
  name: 'ipfs_uploads_total',
  help: 'IPFS upload outcomes, by provider and status (success|failure).',
  labels: ['provider', 'status'],
});

export const ipfsUploadDuration = internetIdApi.histogram({
  name: 'ipfs_upload_duration_seconds',
  help: 'Duration of IPFS uploads in seconds.',
  labels: ['provider'],
  unit: 'seconds',
  buckets: [1, 5, 10, 30, 60, 120, 300],
});

/** Contract transactions by operation, status (`success` or `failure`) and chain. */
export const blockchainTransactions = internetIdApi.counter({
  name: 'blockchain_transactions_total',
  help: 'Blockchain transactions, by operation, status (success|failure) and chain_id.',
  labels: ['operation', 'status', 'chain_id'],
});

export const blockchainTransactionDuration = internetIdApi.histogram({
  name: 'blockchain_transaction_duration_seconds',
  help: 'Duration of blockchain transactions in seconds.',
  labels: ['operation', 'chain_id'],
  unit: 'seconds',
  buckets: [1, 5, 10, 30, 60, 120, 300],
});

export const cacheHits = internetIdApi.counter({ name: 'cache_hits_total', help: 'Cache hits, by cache type.', labels: ['cache_type'] });
export const cacheMisses = internetIdApi.counter({ name: 'cache_misses_total', help: 'Cache misses, by cache type.', labels: ['cache_type'] });

/**
 * Database query latency. The top finite bucket is 1 s, exactly the
 * HighDatabaseLatency threshold: histogram_quantile() never returns more than
 * 1 here, so that alert counts the queries above the `le="1"` bucket instead.
 */
export const dbQueryDuration = internetIdApi.histogram({
  name: 'db_query_duration_seconds',
  help: 'Duration of database queries in seconds.',
  labels: ['operation', 'table'],
  unit: 'seconds',
  buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
});

/** 1 for the reported status of each dependency (api|database|cache|blockchain), else 0. */
export const healthCheckStatus = internetIdApi.gauge({
  name: 'health_check_status',
  help: 'Health check status per service (1 = the status label holds, 0 = it does not).',
  labels: ['service', 'status'],
});

/** Pending jobs per queue (the spec marks it "future": the series may be absent today). */
export const queueDepth = internetIdApi.gauge({ name: 'queue_depth', help: 'Number of pending jobs in queue.', labels: ['queue_name'] });

export const activeConnections = internetIdApi.gauge({ name: 'active_connections', help: 'Number of active connections.' });

// Infrastructure series the dashboards read beyond the alerts' (spec "Infrastructure Metrics":
// PostgreSQL locks, Redis commands, host network). Names as the exporters publish them.

/** postgres_exporter: locks held, by database and lock mode (spec: "PostgreSQL … locks"). */
export const pgLocks = internetIdPostgres.gauge({ name: 'pg_locks_count', help: 'Number of locks held, by database and lock mode.', labels: ['datname', 'mode'] });

/** redis_exporter: commands processed (spec: "Redis … commands"). */
export const redisCommandsProcessed = internetIdRedis.counter({ name: 'redis_commands_processed_total', help: 'Commands processed by Redis.' });

/** node_exporter: network traffic per interface (spec: "System … network"). */
export const nodeNetworkReceive = internetIdNode.counter({ name: 'node_network_receive_bytes_total', help: 'Bytes received, by network device.', labels: ['device'] });
export const nodeNetworkTransmit = internetIdNode.counter({ name: 'node_network_transmit_bytes_total', help: 'Bytes transmitted, by network device.', labels: ['device'] });
