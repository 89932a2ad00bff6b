import { LABEL_NAME } from './labels';

/**
 * Words PromQL reads as something other than a name, whatever their case: a keyword, or the numbers
 * Inf and NaN. Collected from what promtool 2.42 and the lezer grammar reject
 * (test/promql/reserved-words.test.ts asks both). The typed builders report them where they write
 * them, as they report names that are not names at all.
 */

/** A series so named cannot be selected by its bare name: `on{job="a"}` does not parse. */
const NOT_A_SERIES_NAME = new Set(['atan2', 'bool', 'group_left', 'group_right', 'ignoring', 'inf', 'nan', 'offset', 'on']);

/** A label so named cannot be listed in `by`, `without`, `on` or `ignoring`. */
const NOT_A_LISTED_LABEL = new Set(['inf', 'nan', 'without']);

/** A series name as a selector writes it bare: recorded series have colons. */
const SERIES_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** Why `name` cannot stand as a series name in PromQL, if it cannot. */
export function seriesNameProblems(name: string): string[] {
  if (!SERIES_NAME.test(name)) return [`series name ${JSON.stringify(name)} is not one PromQL can write (letters, digits, underscores and colons, not starting with a digit); rename the metric`];
  return NOT_A_SERIES_NAME.has(name.toLowerCase()) ? [`series ${name} is named like a PromQL keyword or number, which PromQL cannot select by its bare name; rename the metric`] : [];
}

/** Why `labels` cannot be listed in the grouping or matching `clause`, if they cannot. */
export function listedLabelsProblems(clause: string, labels: readonly string[]): string[] {
  const invalid = labels.filter((l) => !LABEL_NAME.test(l));
  const reserved = labels.filter((l) => LABEL_NAME.test(l) && NOT_A_LISTED_LABEL.has(l.toLowerCase()));
  return [
    ...(invalid.length ? [`${clause} (${invalid.join(', ')}): not ${invalid.length === 1 ? 'a label name' : 'label names'}; use letters, digits and underscores, not starting with a digit`] : []),
    ...(reserved.length ? [`${clause} (${reserved.join(', ')}): PromQL reads ${reserved.length === 1 ? 'this label name' : 'these label names'} as a keyword or number; rename the label`] : []),
  ];
}
