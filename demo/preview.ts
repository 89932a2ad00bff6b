import * as fs from 'fs';
import * as path from 'path';
import { PreviewSeries, RangeQuery, renderDashboardSvg, svgToPng } from '../lib/grafana/preview';
import { readWrittenDashboards } from '../lib/grafana/written-dashboards';

/** The font every picture is drawn with (Debian's fonts-dejavu-core). */
export const PREVIEW_FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

/** `query_range` of a Prometheus at `url`. */
export function prometheusRangeQuery(url: string): RangeQuery {
  return async (expr, startS, endS, stepS) => {
    const params = new URLSearchParams({ query: expr, start: String(startS), end: String(endS), step: String(stepS) });
    let response: Response;
    try {
      response = await fetch(`${url}/api/v1/query_range?${params}`, { signal: AbortSignal.timeout(10_000) });
    } catch {
      throw new Error(`no Prometheus answers at ${url}: start the local stack (npm start)`);
    }
    const text = await response.text();
    let body: { status: string; error?: string; data?: { result: { metric: Record<string, string>; values: [number, string][] }[] } };
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`${url} answered ${response.status} with no JSON: ${text.slice(0, 200)}`);
    }
    if (body.status !== 'success') throw new Error(`Prometheus refused ${expr}: ${body.error ?? response.status}`);
    return (body.data?.result ?? []).map((r): PreviewSeries => ({ labels: r.metric, points: r.values.map(([t, v]) => [t * 1000, Number(v)] as const) }));
  };
}

/** One dashboard (its JSON) drawn as `<out>/<uid>.png`; returns the file. */
async function drawDashboard(dashboard: { uid: string }, query: RangeQuery, out: string, endS: number): Promise<string> {
  const target = path.join(out, `${dashboard.uid}.png`);
  fs.writeFileSync(target, svgToPng(await renderDashboardSvg(dashboard, query, { endS }), PREVIEW_FONT).png);
  return target;
}

/** Every dashboard JSON under `dir` (one folder per system) as `<out>/<uid>.png`; returns the files. */
export async function renderPreviews(dir: string, query: RangeQuery, out: string, endS = Math.floor(Date.now() / 1000)): Promise<string[]> {
  fs.mkdirSync(out, { recursive: true });
  const written: string[] = [];
  for (const { json } of readWrittenDashboards(dir)) written.push(await drawDashboard(json, query, out, endS));
  return written;
}

/** The dashboards with these uids, found in any stack under `stacksDir`, drawn into `out`; uid → file. */
export async function drawDashboards(stacksDir: string, uids: readonly string[], query: RangeQuery, out: string, endS = Math.floor(Date.now() / 1000)): Promise<Record<string, string>> {
  fs.mkdirSync(out, { recursive: true });
  const found: Record<string, string> = {};
  for (const stack of fs.readdirSync(stacksDir).sort()) {
    for (const { json } of readWrittenDashboards(path.join(stacksDir, stack, 'grafana', 'dashboards'))) {
      if (uids.includes(json.uid) && !found[json.uid]) found[json.uid] = await drawDashboard(json, query, out, endS);
    }
  }
  return found;
}
