import { PanelProps } from './panel';

/** A 0/1 status (up, probe success, config loaded): no/yes, red at 0, green at 1. */
export const upDown = {
  unit: 'bool_yes_no',
  min: 0,
  max: 1,
  thresholds: [
    { value: null, color: 'red' },
    { value: 1, color: 'green' },
  ],
} as const satisfies Partial<PanelProps>;

/** A share between 0 and 1, drawn as a percentage. */
export const share = { unit: 'percentunit', min: 0, max: 1 } as const satisfies Partial<PanelProps>;

/** "Per hour" panels multiply a per-second rate by it. */
export const SECONDS_PER_HOUR = 3600;
