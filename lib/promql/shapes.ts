import { By, sum } from './aggregation';
import { div } from './binary';
import { Window } from './duration';
import { Expr } from './expr';
import { rate } from './functions';
import { Selector } from './selector';
import { Histogram, TargetLabel } from './system';

/**
 * The ratio of two rates over a window, per group: the share of events that are `part` among `whole`
 * (5xx among all requests), or an average (`_sum` over `_count`):
 * `sum by (…) (rate(part[w])) / sum by (…) (rate(whole[w]))`.
 */
export function rateRatio<L extends string, K extends L>(part: Selector<'counter', L>, whole: Selector<'counter', L>, window: Window, grouping: By<K>): Expr<'value', K> {
  return div(sum(rate(part, window), grouping), sum(rate(whole, window), grouping));
}

/** A histogram's bucket rates summed per group, `le` kept: the input of its quantiles. */
export function bucketRates<L extends string, K extends L | TargetLabel>(histogram: Histogram<L>, window: Window, grouping: By<K>): Expr<'bucketRate', K | 'le'> {
  return sum(rate(histogram.bucket(), window), { by: [...grouping.by, 'le'] }) as Expr<'bucketRate', K | 'le'>;
}
