import { RATE_INTERVAL, alertPanel, barGauge, dashboard, firingAlertsPanel, max, not, probePanel, rate, row, scrapeTargetsPanel, share, stat, sub, sum, timeseries, upDown } from '../../lib';
import { internetIdApi, internetIdNode, internetIdPostgres, internetIdProbes, internetIdRedis } from '../../rules/internet-id';
import {
  blockchainRpcDown,
  blockchainTransactionFailures,
  criticalErrorRate,
  criticalIpfsFailureRate,
  criticalQueueDepth,
  databaseDown,
  highErrorRate,
  highIpfsFailureRate,
  highQueueDepth,
  highResponseTime,
  nodeExporterDown,
  postgresExporterDown,
  redisDown,
  redisExporterDown,
  serviceDown,
} from '../../rules/internet-id/alerts';
import { blockchainTransactionDuration, blockchainTransactions, healthCheckStatus, httpRequests, ipfsUploadDuration, ipfsUploads, queueDepth } from '../../rules/internet-id/metrics';
import { cacheHitRatio, http5xxRatioRate5m, httpDurationP95, nodeCpuUtilisation, nodeMemoryUtilisation } from '../../rules/internet-id/recording';
import { quantileBy } from './common';

const probePanels = internetIdProbes.flatMap((p) => p.panels);
const webStatus = probePanels.find((p) => p.title === 'Internet-ID web app: probe status')!;

/** Availability SLI: the share of API requests not answered with a 5xx, from the recorded 5m ratio. */
export const availabilitySli = sub(1, http5xxRatioRate5m.series);

