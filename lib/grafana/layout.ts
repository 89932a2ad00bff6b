import { Dashboard } from './dashboard';
import { Panel } from './panel';

export const GRID_COLUMNS = 24;
const DEFAULT_WIDTH = 8;
const DEFAULT_HEIGHT = 8;

export interface GridPos {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export type LaidOut = { readonly type: 'row'; readonly id: number; readonly title: string; readonly gridPos: GridPos } | { readonly type: 'panel'; readonly id: number; readonly panel: Panel; readonly gridPos: GridPos };

/**
 * Places the headline and every row top-down, panels left to right, wrapping
 * at 24 columns. Ids are 1, 2, 3… in that order: stable as long as the
 * declaration is, and what `viewPanel` links name.
 */
export function layOut(d: Dashboard): LaidOut[] {
  const items: LaidOut[] = [];
  let id = 1;
  let y = 0;
  const flow = (panels: readonly Panel[]) => {
    let x = 0;
    let lineHeight = 0;
    for (const panel of panels) {
      const w = panel.width ?? DEFAULT_WIDTH;
      const h = panel.height ?? DEFAULT_HEIGHT;
      if (x > 0 && x + w > GRID_COLUMNS) {
        y += lineHeight;
        x = 0;
        lineHeight = 0;
      }
      items.push({ type: 'panel', id: id++, panel, gridPos: { x, y, w, h } });
      x += w;
      lineHeight = Math.max(lineHeight, h);
    }
    y += lineHeight;
  };
  flow(d.headline ?? []);
  for (const r of d.rows) {
    items.push({ type: 'row', id: id++, title: r.title, gridPos: { x: 0, y: y++, w: GRID_COLUMNS, h: 1 } });
    flow(r.panels);
  }
  return items;
}

/** The panels with their ids, in order. */
export function laidOutPanels(d: Dashboard): Extract<LaidOut, { type: 'panel' }>[] {
  return layOut(d).filter((i): i is Extract<LaidOut, { type: 'panel' }> => i.type === 'panel');
}
