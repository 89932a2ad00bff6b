import { System } from '../promql';
import { Panel } from './panel';

/** A row of panels under a title, one concern each (rate, errors, duration…). */
export interface DashboardRow {
  readonly title: string;
  readonly panels: readonly Panel[];
}

export interface DashboardProps {
  /** Stable, unique, at most 40 characters (Grafana's limit): links and bookmarks use it. */
  readonly uid: string;
  readonly title: string;
  /** What the dashboard is for, shown under its title. */
  readonly description: string;
  /**
   * The systems whose series it reads: every selector must carry one of their
   * scopes, and the `instance` variable lists their targets only.
   */
  readonly systems: readonly System[];
  /** Where it is declared, named in the JSON file's header, e.g. `dashboards/ik-engine/api-health.ts`. */
  readonly source: string;
  /** The first names the owning system: the folder, and the "Related" links to its other dashboards. @default the first system's name */
  readonly tags?: readonly string[];
  /** Grafana folder (one per system). @default the first tag, else the first system's name */
  readonly folder?: string;
  /** Headline panels above the first row. @default none */
  readonly headline?: readonly Panel[];
  readonly rows: readonly DashboardRow[];
}

/** A dashboard as typed data; `renderDashboard` turns it into Grafana's JSON. */
export interface Dashboard extends DashboardProps {
  readonly type: 'dashboard';
}

export function dashboard(props: DashboardProps): Dashboard {
  return { type: 'dashboard', ...props };
}

/** The dashboard's tags: as given, or its first system's name. */
export function tagsOf(d: Dashboard): readonly string[] {
  return d.tags ?? [d.systems[0]?.name ?? 'general'];
}

/** The dashboard's folder uid: its owning system (the first tag, which names it). */
export function folderOf(d: Dashboard): string {
  return d.folder ?? tagsOf(d)[0];
}

/** A row. */
export function row(title: string, panels: readonly Panel[]): DashboardRow {
  return { title, panels };
}
