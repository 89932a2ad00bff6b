import { Expr, Histogram, RATE_INTERVAL, TargetLabel, histogramQuantile, rate, sum } from '../../lib';

/** Shared panel options: shares drawn 0 to 1, up/down series as yes/no. */
export const share = { unit: 'percentunit', min: 0, max: 1 } as const;
export const upDown = { unit: 'bool_yes_no', min: 0, max: 1 } as const;

/**
 * The φ-quantile of a histogram per group, from its bucket rates over
 * `$__rate_interval` (never a quantile of raw buckets): `histogram_quantile(φ, sum by (…, le) (rate(x_bucket[…])))`.
 */
export function quantileBy<L extends string, K extends L | TargetLabel>(phi: number, histogram: Histogram<L>, by: readonly K[]): Expr<'value', K> {
  const buckets = sum(rate(histogram.bucket(), RATE_INTERVAL), { by: [...by, 'le'] as (K | 'le')[] }) as unknown as Expr<'bucketRate', K | 'le'>;
  return histogramQuantile(phi, buckets) as Expr<'value', K>;
}
