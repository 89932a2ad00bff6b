import * as fc from 'fast-check';

/**
 * Mostly a valid value, now and then a mistake a person might type. Pools,
 * not free strings: the interesting values are few, each should come up in a
 * few hundred runs, and a case with one or two mistakes tests one or two checks.
 * `badWeight` (of 80) raises the share of mistakes where a case has few values.
 */
export function value<T>(good: readonly T[], bad: readonly T[], badWeight = 1): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: fc.constantFrom(...good), weight: 80 }, { arbitrary: fc.constantFrom(...bad), weight: badWeight });
}
