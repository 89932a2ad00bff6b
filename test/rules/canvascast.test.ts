import * as fs from 'fs';
import * as path from 'path';
import { PrometheusConfig, packAlerts, prometheusProblems, renderRuleFile } from '../../lib';
import { AlertCheck, ExpectedAlert, InputSeries, inputSeries, promtool, runRuleTest, writeTempFiles } from '../../lib/testing';
import { canvascastRules, canvascastScrapeJobs, canvascastSystems } from '../../rules/canvascast';
import { httpRequestDuration, httpRequests, jobDuration, jobQueueDepth } from '../../rules/canvascast/metrics';
import { local } from '../../stacks/environments';

const pack = canvascastRules(local.rulePackConfig);
const ruleFile = renderRuleFile(pack);
const ALERTS = [
  'CanvascastHighErrorRate',
  'CanvascastQueueBacklog',
  'CanvascastHighJobFailureRate',
  'CanvascastSlowResponses',
  'CanvascastApiDown',
  'CanvascastWorkerDown',
  'CanvascastWorkerMetricsAbsent',
];

/**
 * The alert promtool must see: the labels written out here (so a change in
 * routing labels fails the test), annotations with `description` expanded.
 */
function firing(alertname: string, labels: Record<string, string>, description: string): ExpectedAlert {
  const alert = packAlerts(pack).find((a) => a.name === alertname)!;
  return {
    // Routing labels (family, impact) as the rule declares them; test/alertmanager checks where they lead.
    labels: { ...Object.fromEntries(Object.entries(alert.labels).filter(([k]) => ['family', 'impact', 'component'].includes(k))), severity: alert.labels.severity, service: 'canvascast', team: 'canvascast', ...labels },
    annotations: { ...alert.annotations, description },
  };
}

const series = inputSeries;

/** API latency observations all falling in the bucket ending at `le` seconds, one per second. */
function latencyObservationsUpTo(le: number): InputSeries[] {
  const bounds = [...httpRequestDuration.metric.buckets!, '+Inf'] as const;
  return bounds.map((b) =>
    series(
      httpRequestDuration.bucket({ instance: 'api:8080', route: '/api/jobs', le: String(b) }),
      typeof b === 'number' && b < le ? '0x30' : '0+60x30',
    ),
  );
}

/** API traffic: `errors` and `ok` requests per minute. */
function traffic(errorsPerMinute: number, okPerMinute: number): InputSeries[] {
  return [
    series(httpRequests.where({ instance: 'api:8080', route: '/api/jobs', status: '500' }), `0+${errorsPerMinute}x30`),
    series(httpRequests.where({ instance: 'api:8080', route: '/api/jobs', status: '200' }), `0+${okPerMinute}x30`),
  ];
}

/** Runs promtool test rules with the rendered canvascast rule file; returns promtool's verdict. */
function promtoolTest(name: string, inputSeries: InputSeries[], alertChecks: AlertCheck[]) {
  return runRuleTest({ path: 'rules/canvascast.yml', content: ruleFile }, { name, interval: '1m', inputSeries, alertChecks });
}

