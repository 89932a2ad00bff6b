import { Duration, packAlerts } from '../../lib';
import { AlertCheck, ExpectedAlert, InputSeries, inputSeries, runRuleTest } from '../../lib/testing';
import { apiReadyMs, authLoginFailure, httpRequests, imageProcessingBacklog, rateLimitDenied } from '../../rules/ik-engine/metrics';
import { stackFiles } from '../util/fixtures';
import { deployedPacks } from '../util/grafana';

const files = stackFiles();
const ruleFile = files.get('prometheus/rules/ik-engine.yml')!;
/** As deployed: its alerts linked to their dashboard panels. */
const pack = deployedPacks().find((p) => p.system.name === 'ik-engine')!;

/**
 * The alert promtool must see: the labels written out here (so a change in
 * routing labels fails the test), annotations with `description` expanded.
 */
function firing(alertname: string, description: string): ExpectedAlert {
  const alert = packAlerts(pack).find((a) => a.name === alertname)!;
  return {
    labels: { severity: 'warning', service: 'ik-engine', team: 'ik-engine', job: 'ik-engine' },
    annotations: { ...alert.annotations, description },
  };
}

const series = inputSeries;

/** Readiness latency observations all falling in the bucket ending at `le`, one per second. */
function readinessObservationsUpTo(le: number): InputSeries[] {
  const bounds = [...apiReadyMs.metric.buckets!, '+Inf'] as const;
  return bounds.map((b) =>
    series(apiReadyMs.bucket({ instance: 'ik:443', le: String(b) }), typeof b === 'number' && b < le ? '0x30' : '0+60x30'),
  );
}

/** Runs promtool test rules with the rendered ik-engine rule file; returns promtool's verdict. */
function promtoolTest(name: string, inputSeries: InputSeries[], alertChecks: AlertCheck[], evaluationInterval: Duration = '15s') {
  return runRuleTest({ path: 'rules/ik-engine.yml', content: ruleFile }, { name, interval: '1m', inputSeries, alertChecks }, evaluationInterval);
}

