import * as fs from 'fs';
import * as path from 'path';
import { RulePackConfig, Selector, Severity, packAlerts, prometheusProblems, renderRuleFile } from '../../lib';
import { AlertCheck, ExpectedAlert, InputSeries, promtool, runRuleTest, writeTempFiles } from '../../lib/testing';
import { poseGeneratorRules, poseGeneratorScrapeJobs } from '../../rules/pose-generator';
import { creditsRefunded, creditsSpent, generationDuration, generations, poseGenerator, queueDepth } from '../../rules/pose-generator/metrics';

const config: RulePackConfig = {
  runbookBaseUrl: 'https://git.example.com/observability/monitoring-as-code/-/blob/main/docs/runbooks',
  grafanaBaseUrl: 'http://127.0.0.1:3000',
};
const pack = poseGeneratorRules(config);
const ruleFile = renderRuleFile(pack);
const ALERTS = [
  'PoseGeneratorFailureRateElevated',
  'PoseGeneratorHighFailureRate',
  'PoseGeneratorSlowGeneration',
  'PoseGeneratorGenerationCriticallySlow',
  'PoseGeneratorQueueBacklog',
  'PoseGeneratorQueueOverloaded',
  'PoseGeneratorRefundRateElevated',
  'PoseGeneratorHighRefundRate',
  'PoseGeneratorCreditRefundSpike',
  'PoseGeneratorWorkerDown',
  'PoseGeneratorTargetDown',
  // The health endpoint's blackbox probe (group pose-generator.probes).
  'PoseGeneratorHealthCheckFailing',
  'PoseGeneratorHealthCheckSlow',
  'PoseGeneratorHealthCheckNotProbed',
];

/**
 * The alert promtool must see: labels written out (so a change in routing
 * labels fails the test), annotations with `description` expanded.
 */
function firing(alertname: string, severity: Severity, description: string, extraLabels: Record<string, string> = {}): ExpectedAlert {
  const alert = packAlerts(pack).find((a) => a.name === alertname)!;
  return {
    // Routing labels (family, impact) as the rule declares them; test/alertmanager checks where they lead.
    labels: { ...Object.fromEntries(Object.entries(alert.labels).filter(([k]) => ['family', 'impact', 'component'].includes(k))), severity, service: 'pose-generator', team: 'pose-generator', job: 'pose-generator', ...extraLabels },
    annotations: { ...alert.annotations, description },
  };
}

const INSTANCE = 'pose-generator:3000';
/** A series of the catalog on the one pose-generator instance, written the way promtool reads input series. */
const series = (selector: Selector, values: string, instance = INSTANCE): InputSeries => ({
  series: selector.where({ instance }).promql,
  values,
});

/** Generations per minute: `completed` and `failed` counters growing at the given rates. */
const outcomes = (completedPerMin: number, failedPerMin: number, samples = 90): InputSeries[] => [
  series(generations.where({ status: 'completed' }), `0+${completedPerMin}x${samples}`),
  series(generations.where({ status: 'failed' }), `0+${failedPerMin}x${samples}`),
];

/** The BullMQ queue as two exporting processes report it (same Redis queue, so the same counts). */
const queue = (waiting: number, active: number, samples = 40): InputSeries[] =>
  ['pose-generator:3000', 'pose-generator-worker:3000'].flatMap((instance) => [
    series(queueDepth.where({ state: 'waiting' }), `${waiting}x${samples}`, instance),
    series(queueDepth.where({ state: 'active' }), `${active}x${samples}`, instance),
    series(queueDepth.where({ state: 'failed' }), `30x${samples}`, instance),
  ]);

/** One pose observed per minute, each taking `seconds`. */
const durations = (seconds: number): InputSeries[] => [
  series(generationDuration.count(), '0+1x40'),
  series(generationDuration.sum(), `0+${seconds}x40`),
];

/** Runs promtool test rules with the rendered rule file; returns promtool's verdict. */
function promtoolTest(name: string, inputSeries: InputSeries[], alertChecks: AlertCheck[]) {
  return runRuleTest({ path: 'rules/pose-generator.yml', content: ruleFile }, { name, interval: '1m', inputSeries, alertChecks });
}

