import * as fs from 'fs';
import * as path from 'path';
import { packAlerts, prometheusProblems, renderRuleFile, ruleFilePath } from '../../lib';
import { AlertCheck, ExpectedAlert, InputSeries, inputSeries, promtool, runRuleTest, writeTempFiles } from '../../lib/testing';
import { internetIdRules, internetIdScrapeJobs, internetIdSystems } from '../../rules/internet-id';
import { cacheHits, cacheMisses, dbQueryDuration, httpRequests, internetIdApi, postgres } from '../../rules/internet-id/metrics';
import { local } from '../../stacks/environments';

const pack = internetIdRules(local.rulePackConfig);
const ruleFile = renderRuleFile(pack);
const rulePath = ruleFilePath(pack);

const API = { job: 'internet-id-api', instance: 'internet-id-api:3001' };

/** The spec's 20 alerts, in its order; WebServiceDown is the failing alert of the web app's uptime probe. */
const SPEC_ALERTS = [
  'ServiceDown',
  'WebServiceDown',
  'DatabaseDown',
  'HighErrorRate',
  'CriticalErrorRate',
  'HighQueueDepth',
  'CriticalQueueDepth',
  'DatabaseConnectionPoolExhaustion',
  'DatabaseConnectionPoolCritical',
  'HighDatabaseLatency',
  'HighIpfsFailureRate',
  'CriticalIpfsFailureRate',
  'BlockchainTransactionFailures',
  'BlockchainRPCDown',
  'HighResponseTime',
  'HighMemoryUsage',
  'CriticalMemoryUsage',
  'HighCPUUsage',
  'RedisDown',
  'LowCacheHitRate',
].map((n) => `InternetId${n}`);

/** The uptime probes' other alerts (spec: "uptime monitoring … with 1-min check intervals"). */
const PROBE_ALERTS = ['InternetIdApiHealthFailing', 'InternetIdApiHealthSlow', 'InternetIdApiHealthNotProbed', 'InternetIdWebServiceSlow', 'InternetIdWebServiceNotProbed'];
/** Alerts on the loss of a scrape job (issue 10): the exporters'. */
const SCRAPE_LOSS_ALERTS = ['InternetIdPostgresExporterDown', 'InternetIdRedisExporterDown', 'InternetIdNodeExporterDown'];
const PG = { job: 'internet-id-postgres', instance: 'internet-id-postgres-exporter:9187' };

/**
 * The alert promtool must see: routing labels written out here (so a change in
 * them fails the test), the expression's labels, and annotations with
 * `description` expanded.
 */
function firing(alertname: string, labels: Record<string, string>, description: string): ExpectedAlert {
  const alert = packAlerts(pack).find((a) => a.name === alertname)!;
  return {
    // Routing labels (family, impact) as the rule declares them; test/alertmanager checks where they lead.
    labels: { ...Object.fromEntries(Object.entries(alert.labels).filter(([k]) => ['family', 'impact', 'component'].includes(k))), service: 'internet-id', team: 'internet-id', ...labels },
    annotations: { ...alert.annotations, description },
  };
}

const series = inputSeries;

/** API requests per minute with status code `code`, on one route. */
const requests = (code: string, perMinute: number) =>
  series(httpRequests.where({ instance: API.instance, method: 'POST', route: '/api/verify', status_code: code }), `0+${perMinute}x30`);

/** Connections of one state on the internet_id database. */
const connections = (state: string, count: number) => series(postgres.activityCount.where({ instance: PG.instance, datname: 'internet_id', state }), `${count}x30`);
const maxConnections = series(postgres.maxConnections.where({ instance: PG.instance }), '100x30');

/** Runs promtool test rules with the rendered internet-id rule file; returns promtool's verdict. */
function promtoolTest(name: string, inputSeries: InputSeries[], alertChecks: AlertCheck[]) {
  return runRuleTest({ path: rulePath, content: ruleFile }, { name, interval: '1m', inputSeries, alertChecks });
}

