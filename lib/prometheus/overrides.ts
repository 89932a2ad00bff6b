import { Duration, compare, formatNumber } from '../promql';
import { AlertRule, Rule, Severity, withSettings } from './rule';
import { RulePack } from './rule-pack';

/** What a deployment may change of an alert without editing its pack. */
export interface AlertOverride {
  /** A new threshold, for alerts that compare one expression with one number. */
  readonly threshold?: number;
  readonly for?: Duration;
  readonly severity?: Severity;
  /** Leave the alert out of this deployment. */
  readonly disabled?: boolean;
}

/** Overrides keyed by alert name. */
export type AlertOverrides = Readonly<Record<string, AlertOverride>>;

export interface OverriddenPacks {
  readonly packs: readonly RulePack[];
  /** Overrides that name no alert, or that cannot apply; reported at synth. */
  readonly problems: readonly string[];
}

/** The packs with the deployment's overrides applied, alert by alert. */
export function applyAlertOverrides(packs: readonly RulePack[], overrides: AlertOverrides = {}): OverriddenPacks {
  const problems: string[] = [];
  const known = new Set(packs.flatMap((p) => p.groups.flatMap((g) => g.rules.flatMap((r) => (r.type === 'alert' ? [r.name] : [])))));
  for (const name of Object.keys(overrides)) {
    if (!known.has(name)) problems.push(`alert override ${name}: no rule pack has an alert of that name; fix the name or remove the override`);
  }
  const apply = (rule: Rule): Rule[] => {
    const override = rule.type === 'alert' ? overrides[rule.name] : undefined;
    if (!override || rule.type !== 'alert') return [rule];
    if (override.disabled) return [];
    return [overridden(rule, override, problems)];
  };
  return {
    problems,
    packs: packs.map((pack) => ({ ...pack, groups: pack.groups.map((g) => ({ ...g, rules: g.rules.flatMap(apply) })) })),
  };
}

function overridden(rule: AlertRule, override: AlertOverride, problems: string[]): AlertRule {
  let expr = rule.expr;
  if (override.threshold !== undefined && !Number.isFinite(override.threshold)) {
    // Number(process.env.UNSET) is NaN: say where it came from, not what the expression then looks like.
    problems.push(`alert override ${rule.name}: threshold ${formatNumber(override.threshold)} is not a finite number (a missing environment variable read with Number() gives NaN); give a number`);
  } else if (override.threshold !== undefined) {
    if (rule.expr.comparison) expr = compare(rule.expr.comparison.operator, rule.expr.comparison.subject as never, override.threshold);
    else problems.push(`alert override ${rule.name}: its condition does not compare one expression with one number, so it has no threshold to change`);
  }
  problems.push(...staleTexts(rule, override));
  return {
    ...withSettings(rule, expr, override.for ?? rule.for),
    ...(override.severity !== undefined ? { severity: override.severity } : {}),
  };
}

/**
 * A fixed text that states the old threshold or `for` would tell the on-call
 * engineer a number that is no longer true: the pack must write it as a
 * function of the settings.
 */
function staleTexts(rule: AlertRule, override: AlertOverride): string[] {
  const changed: [string, string][] = [];
  const threshold = rule.expr.comparison?.threshold;
  if (override.threshold !== undefined && threshold !== undefined && override.threshold !== threshold) changed.push(...thresholdSpellings(threshold).map((t): [string, string] => ['threshold', t]));
  if (override.for !== undefined && rule.for !== undefined && override.for !== rule.for) changed.push(['for', rule.for]);
  const problems: string[] = [];
  for (const field of ['summary', 'description'] as const) {
    const text = rule.texts[field];
    if (typeof text !== 'string') continue;
    for (const [what, old] of changed) {
      if (statesValue(text, old)) {
        problems.push(`alert override ${rule.name}: its ${field} states the ${what} ${old}, which the override changes; write the ${field} in its pack as a function of { threshold, for }`);
      }
    }
  }
  return problems;
}

/** How texts write a threshold: 0.05 is also "5%", 5 also "5s". */
export function thresholdSpellings(threshold: number): string[] {
  return [formatNumber(threshold), `${formatNumber(threshold * 100)}%`, `${formatNumber(threshold)}s`];
}

const UNIT_WORDS: Record<string, string> = { s: 'sec(?:ond)?s?', m: 'min(?:ute)?s?', h: 'h(?:ou)?rs?', d: 'days?', w: 'weeks?' };

/**
 * Whether `text` states `value` as a number of its own (not part of 0.05 or
 * 15m), as texts write it: `5%` also as "5 %", `10m` also as "10 minutes".
 */
export function statesValue(text: string, value: string): boolean {
  const duration = /^(\d+)([smhdw])$/.exec(value);
  const pattern = duration ? `${duration[1]}(?:${duration[2]}|\\s?${UNIT_WORDS[duration[2]]})` : value.replace(/\./g, '\\.').replace(/%$/, '\\s?%');
  return new RegExp(`(?<![\\w.])${pattern}(?![\\w%]|\\.\\d)`).test(text);
}
