import { laidOutPanels, panelQueries } from '../../lib';
import { canvascastDashboards } from '../../dashboards/canvascast';
import { highErrorRate, highJobFailureRate, queueBacklog, slowResponses, workerMetricsAbsent } from '../../rules/canvascast/alerts';
import { http5xxRatio, httpDurationP95, jobFailureRatio, queueDepth } from '../../rules/canvascast/recording';
import { local } from '../../stacks/environments';
import { declaredPanel, jsonPanel, panelExprs, panelSteps, thresholdOf } from '../util/grafana';

const OVERVIEW = 'canvascast-overview';
const PIPELINE = 'canvascast-pipeline';
const BUSINESS = 'canvascast-business';
const UIDS = [OVERVIEW, PIPELINE, BUSINESS];

/** The rendered panel's kind, unit, range and PromQL. */
function shape(uid: string, title: string) {
  const p = jsonPanel(uid, title);
  const d = p.fieldConfig.defaults;
  return { type: p.type, unit: d.unit, min: d.min, max: d.max, exprs: panelExprs(p) };
}

const sel = (metric: string, job: string, matchers = '') => `${metric}{job="${job}",${matchers ? `${matchers},` : ''}instance=~"$instance"}[$__rate_interval]`;

describe('canvascast dashboards (spec 001 §10)', () => {
  test('overview first, then pipeline and business; tagged, sourced, one title per panel', () => {
    expect(canvascastDashboards.map((d) => d.uid)).toEqual(UIDS);
    for (const d of canvascastDashboards) {
      expect(d.tags).toEqual(['canvascast']);
      expect(d.source).toBe(`dashboards/canvascast/${d.uid.replace('canvascast-', '')}.ts`);
      expect(d.uid.length).toBeLessThanOrEqual(40);
      const titles = laidOutPanels(d).map((p) => p.panel.title);
      expect(new Set(titles).size).toBe(titles.length);
    }
    expect(canvascastDashboards.map((d) => d.title)).toEqual(['CanvasCast: System Overview', 'CanvasCast: Pipeline Performance', 'CanvasCast: Business Metrics']);
  });

  test('the spec panels sit on their dashboards with the fitting kind and unit', () => {
    const expected: [string, string, string, string][] = [
      [OVERVIEW, 'Request Rate', 'timeseries', 'reqps'],
      [OVERVIEW, 'Request latency p50 / p95 / p99', 'timeseries', 's'],
      [OVERVIEW, 'Error Rate', 'stat', 'percentunit'],
      [OVERVIEW, 'Job Queue Depth', 'gauge', 'short'],
      [PIPELINE, 'Job completion rate', 'timeseries', 'opm'],
      [PIPELINE, 'Step duration p95 by step', 'timeseries', 's'],
      [PIPELINE, 'Failure distribution by niche', 'bargauge', 'percentunit'],
      [BUSINESS, 'Signups by method', 'timeseries', 'short'],
      [BUSINESS, 'Revenue by type', 'timeseries', 'currencyUSD'],
      [BUSINESS, 'Credit usage', 'timeseries', 'short'],
    ];
    for (const [uid, title, type, unit] of expected) expect([uid, title, shape(uid, title).type, shape(uid, title).unit]).toEqual([uid, title, type, unit]);
  });

  test('Request Rate is a rate by status over $__rate_interval, scoped to the API job (not the spec\'s per-series rate)', () => {
    expect(shape(OVERVIEW, 'Request Rate')).toMatchObject({ min: 0, exprs: [`sum by (status) (rate(${sel('http_requests_total', 'canvascast-api')}))`] });
  });

  test('Error Rate is the recorded 5xx share per job, a ratio of summed rates (not of per-series rates or raw counters), 0..1', () => {
    expect(shape(OVERVIEW, 'Error Rate')).toEqual({ type: 'stat', unit: 'percentunit', min: 0, max: 1, exprs: [http5xxRatio.series.promql] });
    expect(http5xxRatio.expr.promql).toBe(
      'sum by (job) (rate(http_requests_total{job="canvascast-api",status=~"5.."}[5m])) / sum by (job) (rate(http_requests_total{job="canvascast-api"}[5m]))',
    );
  });

  test('latency quantiles come from bucket rates summed by le, never from raw buckets', () => {
    const bucket = `sum by (job, le) (rate(${sel('http_request_duration_seconds_bucket', 'canvascast-api')}))`;
    expect(shape(OVERVIEW, 'Request latency p50 / p95 / p99').exprs).toEqual([0.5, 0.95, 0.99].map((q) => `histogram_quantile(${q}, ${bucket})`));
    expect(shape(OVERVIEW, 'Request latency distribution')).toMatchObject({ type: 'heatmap', exprs: [`sum by (le) (rate(${sel('http_request_duration_seconds_bucket', 'canvascast-api')}))`] });
    expect(shape(PIPELINE, 'Step duration p95 by step').exprs).toEqual(['histogram_quantile(0.95, job_step_le:pipeline_step_duration_seconds_bucket:rate5m{job="canvascast-worker"})']);
  });

  test('Job Queue Depth reads the recorded max per worker job (one queue, not one per instance)', () => {
    expect(shape(OVERVIEW, 'Job Queue Depth')).toEqual({ type: 'gauge', unit: 'short', min: 0, max: 2 * thresholdOf(queueBacklog), exprs: [queueDepth.series.promql] });
    expect(queueDepth.expr.promql).toBe('max by (job) (job_queue_depth{job="canvascast-worker"})');
  });

  test('failure distribution is the failed share per niche (a ratio of rates), completion counts finished jobs per minute', () => {
    const count = (m = '') => `rate(${sel('job_duration_seconds_count', 'canvascast-worker', m)})`;
    expect(shape(PIPELINE, 'Failure distribution by niche')).toEqual({
      type: 'bargauge',
      unit: 'percentunit',
      min: 0,
      max: 1,
      exprs: [`sum by (niche) (${count('status="FAILED"')}) / sum by (niche) (${count()})`],
    });
    expect(shape(PIPELINE, 'Job completion rate').exprs).toEqual([`sum by (status) (${count()}) * 60`]);
    expect(shape(PIPELINE, 'Job failure rate (1h)').exprs).toEqual([jobFailureRatio.series.promql]);
  });

  test('business panels are rates of the counters (per hour), the revenue share a ratio of rates', () => {
    expect(shape(BUSINESS, 'Revenue by type').exprs).toEqual([`sum by (type) (rate(${sel('revenue_usd_total', 'canvascast-api')})) * 3600`]);
    expect(shape(BUSINESS, 'Subscription share of revenue')).toEqual({
      type: 'gauge',
      unit: 'percentunit',
      min: 0,
      max: 1,
      exprs: [`sum by (job) (rate(${sel('revenue_usd_total', 'canvascast-api', 'type="subscription"')})) / sum by (job) (rate(${sel('revenue_usd_total', 'canvascast-api')}))`],
    });
  });

  test('alert panels carry the alerts\' thresholds, and an override moves them', () => {
    expect(panelSteps(jsonPanel(OVERVIEW, 'Error rate (5m)'))).toEqual([
      { value: null, color: 'green' },
      { value: thresholdOf(highErrorRate), color: 'red' },
    ]);
    expect(panelSteps(jsonPanel(OVERVIEW, 'Request latency p95 (5m)'))).toEqual([
      { value: null, color: 'green' },
      { value: thresholdOf(slowResponses), color: 'orange' },
    ]);
    expect(panelSteps(jsonPanel(PIPELINE, 'Job failure rate (1h)'))).toEqual([
      { value: null, color: 'green' },
      { value: thresholdOf(highJobFailureRate), color: 'red' },
    ]);
    const env = { ...local, alertOverrides: { [highErrorRate.name]: { threshold: 0.25 }, [queueBacklog.name]: { threshold: 500 } } };
    expect(panelSteps(jsonPanel(OVERVIEW, 'Error rate (5m)', env))).toEqual([
      { value: null, color: 'green' },
      { value: 0.25, color: 'red' },
    ]);
    expect(panelSteps(jsonPanel(OVERVIEW, 'Queue depth', env))).toEqual([
      { value: null, color: 'green' },
      { value: 500, color: 'orange' },
    ]);
    expect(shape(OVERVIEW, 'Error rate (5m)').exprs).toEqual([http5xxRatio.series.promql]);
    expect(shape(OVERVIEW, 'Request latency p95 (5m)').exprs).toEqual([httpDurationP95.series.promql]);
  });

  test('the metrics-absent panel plots the series absent() watches', () => {
    const { panel } = declaredPanel(OVERVIEW, 'Queue depth per worker instance');
    expect(panel.alerts).toEqual([workerMetricsAbsent]);
    expect(panelQueries(panel).map((q) => q.expr.promql)).toEqual(['job_queue_depth{job="canvascast-worker"}']);
  });
});
