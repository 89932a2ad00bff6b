import { Expr, PanelQuery, histogramQuantile, max, share, stat } from '../../lib';
import { modelErrorRatio } from '../../rules/dubbing/recording';

/** The headline strip: six stats of 4 columns, short. */
export const headline = { width: 4, height: 4 } as const;

/** A headline stat on the Model Performance and Error Rate dashboards both. */
export const worstModelErrorShare = stat({
  ...headline,
  ...share,
  width: 6,
  title: 'Worst model error share',
  description: 'Error share of the model failing most over 5 minutes (its alert\'s threshold is drawn on the error rate by model).',
  queries: [{ expr: max(modelErrorRatio.series, { by: ['job'] }), legend: '{{job}}' }],
});

/**
 * p50, p95 and p99 of a latency: the median and the tail from the recorded bucket
 * rates, p95 the recorded series its alert reads (so the panel plots the alert's signal).
 */
export function latencyQuantiles(bucketRate: Expr<'bucketRate'>, p95: Expr, legendPrefix = ''): PanelQuery[] {
  return [
    { expr: histogramQuantile(0.5, bucketRate), legend: `${legendPrefix}p50` },
    { expr: p95, legend: `${legendPrefix}p95` },
    { expr: histogramQuantile(0.99, bucketRate), legend: `${legendPrefix}p99` },
  ];
}
