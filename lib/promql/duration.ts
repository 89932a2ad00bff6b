import { TextMemo } from '../text-memo';

/**
 * Prometheus durations (`5m`, `1h30m`, `250ms`), as accepted by `for:`,
 * `interval:`, range selectors and scrape settings.
 */

/** Units Prometheus accepts, largest first (the order they must appear in). */
const UNITS = ['y', 'w', 'd', 'h', 'm', 's', 'ms'] as const;
export type DurationUnit = (typeof UNITS)[number];

/**
 * A duration such as `5m` or `90s`. The type catches most mistakes at compile
 * time; {@link durationProblem} catches the rest (`1.5m`, `-1m`) at synth.
 * Compound values (`1h30m`) are valid too: pass them as `'1h30m' as Duration`.
 */
export type Duration = `${number}${DurationUnit}`;

// Same grammar as Prometheus' model.ParseDuration: integer parts, largest unit first.
const DURATION_PATTERN = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS: Record<DurationUnit, number> = {
  y: 365 * 24 * 3600_000,
  w: 7 * 24 * 3600_000,
  d: 24 * 3600_000,
  h: 3600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
};

/** Valid durations met so far, in milliseconds: a few dozen distinct ones, asked for thousands of times (windows, steps, `for`s). */
const MILLISECONDS = new TextMemo<number>(10_000);

/** Why `value` is not a Prometheus duration, or undefined when it is one. */
export function durationProblem(value: unknown): string | undefined {
  if (typeof value === 'string' && MILLISECONDS.has(value)) return undefined;
  if (typeof value !== 'string' || value === '' || !DURATION_PATTERN.test(value)) {
    return `${JSON.stringify(value)} is not a Prometheus duration; use whole numbers with units y, w, d, h, m, s, ms, largest first (e.g. 5m, 1h30m, 250ms)`;
  }
  return undefined;
}

/** Milliseconds in a valid duration; throws on an invalid one. */
export function durationMs(value: string): number {
  return MILLISECONDS.get(value, parseMs);
}

function parseMs(value: string): number {
  const match = DURATION_PATTERN.exec(value);
  if (!match || value === '') throw new Error(durationProblem(value));
  return UNITS.reduce((total, unit, i) => total + Number(match[i + 1] ?? 0) * UNIT_MS[unit], 0);
}

/**
 * Grafana's range for rates in panels: at least four scrape intervals at any
 * zoom. Dashboards only: Prometheus itself has no such variable.
 */
export const RATE_INTERVAL = '$__rate_interval';
/** A range function's window: a duration, or in dashboards {@link RATE_INTERVAL}. */
export type Window = Duration | typeof RATE_INTERVAL;

/** Why `window` is not a range window, or undefined when it is one. */
export function windowProblem(window: unknown): string | undefined {
  return window === RATE_INTERVAL ? undefined : durationProblem(window);
}
