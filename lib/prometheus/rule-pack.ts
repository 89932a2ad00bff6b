import { System } from '../promql';
import { AlertRule, RuleGroup } from './rule';

export interface RulePackProps {
  /**
   * The service: names the rule file and becomes the `service` label of every alert.
   * @default the system's name
   */
  readonly name?: string;
  /** The system whose catalog, scope and team the pack uses. */
  readonly system: System;
  /** Where the pack's code lives, named in the generated file's header, e.g. `rules/ik-engine`. */
  readonly source: string;
  readonly groups: readonly RuleGroup[];
  /** The system's runbook document; each alert links to `<runbookUrl>#<lowercased alert name>`. */
  readonly runbookUrl: string;
  /**
   * The system's main dashboard; alerts link to it as `dashboard_url` unless they set their own.
   * @default no dashboard link
   */
  readonly dashboardUrl?: string;
  /**
   * Other catalogs (exporters such as node_exporter) whose metrics the pack may read.
   * @default none
   */
  readonly reads?: readonly System[];
}

/** All rules of one system: rendered to one rule file, `rules/<system>.yml`. */
export interface RulePack extends RulePackProps {
  readonly type: 'pack';
}

export function rulePack(props: RulePackProps): RulePack {
  return { type: 'pack', ...props };
}

/** The pack's service name: its rule file and its alerts' `service` label. */
export function packName(pack: RulePack): string {
  return pack.name ?? pack.system.name;
}

/** The systems whose series the pack reads: its own, then those listed in `reads`. */
export function packSystems(pack: RulePack): System[] {
  return [pack.system, ...(pack.reads ?? [])];
}

/** An alert as deployed: labels and annotations filled in from its pack. */
export interface ResolvedAlert {
  readonly name: string;
  readonly group: string;
  readonly rule: AlertRule;
  /** `severity`, `service`, `team`, then extra labels sorted by name. */
  readonly labels: Readonly<Record<string, string>>;
  /** `summary`, `description`, `runbook_url`, then `dashboard_url` when set. */
  readonly annotations: Readonly<Record<string, string>>;
}

export function resolveAlert(pack: RulePack, group: RuleGroup, rule: AlertRule): ResolvedAlert {
  const extra = Object.entries(rule.labels ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return {
    name: rule.name,
    group: group.name,
    rule,
    labels: { severity: rule.severity, service: packName(pack), team: pack.system.team, ...Object.fromEntries(extra) },
    annotations: {
      summary: rule.summary,
      description: rule.description,
      runbook_url: rule.runbookUrl ?? `${pack.runbookUrl}#${rule.name.toLowerCase()}`,
      ...((rule.dashboardUrl ?? pack.dashboardUrl) ? { dashboard_url: rule.dashboardUrl ?? pack.dashboardUrl! } : {}),
    },
  };
}

const resolvedAlerts = new WeakMap<RulePack, readonly ResolvedAlert[]>();

/**
 * Every alert of the pack, resolved, in file order. A pack is never changed once
 * made (overrides make new ones), and validation, rendering, tests and routing
 * all ask: each pack is resolved once.
 */
export function packAlerts(pack: RulePack): readonly ResolvedAlert[] {
  let alerts = resolvedAlerts.get(pack);
  if (!alerts) {
    alerts = pack.groups.flatMap((g) => g.rules.filter((r): r is AlertRule => r.type === 'alert').map((r) => resolveAlert(pack, g, r)));
    resolvedAlerts.set(pack, alerts);
  }
  return alerts;
}

/** What a deployment tells every rule pack. */
export interface RulePackConfig {
  /** Folder URL of the runbooks; a pack links to `<runbookBaseUrl>/<system>.md`. */
  readonly runbookBaseUrl: string;
  /** Grafana's base URL; a pack links to `<grafanaBaseUrl>/d/<dashboard uid>`. */
  readonly grafanaBaseUrl: string;
}

/** The URL of a Grafana dashboard by its uid. */
export function dashboardUrlFor(config: RulePackConfig, uid: string): string {
  return `${config.grafanaBaseUrl.replace(/\/+$/, '')}/d/${uid}`;
}

/** The runbook document of a service (a pack name, or a system's name) under the configured base URL. */
export function runbookUrlFor(config: RulePackConfig, service: string | System): string {
  return `${config.runbookBaseUrl.replace(/\/+$/, '')}/${typeof service === 'string' ? service : service.name}.md`;
}
