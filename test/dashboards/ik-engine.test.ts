import { alertSignals, laidOutPanels, panelQueries } from '../../lib';
import { ikEngineDashboards } from '../../dashboards/ik-engine';
import { apiReadyHighLatency95p, dbConnectionsHigh, high5xx, highLatency, imageBacklog } from '../../rules/ik-engine/alerts';
import { apiReadyP95, http5xxRatio } from '../../rules/ik-engine/recording';
import { availability, slos } from '../../rules/ik-engine/slo';
import { local } from '../../stacks/environments';
import { dashboardJson, declaredPanel, jsonPanel, panelExprs, panelSteps, thresholdOf } from '../util/grafana';

const UIDS = ['ik-engine-overview', 'ik-engine-media-pipeline', 'ik-engine-rate-limiting', 'ik-engine-auth', 'ik-engine-database', 'ik-engine-slos', 'ik-engine-dashboard'];

/** The rendered panel's kind, unit and PromQL. */
function shape(uid: string, title: string) {
  const p = jsonPanel(uid, title);
  return { type: p.type, unit: p.fieldConfig.defaults.unit, exprs: panelExprs(p) };
}

describe('ik-engine dashboards (spec 000)', () => {
  test('one dashboard per spec dashboard, the overview first, all tagged and sourced', () => {
    expect(ikEngineDashboards.map((d) => d.uid)).toEqual(UIDS);
    for (const d of ikEngineDashboards) {
      expect(d.tags).toEqual(['ik-engine']);
      expect(d.source).toMatch(/^dashboards\/ik-engine\/[a-z-]+\.ts$/);
      expect(d.uid.length).toBeLessThanOrEqual(40);
      // Panels are found (and tested) by title: one title per panel.
      const titles = laidOutPanels(d).map((p) => p.panel.title);
      expect(new Set(titles).size).toBe(titles.length);
    }
  });

  test('ik-dashboard has the five panels of the spec starter dashboard', () => {
    const d = dashboardJson('ik-engine-dashboard');
    expect(d.title).toBe('ik-dashboard');
    const panels = (d.panels ?? []).filter((p: any) => p.type !== 'row') as any[];
    expect(panels.map((p) => `${p.type} ${p.title}`)).toEqual([
      'stat Image processing backlog',
      'timeseries Readiness p95',
      'timeseries Readiness request rate',
      'timeseries Rate-limit denials',
      'timeseries Metrics scrapes',
    ]);
    // The readiness p95 is the recorded quantile of rated buckets, not a quantile of raw buckets.
    expect(shape('ik-engine-dashboard', 'Readiness p95')).toEqual({ type: 'timeseries', unit: 'ms', exprs: [apiReadyP95.series.promql] });
    expect(apiReadyP95.expr.promql).toBe('histogram_quantile(0.95, job_le:api_ready_ms_bucket:rate5m{job="ik-engine"})');
    expect(shape('ik-engine-dashboard', 'Readiness request rate').exprs).toEqual(['sum(rate(api_ready_ms_count{job="ik-engine",instance=~"$instance"}[$__rate_interval]))']);
    // The backlog stat: one number per job (every instance reports the same database count).
    expect(shape('ik-engine-dashboard', 'Image processing backlog')).toEqual({
      type: 'stat',
      unit: 'short',
      exprs: ['max by (job) (ik_image_processing_backlog{job="ik-engine",instance=~"$instance"})'],
    });
    expect(shape('ik-engine-dashboard', 'Rate-limit denials').exprs).toEqual(['increase(rate_limit_denied_total{job="ik-engine",instance=~"$instance"}[5m])']);
    expect(shape('ik-engine-dashboard', 'Metrics scrapes')).toEqual({ type: 'timeseries', unit: 'reqps', exprs: ['rate(metrics_exposed_total{job="ik-engine",instance=~"$instance"}[$__rate_interval])'] });
  });

  test.each([
    // API Health: request rate, p95 latency, error %.
    ['ik-engine-overview', 'Requests by status', 'timeseries', 'reqps'],
    ['ik-engine-overview', 'Readiness p95 latency', 'timeseries', 'ms'],
    ['ik-engine-overview', '5xx share of requests', 'timeseries', 'percentunit'],
    ['ik-engine-overview', 'Readiness latency distribution', 'heatmap', 'ms'],
    // Media Pipeline: backlog depth, variant latency p95, duplicate ratio.
    ['ik-engine-media-pipeline', 'Backlog depth', 'timeseries', 'short'],
    ['ik-engine-media-pipeline', 'Variant latency p95', 'timeseries', 'ms'],
    ['ik-engine-media-pipeline', 'Duplicate uploads', 'gauge', 'percentunit'],
    // Rate Limiting: 429 count.
    ['ik-engine-rate-limiting', '429 responses and denials', 'timeseries', 'reqps'],
    ['ik-engine-rate-limiting', 'Denials by backend', 'bargauge', 'ops'],
    // Auth: login successes/failures.
    ['ik-engine-auth', 'Login successes and failures', 'timeseries', 'ops'],
    ['ik-engine-auth', 'Login success share', 'gauge', 'percentunit'],
    // Database: connection utilisation.
    ['ik-engine-database', 'Connection utilisation now', 'gauge', 'percentunit'],
    ['ik-engine-database', 'Connections by state', 'timeseries', 'short'],
  ])('%s has "%s" as a %s in %s', (uid, title, type, unit) => {
    const s = shape(uid, title);
    expect([s.type, s.unit]).toEqual([type, unit]);
    expect(s.exprs.length).toBeGreaterThan(0);
  });

  test('shares are ratios of rates over $__rate_interval, drawn 0 to 1', () => {
    const successes = 'sum by (job) (rate(auth_login_success_total{job="ik-engine",instance=~"$instance"}[$__rate_interval]))';
    const failures = 'sum by (job) (rate(auth_login_failure_total{job="ik-engine",instance=~"$instance"}[$__rate_interval]))';
    expect(shape('ik-engine-auth', 'Login success share').exprs).toEqual([`${successes} / (${successes} + ${failures})`]);
    const started = 'sum by (job) (rate(media_process_started_total{job="ik-engine",instance=~"$instance"}[$__rate_interval]))';
    const duplicates = 'sum by (job) (rate(media_process_duplicate_total{job="ik-engine",instance=~"$instance"}[$__rate_interval]))';
    expect(shape('ik-engine-media-pipeline', 'Duplicate uploads').exprs).toEqual([`${duplicates} / (${started} + ${duplicates})`]);
    for (const [uid, title] of [
      ['ik-engine-auth', 'Login success share'],
      ['ik-engine-media-pipeline', 'Duplicate uploads'],
      ['ik-engine-database', 'Connection utilisation now'],
    ]) {
      const d = jsonPanel(uid, title).fieldConfig.defaults;
      expect([d.min, d.max]).toEqual([0, 1]);
    }
    // The variant latency p95 is a quantile of rated buckets, kept per job.
    expect(shape('ik-engine-media-pipeline', 'Variant latency p95').exprs).toEqual([
      'histogram_quantile(0.95, sum by (job, le) (rate(image_variant_ms_bucket{job="ik-engine",instance=~"$instance"}[$__rate_interval])))',
    ]);
  });

  test('the 5xx panel reads the recorded ratio and its thresholds are the alert\'s, as deployed', () => {
    expect(shape('ik-engine-overview', '5xx share of requests').exprs).toEqual([http5xxRatio.series.promql]);
    expect(panelSteps(jsonPanel('ik-engine-overview', '5xx share of requests'))).toEqual([
      { value: null, color: 'green' },
      { value: thresholdOf(high5xx), color: 'orange' },
    ]);
    const moved = { ...local, alertOverrides: { [high5xx.name]: { threshold: 0.02 } } };
    expect(panelSteps(jsonPanel('ik-engine-overview', '5xx share of requests', moved))).toEqual([
      { value: null, color: 'green' },
      { value: 0.02, color: 'orange' },
    ]);
  });

  test('a warning and a stricter warning on one signal, and a gauge, follow their overrides', () => {
    const steps = panelSteps(jsonPanel('ik-engine-overview', 'Readiness p95 latency'));
    expect(steps).toEqual([
      { value: null, color: 'green' },
      { value: thresholdOf(apiReadyHighLatency95p), color: 'orange' },
      // highLatency is also a warning: orange on, with its own line.
      { value: thresholdOf(highLatency), color: 'orange' },
    ]);
    expect(thresholdOf(highLatency)).toBeGreaterThan(thresholdOf(apiReadyHighLatency95p));
    const env = { ...local, alertOverrides: { [dbConnectionsHigh.name]: { threshold: 0.9 } } };
    expect(panelSteps(jsonPanel('ik-engine-database', 'Connection utilisation now', env))).toEqual([
      { value: null, color: 'green' },
      { value: 0.9, color: 'orange' },
    ]);
    expect(panelSteps(jsonPanel('ik-engine-dashboard', 'Image processing backlog'))).toEqual([
      { value: null, color: 'green' },
      { value: thresholdOf(imageBacklog), color: 'orange' },
    ]);
  });

  test('the SLO dashboard shows the budget left and every burn-rate alert\'s error ratios', () => {
    expect(shape('ik-engine-slos', 'availability: error budget left (30d)')).toEqual({
      type: 'stat',
      unit: 'percentunit',
      exprs: ['1 - avg_over_time(slo:sli_error:ratio_rate1h{job="ik-engine",slo="availability"}[30d]) / 0.001'],
    });
    for (const s of slos) {
      const fast = declaredPanel('ik-engine-slos', `${s.props.name}: fast burn (page)`).panel;
      expect(fast.alerts).toEqual([s.alerts[0]]);
      expect(panelQueries(fast).map((q) => q.expr.promql)).toEqual(alertSignals(s.alerts[0].expr).map((x) => x.expr.promql));
      const slow = declaredPanel('ik-engine-slos', `${s.props.name}: slow burn (ticket)`).panel;
      expect(slow.alerts).toEqual([s.alerts[1]]);
    }
    // 14.4 × 0.001 and 6 × 0.001 page (critical): red from the lower of the two, a line at each.
    expect(panelSteps(jsonPanel('ik-engine-slos', 'availability: fast burn (page)'))).toEqual([
      { value: null, color: 'green' },
      { value: 0.006, color: 'red' },
      { value: 0.0144, color: 'red' },
    ]);
    expect(availability.props.objective).toBe(0.999);
  });
});
