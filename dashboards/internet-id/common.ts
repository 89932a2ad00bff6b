import { Expr, Histogram, RATE_INTERVAL, TargetLabel, bucketRates, histogramQuantile } from '../../lib';


/**
 * The φ-quantile of a histogram per group, from its bucket rates over
 * `$__rate_interval` (never a quantile of raw buckets): `histogram_quantile(φ, sum by (…, le) (rate(x_bucket[…])))`.
 */
export function quantileBy<L extends string, K extends L | TargetLabel>(phi: number, histogram: Histogram<L>, by: readonly K[]): Expr<'value', K> {
  return histogramQuantile(phi, bucketRates(histogram, RATE_INTERVAL, { by })) as Expr<'value', K>;
}
