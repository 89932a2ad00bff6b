import { System } from '../../lib/promql';

/**
 * The pose generator (spec 002): an API that queues pose generations and a
 * BullMQ worker that runs them against the FLUX API. prom-client exposes the
 * metrics at `/metrics-prometheus` (spec, "Prometheus (Metrics)"); they reset
 * on restart, so rules read counters through rate()/increase().
 *
 * Where each metric comes from:
 * - From the spec's text: `pose_generations_total{status}` and
 *   `pose_generation_duration_seconds` (its prom-client snippet, same buckets),
 *   `pose_queue_depth` and `pose_errors_total{error_type}` (its Grafana queries).
 * - Asked of the team, the minimum the specified alerts need: a `state` label
 *   on `pose_queue_depth` (the JSON endpoint's queueWaiting / queueActive /
 *   queueFailed, the health check's queue counts), and the credit counters
 *   `pose_credits_spent_total` / `pose_credits_refunded_total` (the JSON's
 *   totalCreditsSpent / totalCreditsRefunded, needed by the refund alerts).
 *
 * Also asked: initialise both `status` values of `pose_generations_total` to 0
 * at start (`generationCounter.labels('completed')`, `…('failed')`). prom-client
 * exports a labelled counter only after its first `inc()`, so a freshly
 * restarted, stuck worker would otherwise export no series at all
 * (PoseGeneratorWorkerDown has an absent_over_time() branch for that case).
 */
export const poseGenerator = new System({
  name: 'pose-generator',
  title: 'Pose Generator',
  team: 'pose-generator',
  selector: { job: 'pose-generator' },
});

/** Spec: `generationCounter.inc({ status: 'completed' })`. */
export const generations = poseGenerator.counter({
  name: 'pose_generations_total',
  help: 'Pose generations finished, by outcome: status="completed" or status="failed".',
  labels: ['status'],
});

/** Spec: `generationDuration.observe(duration / 1000)`, one observation per generated pose. */
export const generationDuration = poseGenerator.histogram({
  name: 'pose_generation_duration_seconds',
  help: 'Pose generation duration, in seconds.',
  unit: 'seconds',
  buckets: [10, 30, 60, 120, 300],
});

/**
 * Spec: the Queue Depth panel reads `pose_queue_depth`; the `state` label is
 * our addition. The queue lives in Redis, so every process that exports it
 * reports the same counts: rules take the max per job, never the sum.
 */
export const queueDepth = poseGenerator.gauge({
  name: 'pose_queue_depth',
  help: 'Jobs in the pose generation queue, by BullMQ state: waiting, active, failed or delayed.',
  labels: ['state'],
});

/** Spec: the Error Rate by Type panel reads `pose_errors_total` by `error_type` (the Error Analysis endpoint's types). */
export const errors = poseGenerator.counter({
  name: 'pose_errors_total',
  help:
    'Generation errors by error_type: FLUX_API_ERROR, STORAGE_ERROR, CREDIT_ERROR, TIMEOUT_ERROR, ' +
    'NETWORK_ERROR, CONTROLNET_ERROR, VALIDATION_ERROR or UNKNOWN_ERROR.',
  labels: ['error_type'],
});

/** Asked of the team (the JSON's totalCreditsSpent): the denominator of the refund rate. */
export const creditsSpent = poseGenerator.counter({
  name: 'pose_credits_spent_total',
  help: 'Credits charged for pose generations.',
});

/** Asked of the team (the JSON's totalCreditsRefunded): refund rate and Credit Refund Spike. */
export const creditsRefunded = poseGenerator.counter({
  name: 'pose_credits_refunded_total',
  help: 'Credits refunded for failed pose generations.',
});
