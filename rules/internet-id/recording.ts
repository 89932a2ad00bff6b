import { Duration, add, avg, bucketRates, div, rate, rateRatio, re, recordingRule, sub, sum, latencyRecordings } from '../../lib';
import { blockchainTransactions, cacheHits, cacheMisses, dbQueryDuration, httpRequestDuration, httpRequests, ipfsUploads, node, postgres } from './metrics';

/** Share of API requests answered with a 5xx (`status_code=~"5.."`) over `window`, per job. */
function http5xxRatio(window: Duration) {
  return rateRatio(httpRequests.where({ status_code: re('5..') }), httpRequests, window, { by: ['job'] });
}

/** HighErrorRate reads the 5-minute window. */
export const http5xxRatioRate5m = recordingRule({
  record: 'job:http_requests_5xx_per_requests:ratio_rate5m',
  expr: http5xxRatio('5m'),
});

/** CriticalErrorRate reads the 2-minute window (the spec's "2-minute window"). */
export const http5xxRatioRate2m = recordingRule({
  record: 'job:http_requests_5xx_per_requests:ratio_rate2m',
  expr: http5xxRatio('2m'),
});

const httpLatency = latencyRecordings(httpRequestDuration, '5m', { by: ['job'] });

/** Request latency buckets per job: the input of every API latency quantile. */
export const httpDurationBucketRate = httpLatency.buckets;

/** API p95 response time per job, in seconds: InternetIdHighResponseTime and the latency panels. */
export const httpDurationP95 = httpLatency.quantile;

/** Database query latency buckets per job: quantile input, and the `le="1"` share read by HighDatabaseLatency. */
export const dbQueryBucketRate = recordingRule({
  record: 'job_le:db_query_duration_seconds_bucket:rate5m',
  expr: bucketRates(dbQueryDuration, '5m', { by: ['job'] }),
});

/** Share of IPFS uploads that failed, per job and provider (providers fail independently). */
export const ipfsFailureRatio = recordingRule({
  record: 'job_provider:ipfs_uploads_failed_per_uploads:ratio_rate5m',
  expr: rateRatio(ipfsUploads.where({ status: 'failure' }), ipfsUploads, '5m', { by: ['job', 'provider'] }),
});

/** Share of blockchain transactions that failed, per job and chain (each chain has its own RPC endpoint). */
export const blockchainFailureRatio = recordingRule({
  record: 'job_chain_id:blockchain_transactions_failed_per_transactions:ratio_rate5m',
  expr: rateRatio(blockchainTransactions.where({ status: 'failure' }), blockchainTransactions, '5m', { by: ['job', 'chain_id'] }),
});

/** Cache hit ratio of the app's own caches, hits / (hits + misses), per job. */
export const cacheHitRatio = recordingRule({
  record: 'job:cache_hits_per_lookups:ratio_rate5m',
  expr: div(
    sum(rate(cacheHits, '5m'), { by: ['job'] }),
    add(sum(rate(cacheHits, '5m'), { by: ['job'] }), sum(rate(cacheMisses, '5m'), { by: ['job'] })),
  ),
});

/**
 * Connections in use per PostgreSQL server: all databases and states over
 * max_connections (a server-wide limit, so not split by datname).
 */
export const pgConnectionsUsedRatio = recordingRule({
  record: 'job_instance:pg_stat_activity_count_per_max_connections:ratio',
  expr: div(sum(postgres.activityCount, { by: ['job', 'instance'] }), postgres.maxConnections),
});

/** Memory in use per host: 1 - MemAvailable / MemTotal. */
export const nodeMemoryUtilisation = recordingRule({
  record: 'job_instance:node_memory_utilisation:ratio',
  expr: sub(1, div(node.memAvailable, node.memTotal)),
});

/** CPU busy per host: 1 - the average idle rate over its CPUs. */
export const nodeCpuUtilisation = recordingRule({
  record: 'job_instance:node_cpu_utilisation:ratio_rate5m',
  expr: sub(1, avg(rate(node.cpuSeconds.where({ mode: 'idle' }), '5m'), { by: ['job', 'instance'] })),
});

export const recordingRules = [
  http5xxRatioRate5m,
  http5xxRatioRate2m,
  httpDurationBucketRate,
  httpDurationP95,
  dbQueryBucketRate,
  ipfsFailureRatio,
  blockchainFailureRatio,
  cacheHitRatio,
  pgConnectionsUsedRatio,
  nodeMemoryUtilisation,
  nodeCpuUtilisation,
];
