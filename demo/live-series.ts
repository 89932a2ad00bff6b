import { Plan, PlannedSeries } from '../lib/testing/generate';

interface Live {
  readonly series: PlannedSeries;
  /** A counter's total when its rate last changed, and when. */
  readonly base: number;
  readonly sinceMs: number;
}

/**
 * The planned series as live values: a gauge holds its value, a counter grows
 * at its rate per second from the demo's start, a clock stays its value
 * ahead of now. A new plan keeps every counter's total so far, so a fault
 * changes rates without a counter ever going down (which rate() reads as a reset).
 */
export class LiveSeries {
  private live = new Map<string, Live>();

  constructor(plan: Plan, private readonly now: () => number = Date.now) {
    this.set(plan);
  }

  /** Serves `plan` from now on; series it lacks stop (their counters stay out of the output). */
  set(plan: Plan): void {
    const at = this.now();
    const next = new Map<string, Live>();
    for (const [key, series] of plan) {
      const before = this.live.get(key);
      next.set(key, { series, base: before ? this.valueOf(before, at) : 0, sinceMs: at });
    }
    this.live = next;
  }

  /** Every series with its value now. */
  values(): { series: PlannedSeries; value: number }[] {
    const at = this.now();
    return [...this.live.values()].map((l) => ({ series: l.series, value: this.valueOf(l, at) }));
  }

  private valueOf(l: Live, at: number): number {
    switch (l.series.kind) {
      case 'gauge':
        return l.series.value;
      case 'clock':
        return at / 1000 + l.series.value;
      case 'counter':
        // Not rounded to whole events: at low rates a floored count makes a young histogram's quantile jump.
        return l.base + (l.series.value * (at - l.sinceMs)) / 1000;
    }
  }
}
