import { laidOutPanels } from '../../lib';
import { internetIdDashboards } from '../../dashboards/internet-id';
import {
  criticalErrorRate,
  criticalMemoryUsage,
  databaseConnectionPoolCritical,
  databaseConnectionPoolExhaustion,
  highErrorRate,
  highMemoryUsage,
  highResponseTime,
  lowCacheHitRate,
} from '../../rules/internet-id/alerts';
import { http5xxRatioRate5m, httpDurationP95, pgConnectionsUsedRatio } from '../../rules/internet-id/recording';
import { local } from '../../stacks/environments';
import { dashboardJson, jsonPanel, panelExprs, panelSteps, thresholdOf } from '../util/grafana';

const UIDS = ['internet-id-overview', 'internet-id-api', 'internet-id-database', 'internet-id-hosts'];

/** The rendered panel's kind, unit and PromQL. */
function shape(uid: string, title: string) {
  const p = jsonPanel(uid, title);
  return { type: p.type, unit: p.fieldConfig.defaults.unit, exprs: panelExprs(p) };
}

describe('internet-id dashboards (spec 004)', () => {
  test('the overview first, every dashboard tagged, sourced and with unique panel titles', () => {
    expect(internetIdDashboards.map((d) => d.uid)).toEqual(UIDS);
    for (const d of internetIdDashboards) {
      expect(d.tags).toEqual(['internet-id']);
      expect(d.source).toBe(`dashboards/internet-id/${d.uid.replace('internet-id-', '')}.ts`);
      expect(d.uid.length).toBeLessThanOrEqual(40);
      expect(d.headline?.every((p) => p.kind === 'stat')).toBe(true);
      const titles = laidOutPanels(d).map((p) => p.panel.title);
      expect(new Set(titles).size).toBe(titles.length);
      expect(titles.length).toBeLessThanOrEqual(31);
      // Every line of the grid is full: 24 columns.
      for (const lines of [d.headline ?? [], ...d.rows.map((r) => r.panels)]) {
        expect(lines.reduce((w, p) => w + (p.width ?? 8), 0) % 24).toBe(0);
      }
    }
  });

  test('the overview covers every component: API, web, database, cache, IPFS, blockchain, queue and hosts', () => {
    const d = dashboardJson('internet-id-overview');
    const rows = (d.panels ?? []).filter((p: any) => p.type === 'row').map((p: any) => p.title);
    expect(rows).toEqual(['API SLIs', 'Web app and uptime probes', 'Dependency health (/api/health)', 'IPFS uploads', 'Blockchain transactions', 'Worker queue and hosts', 'Scrape targets', 'Firing alerts']);
    const headline = (d.panels ?? []).filter((p: any) => p.type === 'stat').map((p: any) => p.title);
    expect(headline).toEqual(['API up', 'Web app up', 'Availability (5m)', 'p95 response time (5m)', 'Request rate', 'PostgreSQL up', 'Redis up', 'Cache hit ratio']);
  });

  test.each([
    ['internet-id-overview', 'Availability (non-5xx share)', 'timeseries', 'percentunit'],
    ['internet-id-overview', '5xx share of requests', 'timeseries', 'percentunit'],
    ['internet-id-overview', 'p95 response time', 'timeseries', 's'],
    ['internet-id-overview', 'Healthy dependencies', 'bargauge', 'bool_yes_no'],
    ['internet-id-overview', 'IPFS upload failure share', 'timeseries', 'percentunit'],
    ['internet-id-overview', 'Blockchain transaction failure share', 'timeseries', 'percentunit'],
    ['internet-id-overview', 'Queue depth', 'timeseries', 'short'],
    ['internet-id-api', 'Requests by status code', 'timeseries', 'reqps'],
    ['internet-id-api', 'Request latency distribution', 'heatmap', 's'],
    ['internet-id-api', 'Requests by route now', 'bargauge', 'reqps'],
    ['internet-id-api', 'Verification success share', 'gauge', 'percentunit'],
    ['internet-id-api', 'Verifications by platform', 'barchart', 'short'],
    ['internet-id-database', 'Connection utilisation', 'timeseries', 'percentunit'],
    ['internet-id-database', 'Locks by mode', 'timeseries', 'short'],
    ['internet-id-database', 'Queries slower than 1 s', 'timeseries', 'percentunit'],
    ['internet-id-database', 'Redis memory', 'timeseries', 'bytes'],
    ['internet-id-database', 'Application cache hit ratio', 'timeseries', 'percentunit'],
    ['internet-id-hosts', 'CPU busy', 'timeseries', 'percentunit'],
    ['internet-id-hosts', 'Memory in use', 'timeseries', 'percentunit'],
    ['internet-id-hosts', 'Filesystem used now', 'bargauge', 'percentunit'],
    ['internet-id-hosts', 'Network received', 'timeseries', 'Bps'],
  ])('%s has "%s" as a %s in %s', (uid, title, type, unit) => {
    const s = shape(uid, title);
    expect([s.type, s.unit]).toEqual([type, unit]);
    expect(s.exprs.length).toBeGreaterThan(0);
  });

  test('SLIs read the recorded ratio and quantile; availability is the non-5xx share', () => {
    expect(shape('internet-id-overview', 'Availability (non-5xx share)').exprs).toEqual([`1 - ${http5xxRatioRate5m.series.promql}`]);
    expect(http5xxRatioRate5m.series.promql).toBe('job:http_requests_5xx_per_requests:ratio_rate5m{job="internet-id-api"}');
    expect(shape('internet-id-overview', 'p95 response time').exprs).toEqual([httpDurationP95.series.promql]);
    expect(shape('internet-id-overview', '5xx share of requests').exprs).toEqual([
      'job:http_requests_5xx_per_requests:ratio_rate5m{job="internet-id-api"}',
      'job:http_requests_5xx_per_requests:ratio_rate2m{job="internet-id-api"}',
    ]);
    for (const [uid, title] of [
      ['internet-id-overview', 'Availability (non-5xx share)'],
      ['internet-id-api', 'Verification success share'],
      ['internet-id-database', 'Connection utilisation'],
      ['internet-id-hosts', 'Memory in use'],
    ]) {
      const d = jsonPanel(uid, title).fieldConfig.defaults;
      expect([uid, title, d.min, d.max]).toEqual([uid, title, 0, 1]);
    }
  });

  test('shares are ratios of rates over $__rate_interval and quantiles come from bucket rates', () => {
    const verif = (m: string) => `sum by (job) (rate(verification_total{job="internet-id-api"${m},instance=~"$instance"}[$__rate_interval]))`;
    expect(shape('internet-id-api', 'Verification success share').exprs).toEqual([`${verif(',outcome="success"')} / ${verif('')}`]);
    const hits = 'sum by (cache_type) (rate(cache_hits_total{job="internet-id-api",instance=~"$instance"}[$__rate_interval]))';
    const misses = 'sum by (cache_type) (rate(cache_misses_total{job="internet-id-api",instance=~"$instance"}[$__rate_interval]))';
    expect(shape('internet-id-database', 'Hit ratio by cache type now').exprs).toEqual([`${hits} / (${hits} + ${misses})`]);
    expect(shape('internet-id-overview', 'IPFS upload p95').exprs).toEqual([
      'histogram_quantile(0.95, sum by (provider, le) (rate(ipfs_upload_duration_seconds_bucket{job="internet-id-api",instance=~"$instance"}[$__rate_interval])))',
    ]);
    // queue_depth is a gauge: max per queue, never rate().
    expect(shape('internet-id-overview', 'Queue depth now').exprs).toEqual(['max by (queue_name) (queue_depth{job="internet-id-api",instance=~"$instance"})']);
    expect(shape('internet-id-database', 'Connection utilisation').exprs).toEqual([pgConnectionsUsedRatio.series.promql]);
  });

  test('alert panels take their thresholds from the alerts, as deployed', () => {
    expect(panelSteps(jsonPanel('internet-id-overview', '5xx share of requests'))).toEqual([
      { value: null, color: 'green' },
      { value: thresholdOf(highErrorRate), color: 'orange' },
      { value: thresholdOf(criticalErrorRate), color: 'red' },
    ]);
    expect(panelSteps(jsonPanel('internet-id-overview', 'p95 response time'))).toEqual([
      { value: null, color: 'green' },
      { value: thresholdOf(highResponseTime), color: 'orange' },
    ]);
    expect(panelSteps(jsonPanel('internet-id-hosts', 'Memory in use'))).toEqual([
      { value: null, color: 'green' },
      { value: thresholdOf(highMemoryUsage), color: 'orange' },
      { value: thresholdOf(criticalMemoryUsage), color: 'red' },
    ]);
    // A `<` alert (info): the band below the threshold is blue.
    expect(panelSteps(jsonPanel('internet-id-database', 'Application cache hit ratio'))).toEqual([
      { value: null, color: 'blue' },
      { value: thresholdOf(lowCacheHitRate), color: 'green' },
    ]);
  });

  test('an environment override moves the panel threshold', () => {
    const moved = { ...local, alertOverrides: { [highErrorRate.name]: { threshold: 0.02 } } };
    expect(panelSteps(jsonPanel('internet-id-overview', '5xx share of requests', moved))).toEqual([
      { value: null, color: 'green' },
      { value: 0.02, color: 'orange' },
      { value: thresholdOf(criticalErrorRate), color: 'red' },
    ]);
    const pool = { ...local, alertOverrides: { [databaseConnectionPoolExhaustion.name]: { threshold: 0.7 } } };
    expect(panelSteps(jsonPanel('internet-id-database', 'Connection utilisation', pool))).toEqual([
      { value: null, color: 'green' },
      { value: 0.7, color: 'orange' },
      { value: thresholdOf(databaseConnectionPoolCritical), color: 'red' },
    ]);
  });
});
