import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import { jsonPanels } from './written-dashboards';

/* eslint-disable @typescript-eslint/no-explicit-any -- dashboard JSON as synth wrote it */

/** One series of a range query: its labels and `[unix ms, value]` points. */
export interface PreviewSeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly points: readonly (readonly [number, number])[];
}

/** Prometheus' `query_range`, or anything that answers like it. */
export type RangeQuery = (expr: string, startS: number, endS: number, stepS: number) => Promise<PreviewSeries[]>;

export interface PreviewOptions {
  /** The picture's width; Grafana's 24 columns share it. @default 1200 */
  readonly widthPx?: number;
  /** The end of the time range, unix seconds. */
  readonly endS: number;
  /** @default 900 (the last 15 minutes) */
  readonly rangeS?: number;
  /** @default 15 */
  readonly stepS?: number;
  /** Values of the dashboard's variables; a variable not given matches everything (`.+`). */
  readonly variables?: Readonly<Record<string, string>>;
}

/** Grafana's grid: 24 columns, 30 px per row unit. */
const COLUMNS = 24;
const ROW_PX = 30;
const GAP = 4;
const TITLE_PX = 22;
const COLORS: Record<string, string> = { green: '#37872d', orange: '#e0752d', red: '#c4162a', yellow: '#e0b400', blue: '#1f60c4', transparent: '#ffffff' };

/** A panel or row with where Grafana puts it. */
interface Placed {
  readonly panel: any;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * A dashboard as an SVG picture without Grafana: its grid layout, each
 * panel's title, time series as lines (legend from legendFormat, the y axis
 * in the panel's unit, threshold steps as lines in their colours), stats and
 * gauges as their last value, tables as their rows, drawn by ECharts'
 * server-side SVG renderer from the range queries' answers.
 */
export async function renderDashboardSvg(dashboard: any, query: RangeQuery, options: PreviewOptions): Promise<string> {
  const width = options.widthPx ?? 1200;
  const rangeS = options.rangeS ?? 900;
  const stepS = options.stepS ?? 15;
  const col = width / COLUMNS;
  const placed: Placed[] = jsonPanels(dashboard).map((panel) => ({
    panel,
    x: panel.gridPos.x * col + GAP / 2,
    y: panel.gridPos.y * ROW_PX + GAP / 2,
    w: panel.gridPos.w * col - GAP,
    h: panel.gridPos.h * ROW_PX - GAP,
  }));
  const height = Math.max(ROW_PX, ...placed.map((p) => p.y + p.h + GAP / 2));
  const parts: string[] = [];
  for (const p of placed) {
    if (p.panel.type === 'row') {
      parts.push(`<rect x="${p.x}" y="${p.y}" width="${p.w}" height="${p.h}" fill="#eef0f3"/>`, text(p.x + 6, p.y + p.h / 2 + 5, p.panel.title ?? '', 14, 'bold'));
      continue;
    }
    const series = await panelSeries(p.panel, query, options.endS - rangeS, options.endS, stepS, options.variables ?? {});
    parts.push(`<rect x="${p.x}" y="${p.y}" width="${p.w}" height="${p.h}" fill="#ffffff" stroke="#c7d0d9"/>`, text(p.x + 8, p.y + 16, p.panel.title ?? '', 13, 'bold'));
    const body = { x: p.x + 1, y: p.y + TITLE_PX, w: p.w - 2, h: p.h - TITLE_PX - 1 };
    if (body.h > 10) parts.push(drawBody(p.panel, series, body));
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="#f4f5f8"/>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

/** The SVG as a PNG, text in the given font file (no system font lookup: the same picture everywhere). */
export function svgToPng(svg: string, fontFile: string): { png: Buffer; width: number; height: number; pixels: Buffer } {
  const rendered = new Resvg(svg, { font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' } }).render();
  return { png: rendered.asPng(), width: rendered.width, height: rendered.height, pixels: rendered.pixels };
}

interface NamedSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

async function panelSeries(panel: any, query: RangeQuery, startS: number, endS: number, stepS: number, variables: Readonly<Record<string, string>>): Promise<NamedSeries[]> {
  const out: NamedSeries[] = [];
  for (const target of panel.targets ?? []) {
    if (typeof target.expr !== 'string') continue;
    const expr = substitute(target.expr, stepS, endS - startS, variables);
    for (const s of await query(expr, startS, endS, stepS)) {
      out.push({ name: legend(target.legendFormat, s.labels, expr), points: s.points });
    }
  }
  return out;
}

/** Grafana's variables as Grafana would fill them for this range. */
export function substitute(expr: string, stepS: number, rangeS: number, variables: Readonly<Record<string, string>>): string {
  return expr
    .replace(/\$__rate_interval/g, `${Math.max(4 * stepS, 60)}s`)
    .replace(/\$__interval/g, `${stepS}s`)
    .replace(/\$__range/g, `${rangeS}s`)
    .replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, (_, a: string | undefined, b: string | undefined) => variables[(a ?? b) as string] ?? '.+');
}

function legend(format: string | undefined, labels: Readonly<Record<string, string>>, expr: string): string {
  if (!format || format === '__auto') return Object.keys(labels).length ? `{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(', ')}}` : expr;
  return format.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, l: string) => labels[l] ?? '');
}

function drawBody(panel: any, series: readonly NamedSeries[], box: { x: number; y: number; w: number; h: number }): string {
  const unit: string = panel.fieldConfig?.defaults?.unit ?? 'short';
  const steps: { value: number | null; color: string }[] = panel.fieldConfig?.defaults?.thresholds?.steps ?? [];
  if (panel.type === 'stat' || panel.type === 'gauge') {
    const last = series[0]?.points[series[0].points.length - 1]?.[1];
    const color = last === undefined ? '#8e8e8e' : colorAt(steps, last);
    return text(box.x + box.w / 2, box.y + box.h / 2 + 10, last === undefined ? 'No data' : formatValue(last, unit), Math.min(36, box.h / 2), 'bold', color, 'middle');
  }
  if (panel.type === 'table' || panel.type === 'text') {
    const rows = panel.type === 'text' ? [String(panel.options?.content ?? '').slice(0, 200)] : series.map((s) => `${s.name}: ${formatValue(s.points[s.points.length - 1]?.[1] ?? NaN, unit)}`);
    return rows
      .slice(0, Math.floor(box.h / 16))
      .map((r, i) => text(box.x + 8, box.y + 14 + i * 16, r.slice(0, Math.floor(box.w / 7)), 11))
      .join('\n');
  }
  const levels = steps.flatMap((st) => (st.value === null ? [] : [st.value]));
  const chart = echarts.init(null as unknown as Parameters<typeof echarts.init>[0], undefined, { renderer: 'svg', ssr: true, width: box.w, height: box.h });
  try {
    chart.setOption({
      animation: false,
      textStyle: { fontFamily: 'DejaVu Sans' },
      grid: { left: 56, right: 12, top: 8, bottom: series.length ? 34 : 20 },
      legend: { bottom: 0, type: 'plain', itemHeight: 6, textStyle: { fontSize: 10 }, data: series.slice(0, 6).map((s) => s.name.slice(0, 40)) },
      xAxis: { type: 'time', axisLabel: { fontSize: 10, hideOverlap: true, formatter: '{HH}:{mm}:{ss}' } },
      // The axis reaches the highest threshold, so that every alert's line is in the picture.
      yAxis: { type: 'value', max: (extent: { max: number }) => niceMax(Math.max(extent.max, ...levels.map((l) => l * 1.1))), axisLabel: { fontSize: 10, hideOverlap: true, formatter: (v: number) => formatValue(v, unit) } },
      series: [
        ...series.map((s, i) => ({
          type: 'line',
          name: s.name.slice(0, 40),
          showSymbol: false,
          data: s.points.map(([t, v]) => [t, v]),
          ...(i === 0 ? { markLine: thresholdLines(steps) } : {}),
        })),
        ...(series.length ? [] : [{ type: 'line', data: [], markLine: thresholdLines(steps) }]),
      ],
    });
    return chart.renderToSVGString().replace('<svg ', `<svg x="${box.x}" y="${box.y}" `);
  } finally {
    chart.dispose();
  }
}

function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / magnitude) * magnitude;
}

