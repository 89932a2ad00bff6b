import { gt, latencyRecordings, leveledAlerts, max, targetDown } from '../../lib';
import { testSystem } from '../util/fixtures';

const shop = testSystem();
const queue = shop.gauge({ name: 'queue_depth', help: 'Queued jobs.' });

describe('alert templates', () => {
  test('leveledAlerts: one condition, a warning and a critical of one family', () => {
    const [warning, critical] = leveledAlerts({
      family: 'queue-depth',
      labels: { component: 'queue' },
      condition: (threshold) => gt(max(queue, { by: ['job'] }), threshold),
      warning: { name: 'ShopQueueHigh', threshold: 100, for: '10m', summary: 'Queue high', description: '{{ $value | humanize }} queued.' },
      critical: { name: 'ShopQueueCritical', threshold: 500, for: '5m', summary: 'Queue critical', description: '{{ $value | humanize }} queued.' },
    });
    expect([warning.severity, critical.severity]).toEqual(['warning', 'critical']);
    expect(warning.expr.promql).toBe('max by (job) (queue_depth{job="shop"}) > 100');
    expect(critical.expr.comparison?.threshold).toBe(500);
    expect(critical.for).toBe('5m');
    expect(warning.labels).toEqual({ component: 'queue', family: 'queue-depth' });
    expect(critical.labels).toEqual(warning.labels);
  });

  test('leveledAlerts: each level may read its own window', () => {
    const windows: string[] = [];
    leveledAlerts({
      family: 'f',
      condition: (threshold, severity) => (windows.push(severity), gt(queue, threshold)),
      warning: { name: 'A', threshold: 1, for: '1m', summary: 's', description: 'd' },
      critical: { name: 'B', threshold: 2, for: '1m', summary: 's', description: 'd' },
    });
    expect(windows).toEqual(['warning', 'critical']);
  });

  test('targetDown: up == 0, critical, marked service-down for inhibition', () => {
    const alert = targetDown({ system: shop, name: 'ShopDown', labels: { component: 'api' } });
    expect(alert.expr.promql).toBe('up{job="shop"} == 0');
    expect(alert.severity).toBe('critical');
    expect(alert.labels).toEqual({ impact: 'service-down', component: 'api' });
  });
});

describe('latencyRecordings', () => {
  test('bucket rates and a quantile read from them, named level:metric:operations after the grouping', () => {
    const system = testSystem();
    const latency = system.histogram({ name: 'inference_seconds', help: 'Inference latency.', unit: 'seconds', buckets: [1, 10], labels: ['model'] });
    const { buckets, quantile } = latencyRecordings(latency, '5m', { by: ['job', 'model'] }, 0.99);
    expect(buckets.record).toBe('job_model_le:inference_seconds_bucket:rate5m');
    expect(buckets.expr.promql).toBe('sum by (job, model, le) (rate(inference_seconds_bucket{job="shop"}[5m]))');
    expect(quantile.record).toBe('job_model:inference_seconds:p99_rate5m');
    expect(quantile.expr.promql).toBe('histogram_quantile(0.99, job_model_le:inference_seconds_bucket:rate5m{job="shop"})');
  });
});
