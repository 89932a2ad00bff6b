import { bucketRates, div, rateRatio, re, recordingRule, sum } from '../../lib';
import { apiReadyMs, httpRequests, postgres } from './metrics';

/** Readiness latency buckets per job: the input of every ik-engine latency quantile. */
export const apiReadyBucketRate = recordingRule({
  record: 'job_le:api_ready_ms_bucket:rate5m',
  expr: bucketRates(apiReadyMs, '5m', { by: ['job'] }),
});

/** Share of requests answered with a 5xx, per job. */
export const http5xxRatio = recordingRule({
  record: 'job:http_requests_5xx_per_requests:ratio_rate5m',
  expr: rateRatio(httpRequests.where({ status: re('5..') }), httpRequests, '5m', { by: ['job'] }),
});

/** Connections in use per PostgreSQL server, over its max_connections (a server-wide limit). */
export const pgConnectionsUsedRatio = recordingRule({
  record: 'job_instance:pg_stat_activity_count_per_max_connections:ratio',
  expr: div(sum(postgres.activityCount, { by: ['job', 'instance'] }), postgres.maxConnections),
});

export const recordingRules = [apiReadyBucketRate, http5xxRatio, pgConnectionsUsedRatio];
