import { Gauge, Registry } from 'prom-client';
import { MetricInfo, System } from '../lib/promql';
import { PlannedSeries } from '../lib/testing/generate';
import { LiveSeries } from './live-series';

/** Labels Prometheus attaches itself: an exporter exposing them would have them renamed `exported_*`. */
const TARGET_LABELS = ['job', 'instance'];

/**
 * One catalogued metric served with its declared type, help and series names
 * (a histogram's `_bucket`, `_sum`, `_count`), its values read from the live
 * series at each scrape. A prom-client Gauge underneath: the registry formats
 * and escapes the exposition; the values are the plan's, not observations.
 */
class CatalogMetric extends Gauge<string> {
  constructor(private readonly info: MetricInfo, private readonly job: string, private readonly live: LiveSeries, registry: Registry) {
    super({ name: info.name, help: info.help, labelNames: [...info.labels, ...(info.type === 'histogram' ? ['le'] : info.type === 'summary' ? ['quantile'] : [])], registers: [registry] });
  }

  // The registry reads name, help, type and values (with their series names); the rest of a Gauge's shape is unused.
  async get(): Promise<Awaited<ReturnType<Gauge<string>['get']>>> {
    const values = this.live
      .values()
      .filter(({ series }) => series.labels.job === this.job && this.info.seriesNames.includes(series.name))
      .map(({ series, value }) => ({ value, labels: exposedLabels(series), metricName: series.name }));
    return { name: this.info.name, help: this.info.help, type: this.info.type, values, aggregator: 'sum' } as unknown as Awaited<ReturnType<Gauge<string>['get']>>;
  }

  async getForPromString() {
    return this.get();
  }
}

function exposedLabels(series: PlannedSeries): Record<string, string> {
  return Object.fromEntries(Object.entries(series.labels).filter(([k]) => !TARGET_LABELS.includes(k)));
}

/** The metrics endpoint of one scrape job: every metric of its systems' catalogs but `up`. */
export function catalogRegistry(job: string, systems: readonly System[], live: LiveSeries): Registry {
  const registry = new Registry();
  const seen = new Set<string>();
  for (const info of systems.flatMap((s) => s.metrics)) {
    if (info.name === 'up' || seen.has(info.name)) continue;
    seen.add(info.name);
    new CatalogMetric(info, job, live, registry);
  }
  return registry;
}
