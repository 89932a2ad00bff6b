import { RATE_INTERVAL, add, alertPanel, dashboard, div, gauge, latencyHeatmap, max, mul, rate, row, share, stat, sum, timeseries } from '../../lib';
import { gpuOutOfMemory, gpuUtilizationHigh, modelErrorRateHigh, modelInferenceSlow } from '../../rules/dubbing/alerts';
import { dubbing, dubbingGpu, gpu, modelInferenceDuration } from '../../rules/dubbing/metrics';
import { inferenceDurationBucketRate, inferenceDurationP95 } from '../../rules/dubbing/recording';
import { headline, latencyQuantiles, worstModelErrorShare } from './common';

const MIB = 1024 * 1024;
const perGpu = '{{Hostname}} GPU {{gpu}}';

/**
 * Spec 003, "Operational Dashboards › 3. Model Performance Dashboard" (also
 * "Grafana Dashboards › 3. Model Performance"): inference latency p50/p95/p99,
 * requests and error rate by model, GPU utilisation and memory. DCGM labels
 * are per GPU, not per model, so GPU panels are per GPU (see
 * docs/spec-coverage/dubbing.md). The inference, GPU and OOM alerts open their
 * panels here.
 */
export const dubbingModels = dashboard({
  uid: 'dubbing-models',
  title: 'Dubbing: model performance',
  description:
    'The models behind the pipeline (speech-to-text, translation, text-to-speech…): how fast and how often they are called, how often they fail, and how hard the GPUs under them work.',
  source: 'dashboards/dubbing/models.ts',
  systems: [dubbing, dubbingGpu],
  tags: ['dubbing'],
  headline: [
    stat({
      ...headline,
      width: 6,
      title: 'Inferences per second',
      description: 'Model inferences finished per second over all models.',
      unit: 'reqps',
      min: 0,
      queries: [{ expr: sum(rate(modelInferenceDuration.count(), RATE_INTERVAL), { by: ['job'] }), legend: '{{job}}' }],
    }),
    stat({
      ...headline,
      width: 6,
      title: 'Slowest model p95',
      description: 'p95 inference latency of the slowest model over 5 minutes (warning above 10 s).',
      unit: 's',
      min: 0,
      queries: [{ expr: max(inferenceDurationP95.series, { by: ['job'] }), legend: '{{job}}' }],
    }),
    worstModelErrorShare,
    stat({
      ...headline,
      width: 6,
      title: 'Busiest GPU',
      description: 'Utilisation of the busiest GPU now, in percent (warning when a GPU averages above 90 % for 10 minutes).',
      unit: 'percent',
      min: 0,
      max: 100,
      queries: [{ expr: max(gpu.gpuUtil, { by: ['job'] }), legend: '{{job}}' }],
    }),
  ],
  rows: [
    row('Inference latency', [
      // p50 and p99 from the recorded 5m bucket rates the alert's p95 is computed from.
      timeseries({
        title: 'Inference latency by model (p50, p95, p99)',
        description: 'Inference latency quantiles per model over 5-minute windows. DubbingModelInferenceSlow warns when a model\'s p95 stays above 10 s for 10 minutes; the orange line is its threshold.',
        unit: 's',
        min: 0,
        width: 12,
        alerts: [modelInferenceSlow],
        queries: latencyQuantiles(inferenceDurationBucketRate.series, inferenceDurationP95.series, '{{model}} '),
      }),
      latencyHeatmap(modelInferenceDuration, {
        title: 'Inference latency distribution',
        description: 'Inferences per second by latency bucket, all models together (100 ms to 5 min buckets, one at 10 s, the alert threshold).',
        unit: 's',
        width: 12,
      }),
    ]),
    row('Requests and errors', [
      timeseries({
        title: 'Requests per second by model',
        description: 'Inferences finished per second, by model (the rate of the latency histogram\'s count, which observes failed inferences too).',
        unit: 'reqps',
        min: 0,
        width: 8,
        queries: [{ expr: sum(rate(modelInferenceDuration.count(), RATE_INTERVAL), { by: ['model'] }), legend: '{{model}}' }],
      }),
      alertPanel(modelErrorRateHigh, {
        ...share,
        width: 8,
        legend: '{{model}}',
        title: 'Error rate by model',
        description: 'Share of inferences that failed over 5 minutes, by model. DubbingModelErrorRateHigh warns above 1 % for 10 minutes.',
      }),
      alertPanel(gpuOutOfMemory, {
        unit: 'short',
        min: 0,
        width: 8,
        legend: '{{model}}',
        title: 'GPU out-of-memory errors (5m)',
        description: 'CUDA out-of-memory errors raised in the last 5 minutes, by model. DubbingGpuOutOfMemory pages on any: the model (or a batch) no longer fits in GPU memory.',
      }),
    ]),
    // "GPU utilization by model": DCGM reports per GPU and host; which model runs on a GPU is not a label of it.
    row('GPUs', [
      alertPanel(gpuUtilizationHigh, {
        unit: 'percent',
        min: 0,
        max: 100,
        width: 12,
        legend: perGpu,
        title: 'GPU utilisation (5m average)',
        description: 'Utilisation of each GPU averaged over 5 minutes, in percent. DubbingGpuUtilizationHigh warns above 90 % for 10 minutes: inference will start to queue.',
      }),
      gauge({
        title: 'GPU utilisation now',
        description: 'Current utilisation of each GPU, in percent (DCGM_FI_DEV_GPU_UTIL).',
        unit: 'percent',
        min: 0,
        max: 100,
        width: 12,
        thresholds: [
          { value: null, color: 'green' },
          { value: 90, color: 'orange' },
        ],
        queries: [{ expr: max(gpu.gpuUtil, { by: ['Hostname', 'gpu'] }), legend: perGpu }],
      }),
      // "Model memory usage": the framebuffer DCGM reports in MiB, converted to bytes, per GPU (not per model).
      timeseries({
        title: 'GPU memory used',
        description: 'GPU framebuffer memory in use per GPU: the loaded models, their activations and batches. Steps up are models being loaded.',
        unit: 'bytes',
        min: 0,
        width: 12,
        queries: [{ expr: mul(MIB, max(gpu.framebufferUsed, { by: ['Hostname', 'gpu'] })), legend: perGpu }],
      }),
      gauge({
        ...share,
        title: 'GPU memory in use',
        description: 'Framebuffer used as a share of the whole (used / (used + free)), per GPU. Near 1, the next model load or big batch raises an out-of-memory error.',
        width: 12,
        thresholds: [
          { value: null, color: 'green' },
          { value: 0.9, color: 'orange' },
          { value: 0.97, color: 'red' },
        ],
        queries: [{ expr: div(gpu.framebufferUsed, add(gpu.framebufferUsed, gpu.framebufferFree)), legend: perGpu }],
      }),
    ]),
  ],
});
