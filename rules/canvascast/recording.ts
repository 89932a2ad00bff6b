import { bucketRates, max, rate, rateRatio, re, recordingRule, sum, latencyRecordings } from '../../lib';
import { httpRequestDuration, httpRequests, jobDuration, jobQueueDepth, pipelineStepDuration } from './metrics';

/** API request rate per job: the overview's "Request Rate" panel. */
export const httpRequestRate = recordingRule({
  record: 'job:http_requests:rate5m',
  expr: sum(rate(httpRequests, '5m'), { by: ['job'] }),
});

/** Share of API requests answered with a 5xx, per job: the "Error Rate" panel and CanvascastHighErrorRate. */
export const http5xxRatio = recordingRule({
  record: 'job:http_requests_5xx_per_requests:ratio_rate5m',
  expr: rateRatio(httpRequests.where({ status: re('5..') }), httpRequests, '5m', { by: ['job'] }),
});

const httpLatency = latencyRecordings(httpRequestDuration, '5m', { by: ['job'] });

/** API latency buckets per job: the input of every request latency quantile. */
export const httpDurationBucketRate = httpLatency.buckets;

/** API p95 latency per job, in seconds: CanvascastSlowResponses and the overview's latency panel. */
export const httpDurationP95 = httpLatency.quantile;

/**
 * Queue depth per worker job. Every worker reads the same Redis queue, so the
 * instances report the same number: take the max, or one backlog would alert
 * once per instance (and a sum would double it).
 */
export const queueDepth = recordingRule({
  record: 'job:job_queue_depth:max',
  expr: max(jobQueueDepth, { by: ['job'] }),
});

/**
 * Share of finished jobs that failed over the last hour, per worker job,
 * counted from the job_duration_seconds histogram's `_count` by status
 * (status="FAILED", the value the spec's own alert uses). No job finished in
 * the hour gives 0/0 = no sample, so an idle pipeline never alerts.
 */
export const jobFailureRatio = recordingRule({
  record: 'job:jobs_failed_per_jobs_finished:ratio_rate1h',
  expr: rateRatio(jobDuration.count({ status: 'FAILED' }), jobDuration.count(), '1h', { by: ['job'] }),
});

/** Step duration buckets per job and step: the "Step durations" panel of the Pipeline Performance dashboard. */
export const stepDurationBucketRate = recordingRule({
  record: 'job_step_le:pipeline_step_duration_seconds_bucket:rate5m',
  expr: bucketRates(pipelineStepDuration, '5m', { by: ['job', 'step'] }),
});

export const recordingRules = [httpRequestRate, http5xxRatio, httpDurationBucketRate, httpDurationP95, queueDepth, jobFailureRatio, stepDurationBucketRate];
