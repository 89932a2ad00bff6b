import { ThresholdStep } from '../../lib';

/** The headline strip: six stats of 4 columns, short. */
export const headline = { width: 4, height: 4 } as const;

/** A 0/1 status (up, connected, probe success): red at 0, green at 1. */
export const upDown = {
  unit: 'bool_yes_no',
  min: 0,
  max: 1,
  thresholds: [
    { value: null, color: 'red' },
    { value: 1, color: 'green' },
  ] as readonly ThresholdStep[],
} as const;

/** A share between 0 and 1. */
export const share = { unit: 'percentunit', min: 0, max: 1 } as const;

/** Seconds in an hour: "per hour" panels multiply a per-second rate by it. */
export const HOUR = 3600;
