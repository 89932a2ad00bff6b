/**
 * A generated environment with `alerts` alert rules (one recording rule per
 * ten of them, a panel per recorded signal, generated promtool tests), for
 * measuring how synth grows: `node dist/bench/app.js <alerts> <outdir>`.
 */
import { AlertRule, AlertmanagerConfig, RulePackConfig, System, alertRule, formatNumber, gt, rateRatio, re, recordingRule, ruleGroup, rulePack, runbookUrlFor, scrapeJobFor } from '../../lib';
import { alertPanel, dashboard, row } from '../../lib/grafana';
import { runSynth } from '../../main';
import { Environment as Env } from '../../stacks/environments';

const PER_SIGNAL = 10;
const PANELS_PER_DASHBOARD = 50;

export function generatedEnvironment(alerts: number): Env {
  const system = new System({ name: 'bench', title: 'Generated benchmark system', team: 'bench', selector: { job: 'bench' } });
  const signals = Math.ceil(alerts / PER_SIGNAL);
  const config: RulePackConfig = { runbookBaseUrl: 'https://runbooks.example.org', grafanaBaseUrl: 'http://127.0.0.1:3000' };
  const recordings = Array.from({ length: signals }, (_, s) => {
    const requests = system.counter({ name: `bench_${s}_requests_total`, help: `Requests of endpoint ${s}.`, labels: ['status'] });
    return recordingRule({ record: `job:bench_${s}_requests_5xx_per_requests:ratio_rate5m`, expr: rateRatio(requests.where({ status: re('5..') }), requests, '5m', { by: ['job'] }) });
  });
  const rules: AlertRule[] = Array.from({ length: alerts }, (_, i) =>
    alertRule({
      name: `Bench${i}HighErrorRate`,
      expr: gt(recordings[Math.floor(i / PER_SIGNAL)].series, 0.01 * ((i % PER_SIGNAL) + 1)),
      for: '5m',
      severity: i % PER_SIGNAL === PER_SIGNAL - 1 ? 'critical' : 'warning',
      summary: `Endpoint ${Math.floor(i / PER_SIGNAL)} errors, level ${i % PER_SIGNAL}`,
      description: (s) => `{{ $value | humanizePercentage }} of requests to {{ $labels.job }} fail (threshold ${formatNumber(s.threshold! * 100)}%) for ${s.for}.`,
    }),
  );
  const pack = rulePack({
    system,
    source: 'scripts/bench/generated-app.ts',
    runbookUrl: runbookUrlFor(config, system),
    groups: [ruleGroup({ name: 'bench.rules', rules: recordings }), ruleGroup({ name: 'bench.alerts', rules })],
  });
  const panels = recordings.map((_, s) => {
    const [first, ...rest] = rules.slice(s * PER_SIGNAL, (s + 1) * PER_SIGNAL);
    return alertPanel(first, { with: rest, unit: 'percentunit', title: `Endpoint ${s} error ratio` });
  });
  const dashboards = Array.from({ length: Math.ceil(panels.length / PANELS_PER_DASHBOARD) }, (_, d) =>
    dashboard({
      uid: `bench-${d}`,
      title: `Bench ${d}`,
      description: 'Generated for the synth benchmark.',
      systems: [system],
      source: 'scripts/bench/generated-app.ts',
      rows: [row('Error ratios', panels.slice(d * PANELS_PER_DASHBOARD, (d + 1) * PANELS_PER_DASHBOARD))],
    }),
  );
  const alertmanager: AlertmanagerConfig = {
    route: {
      receiver: 'bench-chat',
      groupBy: ['alertname'],
      routes: [
        { matchers: { severity: 'critical' }, receiver: 'bench-chat' },
        { matchers: { severity: 'warning' }, receiver: 'bench-chat' },
      ],
    },
    heartbeat: { none: 'a generated benchmark app, never deployed' },
    receivers: [{ name: 'bench-chat', slack: [{ apiUrlFile: '/etc/alertmanager/secrets/slack-webhook-url', channel: '#bench' }] }],
  };
  return {
    name: 'bench',
    externalLabels: { environment: 'bench' },
    scrapeInterval: '15s',
    evaluationInterval: '15s',
    alertmanagers: ['alertmanager:9093'],
    retention: '15d',
    rulePackConfig: config,
    alertmanager,
    scrapeConfigs: [scrapeJobFor(system, { targets: ['bench:8080'], unalertedReason: 'a generated benchmark target' })],
    rulePacks: [pack],
    dashboards,
    probes: [],
  };
}

/** Synthesizes the generated app with `alerts` alert rules into `outdir`; the exit code. */
export function synthGenerated(alerts: number, outdir: string): number {
  return runSynth(outdir, [generatedEnvironment(alerts)], { stdout: () => undefined, stderr: (t) => process.stderr.write(t) });
}
