import { Labels, Unsupported } from './model';

/**
 * Expands the subset of Prometheus alert templates the packs use, as
 * Prometheus does: `{{ $labels.x }}`, `{{ $value | humanize }}`,
 * humanizePercentage, humanizeDuration and printf. Anything else is
 * {@link Unsupported}, so the generator never guesses.
 */
export function expandTemplate(text: string, labels: Labels, value: number): string {
  return text.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_all, body: string) => evalPipeline(body.trim(), labels, value));
}

function evalPipeline(body: string, labels: Labels, value: number): string {
  const stages = body.split('|').map((s) => s.trim());
  let current: string | number = operand(stages[0], labels, value);
  for (const stage of stages.slice(1)) current = applyFunction(stage, current);
  return typeof current === 'number' ? goFormat('%v', current) : current;
}

function operand(token: string, labels: Labels, value: number): string | number {
  if (token === '$value' || token === '.Value') return value;
  const label = /^(?:\$labels|\.Labels)\.([a-zA-Z_][a-zA-Z0-9_]*)$/.exec(token);
  if (label) return labels[label[1]] ?? '';
  const printf = /^printf\s+"([^"]*)"\s+(\S+)$/.exec(token);
  if (printf) return goFormat(printf[1], Number(operand(printf[2], labels, value)));
  throw new Unsupported(`template {{ ${token} }}`);
}

function applyFunction(stage: string, input: string | number): string {
  const v = typeof input === 'number' ? input : Number(input);
  if (stage === 'humanize') return humanize(v);
  if (stage === 'humanizePercentage') return `${goFormat('%.4g', v * 100)}%`;
  if (stage === 'humanizeDuration') return humanizeDuration(v);
  const printf = /^printf\s+"([^"]*)"$/.exec(stage);
  if (printf) return goFormat(printf[1], v);
  throw new Unsupported(`template function ${stage}`);
}

function humanize(v: number): string {
  if (v === 0 || !Number.isFinite(v)) return goFormat('%.4g', v);
  let prefix = '';
  if (Math.abs(v) >= 1) {
    for (const p of ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y']) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return goFormat('%.4g', v) + prefix;
  }
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return goFormat('%.4g', v) + prefix;
}

function humanizeDuration(v: number): string {
  if (!Number.isFinite(v)) return goFormat('%.4g', v);
  if (v === 0) return `${goFormat('%.4g', v)}s`;
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    const duration = Math.trunc(Math.abs(v));
    const [s, m, h, d] = [duration % 60, Math.trunc(duration / 60) % 60, Math.trunc(duration / 3600) % 24, Math.trunc(duration / 86400)];
    if (d) return `${sign}${d}d ${h}h ${m}m ${s}s`;
    if (h) return `${sign}${h}h ${m}m ${s}s`;
    if (m) return `${sign}${m}m ${s}s`;
    return `${sign}${goFormat('%.4g', Math.abs(v))}s`;
  }
  let prefix = '';
  for (const p of ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y']) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return `${goFormat('%.4g', v)}${prefix}s`;
}

/** Go's fmt verbs for one float: %v, %.Ng, %g, %.Nf, %f, %d. */
export function goFormat(format: string, v: number): string {
  return format.replace(/%(\.(\d+))?([vgfde%])/g, (_all, _p, precision: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf';
    switch (verb) {
      case 'f':
        return v.toFixed(precision === undefined ? 6 : Number(precision));
      case 'd':
        return String(Math.trunc(v));
      case 'e':
        return goExponent(v.toExponential(precision === undefined ? 6 : Number(precision)));
      default:
        return formatG(v, verb === 'v' || precision === undefined ? undefined : Number(precision));
    }
  });
}

/** strconv.FormatFloat(v, 'g', precision, 64); shortest representation when precision is undefined. */
function formatG(v: number, precision: number | undefined): string {
  if (v === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(Number(v.toPrecision(precision ?? 17)))));
  const limit = precision ?? 21;
  if (exponent < -4 || exponent >= limit) {
    const mantissa = precision === undefined ? v.toExponential() : v.toExponential(Math.max(0, precision - 1));
    return goExponent(mantissa.replace(/\.?0+e/, 'e'));
  }
  const fixed = precision === undefined ? String(v) : v.toPrecision(precision);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/** JS `1.5e+4` → Go `1.5e+04`. */
function goExponent(text: string): string {
  return text.replace(/e([+-])(\d)$/, 'e$10$2');
}
