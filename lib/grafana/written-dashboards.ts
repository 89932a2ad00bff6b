import * as fs from 'fs';
import * as path from 'path';

/* eslint-disable @typescript-eslint/no-explicit-any -- dashboard JSON as synth wrote it */

/** The dashboards synth wrote under a stack's `grafana/dashboards` (`<folder>/<uid>.json`), by folder and file name. */
export function readWrittenDashboards(dir: string): { folder: string; json: any }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .flatMap((folder) =>
      fs
        .readdirSync(path.join(dir, folder))
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => ({ folder, json: JSON.parse(fs.readFileSync(path.join(dir, folder, f), 'utf8')) })),
    );
}

/** Every panel of a dashboard's JSON in order: rows, and the panels a collapsed row holds after it. */
export function jsonPanels(dashboard: any): any[] {
  return (dashboard.panels ?? []).flatMap((p: any) => [p, ...(p.type === 'row' && Array.isArray(p.panels) ? p.panels : [])]);
}
