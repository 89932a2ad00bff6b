import { Duration, RulePackConfig, packAlerts, prometheusProblems, renderRuleFile } from '../../lib';
import { AlertCheck, ExpectedAlert, InputSeries, inputSeries, promtool, runRuleTest, writeTempFiles } from '../../lib/testing';
import { dubbingRules, dubbingScrapeJobs, dubbingSystems } from '../../rules/dubbing';
import { dubbing, gpuOomErrors, httpRequestDuration, httpRequests, jobProcessingDuration, jobsProcessed, queueDepth } from '../../rules/dubbing/metrics';

/** The same URLs as the local environment, pinned here so the snapshot does not follow environment edits. */
const config: RulePackConfig = {
  runbookBaseUrl: 'https://git.example.com/observability/monitoring-as-code/-/blob/main/docs/runbooks',
  grafanaBaseUrl: 'http://127.0.0.1:3000',
};
const pack = dubbingRules(config);
const ruleFile = renderRuleFile(pack);

const BACKEND = 'dubbing-backend:3001';

/** The alert promtool must see: every label written out, annotations with `description` expanded. */
function firing(alertname: string, labels: Record<string, string>, description: string): ExpectedAlert {
  const alert = packAlerts(pack).find((a) => a.name === alertname)!;
  return {
    // Routing labels (family, impact) as the rule declares them; test/alertmanager checks where they lead.
    labels: { ...Object.fromEntries(Object.entries(alert.labels).filter(([k]) => ['family', 'impact', 'component'].includes(k))), service: 'dubbing', team: 'dubbing', job: 'dubbing', ...labels },
    annotations: { ...alert.annotations, description },
  };
}

const series = inputSeries;

/** HTTP traffic of the backend: `errors` 5xx and `ok` 200 responses per minute. */
const traffic = (errors: number, ok: number): InputSeries[] => [
  series(httpRequests.where({ instance: BACKEND, method: 'POST', status: '500' }), `0+${errors}x40`),
  series(httpRequests.where({ instance: BACKEND, method: 'GET', status: '200' }), `0+${ok}x40`),
];

/** Finished runs of one stage: `failed` and `completed` per minute. */
const stageRuns = (stage: string, failed: number, completed: number): InputSeries[] => [
  series(jobsProcessed.where({ instance: BACKEND, stage, status: 'failed' }), `0+${failed}x60`),
  series(jobsProcessed.where({ instance: BACKEND, stage, status: 'completed' }), `0+${completed}x60`),
];

/** HTTP duration observations all falling in the bucket ending at `le`, 60 per minute. */
function responsesUpTo(le: number): InputSeries[] {
  const bounds = [...httpRequestDuration.metric.buckets!, '+Inf'] as const;
  return bounds.map((b) => series(httpRequestDuration.bucket({ instance: BACKEND, le: String(b) }), typeof b === 'number' && b < le ? '0x30' : '0+60x30'));
}

/** Runs promtool test rules with the rendered dubbing rule file; returns promtool's verdict. */
function promtoolTest(name: string, interval: Duration, inputSeries: InputSeries[], alertChecks: AlertCheck[], evaluationInterval: Duration = '15s') {
  return runRuleTest({ path: 'rules/dubbing.yml', content: ruleFile }, { name, interval, inputSeries, alertChecks }, evaluationInterval);
}