describe('ik-engine rule pack (spec 000)', () => {
  test('rendered rule file (what a reviewer reads)', () => {
    expect(ruleFile).toMatchSnapshot();
  });

  test('every alert has severity, summary, description and runbook_url', () => {
    const alerts = packAlerts(pack);
    expect(alerts.map((a) => `${a.labels.severity} ${a.name}`)).toEqual([
      'warning IkEngineDown',
      'warning IkEnginePostgresExporterDown',
      'warning APIReadyHighLatency95p',
      'warning IkEngineHighLatency',
      'warning IkEngineHigh5xx',
      'warning IkEngineImageBacklog',
      'warning IkEngineImageBacklogStale',
      'warning IkEngineImageWorkerErrors',
      'warning IkEngineLowTraffic',
      'warning IkEngineRateLimitDenialsSpike',
      'warning IkEngineAuthFailureSpike',
      'warning IkEngineDatabaseConnectionsHigh',
      'critical IkEngineReadinessFailing',
      'warning IkEngineReadinessSlow',
      'warning IkEngineReadinessCertificateExpiring',
      'critical IkEngineReadinessCertificateExpiringCritical',
      'warning IkEngineReadinessNotProbed',
      'critical IkEngineAvailabilityErrorBudgetBurn',
      'warning IkEngineAvailabilityErrorBudgetBurnSlow',
      'critical IkEngineAuthLatencyErrorBudgetBurn',
      'warning IkEngineAuthLatencyErrorBudgetBurnSlow',
      'critical IkEngineVariantLatencyErrorBudgetBurn',
      'warning IkEngineVariantLatencyErrorBudgetBurnSlow',
    ]);
    for (const a of alerts) {
      expect(Object.keys(a.annotations)).toEqual(expect.arrayContaining(['summary', 'description', 'runbook_url']));
      expect(a.labels.severity).toMatch(/^(critical|warning|info)$/);
      expect(a.annotations.runbook_url).toMatch(/\/ik-engine\.md#[a-z0-9]+$/);
    }
  });

  test('p95 readiness at ~975 ms fires APIReadyHighLatency95p (> 750) but not IkEngineHighLatency (> 1000)', () => {
    // All observations in (500, 1000]: histogram_quantile interpolates p95 to 975 ms.
    const result = promtoolTest('p95 between the two thresholds', readinessObservationsUpTo(1000), [
      { evalTime: '2m', alertname: 'APIReadyHighLatency95p', expect: [] },
      {
        evalTime: '5m',
        alertname: 'APIReadyHighLatency95p',
        expect: [firing('APIReadyHighLatency95p', 'p95 latency of /api/ready on ik-engine is 975 ms (threshold 750 ms) for 2m.')],
      },
      { evalTime: '20m', alertname: 'IkEngineHighLatency', expect: [] },
    ]);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  test('p95 readiness at ~1950 ms fires IkEngineHighLatency after 10m, not before', () => {
    const result = promtoolTest('p95 above 1 s', readinessObservationsUpTo(2000), [
      { evalTime: '9m', alertname: 'IkEngineHighLatency', expect: [] },
      { evalTime: '15m', alertname: 'IkEngineHighLatency', expect: [firing('IkEngineHighLatency', 'p95 latency of /api/ready on ik-engine is 1950 ms, above 1 s for 10m.')] },
    ]);
    expect(result.status).toBe(0);
  });

  test('p95 readiness at ~487 ms fires nothing', () => {
    const result = promtoolTest('p95 fine', readinessObservationsUpTo(500), [
      { evalTime: '20m', alertname: 'APIReadyHighLatency95p', expect: [] },
      { evalTime: '20m', alertname: 'IkEngineHighLatency', expect: [] },
    ]);
    expect(result.status).toBe(0);
  });

  test('10% 5xx fires IkEngineHigh5xx after 10m; 3% does not', () => {
    const failing = [series(httpRequests.where({ instance: 'ik:443', status: '500' }), '0+6x30'), series(httpRequests.where({ instance: 'ik:443', status: '200' }), '0+54x30')];
    const healthy = [series(httpRequests.where({ instance: 'ik:443', status: '500' }), '0+2x30'), series(httpRequests.where({ instance: 'ik:443', status: '200' }), '0+58x30')];
    expect(
      promtoolTest('10% errors', failing, [
        { evalTime: '8m', alertname: 'IkEngineHigh5xx', expect: [] },
        { evalTime: '15m', alertname: 'IkEngineHigh5xx', expect: [firing('IkEngineHigh5xx', '10% of requests to ik-engine fail with 5xx (threshold 5%) for 10m.')] },
      ]).status,
    ).toBe(0);
    expect(promtoolTest('3% errors', healthy, [{ evalTime: '25m', alertname: 'IkEngineHigh5xx', expect: [] }]).status).toBe(0);
  });

  test('another system with the same metric name does not fire ik-engine alerts', () => {
    const otherJob = { series: 'http_requests_total{job="canvascast",instance="cc:80",status="500"}', values: '0+60x30' };
    const result = promtoolTest('errors elsewhere', [otherJob, series(httpRequests.where({ instance: 'ik:443', status: '200' }), '0+60x30')], [
      { evalTime: '25m', alertname: 'IkEngineHigh5xx', expect: [] },
    ]);
    expect(result.status).toBe(0);
  });

  test('backlog of 51 fires IkEngineImageBacklog after 15m, once per job; 50 never does', () => {
    const backlog = (value: number) => ['ik-a:443', 'ik-b:443'].map((instance) => series(imageProcessingBacklog.where({ instance }), `${value}x30`));
    expect(
      promtoolTest('backlog above', backlog(51), [
        { evalTime: '14m', alertname: 'IkEngineImageBacklog', expect: [] },
        {
          evalTime: '16m',
          alertname: 'IkEngineImageBacklog',
          expect: [firing('IkEngineImageBacklog', '51 image jobs queued or processing on ik-engine (threshold 50) for more than 15m.')],
        },
      ]).status,
    ).toBe(0);
    expect(promtoolTest('backlog at threshold', backlog(50), [{ evalTime: '25m', alertname: 'IkEngineImageBacklog', expect: [] }]).status).toBe(0);
  });

  // The spike alerts compare a short window with the day before it, which the
  // generated tests (steady linear input) cannot drive: one day of baseline, then a burst.
  describe('spikes against the previous day', () => {
    /** A day of input: evaluating every 5m instead of 15s keeps promtool to seconds. */
    const DAY_LONG: Duration = '5m';

    test('rate-limit denials 10x their baseline for 25m fire IkEngineRateLimitDenialsSpike; a steady rate does not', () => {
      const denied = (values: string) => series(rateLimitDenied.where({ instance: 'ik:443', backend: 'redis' }), values);
      const burst = promtoolTest('denials burst', [denied('0+3x1440 4350+30x30')], [
        { evalTime: '24h', alertname: 'IkEngineRateLimitDenialsSpike', expect: [] },
        {
          evalTime: '1465m',
          alertname: 'IkEngineRateLimitDenialsSpike',
          // 0.5/s over the last 15m against 4590 denials in the day before it: 9.412x.
          expect: [firing('IkEngineRateLimitDenialsSpike', "Rate-limit denials on ik-engine run at 9.412 times the previous day's rate (threshold 3x over 15m); check for abusive clients.")],
        },
      ], DAY_LONG);
      expect(burst.output).toContain('SUCCESS');
      expect(promtoolTest('steady denials', [denied('0+3x1470')], [{ evalTime: '1465m', alertname: 'IkEngineRateLimitDenialsSpike', expect: [] }], DAY_LONG).status).toBe(0);
    });

    test('a 10x burst below the volume floor (0.1 denials/s) stays quiet', () => {
      const denied = series(rateLimitDenied.where({ instance: 'ik:443', backend: 'memory' }), '0+0.3x1440 432+3x30');
      expect(promtoolTest('small burst', [denied], [{ evalTime: '1465m', alertname: 'IkEngineRateLimitDenialsSpike', expect: [] }], DAY_LONG).status).toBe(0);
    });

    test('login failures 20x their baseline fire IkEngineAuthFailureSpike', () => {
      const failures = (values: string) => series(authLoginFailure.where({ instance: 'ik:443' }), values);
      const burst = promtoolTest('credential stuffing', [failures('0+3x1440 4380+60x30')], [
        { evalTime: '24h', alertname: 'IkEngineAuthFailureSpike', expect: [] },
        {
          evalTime: '1460m',
          alertname: 'IkEngineAuthFailureSpike',
          // 1/s over the last 10m against 4890 failures in the day before it: 17.67x.
          expect: [firing('IkEngineAuthFailureSpike', "Login failures on ik-engine run at 17.67 times the previous day's rate (threshold 10x over 10m): possible credential stuffing.")],
        },
      ], DAY_LONG);
      expect(burst.output).toContain('SUCCESS');
      expect(promtoolTest('steady failures', [failures('0+3x1470')], [{ evalTime: '1460m', alertname: 'IkEngineAuthFailureSpike', expect: [] }], DAY_LONG).status).toBe(0);
    });
  });

  // IkEngineLowTraffic compares the last 30m with the same 30m a week earlier:
  // the generated tests (steady linear input) cannot drive it.
  describe('traffic against the same window a week earlier', () => {
    /** Samples every 5m and evaluations every 15m (the alert's `for`) over a week and an hour keep promtool to seconds. */
    const STEP: Duration = '5m';
    const EVALUATION: Duration = '15m';
    const WEEK = 2016;
    const DAY = 288;
    /**
     * Request counts in promtool notation: `perStep` requests every 5m over each
     * [from, to] range of steps, and no samples between ranges. The alert reads two
     * 30m windows a week apart; the days between them only cost promtool time.
     */
    function spans(...ranges: [from: number, to: number, perStep: number][]): string {
      const parts: string[] = [];
      let next = 0;
      let total = 0;
      for (const [from, to, perStep] of ranges) {
        if (from > next) parts.push(`_x${from - next}`);
        if (from > 0) total += perStep;
        parts.push(`${total}+${perStep}x${to - from}`);
        total += perStep * (to - from);
        next = to + 1;
      }
      return parts.join(' ');
    }
    const requests = (values: string) => [series(httpRequests.where({ instance: 'ik:443', status: '200' }), values)];
    const lowTrafficTest = (name: string, input: InputSeries[], alertChecks: AlertCheck[]) =>
      runRuleTest({ path: 'rules/ik-engine.yml', content: ruleFile }, { name, interval: STEP, inputSeries: input, alertChecks }, EVALUATION);

    test('4 req/s falling to 0.4 req/s fires IkEngineLowTraffic once the drop fills the window and holds 15m', () => {
      // A week ago and the last 30m: 4 req/s (1200 per 5m); from 7d: 0.4 req/s.
      const drop = spans([0, 12, 1200], [WEEK - 6, WEEK, 1200], [WEEK + 1, WEEK + 12, 120]);
      const result = lowTrafficTest('traffic drop', requests(drop), [
        { evalTime: '7d', alertname: 'IkEngineLowTraffic', expect: [] },
        // Below a quarter from about 7d+25m, as the drop fills the 30m window: pending at 7d+30m, firing 15m later.
        { evalTime: '10110m', alertname: 'IkEngineLowTraffic', expect: [] },
        {
          evalTime: '10140m',
          alertname: 'IkEngineLowTraffic',
          expect: [firing('IkEngineLowTraffic', 'Requests to ik-engine over the last 30m run at 10% of the same 30m a week ago (threshold 25%) for 15m.')],
        },
      ]);
      expect(result.output).toContain('SUCCESS');
      expect(result.status).toBe(0);
    });

    test('a dip that also happened at that time last week stays quiet, though the day before was busy', () => {
      const weeklyDip = spans([0, 12, 240], [6 * DAY, 6 * DAY + 12, 1200], [WEEK - 6, WEEK + 12, 240]);
      expect(lowTrafficTest('weekly pattern', requests(weeklyDip), [{ evalTime: '10140m', alertname: 'IkEngineLowTraffic', expect: [] }]).status).toBe(0);
    });

    test('a drop from a baseline under 0.5 req/s stays quiet', () => {
      const quiet = spans([0, 12, 120], [WEEK - 6, WEEK, 120], [WEEK + 1, WEEK + 12, 12]);
      expect(lowTrafficTest('quiet service', requests(quiet), [{ evalTime: '10140m', alertname: 'IkEngineLowTraffic', expect: [] }]).status).toBe(0);
    });
  });

  test('the promtool tests can fail: a wrong expectation is reported', () => {
    const result = promtoolTest('wrong on purpose', readinessObservationsUpTo(500), [
      { evalTime: '20m', alertname: 'APIReadyHighLatency95p', expect: [firing('APIReadyHighLatency95p', 'p95 latency of /api/ready on ik-engine is 487 ms (threshold 750 ms) for 2m.')] },
    ]);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('FAILED');
    expect(result.output).toContain('alertname: APIReadyHighLatency95p, time: 20m');
  });
});

