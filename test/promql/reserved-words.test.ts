import { stringify } from 'yaml';
import { div, parsePromQL, sum } from '../../lib';
import { promtool, writeTempFiles } from '../../lib/testing';
import { testSystem } from '../util/fixtures';

/**
 * The builders report a name PromQL reads as something else exactly where the real parsers
 * (promtool 2.42 and Prometheus' lezer grammar) reject the text it would make: their text is then
 * valid by construction, which lets synth read typed expressions without parsing them.
 */
const WORDS = [
  ...['bool', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'by', 'without', 'and', 'or', 'unless', 'atan2', 'inf', 'nan'],
  ...['sum', 'avg', 'count', 'min', 'max', 'stddev', 'stdvar', 'topk', 'bottomk', 'quantile', 'count_values', 'group'],
  ...['start', 'end', 'step', 'rate', 'abs', 'vector', 'time', 'le', 'http_requests_total'],
];
const CANDIDATES = WORDS.flatMap((w) => [w, w[0].toUpperCase() + w.slice(1), w.toUpperCase()]);

interface Case {
  readonly what: string;
  /** What the builders made of the word, and the problems they reported. */
  readonly built: { readonly promql: string; readonly problems: readonly string[] };
}

function cases(word: string): Case[] {
  const shop = testSystem('shop');
  const named = shop.gauge({ name: word, help: 'A gauge named by the word.' });
  const labelled = shop.gauge({ name: 'queue_depth', help: 'A gauge with a label named by the word.', labels: [word] });
  const other = shop.gauge({ name: 'queue_capacity', help: 'Another gauge with the label.', labels: [word] });
  return [
    { what: `series ${word}`, built: named },
    { what: `label ${word} matched`, built: labelled.where({ [word]: 'v' }) },
    { what: `sum by (${word})`, built: sum(labelled, { by: [word] }) },
    { what: `sum without (${word})`, built: sum(labelled, { without: [word] }) },
    { what: `/ on (${word})`, built: div(labelled, other, { on: [word] }) },
    { what: `/ ignoring (${word})`, built: div(labelled, other, { ignoring: [word] }) },
  ];
}

const reservedProblem = (problems: readonly string[]) => problems.some((p) => /PromQL (keyword|reads)/.test(p));

describe('words PromQL reserves', () => {
  const all = CANDIDATES.flatMap(cases);
  const files = new Map(all.map((c, i) => [`rules/${i}.yml`, stringify({ groups: [{ name: 'g', rules: [{ record: 'job:reserved:test', expr: c.built.promql }] }] })]));
  const output = promtool(['check', 'rules', ...files.keys()], writeTempFiles(files)).output;
  // promtool checks each file in turn ("Checking rules/3.yml"); each error starts with its file's name.
  const failed = new Set([...output.matchAll(/^(rules\/\d+\.yml): /gm)].map((m) => m[1]));

  test('promtool ran over every case, and rejects some', () => {
    expect(output.match(/Checking /g)).toHaveLength(all.length);
    expect(failed.size).toBeGreaterThan(10);
  });

  test.each(CANDIDATES)('%s: a problem exactly where promtool or the lezer grammar rejects the text', (word) => {
    const offset = CANDIDATES.indexOf(word) * cases(word).length;
    const verdicts = cases(word).map((c, i) => ({
      what: c.what,
      rejected: failed.has(`rules/${offset + i}.yml`) || parsePromQL(c.built.promql).syntaxErrors.length > 0,
      reported: reservedProblem(c.built.problems),
    }));
    expect(verdicts.filter((v) => v.rejected !== v.reported)).toEqual([]);
  });

  test('the message names the word and what to do', () => {
    expect(cases('Bool')[0].built.problems).toEqual(['series Bool is named like a PromQL keyword or number, which PromQL cannot select by its bare name; rename the metric']);
    expect(cases('nan')[2].built.problems).toEqual(['sum by (nan): PromQL reads this label name as a keyword or number; rename the label']);
  });
});