/** promtool must pass; its output is the failure message. */
function expectPass(result: { status: number | null; output: string }): void {
  expect({ status: result.status, output: result.output }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
}

describe('dubbing rule pack (spec 003)', () => {
  test('rendered rule file (what a reviewer reads)', () => {
    expect(ruleFile).toMatchSnapshot();
  });

  test('the pack, its scrape jobs and the Prometheus config have no problems', () => {
    expect(prometheusProblems({ global: { scrapeInterval: '15s', evaluationInterval: '15s' }, scrapeConfigs: dubbingScrapeJobs() }, [pack])).toEqual([]);
  });

  test('one scrape job per system, named by its job selector', () => {
    expect(dubbingScrapeJobs().map((j) => j.jobName)).toEqual(dubbingSystems.map((s) => s.selector.job));
    expect(dubbingScrapeJobs().map((j) => j.jobName)).toEqual(['dubbing', 'dubbing-postgres', 'dubbing-redis', 'dubbing-node', 'dubbing-dcgm', 'dubbing-probe-api']);
  });

  test('promtool check rules accepts the rendered file', () => {
    const result = promtool(['check', 'rules', 'rules/dubbing.yml'], writeTempFiles(new Map([['rules/dubbing.yml', ruleFile]])));
    expect({ status: result.status, output: result.output }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
  });

  test('every alert has severity, summary, description and runbook_url', () => {
    const alerts = packAlerts(pack);
    expect(alerts.map((a) => `${a.labels.severity} ${a.name}`)).toEqual([
      'critical DubbingApiDown',
      'critical DubbingDatabaseDown',
      'critical DubbingRedisDown',
      'critical DubbingJobFailureRateCritical',
      'critical DubbingGpuOutOfMemory',
      'warning DubbingApiHighLatency',
      'warning DubbingQueueDepthHigh',
      'warning DubbingHighErrorRate',
      'warning DubbingGpuUtilizationHigh',
      'warning DubbingDiskUsageHigh',
      'warning DubbingJobFailureRateHigh',
      'warning DubbingJobProcessingSlow',
      'warning DubbingModelInferenceSlow',
      'warning DubbingModelErrorRateHigh',
      'warning DubbingPostgresExporterAbsent',
      'warning DubbingRedisExporterAbsent',
      'warning DubbingNodeExporterDown',
      'warning DubbingGpuExporterDown',
      'critical DubbingApiProbeFailing',
      'warning DubbingApiProbeSlow',
      'warning DubbingApiProbeNotProbed',
    ]);
    for (const a of alerts) {
      expect(a.name).toMatch(/^Dubbing[A-Z][A-Za-z0-9]+$/);
      expect(Object.keys(a.annotations)).toEqual(['summary', 'description', 'runbook_url', 'dashboard_url']);
      expect(a.annotations.runbook_url).toMatch(/\/dubbing\.md#[a-z0-9]+$/);
      expect(a.annotations.dashboard_url).toBe('http://127.0.0.1:3000/d/dubbing-overview');
    }
  });

  test('DubbingApiDown fires after 1m of failed scrapes, not before; another job being down does not fire it', () => {
    // 15s samples: up until 5m, down from 5m15s.
    const up = (job: string, instance: string) => ({ series: `up{job="${job}",instance="${instance}"}`, values: '1x20 0x20' });
    expectPass(
      promtoolTest('backend down', '15s', [series(dubbing.up.where({ instance: BACKEND }), '1x20 0x20'), up('canvascast-api', 'cc:80')], [
        { evalTime: '5m', alertname: 'DubbingApiDown', expect: [] },
        { evalTime: '6m', alertname: 'DubbingApiDown', expect: [] },
        {
          evalTime: '6m15s' as Duration,
          alertname: 'DubbingApiDown',
          expect: [firing('DubbingApiDown', { severity: 'critical', instance: BACKEND }, 'dubbing-backend:3001 of job dubbing has answered no scrape for 1m.')],
        },
      ]),
    );
  });

  test('2% 5xx fires DubbingHighErrorRate after 10m; 0.5% does not', () => {
    expectPass(
      promtoolTest('2% errors', '1m', traffic(2, 98), [
        { evalTime: '10m', alertname: 'DubbingHighErrorRate', expect: [] },
        {
          evalTime: '15m',
          alertname: 'DubbingHighErrorRate',
          expect: [firing('DubbingHighErrorRate', { severity: 'warning' }, '2% of HTTP requests to dubbing answered 5xx over the last 5m (threshold 1%) for 10m.')],
        },
      ]),
    );
    expectPass(promtoolTest('0.5% errors', '1m', traffic(1, 199), [{ evalTime: '30m', alertname: 'DubbingHighErrorRate', expect: [] }]));
  });

  test('5xx of another job with the same metric name do not fire dubbing alerts', () => {
    const otherJob = { series: 'http_requests_total{job="canvascast-api",instance="cc:80",method="GET",status="500"}', values: '0+60x40' };
    expectPass(
      promtoolTest('errors elsewhere', '1m', [otherJob, ...traffic(0, 100)], [
        { evalTime: '30m', alertname: 'DubbingHighErrorRate', expect: [] },
        { evalTime: '30m', alertname: 'DubbingApiHighLatency', expect: [] },
      ]),
    );
  });

  test('job failures: 7% of a stage fires only the warning; 20% fires the critical after 10m, then both', () => {
    const warningAt7 = firing(
      'DubbingJobFailureRateHigh',
      { severity: 'warning', stage: 'tts' },
      '7% of tts stage runs on dubbing failed over the last 15m (threshold 5%) for 15m.',
    );
    expectPass(
      promtoolTest('7% failures', '1m', [...stageRuns('tts', 7, 93), ...stageRuns('stt', 0, 100)], [
        { evalTime: '15m', alertname: 'DubbingJobFailureRateHigh', expect: [] },
        { evalTime: '20m', alertname: 'DubbingJobFailureRateHigh', expect: [warningAt7] },
        { evalTime: '40m', alertname: 'DubbingJobFailureRateCritical', expect: [] },
      ]),
    );
    expectPass(
      promtoolTest('20% failures', '1m', [...stageRuns('translation', 20, 80), ...stageRuns('stt', 0, 100)], [
        { evalTime: '10m', alertname: 'DubbingJobFailureRateCritical', expect: [] },
        {
          evalTime: '15m',
          alertname: 'DubbingJobFailureRateCritical',
          expect: [
            firing(
              'DubbingJobFailureRateCritical',
              { severity: 'critical', stage: 'translation' },
              '20% of translation stage runs on dubbing failed over the last 15m (threshold 10%) for 10m.',
            ),
          ],
        },
        {
          evalTime: '20m',
          alertname: 'DubbingJobFailureRateHigh',
          expect: [
            firing(
              'DubbingJobFailureRateHigh',
              { severity: 'warning', stage: 'translation' },
              '20% of translation stage runs on dubbing failed over the last 15m (threshold 5%) for 15m.',
            ),
          ],
        },
      ]),
    );
  });

  test('p95 response time ~4.9 s fires DubbingApiHighLatency after 5m; ~0.98 s does not', () => {
    // All observations in (2.5, 5]: histogram_quantile interpolates p95 to 4.875 s.
    expectPass(
      promtoolTest('slow API', '1m', responsesUpTo(5), [
        { evalTime: '5m', alertname: 'DubbingApiHighLatency', expect: [] },
        {
          evalTime: '10m',
          alertname: 'DubbingApiHighLatency',
          expect: [firing('DubbingApiHighLatency', { severity: 'warning' }, 'p95 HTTP response time of dubbing is 4.875s (threshold 2s) for 5m.')],
        },
      ]),
    );
    expectPass(promtoolTest('fast API', '1m', responsesUpTo(1), [{ evalTime: '20m', alertname: 'DubbingApiHighLatency', expect: [] }]));
  });

  test('a GPU OOM error fires DubbingGpuOutOfMemory at once and clears after 5m', () => {
    const oom = series(gpuOomErrors.where({ instance: BACKEND, model: 'whisper-large-v3' }), '0 0 0 1x10');
    expectPass(
      promtoolTest('one OOM', '1m', [oom], [
        { evalTime: '2m', alertname: 'DubbingGpuOutOfMemory', expect: [] },
        {
          evalTime: '3m',
          alertname: 'DubbingGpuOutOfMemory',
          expect: [
            firing('DubbingGpuOutOfMemory', { severity: 'critical', model: 'whisper-large-v3' }, 'Model whisper-large-v3 on dubbing raised 1 GPU out-of-memory errors in the last 5m.'),
          ],
        },
        { evalTime: '9m', alertname: 'DubbingGpuOutOfMemory', expect: [] },
      ]),
    );
  });

  test('a queue of 150 reported by two instances fires DubbingQueueDepthHigh once per stage; 100 does not', () => {
    const depth = (value: number) => [BACKEND, 'dubbing-backend-2:3001'].map((instance) => series(queueDepth.where({ instance, stage: 'lipsync' }), `${value}x30`));
    expectPass(
      promtoolTest('queue above', '1m', depth(150), [
        { evalTime: '9m', alertname: 'DubbingQueueDepthHigh', expect: [] },
        {
          evalTime: '11m',
          alertname: 'DubbingQueueDepthHigh',
          expect: [firing('DubbingQueueDepthHigh', { severity: 'warning', stage: 'lipsync' }, '150 jobs are waiting in the lipsync queue of dubbing (threshold 100) for 10m.')],
        },
      ]),
    );
    expectPass(promtoolTest('queue at threshold', '1m', depth(100), [{ evalTime: '25m', alertname: 'DubbingQueueDepthHigh', expect: [] }]));
  });

  test('a stage running 4x slower than its day fires DubbingJobProcessingSlow; a steady stage does not', () => {
    // Compares two windows of one series, which the test generator cannot drive: written by hand.
    // One run per second; mean 10 s for a day, then 40 s. Samples every 5m over 26h.
    const runs = series(jobProcessingDuration.count({ instance: BACKEND, stage: 'stt' }), '0+300x312');
    const slowedDown = series(jobProcessingDuration.sum({ instance: BACKEND, stage: 'stt' }), '0+3000x288 876000+12000x24');
    const steady = series(jobProcessingDuration.sum({ instance: BACKEND, stage: 'stt' }), '0+3000x312');
    expectPass(
      promtoolTest('stage slowed down', '5m', [runs, slowedDown], [
        { evalTime: '24h', alertname: 'DubbingJobProcessingSlow', expect: [] },
        {
          evalTime: '26h',
          alertname: 'DubbingJobProcessingSlow',
          expect: [
            firing(
              'DubbingJobProcessingSlow',
              { severity: 'warning', stage: 'stt' },
              'Mean stt processing time on dubbing over the last 30m is 40s, more than twice its 1d mean, for 15m.',
            ),
          ],
        },
      ], '5m'),
    );
    expectPass(promtoolTest('stage steady', '5m', [runs, steady], [{ evalTime: '26h', alertname: 'DubbingJobProcessingSlow', expect: [] }], '5m'));
  });

  test('the promtool tests can fail: a wrong expectation is reported', () => {
    const result = promtoolTest('wrong on purpose', '1m', traffic(1, 199), [
      {
        evalTime: '30m',
        alertname: 'DubbingHighErrorRate',
        expect: [firing('DubbingHighErrorRate', { severity: 'warning' }, '0.5% of HTTP requests to dubbing answered 5xx over the last 5m (threshold 1%) for 10m.')],
      },
    ]);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('FAILED');
  });
});

