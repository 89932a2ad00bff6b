import { max, rateRatio, re, recordingRule, latencyRecordings } from '../../lib';
import { httpRequestDuration, httpRequests, jobProcessingDuration, jobsProcessed, modelInferenceDuration, modelInferenceErrors, queueDepth } from './metrics';

/** Share of HTTP requests answered with a 5xx, per job: "Error rate > 1%" and the error rate panels. */
export const http5xxRatio = recordingRule({
  record: 'job:http_requests_5xx_per_requests:ratio_rate5m',
  expr: rateRatio(httpRequests.where({ status: re('5..') }), httpRequests, '5m', { by: ['job'] }),
});

const httpLatency = latencyRecordings(httpRequestDuration, '5m', { by: ['job'] });

/** HTTP latency buckets per job: the input of every API latency quantile (alert p95, panels p50/p95/p99). */
export const httpDurationBucketRate = httpLatency.buckets;

/** HTTP p95 latency per job, in seconds: DubbingApiHighLatency and the p95 panels. */
export const httpDurationP95 = httpLatency.quantile;

/** Queue depth per stage; max because every instance reports the same shared queue. */
export const queueDepthByStage = recordingRule({
  record: 'job_stage:queue_depth:max',
  expr: max(queueDepth, { by: ['job', 'stage'] }),
});

/**
 * Share of finished stage runs that failed, per stage. 15m rather than 5m:
 * dubbing jobs are long and few, and a 5m window holds too few of them.
 */
export const jobFailureRatio = recordingRule({
  record: 'job_stage:jobs_failed_per_processed:ratio_rate15m',
  expr: rateRatio(jobsProcessed.where({ status: 'failed' }), jobsProcessed, '15m', { by: ['job', 'stage'] }),
});

/** Mean stage processing time over the last 30 minutes ("Average processing time by stage"). */
export const jobProcessingMean30m = recordingRule({
  record: 'job_stage:job_processing_duration_seconds:mean30m',
  expr: rateRatio(jobProcessingDuration.sum(), jobProcessingDuration.count(), '30m', { by: ['job', 'stage'] }),
});

/**
 * Mean stage processing time over the day before the last 30 minutes: the
 * baseline of "Processing time > 2x average", kept clear of the window it is compared with.
 */
export const jobProcessingMean1d = recordingRule({
  record: 'job_stage:job_processing_duration_seconds:mean1d',
  expr: rateRatio(jobProcessingDuration.sum().offset('30m'), jobProcessingDuration.count().offset('30m'), '1d', { by: ['job', 'stage'] }),
});

const inferenceLatency = latencyRecordings(modelInferenceDuration, '5m', { by: ['job', 'model'] });

/** Inference latency buckets per model: the input of the inference latency quantiles. */
export const inferenceDurationBucketRate = inferenceLatency.buckets;

/** Inference p95 latency per model, in seconds: DubbingModelInferenceSlow and the model performance panels. */
export const inferenceDurationP95 = inferenceLatency.quantile;

/** Share of inferences that failed, per model ("Error rate by model"). */
export const modelErrorRatio = recordingRule({
  record: 'job_model:model_inference_errors_per_inferences:ratio_rate5m',
  expr: rateRatio(modelInferenceErrors, modelInferenceDuration.count(), '5m', { by: ['job', 'model'] }),
});

export const recordingRules = [
  http5xxRatio,
  httpDurationBucketRate,
  httpDurationP95,
  queueDepthByStage,
  jobFailureRatio,
  jobProcessingMean30m,
  jobProcessingMean1d,
  inferenceDurationBucketRate,
  inferenceDurationP95,
  modelErrorRatio,
];
