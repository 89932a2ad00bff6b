import { div, rateRatio, re, recordingRule, sum, latencyRecordings } from '../../lib';
import { apiReadyMs, httpRequests, mediaProcessError, mediaProcessStarted, postgres } from './metrics';

const apiReadyLatency = latencyRecordings(apiReadyMs, '5m', { by: ['job'] });

/** Readiness latency buckets per job: the input of every ik-engine latency quantile. */
export const apiReadyBucketRate = apiReadyLatency.buckets;

/**
 * p95 of /api/ready per job, in milliseconds: the spec's `histogram_quantile(0.95,
 * sum by (le) (rate(api_ready_ms_bucket[5m])))`, read by APIReadyHighLatency95p,
 * IkEngineHighLatency and the readiness p95 panel.
 */
export const apiReadyP95 = apiReadyLatency.quantile;

/** Share of requests answered with a 5xx, per job. */
export const http5xxRatio = recordingRule({
  record: 'job:http_requests_5xx_per_requests:ratio_rate5m',
  expr: rateRatio(httpRequests.where({ status: re('5..') }), httpRequests, '5m', { by: ['job'] }),
});

/**
 * Share of started media processing jobs that failed, per job: IkEngineImageWorkerErrors
 * and the Media Pipeline dashboard. 15m: uploads come in bursts, and a 5m window of a
 * quiet hour holds too few jobs for a share to mean anything. No job started gives 0/0,
 * no sample: an idle worker never alerts.
 */
export const mediaProcessErrorRatio = recordingRule({
  record: 'job:media_process_error_per_started:ratio_rate15m',
  expr: rateRatio(mediaProcessError, mediaProcessStarted, '15m', { by: ['job'] }),
});

/** Connections in use per PostgreSQL server, over its max_connections (a server-wide limit). */
export const pgConnectionsUsedRatio = recordingRule({
  record: 'job_instance:pg_stat_activity_count_per_max_connections:ratio',
  expr: div(sum(postgres.activityCount, { by: ['job', 'instance'] }), postgres.maxConnections),
});

export const recordingRules = [apiReadyBucketRate, apiReadyP95, http5xxRatio, mediaProcessErrorRatio, pgConnectionsUsedRatio];