/** Asserts promtool passed, showing its output when it did not. */
function expectPass(result: { status: number | null; output: string }): void {
  expect({ status: result.status, output: result.output }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
}

const nothingFires = (evalTime: AlertCheck['evalTime'], alertnames: readonly string[] = ALERTS): AlertCheck[] =>
  alertnames.map((alertname) => ({ evalTime, alertname, expect: [] }));

describe('pose-generator rule pack (spec 002)', () => {
  test('rendered rule file (what a reviewer reads)', () => {
    expect(ruleFile).toMatchSnapshot();
  });

  test('the pack, with its scrape job, has no problems', () => {
    expect(prometheusProblems({ global: { scrapeInterval: '15s', evaluationInterval: '15s' }, scrapeConfigs: poseGeneratorScrapeJobs() }, [pack])).toEqual([]);
  });

  test('scrape jobs: job pose-generator at the spec path /metrics-prometheus, then the probe of the health endpoint', () => {
    const [app, health] = poseGeneratorScrapeJobs();
    expect(app).toEqual({ jobName: 'pose-generator', targets: ['pose-generator:3000'], metricsPath: '/metrics-prometheus' });
    expect(health).toMatchObject({
      jobName: 'pose-generator-probe-health-check',
      targets: ['http://pose-generator:3000/api/apps/pose-generator/health'],
      metricsPath: '/probe',
      params: { module: ['http_200'] },
    });
    expect(poseGeneratorScrapeJobs()).toHaveLength(2);
  });

  test('promtool check rules accepts the rendered file', () => {
    const result = promtool(['check', 'rules', 'pose-generator.yml'], writeTempFiles(new Map([['pose-generator.yml', ruleFile]])));
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  test('every alert has severity, summary, description and a runbook_url in pose-generator.md', () => {
    const alerts = packAlerts(pack);
    expect(alerts.map((a) => a.name)).toEqual(ALERTS);
    for (const a of alerts) {
      expect(Object.keys(a.annotations)).toEqual(expect.arrayContaining(['summary', 'description', 'runbook_url']));
      expect(a.labels.severity).toMatch(/^(critical|warning|info)$/);
      expect(a.labels.service).toBe('pose-generator');
      expect(a.annotations.runbook_url).toMatch(/\/pose-generator\.md#[a-z0-9]+$/);
      expect(a.annotations.dashboard_url).toBe('http://127.0.0.1:3000/d/pose-generator-overview');
    }
  });

  test('7% failures (success 93%) fires PoseGeneratorFailureRateElevated after 15m, not PoseGeneratorHighFailureRate', () => {
    expectPass(
      promtoolTest('failure rate in the warning band', outcomes(93, 7), [
        { evalTime: '10m', alertname: 'PoseGeneratorFailureRateElevated', expect: [] },
        {
          evalTime: '20m',
          alertname: 'PoseGeneratorFailureRateElevated',
          expect: [
            firing('PoseGeneratorFailureRateElevated', 'warning', '7% of pose generations on pose-generator failed over the last hour (warning above 5%, critical above 10%).'),
          ],
        },
        { evalTime: '20m', alertname: 'PoseGeneratorHighFailureRate', expect: [] },
        { evalTime: '80m', alertname: 'PoseGeneratorHighFailureRate', expect: [] },
      ]),
    );
  });

  test('20% failures fires PoseGeneratorHighFailureRate (critical) after 5m', () => {
    expectPass(
      promtoolTest('failure rate above 10%', outcomes(80, 20), [
        { evalTime: '4m', alertname: 'PoseGeneratorHighFailureRate', expect: [] },
        {
          evalTime: '10m',
          alertname: 'PoseGeneratorHighFailureRate',
          expect: [firing('PoseGeneratorHighFailureRate', 'critical', '20% of pose generations on pose-generator failed over the last hour (threshold 10%).')],
        },
      ]),
    );
  });

  test('2% failures (success 98%) fires nothing', () => {
    expectPass(promtoolTest('failure rate good', outcomes(98, 2), nothingFires('80m', ['PoseGeneratorFailureRateElevated', 'PoseGeneratorHighFailureRate'])));
  });

  test('252 queued (250 waiting + 2 active, reported by two processes) fires PoseGeneratorQueueBacklog, not PoseGeneratorQueueOverloaded', () => {
    expectPass(
      promtoolTest('queue busy', queue(250, 2), [
        { evalTime: '14m', alertname: 'PoseGeneratorQueueBacklog', expect: [] },
        {
          evalTime: '16m',
          alertname: 'PoseGeneratorQueueBacklog',
          expect: [firing('PoseGeneratorQueueBacklog', 'warning', '252 pose jobs are waiting or active on pose-generator (warning above 100, critical above 500) for 15m.')],
        },
        { evalTime: '30m', alertname: 'PoseGeneratorQueueOverloaded', expect: [] },
      ]),
    );
  });

  test('600 waiting fires PoseGeneratorQueueOverloaded (critical) after 10m', () => {
    expectPass(
      promtoolTest('queue overloaded', queue(600, 4), [
        { evalTime: '9m', alertname: 'PoseGeneratorQueueOverloaded', expect: [] },
        {
          evalTime: '11m',
          alertname: 'PoseGeneratorQueueOverloaded',
          expect: [firing('PoseGeneratorQueueOverloaded', 'critical', '604 pose jobs are waiting or active on pose-generator (threshold 500) for 10m.')],
        },
      ]),
    );
  });

  test('a queue of 60 (and failed jobs, which are no load) fires nothing', () => {
    expectPass(promtoolTest('queue healthy', queue(58, 2), nothingFires('30m', ['PoseGeneratorQueueBacklog', 'PoseGeneratorQueueOverloaded'])));
  });

  test('45 s per pose fires PoseGeneratorSlowGeneration; 75 s fires PoseGeneratorGenerationCriticallySlow; 20 s nothing', () => {
    expectPass(
      promtoolTest('slow band', durations(45), [
        { evalTime: '10m', alertname: 'PoseGeneratorSlowGeneration', expect: [] },
        {
          evalTime: '20m',
          alertname: 'PoseGeneratorSlowGeneration',
          expect: [firing('PoseGeneratorSlowGeneration', 'warning', 'Pose generations on pose-generator take 45s on average over 5m (warning above 30s) for 15m.')],
        },
        { evalTime: '30m', alertname: 'PoseGeneratorGenerationCriticallySlow', expect: [] },
      ]),
    );
    expectPass(
      promtoolTest('critically slow', durations(75), [
        {
          evalTime: '20m',
          alertname: 'PoseGeneratorGenerationCriticallySlow',
          expect: [firing('PoseGeneratorGenerationCriticallySlow', 'critical', 'Pose generations on pose-generator take 1m 15s on average over 5m (threshold 1m) for 15m.')],
        },
      ]),
    );
    expectPass(promtoolTest('fast', durations(20), nothingFires('30m', ['PoseGeneratorSlowGeneration', 'PoseGeneratorGenerationCriticallySlow'])));
  });

  test('1200 credits refunded per hour fires PoseGeneratorCreditRefundSpike; 6.7% refunded fires only the refund-rate warning', () => {
    const refunds = [series(creditsRefunded, '0+20x90'), series(creditsSpent, '0+300x90')];
    expectPass(
      promtoolTest('refunds', refunds, [
        { evalTime: '45m', alertname: 'PoseGeneratorCreditRefundSpike', expect: [] },
        {
          evalTime: '75m',
          alertname: 'PoseGeneratorCreditRefundSpike',
          expect: [firing('PoseGeneratorCreditRefundSpike', 'critical', '1.2k credits were refunded on pose-generator in the last hour (threshold 1000).')],
        },
        {
          evalTime: '20m',
          alertname: 'PoseGeneratorRefundRateElevated',
          expect: [
            firing(
              'PoseGeneratorRefundRateElevated',
              'warning',
              '6.667% of the credits spent on pose-generator over the last hour were refunded (warning above 5%, critical above 10%).',
            ),
          ],
        },
        { evalTime: '75m', alertname: 'PoseGeneratorHighRefundRate', expect: [] },
      ]),
    );
  });

  test('generations stop while 40 jobs wait: PoseGeneratorWorkerDown fires 10m after the last one', () => {
    // The last generation finishes at 10m; from 15m the last 5m hold none, held for 5m → firing at 20m.
    const stalled = [series(generations.where({ status: 'completed' }), '0+5x10 50x30'), ...queue(40, 0)];
    const description = 'pose-generator has had jobs waiting or active for 10m (at least 40 in the last 5m), yet no generation completed or failed.';
    expectPass(
      promtoolTest('workers stalled', stalled, [
        { evalTime: '12m', alertname: 'PoseGeneratorWorkerDown', expect: [] },
        { evalTime: '19m', alertname: 'PoseGeneratorWorkerDown', expect: [] },
        { evalTime: '21m', alertname: 'PoseGeneratorWorkerDown', expect: [firing('PoseGeneratorWorkerDown', 'critical', description)] },
      ]),
    );
  });

  test('a restarted worker that exports no generation counter, with jobs queued, fires PoseGeneratorWorkerDown', () => {
    const description = 'pose-generator has had jobs waiting or active for 10m (at least 40 in the last 5m), yet no generation completed or failed.';
    expectPass(
      promtoolTest('counter absent', queue(40, 0), [
        { evalTime: '4m', alertname: 'PoseGeneratorWorkerDown', expect: [] },
        { evalTime: '6m', alertname: 'PoseGeneratorWorkerDown', expect: [firing('PoseGeneratorWorkerDown', 'critical', description)] },
      ]),
    );
  });

  test('an idle system (nothing queued, nothing processed) does not fire PoseGeneratorWorkerDown', () => {
    const idle = [series(generations.where({ status: 'completed' }), '50x40'), ...queue(0, 0)];
    expectPass(promtoolTest('idle', idle, nothingFires('30m', ['PoseGeneratorWorkerDown'])));
  });

  test('an unscrapeable target fires PoseGeneratorTargetDown after 5m', () => {
    expectPass(
      promtoolTest('target down', [series(poseGenerator.up, '0x10')], [
        { evalTime: '4m', alertname: 'PoseGeneratorTargetDown', expect: [] },
        {
          evalTime: '6m',
          alertname: 'PoseGeneratorTargetDown',
          expect: [firing('PoseGeneratorTargetDown', 'critical', 'pose-generator:3000 of job pose-generator has answered no scrape for 5m.', { instance: INSTANCE })],
        },
      ]),
    );
  });

  test('another job with the same metric names does not fire pose-generator alerts', () => {
    const otherJob = (name: string, labels: string, values: string): InputSeries => ({ series: `${name}{job="other",instance="other:80"${labels}}`, values });
    const elsewhere = [
      otherJob('pose_generations_total', ',status="failed"', '0+50x90'),
      otherJob('pose_generations_total', ',status="completed"', '0+1x90'),
      otherJob('pose_queue_depth', ',state="waiting"', '900x90'),
      otherJob('pose_generation_duration_seconds_sum', '', '0+200x90'),
      otherJob('pose_generation_duration_seconds_count', '', '0+1x90'),
      otherJob('pose_credits_refunded_total', '', '0+100x90'),
      otherJob('pose_credits_spent_total', '', '0+100x90'),
      otherJob('up', '', '0x90'),
    ];
    // pose-generator itself is healthy: 1% failures, 10 queued, 20 s per pose, few refunds.
    const healthy = [
      ...outcomes(99, 1),
      ...queue(10, 0, 90),
      series(generationDuration.count(), '0+1x90'),
      series(generationDuration.sum(), '0+20x90'),
      series(creditsRefunded, '0+1x90'),
      series(creditsSpent, '0+300x90'),
    ];
    expectPass(promtoolTest('problems elsewhere', [...elsewhere, ...healthy], [...nothingFires('30m'), ...nothingFires('80m')]));
  });

  test('the promtool tests can fail: a wrong expectation is reported', () => {
    const result = promtoolTest('wrong on purpose', outcomes(98, 2), [
      { evalTime: '30m', alertname: 'PoseGeneratorHighFailureRate', expect: [firing('PoseGeneratorHighFailureRate', 'critical', 'wrong')] },
    ]);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('FAILED');
  });
});

test('every alerting alert name of the pack appears in docs/spec-coverage/pose-generator.md', () => {
  const coverage = fs.readFileSync(path.resolve(__dirname, '../../docs/spec-coverage/pose-generator.md'), 'utf8');
  for (const alert of packAlerts(pack)) expect(coverage).toContain(alert.name);
});
