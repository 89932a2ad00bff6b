import { RATE_INTERVAL, add, alertPanel, bucketRates, dashboard, div, gauge, histogramQuantile, latencyHeatmap, max, rate, row, stat, sum, timeseries } from '../../lib';
import { imageBacklog, imageBacklogStale, imageWorkerErrors } from '../../rules/ik-engine/alerts';
import { ikEngine, imageBacklogAge, imageProcessingBacklog, imageVariantMs, mediaProcessDuplicate, mediaProcessError, mediaProcessStarted } from '../../rules/ik-engine/metrics';
import { mediaProcessErrorRatio } from '../../rules/ik-engine/recording';
import { variantLatency } from '../../rules/ik-engine/slo';
import { headlineStat } from './panels';

/** The variant-latency SLO's bound (30 000 ms): the p95 panels' threshold line. */
const variantBoundMs = (variantLatency.props.sli as { threshold: number }).threshold;

/** p95 of upload-to-first-variant latency per job, in ms, over the panel's rate interval. */
const variantP95 = histogramQuantile(0.95, bucketRates(imageVariantMs, RATE_INTERVAL, { by: ['job'] }));

/**
 * The spec's "duplicate ratio": duplicates among uploads. A duplicate is detected at
 * upload and starts no processing job, so uploads = started + duplicates (a ratio of
 * rates, not of the raw counters, which reset on every deploy).
 */
const duplicateShare = div(
  sum(rate(mediaProcessDuplicate, RATE_INTERVAL), { by: ['job'] }),
  add(sum(rate(mediaProcessStarted, RATE_INTERVAL), { by: ['job'] }), sum(rate(mediaProcessDuplicate, RATE_INTERVAL), { by: ['job'] })),
);

/** Spec 000 § 4 "Media Pipeline: backlog depth, variant latency p95, duplicate ratio; alert if backlog > threshold". */
export const ikEngineMediaPipeline = dashboard({
  uid: 'ik-engine-media-pipeline',
  title: 'ik-engine: media pipeline',
  description:
    'The image worker (spec 000, "Media Pipeline"): how many image jobs wait and for how long, how many fail, how long an upload takes to get its first variant, and how many uploads are duplicates.',
  source: 'dashboards/ik-engine/media-pipeline.ts',
  systems: [ikEngine],
  tags: ['ik-engine'],
  headline: [
    stat({
      ...headlineStat,
      title: 'Image backlog',
      description: 'Image processing jobs queued or in progress (pending ImageProcessingJob records). Every instance reports the same database count: the max per job.',
      unit: 'short',
      min: 0,
      queries: [{ expr: max(imageProcessingBacklog, { by: ['job'] }), legend: '{{job}}' }],
    }),
    stat({
      ...headlineStat,
      title: 'Oldest pending job',
      description: 'Age of the oldest pending image job (0 when none waits): the backlog\'s wait, where its depth is its size.',
      unit: 's',
      min: 0,
      queries: [{ expr: max(imageBacklogAge, { by: ['job'] }), legend: '{{job}}' }],
    }),
    stat({
      ...headlineStat,
      title: 'Failed jobs (15m)',
      description: 'Share of the media processing jobs started over the last 15 minutes that failed (the recorded ratio IkEngineImageWorkerErrors reads).',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [{ expr: mediaProcessErrorRatio.series, legend: '{{job}}' }],
    }),
    stat({
      ...headlineStat,
      title: 'Variant p95 now',
      description: `p95 of the time from upload to the first image variant, over the last $__rate_interval. The SLO wants 95 % of uploads within ${variantBoundMs / 1000} s.`,
      unit: 'ms',
      min: 0,
      queries: [{ expr: variantP95, legend: '{{job}}' }],
    }),
  ],
  rows: [
    row('Backlog', [
      alertPanel(imageBacklog, {
        unit: 'short',
        min: 0,
        legend: '{{job}}',
        width: 12,
        title: 'Backlog depth',
        description: 'Image jobs queued or processing (max over instances: they all report the same database count). IkEngineImageBacklog fires when it stays above its dashed line: scale the worker or look for a stuck job.',
      }),
      alertPanel(imageBacklogStale, {
        unit: 's',
        min: 0,
        legend: '{{job}}',
        width: 12,
        title: 'Oldest pending job age',
        description: 'Seconds the oldest pending image job has waited. A deep backlog that keeps this low is a burst being worked off; a rising age is a worker that stopped. IkEngineImageBacklogStale fires above the dashed line (2 minutes, two worker cycles).',
      }),
    ]),
    row('Processing', [
      timeseries({
        title: 'Jobs started, failed, duplicates',
        description: 'Media processing jobs started and failed per second, and uploads detected as duplicates per second (summed over instances).',
        unit: 'ops',
        min: 0,
        queries: [
          { expr: sum(rate(mediaProcessStarted, RATE_INTERVAL), { by: ['job'] }), legend: 'started' },
          { expr: sum(rate(mediaProcessError, RATE_INTERVAL), { by: ['job'] }), legend: 'failed' },
          { expr: sum(rate(mediaProcessDuplicate, RATE_INTERVAL), { by: ['job'] }), legend: 'duplicates' },
        ],
      }),
      alertPanel(imageWorkerErrors, {
        unit: 'percentunit',
        min: 0,
        max: 1,
        legend: '{{job}}',
        title: 'Failed job share (15m)',
        description: 'Share of the media processing jobs started over 15 minutes that failed (no line when no job started). IkEngineImageWorkerErrors fires above the dashed line for 10m.',
      }),
      // The spec's "duplicate ratio", as a ratio of rates (see duplicateShare).
      gauge({
        title: 'Duplicate uploads',
        description: 'Share of uploads over the last $__rate_interval that were duplicates of an existing image (duplicates / (jobs started + duplicates)): a high share is clients re-uploading, e.g. retries.',
        unit: 'percentunit',
        min: 0,
        max: 1,
        queries: [{ expr: duplicateShare, legend: '{{job}}' }],
      }),
    ]),
    row('Variant latency', [
      timeseries({
        title: 'Variant latency p95',
        description: `p95 of the time from upload to the first image variant, in ms, per job. The dashed line is the SLO's ${variantBoundMs / 1000} s; the SLO itself (95 % of uploads within it) is on ik-engine: SLOs.`,
        unit: 'ms',
        min: 0,
        width: 12,
        thresholds: [
          { value: null, color: 'green' },
          { value: variantBoundMs, color: 'orange' },
        ],
        queries: [{ expr: variantP95, legend: '{{job}}' }],
      }),
      latencyHeatmap(imageVariantMs, {
        title: 'Variant latency distribution',
        description: 'Uploads per second by time to their first variant (buckets 1 s to 2 min, in ms): a band moving up is the worker slowing down, e.g. oversized originals or slow S3.',
        unit: 'ms',
        width: 12,
      }),
    ]),
  ],
});
