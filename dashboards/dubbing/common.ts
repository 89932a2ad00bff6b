import { max, share, stat } from '../../lib';
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
