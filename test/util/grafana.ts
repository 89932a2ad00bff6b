import { AlertRule, Dashboard, DashboardJson, Panel, alertSignals, laidOutPanels, renderDashboards } from '../../lib';
import { dashboards } from '../../dashboards';
import { Environment, local } from '../../stacks/environments';
import { MonitoringStack } from '../../stacks/monitoring-stack';
import { App } from 'cdktf';
import * as os from 'os';

type JsonPanel = Record<string, any>;

/** The deployed packs of an environment (overrides applied, alerts linked to their panels). */
export function deployedPacks(env: Environment = local) {
  return new MonitoringStack(new App({ outdir: os.tmpdir() }), env).prometheus.rulePacks;
}

/** A content dashboard by uid; throws when there is none. */
export function contentDashboard(uid: string): Dashboard {
  const d = dashboards.find((x) => x.uid === uid);
  if (!d) throw new Error(`no dashboard ${uid}; have: ${dashboards.map((x) => x.uid).join(', ')}`);
  return d;
}

/** The rendered JSON of a content dashboard, with an environment's thresholds. */
export function dashboardJson(uid: string, env: Environment = local): DashboardJson {
  return renderDashboards([contentDashboard(uid)], deployedPacks(env))[0];
}

/** A rendered panel by title; throws when there is none. */
export function jsonPanel(uid: string, title: string, env: Environment = local): JsonPanel {
  const panel = ((dashboardJson(uid, env).panels ?? []) as JsonPanel[]).find((p) => p.title === title);
  if (!panel) throw new Error(`dashboard ${uid} has no panel "${title}"`);
  return panel;
}

/** The declared panel (typed) and its id, by title. */
export function declaredPanel(uid: string, title: string): { id: number; panel: Panel } {
  const found = laidOutPanels(contentDashboard(uid)).find((p) => p.panel.title === title);
  if (!found) throw new Error(`dashboard ${uid} has no panel "${title}"`);
  return found;
}

/** The PromQL of a rendered panel's queries. */
export function panelExprs(panel: JsonPanel): string[] {
  return ((panel.targets ?? []) as { expr: string }[]).map((t) => t.expr);
}

/**
 * The threshold steps of a rendered panel, values to six significant digits:
 * a strict `> t` starts its colour just above t (lib/grafana justAbove), which reads as t.
 */
export function panelSteps(panel: JsonPanel): { value: number | null; color: string }[] {
  return roundedSteps(panel.fieldConfig.defaults.thresholds.steps);
}

/** The per-query threshold steps of a panel plotting several signals, by refId. */
export function querySteps(panel: JsonPanel): Record<string, { value: number | null; color: string }[]> {
  return Object.fromEntries(
    ((panel.fieldConfig.overrides ?? []) as { matcher: { id: string; options: string }; properties: { id: string; value: { steps: { value: number | null; color: string }[] } }[] }[])
      .filter((o) => o.matcher.id === 'byFrameRefID')
      .map((o) => [o.matcher.options, roundedSteps(o.properties.find((p) => p.id === 'thresholds')!.value.steps)]),
  );
}

function roundedSteps(steps: { value: number | null; color: string }[]): { value: number | null; color: string }[] {
  return steps.map((s) => ({ ...s, value: s.value === null ? null : Number(s.value.toPrecision(6)) }));
}

/** The threshold an alert compares its (first) signal with, as declared. */
export function thresholdOf(alert: AlertRule): number {
  return alertSignals(alert.expr)[0].threshold!;
}
