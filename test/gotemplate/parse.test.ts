import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { ALERTMANAGER_TEMPLATE_FUNCTIONS, PROMETHEUS_ALERT_VARIABLES, PROMETHEUS_TEMPLATE_FUNCTIONS, goTemplateProblem } from '../../lib/gotemplate';
import { runTool, writeTempFiles } from '../../lib/testing';

/**
 * The port of Go's template parser against the real thing: every template is
 * put in an annotation of one rule file and checked by promtool 2.42 (which
 * parses each alert's annotations as Prometheus will), and a smaller set in
 * an Alertmanager template file checked by amtool 0.25. The port must refuse
 * exactly what they refuse, with their message.
 */

const corpus = [
  // Parse
  'plain text',
  '{{ $labels.instance }} is down',
  '{{ $value | humanize }}',
  '{{ humanizePercentage $value }}',
  '{{ printf "%.2f" $value }}',
  '{{- if gt $value 0.5 -}}high{{- else -}}low{{- end }}',
  '{{ if eq $labels.job "a" }}a{{ else if eq $labels.job "b" }}b{{ else }}c{{ end }}',
  '{{ range $i, $x := query "up" }}{{ $i }}{{ $x.Labels.job }}{{ end }}',
  '{{ range query "up" }}{{ . | value }}{{ break }}{{ end }}',
  '{{ with $labels.job }}{{ . }}{{ end }}',
  '{{ `raw {{ string` }}',
  '{{/* a comment */}}text',
  '{{- /* trimmed comment */ -}}',
  '{{ "a" | printf "%s" }}',
  "{{ 'x' }}{{ '\\n' }}",
  '{{ 1e3 }} {{ 0x1F }} {{ 1_000 }} {{ -2 }} {{ .5 }} {{ 0b101 }} {{ 1i }}',
  '{{ .Labels.job }} {{ .Value }}',
  '{{ $labels := 1 }}{{ $labels }}',
  '{{ $x := 1 }}{{ $x = 2 }}{{ $x }}',
  '{{ (query "up" | first | value) }}',
  '{{ (printf "%s" "a").x }}',
  '{{ template "x" }}',
  '{{ define "x" }}in{{ end }}{{ template "x" . }}',
  '{{ $externalLabels.cluster }} {{ $externalURL }}',
  '{{ if and (gt $value 1.0) (lt $value 2.0) }}mid{{ end }}',
  '{{ index $labels "job" }}',
  '{{ .Labels.job | toUpper | reReplaceAll "A" "B" }}',
  '{{ $value | humanizeDuration }}',
  '{{\n$labels.job\n}}',
  '{{ nil }}',
  '{{ true }}{{ false }}',
  '{{ $ }}',
  '{{ . }}',
  '{{ $value | }}',
  '{{ stripPort $labels.instance }} {{ parseDuration "1m" }} {{ toTime 1 }}',
  // Refuse
  '{{ $value | humanise }}',
  '{{ $label.job }}',
  '{{ $labels.job } is busy',
  '{{ if $value }}busy',
  '{{ "unterminated }}',
  '{{ end }}',
  '{{ else }}',
  '{{ $value | 3 }}',
  '{{ $value | "s" }}',
  '{{ $value | . }}',
  '{{ $value | true }}',
  '{{ $value | nil }}',
  '{{ $labels.job',
  '{{ `raw }}',
  "{{ 'ab }}",
  "{{ 'ab' }}",
  '{{ 3x }}',
  '{{ 0x }}',
  '{{ 1..2 }}',
  '{{ 08 }}',
  '{{ 1__0 }}',
  '{{ humanize$value }}',
  '{{ (printf "a" }}',
  '{{ printf "a") }}',
  '{{ if }}x{{ end }}',
  '{{ range }}x{{ end }}',
  '{{ break }}',
  '{{ range query "up" }}{{ continue 1 }}{{ end }}',
  '{{ if 1 }}a{{ else }}b{{ else }}c{{ end }}',
  '{{ range $i, $x, $y := query "up" }}{{ end }}',
  '{{ with $x := 1, $y := 2 }}{{ end }}',
  '{{ $x, $y := 1 }}',
  '{{ range $i, 3 }}{{ end }}',
  '{{ with 1 }}a{{ else if 2 }}b{{ end }}',
  '{{ template x }}',
  '{{ template }}',
  '{{ define "x" }}in',
  '{{ "a".b }}',
  '{{ 3.x }}',
  '{{ ..x }}',
  '{{ $x := 1 }}{{ if true }}{{ $y := 2 }}{{ end }}{{ $y }}',
  '{{/* unclosed comment }}',
  '{{/* comment */ text }}',
  '{{ "\\q" }}',
  '{{ # }}',
  '{{ $labels.job : }}',
  '{{ ) }}',
  '{{ | humanize }}',
  '{{ $value || humanize }}',
  '{{ . $x }}',
  '{{ if 1 }}{{ else if }}{{ end }}',
  '{{ printf "%d" 1 }}{{ end }}',
  '{{ with 1 }}{{ $z := 1 }}{{ end }}{{ $z }}',
  '{{\n$labels.job\n',
];

