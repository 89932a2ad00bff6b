import { Duration } from '../promql';
import { toYaml, topLevelItem, topLevelSequence } from '../synth/yaml';
import { ToolResult, promtool, writeTempFiles } from './tools';

/** One input series in promtool's expanding notation, e.g. `0+60x20`. */
export interface InputSeries {
  /** Series in selector notation with `=` matchers only, e.g. `up{job="x",instance="a:1"}`. */
  readonly series: string;
  readonly values: string;
}

export interface ExpectedAlert {
  /** The alert's complete label set (promtool compares it exactly). */
  readonly labels: Readonly<Record<string, string>>;
  /** The complete annotations, templates expanded (promtool compares them exactly too). */
  readonly annotations: Readonly<Record<string, string>>;
}

export interface AlertCheck {
  readonly evalTime: Duration;
  readonly alertname: string;
  /** The alerts firing at `evalTime`; empty means nothing fires. */
  readonly expect: readonly ExpectedAlert[];
}

export interface RuleTestCase {
  readonly name: string;
  /** Spacing of the input samples. */
  readonly interval: Duration;
  readonly inputSeries: readonly InputSeries[];
  readonly alertChecks: readonly AlertCheck[];
}

/** Renders a `promtool test rules` file for the given rule files. */
export function renderRuleTests(ruleFiles: readonly string[], evaluationInterval: Duration, cases: readonly RuleTestCase[]): string {
  return ruleTestsFile(ruleFiles, evaluationInterval, cases.map(ruleTestItem));
}

/**
 * A `promtool test rules` file from its cases as {@link ruleTestItem} wrote them: a generator writes
 * each case as it makes it, and keeps none of them (a 10 000-alert pack has 20 000).
 */
export function ruleTestsFile(ruleFiles: readonly string[], evaluationInterval: Duration, caseTexts: readonly string[]): string {
  return toYaml({ rule_files: [...ruleFiles], evaluation_interval: evaluationInterval }, HEADER) + topLevelSequence('tests', caseTexts);
}

/** One case of a `promtool test rules` file, written as it stands in the file. */
export function ruleTestItem(c: RuleTestCase): string {
  return topLevelItem({
    name: c.name,
    interval: c.interval,
    input_series: c.inputSeries.map((s) => ({ series: s.series, values: s.values })),
    alert_rule_test: c.alertChecks.map((check) => ({
      eval_time: check.evalTime,
      alertname: check.alertname,
      exp_alerts: check.expect.map((a) => ({ exp_labels: { ...a.labels }, exp_annotations: { ...a.annotations } })),
    })),
  }, `promtool test ${JSON.stringify(c.name)}`);
}

const HEADER = 'promtool unit tests: `promtool test rules <this file>`.';

/** A catalogued series as promtool input: the selector's `=` matchers become the series' labels. */
export function inputSeries(selector: { readonly promql: string }, values: string): InputSeries {
  return { series: selector.promql, values };
}

/**
 * Runs one `promtool test rules` case against a rendered rule file (path
 * relative to the test file, and content); returns promtool's verdict.
 */
export function runRuleTest(ruleFile: { readonly path: string; readonly content: string }, testCase: RuleTestCase, evaluationInterval: Duration = '15s'): ToolResult {
  const tests = renderRuleTests([ruleFile.path], evaluationInterval, [testCase]);
  return promtool(['test', 'rules', 'tests.yml'], writeTempFiles(new Map([[ruleFile.path, ruleFile.content], ['tests.yml', tests]])));
}
