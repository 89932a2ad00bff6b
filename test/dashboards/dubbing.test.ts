import { laidOutPanels, panelQueries } from '../../lib';
import { dubbingDashboards } from '../../dashboards/dubbing';
import {
  apiHighLatency,
  databaseDown,
  jobFailureRateCritical,
  jobFailureRateHigh,
  jobProcessingSlow,
  modelInferenceSlow,
  postgresExporterAbsent,
  queueDepthHigh,
} from '../../rules/dubbing/alerts';
import { httpDurationBucketRate, httpDurationP95, inferenceDurationBucketRate, inferenceDurationP95, jobFailureRatio, queueDepthByStage } from '../../rules/dubbing/recording';
import { local } from '../../stacks/environments';
import { declaredPanel, jsonPanel, panelExprs, panelSteps, thresholdOf } from '../util/grafana';

const OVERVIEW = 'dubbing-overview';
const PLATFORM = 'dubbing-platform';
const JOBS = 'dubbing-jobs';
const MODELS = 'dubbing-models';
const ERRORS = 'dubbing-errors';
const UIDS = [OVERVIEW, PLATFORM, JOBS, MODELS, ERRORS];

/** The rendered panel's kind, unit, range and PromQL. */
function shape(uid: string, title: string) {
  const p = jsonPanel(uid, title);
  const d = p.fieldConfig.defaults;
  return { type: p.type, unit: d.unit, min: d.min, max: d.max, exprs: panelExprs(p) };
}

const httpRate = (matchers = '') => `rate(http_requests_total{job="dubbing",${matchers}instance=~"$instance"}[$__rate_interval])`;