/** Internet-ID at a glance: every component (API, web, database, cache, IPFS, blockchain, queue, hosts) and the API's SLIs. */
export const internetIdOverview = dashboard({
  uid: 'internet-id-overview',
  title: 'Internet-ID overview',
  description:
    'Internet-ID (spec 004) at a glance: is each component up (API, web app, PostgreSQL, Redis), the API SLIs (availability = non-5xx share, p95 latency), the uptime probes, the dependency health the API reports, IPFS uploads, blockchain transactions, the worker queue and the hosts. Thresholds are the deployed alerts\'; the database, hosts and API dashboards go deeper.',
  source: 'dashboards/internet-id/overview.ts',
  systems: [internetIdApi, internetIdPostgres, internetIdRedis, internetIdNode, ...internetIdProbes.map((p) => p.system)],
  tags: ['internet-id'],
  headline: [
    alertPanel(serviceDown, { ...upDown, kind: 'stat', width: 3, legend: '{{instance}}', title: 'API up', description: 'up of the API scrape targets: No means Prometheus cannot scrape /api/metrics (InternetIdServiceDown after 2m).' }),
    { ...probePanel(webStatus), kind: 'stat', width: 3, title: 'Web app up', description: 'probe_success of the 1-minute check of the web app (:3000): No means the page does not answer 2xx (InternetIdWebServiceDown after 2m).' },
    stat({ ...share, width: 3, title: 'Availability (5m)', description: 'Share of API requests not answered with a 5xx over the last 5 minutes: the availability SLI. 1 is 100 %.', queries: [{ expr: availabilitySli, legend: '{{job}}' }] }),
    stat({ unit: 's', min: 0, width: 3, title: 'p95 response time (5m)', description: 'API p95 response time over the last 5 minutes, all routes (recorded quantile of the bucket rates).', queries: [{ expr: httpDurationP95.series, legend: '{{job}}' }] }),
    stat({ unit: 'reqps', min: 0, width: 3, title: 'Request rate', description: 'API requests per second, all routes and status codes.', queries: [sum(rate(httpRequests, RATE_INTERVAL))] }),
    alertPanel(databaseDown, { ...upDown, kind: 'stat', width: 3, legend: '{{instance}}', title: 'PostgreSQL up', description: 'pg_up: whether postgres_exporter can connect to the database. No for 1m is InternetIdDatabaseDown.' }),
    alertPanel(redisDown, { ...upDown, kind: 'stat', width: 3, legend: '{{instance}}', title: 'Redis up', description: 'redis_up: whether redis_exporter can connect to Redis. No for 2m is InternetIdRedisDown; the API keeps serving without its cache.' }),
    stat({ ...share, width: 3, title: 'Cache hit ratio', description: 'Share of the API\'s cache lookups that hit, over the last 5 minutes (all cache types). Below 50 % for 10m is InternetIdLowCacheHitRate.', queries: [{ expr: cacheHitRatio.series, legend: '{{job}}' }] }),
  ],
  rows: [
    row('API SLIs', [
      timeseries({
        ...share,
        title: 'Availability (non-5xx share)',
        description: 'Share of API requests answered without a 5xx, over 5-minute windows: the availability SLI. A dip below 95 % is where InternetIdHighErrorRate fires.',
        queries: [{ expr: availabilitySli, legend: '{{job}}' }],
      }),
      alertPanel(highErrorRate, {
        with: [criticalErrorRate],
        ...share,
        legend: '{{job}}',
        title: '5xx share of requests',
        description: 'Share of API requests answered with a 5xx: over 5 minutes (InternetIdHighErrorRate, > 5 %) and over 2 minutes (InternetIdCriticalErrorRate, > 10 %).',
      }),
      alertPanel(highResponseTime, { unit: 's', min: 0, legend: '{{job}}', title: 'p95 response time', description: 'API p95 response time over 5-minute windows, all routes. Above 5 s for 5m is InternetIdHighResponseTime.' }),
    ]),
    row('Web app and uptime probes', probePanels.map((p) => probePanel(p, { width: 4 }))),
    row('Dependency health (/api/health)', [
      barGauge({
        ...upDown,
        width: 12,
        title: 'Healthy dependencies',
        description: 'health_check_status{status="healthy"} per service (api, database, cache, blockchain) as the API last reported it: Yes is healthy. A No here is what makes /api/health answer 503.',
        queries: [{ expr: max(healthCheckStatus.where({ status: 'healthy' }), { by: ['service'] }), legend: '{{service}}' }],
      }),
      timeseries({
        ...upDown,
        width: 12,
        title: 'Unhealthy or degraded dependencies',
        description: 'health_check_status for every status other than healthy, per service and status: a line at Yes is a dependency the API reports unhealthy or degraded.',
        queries: [{ expr: max(healthCheckStatus.where({ status: not('healthy') }), { by: ['service', 'status'] }), legend: '{{service}} {{status}}' }],
      }),
    ]),
    row('IPFS uploads', [
      alertPanel(highIpfsFailureRate, {
        with: [criticalIpfsFailureRate],
        ...share,
        legend: '{{provider}}',
        title: 'IPFS upload failure share',
        description: 'Share of IPFS uploads that failed over 5 minutes, per provider: above 20 % is InternetIdHighIpfsFailureRate, above 50 % InternetIdCriticalIpfsFailureRate.',
      }),
      timeseries({
        unit: 'ops',
        min: 0,
        title: 'IPFS uploads by status',
        description: 'IPFS uploads per second, per provider and status (success or failure).',
        queries: [{ expr: sum(rate(ipfsUploads, RATE_INTERVAL), { by: ['provider', 'status'] }), legend: '{{provider}} {{status}}' }],
      }),
      timeseries({
        unit: 's',
        min: 0,
        title: 'IPFS upload p95',
        description: 'p95 duration of IPFS uploads per provider (quantile of the bucket rates). Buckets run 1 s to 300 s.',
        queries: [{ expr: quantileBy(0.95, ipfsUploadDuration, ['provider']), legend: '{{provider}}' }],
      }),
    ]),
    row('Blockchain transactions', [
      alertPanel(blockchainTransactionFailures, {
        with: [blockchainRpcDown],
        ...share,
        legend: 'chain {{chain_id}}',
        title: 'Blockchain transaction failure share',
        description: 'Share of contract transactions that failed over 5 minutes, per chain: above 10 % is InternetIdBlockchainTransactionFailures, above 50 % InternetIdBlockchainRPCDown (the chain\'s RPC is likely down).',
      }),
      timeseries({
        unit: 'ops',
        min: 0,
        title: 'Transactions by operation and status',
        description: 'Contract transactions per second, per operation and status (success or failure), all chains.',
        queries: [{ expr: sum(rate(blockchainTransactions, RATE_INTERVAL), { by: ['operation', 'status'] }), legend: '{{operation}} {{status}}' }],
      }),
      timeseries({
        unit: 's',
        min: 0,
        title: 'Transaction p95 by operation',
        description: 'p95 duration of contract transactions per operation and chain (quantile of the bucket rates). Buckets run 1 s to 300 s.',
        queries: [{ expr: quantileBy(0.95, blockchainTransactionDuration, ['operation', 'chain_id']), legend: '{{operation}} chain {{chain_id}}' }],
      }),
    ]),
    row('Worker queue and hosts', [
      alertPanel(highQueueDepth, {
        with: [criticalQueueDepth],
        unit: 'short',
        min: 0,
        legend: '{{queue_name}}',
        title: 'Queue depth',
        description: 'Pending jobs per queue (the highest any API instance reports): above the orange line for a while is InternetIdHighQueueDepth, above the red line InternetIdCriticalQueueDepth. The spec marks the metric "future": no line means no queue reports yet.',
      }),
      barGauge({
        unit: 'short',
        min: 0,
        title: 'Queue depth now',
        description: 'Pending jobs per queue at the last instant (highest across API instances).',
        queries: [{ expr: max(queueDepth, { by: ['queue_name'] }), legend: '{{queue_name}}' }],
      }),
      barGauge({
        ...share,
        title: 'Host CPU and memory now',
        description: 'Per host, the CPU busy share (5m) and the memory in use share at the last instant; the hosts dashboard has their history and alerts.',
        queries: [
          { expr: nodeCpuUtilisation.series, legend: 'CPU {{instance}}' },
          { expr: nodeMemoryUtilisation.series, legend: 'memory {{instance}}' },
        ],
      }),
    ]),
    row('Scrape targets', [scrapeTargetsPanel([postgresExporterDown, redisExporterDown, nodeExporterDown], { width: 24 })]),
    // Last, so the panel ids the alerts link to stay put.
    row('Firing alerts', [firingAlertsPanel('internet-id', { width: 24, height: 6 })]),
  ],
});