function thresholdLines(steps: readonly { value: number | null; color: string }[]) {
  return {
    silent: true,
    symbol: 'none',
    label: { show: false },
    data: steps.filter((s) => s.value !== null).map((s) => ({ yAxis: s.value, lineStyle: { color: COLORS[s.color] ?? s.color, type: 'dashed' } })),
  };
}

function colorAt(steps: readonly { value: number | null; color: string }[], value: number): string {
  let color = steps[0]?.color ?? 'green';
  for (const s of steps) if (s.value === null || value >= s.value) color = s.color;
  return COLORS[color] ?? color;
}

/** The unit names the dashboards use, as Grafana prints them (roughly). */
export function formatValue(value: number, unit: string): string {
  if (!Number.isFinite(value)) return 'No data';
  const short = (v: number) => (Math.abs(v) >= 1e6 ? `${+(v / 1e6).toPrecision(3)}M` : Math.abs(v) >= 1e3 ? `${+(v / 1e3).toPrecision(3)}K` : `${+v.toPrecision(3)}`);
  switch (unit) {
    case 'percentunit':
      return `${+(value * 100).toPrecision(3)}%`;
    case 'percent':
      return `${+value.toPrecision(3)}%`;
    case 's':
      return value < 1 ? `${+(value * 1000).toPrecision(3)} ms` : `${+value.toPrecision(3)} s`;
    case 'ms':
      return `${+value.toPrecision(3)} ms`;
    case 'bytes':
      return value >= 2 ** 30 ? `${+(value / 2 ** 30).toPrecision(3)} GiB` : value >= 2 ** 20 ? `${+(value / 2 ** 20).toPrecision(3)} MiB` : `${short(value)} B`;
    case 'reqps':
      return `${short(value)} req/s`;
    case 'ops':
      return `${short(value)} ops/s`;
    default:
      return short(value);
  }
}

function text(x: number, y: number, content: string, size: number, weight = 'normal', fill = '#1f2328', anchor = 'start'): string {
  const escaped = content.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<text x="${x}" y="${y}" font-family="DejaVu Sans" font-size="${size}" font-weight="${weight}" fill="${fill}" text-anchor="${anchor}">${escaped}</text>`;
}