describe('dubbing dashboards (spec 003)', () => {
  test('the system health overview comes first; every dashboard is tagged, sourced and has unique panel titles', () => {
    expect(dubbingDashboards.map((d) => d.uid)).toEqual(UIDS);
    for (const d of dubbingDashboards) {
      expect(d.tags).toEqual(['dubbing']);
      expect(d.source).toBe(`dashboards/dubbing/${d.uid === OVERVIEW ? 'overview' : d.uid.replace('dubbing-', '')}.ts`);
      expect(d.uid.length).toBeLessThanOrEqual(40);
      const titles = laidOutPanels(d).map((p) => p.panel.title);
      expect(new Set(titles).size).toBe(titles.length);
    }
  });

  test('each spec dashboard carries its spec panels with the fitting kind and unit', () => {
    const kinds = (uid: string, titles: string[]) => titles.map((t) => { const s = shape(uid, t); return `${s.type} ${s.unit} ${t}`; });
    // 1. System Health (storage service status has no metric).
    expect(kinds(OVERVIEW, ['API scrape targets up', 'Dubbing API: probe status', 'API availability (rolling)', 'Database connection status', 'Redis connection status', 'Active WebSocket connections'])).toEqual([
      'timeseries bool_yes_no API scrape targets up',
      'timeseries bool_yes_no Dubbing API: probe status',
      'timeseries percentunit API availability (rolling)',
      'timeseries bool_yes_no Database connection status',
      'timeseries bool_yes_no Redis connection status',
      'timeseries short Active WebSocket connections',
    ]);
    // 2. Job Processing (worker utilisation has no metric).
    expect(kinds(JOBS, ['Jobs processed per hour by stage', 'Average processing time by stage', 'Job failure rate by stage', 'Queue depth by stage'])).toEqual([
      'timeseries short Jobs processed per hour by stage',
      'timeseries s Average processing time by stage',
      'timeseries percentunit Job failure rate by stage',
      'timeseries short Queue depth by stage',
    ]);
    // 3. Model Performance (batch size efficiency has no metric).
    expect(kinds(MODELS, ['Inference latency by model (p50, p95, p99)', 'GPU utilisation (5m average)', 'GPU memory used', 'Requests per second by model', 'Error rate by model'])).toEqual([
      'timeseries s Inference latency by model (p50, p95, p99)',
      'timeseries percent GPU utilisation (5m average)',
      'timeseries bytes GPU memory used',
      'timeseries reqps Requests per second by model',
      'timeseries percentunit Error rate by model',
    ]);
    // 5. Error Rate (error resolution time is Sentry's).
    expect(kinds(ERRORS, ['Error rate by method', 'Error rate by stage', 'Error rate by model', 'Top error types (status and method)'])).toEqual([
      'timeseries percentunit Error rate by method',
      'timeseries percentunit Error rate by stage',
      'timeseries percentunit Error rate by model',
      'bargauge reqps Top error types (status and method)',
    ]);
    // Shares are 0..1, GPU utilisation 0..100 %.
    expect(shape(MODELS, 'GPU memory in use')).toMatchObject({ type: 'gauge', unit: 'percentunit', min: 0, max: 1 });
    expect(shape(MODELS, 'GPU utilisation now')).toMatchObject({ type: 'gauge', unit: 'percent', min: 0, max: 100 });
    expect(shape(PLATFORM, 'Database connections used')).toMatchObject({ type: 'gauge', unit: 'percentunit', min: 0, max: 1 });
  });

  test('error rates are ratios of rates over $__rate_interval, not of raw counters', () => {
    expect(shape(ERRORS, 'Error rate by method')).toEqual({
      type: 'timeseries',
      unit: 'percentunit',
      min: 0,
      max: 1,
      exprs: [`sum by (method) (${httpRate('status=~"5..",')}) / sum by (method) (${httpRate()})`],
    });
    expect(shape(ERRORS, 'Error rate by stage').exprs).toEqual([jobFailureRatio.series.promql]);
    expect(jobFailureRatio.expr.promql).toBe(
      'sum by (job, stage) (rate(jobs_processed_total{job="dubbing",status="failed"}[15m])) / sum by (job, stage) (rate(jobs_processed_total{job="dubbing"}[15m]))',
    );
  });

  test('average processing time is rate(_sum) / rate(_count) by stage; jobs per hour a rate times 3600', () => {
    const m = (s: string) => `rate(job_processing_duration_seconds_${s}{job="dubbing",instance=~"$instance"}[$__rate_interval])`;
    expect(shape(JOBS, 'Average processing time by stage').exprs).toEqual([`sum by (stage) (${m('sum')}) / sum by (stage) (${m('count')})`]);
    expect(shape(JOBS, 'Jobs processed per hour by stage').exprs).toEqual([
      '3600 * sum by (stage) (rate(jobs_processed_total{job="dubbing",instance=~"$instance"}[$__rate_interval]))',
    ]);
  });

  test('latency quantiles come from the recorded bucket rates, p95 being the alerts\' own recorded series', () => {
    expect(shape(PLATFORM, 'API response time p50 / p95 / p99').exprs).toEqual([
      `histogram_quantile(0.5, ${httpDurationBucketRate.series.promql})`,
      httpDurationP95.series.promql,
      `histogram_quantile(0.99, ${httpDurationBucketRate.series.promql})`,
    ]);
    expect(shape(MODELS, 'Inference latency by model (p50, p95, p99)').exprs).toEqual([
      `histogram_quantile(0.5, ${inferenceDurationBucketRate.series.promql})`,
      inferenceDurationP95.series.promql,
      `histogram_quantile(0.99, ${inferenceDurationBucketRate.series.promql})`,
    ]);
    expect(inferenceDurationBucketRate.expr.promql).toBe('sum by (job, model, le) (rate(model_inference_duration_seconds_bucket{job="dubbing"}[5m]))');
    // The heatmaps read bucket rates by le, over $__rate_interval.
    expect(shape(MODELS, 'Inference latency distribution')).toMatchObject({
      type: 'heatmap',
      exprs: ['sum by (le) (rate(model_inference_duration_seconds_bucket{job="dubbing",instance=~"$instance"}[$__rate_interval]))'],
    });
  });

  test('alert panels carry the alerts\' thresholds, and an override moves them', () => {
    expect(panelSteps(jsonPanel(JOBS, 'Job failure rate by stage'))).toEqual([
      { value: null, color: 'green' },
      { value: thresholdOf(jobFailureRateHigh), color: 'orange' },
      { value: thresholdOf(jobFailureRateCritical), color: 'red' },
    ]);
    expect(panelSteps(jsonPanel(JOBS, 'Queue depth by stage'))).toEqual([
      { value: null, color: 'green' },
      { value: thresholdOf(queueDepthHigh), color: 'orange' },
    ]);
    expect(panelSteps(jsonPanel(PLATFORM, 'API response time p50 / p95 / p99'))).toEqual([
      { value: null, color: 'green' },
      { value: thresholdOf(apiHighLatency), color: 'orange' },
    ]);
    const env = { ...local, alertOverrides: { [queueDepthHigh.name]: { threshold: 250 }, [jobFailureRateCritical.name]: { threshold: 0.2 }, [modelInferenceSlow.name]: { threshold: 30 } } };
    expect(panelSteps(jsonPanel(JOBS, 'Queue depth by stage', env))).toEqual([
      { value: null, color: 'green' },
      { value: 250, color: 'orange' },
    ]);
    expect(panelSteps(jsonPanel(JOBS, 'Job failure rate by stage', env))).toEqual([
      { value: null, color: 'green' },
      { value: thresholdOf(jobFailureRateHigh), color: 'orange' },
      { value: 0.2, color: 'red' },
    ]);
    expect(panelSteps(jsonPanel(MODELS, 'Inference latency by model (p50, p95, p99)', env))).toEqual([
      { value: null, color: 'green' },
      { value: 30, color: 'orange' },
    ]);
  });

  test('the database panel plots pg_up for both its alerts; the queue panel the recorded max per stage', () => {
    const { panel } = declaredPanel(OVERVIEW, 'Database connection status');
    expect(panel.alerts).toEqual([databaseDown, postgresExporterAbsent]);
    expect(panelQueries(panel).map((q) => q.expr.promql)).toEqual(['pg_up{job="dubbing-postgres"}']);
    expect(shape(JOBS, 'Queue depth by stage').exprs).toEqual([queueDepthByStage.series.promql]);
    // The "2x average" alert compares two series: the panel plots both sides and the condition itself.
    expect(panelQueries(declaredPanel(JOBS, 'Processing time against 2x the daily average').panel).map((q) => q.expr.promql)).toContain(jobProcessingSlow.expr.promql);
  });
});