describe('canvascast rule pack (spec 001)', () => {
  test('rendered rule file (what a reviewer reads)', () => {
    expect(ruleFile).toMatchSnapshot();
  });

  test('the pack and its scrape jobs pass the synth checks', () => {
    const config: PrometheusConfig = { global: { scrapeInterval: '15s', evaluationInterval: '15s' }, scrapeConfigs: canvascastScrapeJobs() };
    expect(prometheusProblems(config, [pack])).toEqual([]);
    expect(canvascastScrapeJobs().map((j) => j.jobName)).toEqual(canvascastSystems.map((s) => s.selector.job));
  });

  test('promtool check rules accepts the rendered file', () => {
    const result = promtool(['check', 'rules', 'canvascast.yml'], writeTempFiles(new Map([['canvascast.yml', ruleFile]])));
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  test('every alert has severity, summary, description and a runbook_url in canvascast.md', () => {
    const alerts = packAlerts(pack);
    expect(alerts.map((a) => a.name)).toEqual(ALERTS);
    for (const a of alerts) {
      expect(Object.keys(a.annotations)).toEqual(expect.arrayContaining(['summary', 'description', 'runbook_url']));
      expect(a.labels.severity).toMatch(/^(critical|warning|info)$/);
      expect(a.labels.service).toBe('canvascast');
      expect(a.annotations.runbook_url).toMatch(/\/canvascast\.md#[a-z0-9]+$/);
    }
  });

  test('15% 5xx fires CanvascastHighErrorRate after 5m; 5% does not', () => {
    const failing = promtoolTest('15% errors', traffic(9, 51), [
      { evalTime: '4m', alertname: 'CanvascastHighErrorRate', expect: [] },
      {
        evalTime: '10m',
        alertname: 'CanvascastHighErrorRate',
        expect: [firing('CanvascastHighErrorRate', { job: 'canvascast-api' }, '15% of requests to canvascast-api fail with 5xx (threshold 10%) for 5m.')],
      },
    ]);
    expect(failing.output).toContain('SUCCESS');
    expect(failing.status).toBe(0);
    expect(promtoolTest('5% errors', traffic(3, 57), [{ evalTime: '25m', alertname: 'CanvascastHighErrorRate', expect: [] }]).status).toBe(0);
  });

  test('queue depth 101 on two workers fires CanvascastQueueBacklog once after 10m; 100 never does', () => {
    const depth = (value: number) => ['worker-a:8080', 'worker-b:8080'].map((instance) => series(jobQueueDepth.where({ instance }), `${value}x30`));
    const above = promtoolTest('backlog above', depth(101), [
      { evalTime: '9m', alertname: 'CanvascastQueueBacklog', expect: [] },
      {
        evalTime: '11m',
        alertname: 'CanvascastQueueBacklog',
        expect: [
          firing('CanvascastQueueBacklog', { job: 'canvascast-worker' }, '101 jobs waiting in the queue of canvascast-worker (threshold 100) for more than 10m.'),
        ],
      },
    ]);
    expect(above.output).toContain('SUCCESS');
    expect(above.status).toBe(0);
    expect(promtoolTest('backlog at threshold', depth(100), [{ evalTime: '25m', alertname: 'CanvascastQueueBacklog', expect: [] }]).status).toBe(0);
  });

  test('p95 at ~9.75 s fires CanvascastSlowResponses after 5m; p95 at ~4.85 s does not', () => {
    // All observations in (5, 10]: histogram_quantile interpolates p95 to 9.75 s.
    const slow = promtoolTest('p95 above 5 s', latencyObservationsUpTo(10), [
      { evalTime: '4m', alertname: 'CanvascastSlowResponses', expect: [] },
      {
        evalTime: '10m',
        alertname: 'CanvascastSlowResponses',
        expect: [firing('CanvascastSlowResponses', { job: 'canvascast-api' }, 'p95 latency of canvascast-api is 9.75s (threshold 5s) for 5m.')],
      },
    ]);
    expect(slow.output).toContain('SUCCESS');
    expect(slow.status).toBe(0);
    // All observations in (2, 5]: p95 is 4.85 s.
    expect(promtoolTest('p95 below 5 s', latencyObservationsUpTo(5), [{ evalTime: '25m', alertname: 'CanvascastSlowResponses', expect: [] }]).status).toBe(0);
  });

  test('20% failed jobs fires CanvascastHighJobFailureRate after 15m; 5% does not', () => {
    const jobs = (failedPerMinute: number, completedPerMinute: number) => [
      series(jobDuration.count({ instance: 'worker-a:8080', niche: 'history', status: 'FAILED' }), `0+${failedPerMinute}x40`),
      series(jobDuration.count({ instance: 'worker-a:8080', niche: 'history', status: 'COMPLETED' }), `0+${completedPerMinute}x40`),
    ];
    const failing = promtoolTest('20% failures', jobs(2, 8), [
      { evalTime: '14m', alertname: 'CanvascastHighJobFailureRate', expect: [] },
      {
        evalTime: '20m',
        alertname: 'CanvascastHighJobFailureRate',
        expect: [
          firing(
            'CanvascastHighJobFailureRate',
            { job: 'canvascast-worker' },
            '20% of the jobs finished by canvascast-worker in the last hour failed (threshold 10%) for 15m.',
          ),
        ],
      },
    ]);
    expect(failing.output).toContain('SUCCESS');
    expect(failing.status).toBe(0);
    expect(promtoolTest('5% failures', jobs(1, 19), [{ evalTime: '40m', alertname: 'CanvascastHighJobFailureRate', expect: [] }]).status).toBe(0);
  });

  test('a failed worker scrape fires CanvascastWorkerDown after 2m, for that instance only', () => {
    const workers = [
      series(canvascastSystems[1].up.where({ instance: 'worker-a:8080' }), '0x10'),
      series(canvascastSystems[1].up.where({ instance: 'worker-b:8080' }), '1x10'),
      series(canvascastSystems[0].up.where({ instance: 'api:8080' }), '1x10'),
    ];
    const result = promtoolTest('worker down', workers, [
      { evalTime: '1m', alertname: 'CanvascastWorkerDown', expect: [] },
      {
        evalTime: '3m',
        alertname: 'CanvascastWorkerDown',
        expect: [firing('CanvascastWorkerDown', { job: 'canvascast-worker', instance: 'worker-a:8080' }, 'worker-a:8080 of job canvascast-worker has answered no scrape for 2m.')],
      },
      { evalTime: '3m', alertname: 'CanvascastApiDown', expect: [] },
    ]);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  test('a failed API scrape fires CanvascastApiDown after 2m; missing worker metrics fire CanvascastWorkerMetricsAbsent after 5m', () => {
    const result = promtoolTest('processes down', [series(canvascastSystems[0].up.where({ instance: 'api:8080' }), '0x10')], [
      { evalTime: '1m', alertname: 'CanvascastApiDown', expect: [] },
      {
        evalTime: '3m',
        alertname: 'CanvascastApiDown',
        expect: [firing('CanvascastApiDown', { job: 'canvascast-api', instance: 'api:8080' }, 'api:8080 of job canvascast-api has answered no scrape for 2m.')],
      },
      { evalTime: '4m', alertname: 'CanvascastWorkerMetricsAbsent', expect: [] },
      {
        evalTime: '6m',
        alertname: 'CanvascastWorkerMetricsAbsent',
        expect: [
          firing(
            'CanvascastWorkerMetricsAbsent',
            { job: 'canvascast-worker' },
            'No job_queue_depth series from canvascast-worker for 5m: no worker answers its scrape, or it stopped exporting its metrics.',
          ),
        ],
      },
    ]);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  test('another system with the same metric names does not fire canvascast alerts', () => {
    const otherSystems: InputSeries[] = [
      { series: 'http_requests_total{job="internet-id-api",instance="iid:8080",status_code="500"}', values: '0+60x30' },
      { series: 'http_requests_total{job="other-api",instance="o:8080",status="500"}', values: '0+60x30' },
      { series: 'http_request_duration_seconds_bucket{job="other-api",instance="o:8080",le="10"}', values: '0+60x30' },
      { series: 'http_request_duration_seconds_bucket{job="other-api",instance="o:8080",le="+Inf"}', values: '0+60x30' },
      { series: 'job_queue_depth{job="other-worker",instance="ow:8080"}', values: '500x30' },
      { series: 'job_duration_seconds_count{job="other-worker",instance="ow:8080",status="FAILED"}', values: '0+10x30' },
      { series: 'up{job="other-api",instance="o:8080"}', values: '0x30' },
    ];
    const healthyCanvascast: InputSeries[] = [
      ...traffic(0, 60),
      ...latencyObservationsUpTo(0.5),
      series(jobQueueDepth.where({ instance: 'worker-a:8080' }), '3x30'),
      series(jobDuration.count({ instance: 'worker-a:8080', niche: 'history', status: 'COMPLETED' }), '0+5x30'),
      ...canvascastSystems.map((s) => series(s.up.where({ instance: `${s.name}:8080` }), '1x30')),
    ];
    const result = promtoolTest(
      'errors elsewhere',
      [...otherSystems, ...healthyCanvascast],
      ALERTS.map((alertname) => ({ evalTime: '25m', alertname, expect: [] })),
    );
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  test('the promtool tests can fail: a wrong expectation is reported', () => {
    const result = promtoolTest('wrong on purpose', traffic(3, 57), [
      {
        evalTime: '20m',
        alertname: 'CanvascastHighErrorRate',
        expect: [firing('CanvascastHighErrorRate', { job: 'canvascast-api' }, '5% of requests to canvascast-api fail with 5xx (threshold 10%) for 5m.')],
      },
    ]);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('FAILED');
  });
});

test('every spec alert appears in docs/spec-coverage/canvascast.md', () => {
  const coverage = fs.readFileSync(path.resolve(__dirname, '../../docs/spec-coverage/canvascast.md'), 'utf8');
  for (const name of ['HighErrorRate', 'QueueBacklog', 'HighJobFailureRate', 'SlowResponses', ...ALERTS]) {
    expect(coverage).toContain(`\`${name}\``);
  }
});
