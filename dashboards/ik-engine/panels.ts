import { ThresholdStep } from '../../lib';

/**
 * Headline numbers carry no alert: an alert links to the first panel listing it,
 * and the headline comes first. So they keep a neutral colour, and the graphs
 * below them (which do list the alerts) show the deployed thresholds.
 */
export const NEUTRAL: readonly ThresholdStep[] = [{ value: null, color: 'blue' }];

/** A stat of the headline strip: four to a line. */
export const headlineStat = { width: 6, height: 4, thresholds: NEUTRAL } as const;