/** Random token soups: most are mistakes, some parse; all must be judged as Go judges them. */
const fragments = ['{{', '}}', '{{- ', ' -}}', ' ', '$labels', '$value', '$x', '$x := ', '.job', '.', '|', 'humanize', 'humanise', 'printf', '"%s"', '"', '`', "'a'", '(', ')', 'if', 'else', 'end', 'range', 'with', 'break', '1', '0x1', '3x', 'nil', 'true', ',', '=', ':', '/*', '*/', '\n', 'text'];
const soups = fc.sample(fc.array(fc.constantFrom(...fragments), { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')), { seed: 20261202, numRuns: 1500 });

/** promtool's verdict on each template: undefined when it parses, else Go's message after `template: __alert_A<i>:<line>:`. */
function promtoolVerdicts(templates: readonly string[]): (string | undefined)[] {
  const rules = { groups: [{ name: 'g', rules: templates.map((t, i) => ({ alert: `A${i}`, expr: 'vector(1) > 0', annotations: { d: t } })) }] };
  const dir = writeTempFiles(new Map([['rules.yml', stringify(rules)]]));
  const output = runTool('promtool', ['check', 'rules', 'rules.yml'], dir).output;
  const verdicts: (string | undefined)[] = templates.map(() => undefined);
  for (const match of output.matchAll(/rule (\d+), "A\d+": annotation "d": template: __alert_A\d+:(\d+): (.*)$/gm)) {
    // The port has no template name: it says "line N" where Go says "<name>:N".
    verdicts[Number(match[1]) - 1] = match[3].replace(/started at __alert_A\d+:(\d+)$/, 'started at line $1').trim();
  }
  return verdicts;
}

function portVerdict(template: string, functions: ReadonlySet<string>, variables?: readonly string[]): string | undefined {
  return goTemplateProblem(template, { functions, variables })?.replace(/^line \d+: /, '');
}

describe('Go template parsing, as promtool 2.42 parses annotations', () => {
  const templates = [...corpus, ...soups];
  const verdicts = promtoolVerdicts(templates);

  test('the corpus covers both sides', () => {
    expect(verdicts.filter((v) => v === undefined).length).toBeGreaterThan(40);
    expect(verdicts.filter((v) => v !== undefined).length).toBeGreaterThan(60);
  });

  test('the port refuses exactly what promtool refuses, with its message', () => {
    const disagreements = templates.flatMap((template, i) => {
      const port = portVerdict(template, PROMETHEUS_TEMPLATE_FUNCTIONS, PROMETHEUS_ALERT_VARIABLES);
      return port === verdicts[i] ? [] : [{ template, promtool: verdicts[i] ?? 'parses', port: port ?? 'parses' }];
    });
    expect(disagreements).toEqual([]);
  });
});

describe('Go template parsing, as Alertmanager 0.25 parses notification templates', () => {
  const templates = ['{{ .CommonLabels.alertname | toUpper }}', '{{ join ", " .GroupLabels.Values }}', '{{ range .Alerts }}{{ .Annotations.summary }}{{ end }}', '{{ humanize 1 }}', '{{ .Status | upper }}', '{{ if .Alerts }}x'];

  test.each(templates)('%s', (template) => {
    const dir = writeTempFiles(
      new Map([
        ['am.yml', 'route:\n  receiver: x\nreceivers:\n  - name: x\ntemplates:\n  - t.tmpl\n'],
        ['t.tmpl', `{{ define "t" }}${template}{{ end }}`],
      ]),
    );
    const result = runTool('amtool', ['check-config', 'am.yml'], dir);
    const amtool = /template: t\.tmpl:\d+: (.*)$/m.exec(result.output)?.[1]?.trim();
    expect(result.status === 0 ? undefined : amtool).toBe(portVerdict(template, ALERTMANAGER_TEMPLATE_FUNCTIONS));
  });
});

test('a verdict is remembered per set of variables: one named `$a b` is not `$a` and `b`', () => {
  const functions = new Set<string>();
  expect(goTemplateProblem('{{ $a }}', { functions, variables: ['$a b'] })).toMatch(/undefined variable "\$a"/);
  expect(goTemplateProblem('{{ $a }}', { functions, variables: ['$a', 'b'] })).toBeUndefined();
});
