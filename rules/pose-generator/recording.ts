import { increase, max, rateRatio, re, recordingRule, sum } from '../../lib';
import { creditsRefunded, creditsSpent, errors, generationDuration, generations, queueDepth } from './metrics';

/**
 * Share of generations that failed over the last hour, per job: the High
 * Failure Rate window ("over 1 hour") and the success-rate health levels.
 *
 * Corrects the spec's Success Rate panel, `(pose_generations_total{status="completed"}
 * / pose_generations_total) * 100`: it divides raw counters (a ratio since the
 * last restart, not a current one) and its two sides carry different label sets
 * (`status="completed"` against every status), so it matches only the completed
 * series and reads 1. Rates over a window, summed by job, mean what it wants.
 * `status` is completed or failed, so the success rate is 1 minus this ratio.
 */
export const failureRatio = recordingRule({
  record: 'job:pose_generations_failed_per_generations:ratio_rate1h',
  expr: rateRatio(generations.where({ status: 'failed' }), generations, '1h', { by: ['job'] }),
});

/** Mean generation time over 5m, per job: the spec's Average Duration panel (rate(_sum) / rate(_count)), summed by job. */
export const meanDuration = recordingRule({
  record: 'job:pose_generation_duration_seconds:mean5m',
  expr: rateRatio(generationDuration.sum(), generationDuration.count(), '5m', { by: ['job'] }),
});

/** Queue jobs per state, per job. Every exporting process reports the same Redis queue: max, not sum. */
export const queueByState = recordingRule({
  record: 'job_state:pose_queue_depth:max',
  expr: max(queueDepth, { by: ['job', 'state'] }),
});

/**
 * Queue depth as the spec defines it: waiting + active (its JSON: queueDepth 12
 * = queueWaiting 10 + queueActive 2; failed jobs are no load). Read by the queue
 * alerts, the worker-downtime alert and the Queue Depth panel.
 */
export const queueDepthWaitingActive = recordingRule({
  record: 'job:pose_queue_depth_waiting_active:sum',
  expr: sum(queueByState.series.where({ state: re('waiting|active') }), { by: ['job'] }),
});

/** Share of the credits spent in the last hour that were refunded, per job: the refund-rate health levels. */
export const refundRatio = recordingRule({
  record: 'job:pose_credits_refunded_per_spent:ratio_rate1h',
  expr: rateRatio(creditsRefunded, creditsSpent, '1h', { by: ['job'] }),
});

/** Credits refunded in the last hour, per job: Credit Refund Spike ("> 1000/hour"). */
export const refundedLastHour = recordingRule({
  record: 'job:pose_credits_refunded:increase1h',
  expr: sum(increase(creditsRefunded, '1h'), { by: ['job'] }),
});

/**
 * Errors per type in the last hour, for the Error Rate by Type panel and the
 * runbooks. Corrects the spec's `sum by (error_type) (pose_errors_total)`,
 * which sums raw counters (totals since each process started, dropping at
 * every restart): an increase over a window is what the panel means.
 */
export const errorsByTypeLastHour = recordingRule({
  record: 'job_error_type:pose_errors:increase1h',
  expr: sum(increase(errors, '1h'), { by: ['job', 'error_type'] }),
});

/** In evaluation order: the queue depth reads the per-state series recorded before it. */
export const recordingRules = [
  failureRatio,
  meanDuration,
  queueByState,
  queueDepthWaitingActive,
  refundRatio,
  refundedLastHour,
  errorsByTypeLastHour,
];