describe('internet-id rule pack (spec 004)', () => {
  test('rendered rule file (what a reviewer reads)', () => {
    expect(ruleFilePath(pack)).toBe('rules/internet-id.yml');
    expect(ruleFile).toMatchSnapshot();
  });

  test('the pack, its scrape jobs and Prometheus agree: no problems', () => {
    expect(prometheusProblems({ global: { scrapeInterval: '15s', evaluationInterval: '15s' }, scrapeConfigs: internetIdScrapeJobs() }, [pack])).toEqual([]);
    expect(internetIdScrapeJobs().map((j) => j.jobName)).toEqual(internetIdSystems.map((s) => s.selector.job));
    expect(internetIdScrapeJobs()[0]).toMatchObject({ jobName: 'internet-id-api', metricsPath: '/api/metrics' });
  });

  test('promtool check rules accepts the rendered file', () => {
    const result = promtool(['check', 'rules', rulePath], writeTempFiles(new Map([[rulePath, ruleFile]])));
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  test('the spec\'s 20 alerts and the uptime probes\' alerts, prefixed InternetId, each with severity, summary, description and runbook_url', () => {
    const alerts = packAlerts(pack);
    expect(alerts.map((a) => a.name).sort()).toEqual([...SPEC_ALERTS, ...PROBE_ALERTS, ...SCRAPE_LOSS_ALERTS].sort());
    expect(alerts.filter((a) => a.group === 'internet-id.probes').map((a) => a.name)).toEqual([
      'InternetIdApiHealthFailing',
      'InternetIdApiHealthSlow',
      'InternetIdApiHealthNotProbed',
      'InternetIdWebServiceDown',
      'InternetIdWebServiceSlow',
      'InternetIdWebServiceNotProbed',
    ]);
    for (const a of alerts) {
      expect(Object.keys(a.annotations)).toEqual(['summary', 'description', 'runbook_url', 'dashboard_url']);
      expect(a.labels.severity).toMatch(/^(critical|warning|info)$/);
      expect(a.labels.service).toBe('internet-id');
      expect(a.annotations.runbook_url).toMatch(/\/internet-id\.md#internetid[a-z]+$/);
    }
  });

  test('7% 5xx fires InternetIdHighErrorRate after 5m but not InternetIdCriticalErrorRate; 12% fires both', () => {
    const labels = (severity: string) => ({ severity, component: 'api', job: API.job });
    const seven = promtoolTest('7% errors', [requests('500', 7), requests('200', 93)], [
      { evalTime: '4m', alertname: 'InternetIdHighErrorRate', expect: [] },
      {
        evalTime: '10m',
        alertname: 'InternetIdHighErrorRate',
        expect: [firing('InternetIdHighErrorRate', labels('warning'), '7% of requests to internet-id-api failed with 5xx over the last 5m (threshold 5%).')],
      },
      { evalTime: '20m', alertname: 'InternetIdCriticalErrorRate', expect: [] },
    ]);
    expect(seven.output).toContain('SUCCESS');
    expect(seven.status).toBe(0);

    const twelve = promtoolTest('12% errors', [requests('503', 12), requests('200', 88)], [
      {
        evalTime: '10m',
        alertname: 'InternetIdHighErrorRate',
        expect: [firing('InternetIdHighErrorRate', labels('warning'), '12% of requests to internet-id-api failed with 5xx over the last 5m (threshold 5%).')],
      },
      {
        evalTime: '10m',
        alertname: 'InternetIdCriticalErrorRate',
        expect: [firing('InternetIdCriticalErrorRate', labels('critical'), '12% of requests to internet-id-api failed with 5xx over the last 2m (threshold 10%).')],
      },
    ]);
    expect(twelve.output).toContain('SUCCESS');
    expect(twelve.status).toBe(0);
  });

  test('connections at 85% of max_connections fire the pool warning only; at 97% the critical one too', () => {
    const labels = (severity: string) => ({ severity, component: 'database', ...PG });
    const warningBand = promtoolTest('85% of connections used', [connections('active', 60), connections('idle', 25), maxConnections], [
      { evalTime: '4m', alertname: 'InternetIdDatabaseConnectionPoolExhaustion', expect: [] },
      {
        evalTime: '6m',
        alertname: 'InternetIdDatabaseConnectionPoolExhaustion',
        expect: [
          firing(
            'InternetIdDatabaseConnectionPoolExhaustion',
            labels('warning'),
            'PostgreSQL behind internet-id-postgres-exporter:9187 uses 85% of max_connections (threshold 80%) for 5m.',
          ),
        ],
      },
      { evalTime: '20m', alertname: 'InternetIdDatabaseConnectionPoolCritical', expect: [] },
    ]);
    expect(warningBand.output).toContain('SUCCESS');
    expect(warningBand.status).toBe(0);

    const criticalBand = promtoolTest('97% of connections used', [connections('active', 70), connections('idle', 27), maxConnections], [
      { evalTime: '1m', alertname: 'InternetIdDatabaseConnectionPoolCritical', expect: [] },
      {
        evalTime: '3m',
        alertname: 'InternetIdDatabaseConnectionPoolCritical',
        expect: [
          firing(
            'InternetIdDatabaseConnectionPoolCritical',
            labels('critical'),
            'PostgreSQL behind internet-id-postgres-exporter:9187 uses 97% of max_connections (threshold 95%) for 2m.',
          ),
        ],
      },
      {
        evalTime: '6m',
        alertname: 'InternetIdDatabaseConnectionPoolExhaustion',
        expect: [
          firing(
            'InternetIdDatabaseConnectionPoolExhaustion',
            labels('warning'),
            'PostgreSQL behind internet-id-postgres-exporter:9187 uses 97% of max_connections (threshold 80%) for 5m.',
          ),
        ],
      },
    ]);
    expect(criticalBand.output).toContain('SUCCESS');
    expect(criticalBand.status).toBe(0);
  });

  test('an API target that answers no scrape fires InternetIdServiceDown after 2m, not before', () => {
    const result = promtoolTest('API down', [series(internetIdApi.up.where({ instance: API.instance }), '0x10')], [
      { evalTime: '90s', alertname: 'InternetIdServiceDown', expect: [] },
      {
        evalTime: '150s',
        alertname: 'InternetIdServiceDown',
        expect: [firing('InternetIdServiceDown', { severity: 'critical', component: 'api', ...API }, 'internet-id-api:3001 of job internet-id-api has answered no scrape for 2m.')],
      },
    ]);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  test('a 40% cache hit rate fires InternetIdLowCacheHitRate after 10m; 60% does not', () => {
    const lookups = (hitsPerMinute: number, missesPerMinute: number) => [
      series(cacheHits.where({ instance: API.instance, cache_type: 'content' }), `0+${hitsPerMinute}x30`),
      series(cacheMisses.where({ instance: API.instance, cache_type: 'content' }), `0+${missesPerMinute}x30`),
    ];
    const low = promtoolTest('40% hits', lookups(40, 60), [
      { evalTime: '9m', alertname: 'InternetIdLowCacheHitRate', expect: [] },
      {
        evalTime: '15m',
        alertname: 'InternetIdLowCacheHitRate',
        expect: [firing('InternetIdLowCacheHitRate', { severity: 'info', component: 'cache', job: API.job }, 'Cache hit rate of internet-id-api is 40% (threshold 50%) for 10m.')],
      },
    ]);
    expect(low.output).toContain('SUCCESS');
    expect(low.status).toBe(0);
    expect(promtoolTest('60% hits', lookups(60, 40), [{ evalTime: '25m', alertname: 'InternetIdLowCacheHitRate', expect: [] }]).status).toBe(0);
  });

  test('10% of database queries above 1 s (p95 beyond the top 1 s bucket) fires InternetIdHighDatabaseLatency; 3% does not', () => {
    // Cumulative buckets: nothing below 0.5 s, `slowPerMinute` of 60 queries a minute above 1 s.
    const queries = (slowPerMinute: number) =>
      [...dbQueryDuration.metric.buckets!, '+Inf'].map((le) =>
        series(
          dbQueryDuration.bucket({ instance: API.instance, operation: 'select', table: 'contents', le: String(le) }),
          le === '+Inf' ? '0+60x30' : le === 1 ? `0+${60 - slowPerMinute}x30` : le === 0.5 ? '0+20x30' : '0x30',
        ),
      );
    const slow = promtoolTest('10% slow queries', queries(6), [
      { evalTime: '4m', alertname: 'InternetIdHighDatabaseLatency', expect: [] },
      {
        evalTime: '10m',
        alertname: 'InternetIdHighDatabaseLatency',
        expect: [
          firing(
            'InternetIdHighDatabaseLatency',
            { severity: 'warning', component: 'database', job: API.job },
            '10% of database queries of internet-id-api took longer than 1s (p95 above 1s: more than 5%) for 5m.',
          ),
        ],
      },
    ]);
    expect(slow.output).toContain('SUCCESS');
    expect(slow.status).toBe(0);
    expect(promtoolTest('3% slow queries', queries(1.8), [{ evalTime: '25m', alertname: 'InternetIdHighDatabaseLatency', expect: [] }]).status).toBe(0);
  });

  test('5xx of another system with the same metric name do not fire internet-id alerts', () => {
    const otherSystem = [
      { series: 'http_requests_total{job="canvascast-api",instance="cc:80",status="500"}', values: '0+60x30' },
      { series: 'http_requests_total{job="canvascast-api",instance="cc:80",status_code="500"}', values: '0+60x30' },
      { series: 'up{job="canvascast-api",instance="cc:80"}', values: '0x30' },
    ];
    const result = promtoolTest('errors elsewhere', [...otherSystem, requests('200', 60), series(internetIdApi.up.where({ instance: API.instance }), '1x30')], [
      { evalTime: '25m', alertname: 'InternetIdHighErrorRate', expect: [] },
      { evalTime: '25m', alertname: 'InternetIdCriticalErrorRate', expect: [] },
      { evalTime: '25m', alertname: 'InternetIdServiceDown', expect: [] },
    ]);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  test('the promtool tests can fail: a wrong expectation is reported', () => {
    const result = promtoolTest('wrong on purpose', [requests('500', 1), requests('200', 99)], [
      {
        evalTime: '20m',
        alertname: 'InternetIdHighErrorRate',
        expect: [firing('InternetIdHighErrorRate', { severity: 'warning', component: 'api', job: API.job }, '1% of requests to internet-id-api failed with 5xx over the last 5m (threshold 5%).')],
      },
    ]);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('FAILED');
  });
});

test('docs/spec-coverage/internet-id.md maps every spec alert to its implementation', () => {
  const coverage = fs.readFileSync(path.resolve(__dirname, '../../docs/spec-coverage/internet-id.md'), 'utf8');
  for (const alert of SPEC_ALERTS) {
    expect(coverage).toContain(`| ${alert.replace(/^InternetId/, '')} | ${alert} |`);
  }
  for (const alert of PROBE_ALERTS) expect(coverage).toMatch(new RegExp(`Uptime checks, 1-min interval.*\\b${alert}\\b`));
});
