import { offsetMs, weekDays } from "../time";
import type { WorkingWeek } from "./input";

export const MINUTES_PER_WEEK = 7 * 24 * 60;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * A person's working time over one week, as sorted intervals [start, end) of minutes since Sunday 00:00 UTC. The
 * week repeats, so a Monday morning in Auckland is a Sunday evening in UTC. The time zone's offset is the one it has
 * at `at` (the cycle's start): a change to or from summer time during the cycle is not followed.
 */
export function weeklyIntervals(week: WorkingWeek, timeZone: string, at: number): number[] {
  const offset = Math.round(offsetMs(at, timeZone) / 60_000);
  const start = minutesOf(week.startTime);
  const end = minutesOf(week.endTime);
  const out: [number, number][] = [];
  for (const day of new Set(week.daysOfWeek)) {
    const d = weekDays.indexOf(day);
    const a = (((d * 1440 + start - offset) % MINUTES_PER_WEEK) + MINUTES_PER_WEEK) % MINUTES_PER_WEEK;
    let b = a + (end - start);
    if (b > MINUTES_PER_WEEK) {
      out.push([0, b - MINUTES_PER_WEEK]);
      b = MINUTES_PER_WEEK;
    }
    out.push([a, b]);
  }
  out.sort((x, y) => x[0] - y[0]);
  return out.flat();
}

/** Minutes a week that two sets of sorted, disjoint intervals share. */
export function sharedMinutes(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]!, b[j]!);
    const hi = Math.min(a[i + 1]!, b[j + 1]!);
    if (hi > lo) total += hi - lo;
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return total;
}

/**
 * The working weeks of a cohort: people with the same time zone and hours share one entry, and the minutes two
 * entries share are computed once.
 */
export class WorkingWeeks {
  private readonly keys = new Map<string, number>();
  private readonly intervals: number[][] = [];
  private matrix: Int32Array | null = null;
  private readonly sparse = new Map<number, number>();

  constructor(private readonly at: number) {}

  /** The entry of a person's week. */
  add(week: WorkingWeek, timeZone: string): number {
    const key = `${timeZone} ${[...week.daysOfWeek].sort().join(",")} ${week.startTime} ${week.endTime}`;
    let k = this.keys.get(key);
    if (k === undefined) {
      k = this.intervals.length;
      this.keys.set(key, k);
      this.intervals.push(weeklyIntervals(week, timeZone, this.at));
    }
    return k;
  }

  /** Minutes a week the two entries share. */
  shared(p: number, q: number): number {
    const n = this.intervals.length;
    if (n <= 2048) {
      if (this.matrix === null || this.matrix.length !== n * n) this.matrix = new Int32Array(n * n).fill(-1);
      const known = this.matrix[p * n + q]!;
      if (known >= 0) return known;
      const v = sharedMinutes(this.intervals[p]!, this.intervals[q]!);
      this.matrix[p * n + q] = v;
      this.matrix[q * n + p] = v;
      return v;
    }
    const key = p < q ? p * n + q : q * n + p;
    let v = this.sparse.get(key);
    if (v === undefined) {
      v = sharedMinutes(this.intervals[p]!, this.intervals[q]!);
      this.sparse.set(key, v);
    }
    return v;
  }
}
