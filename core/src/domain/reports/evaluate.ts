import type { MonthEntry, Span, TandemLink } from "./aggregate";

/** What the aggregates say at a given instant: time passes without writes, so "held" and "quiet" are read now. */

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

export interface SessionCounts {
  /** Booked and not cancelled: held, going on, or still to come. */
  scheduled: number;
  held: number;
  heldMinutes: number;
  cancelled: number;
}

/** A month entry's sessions as they stand at `now`: an open session whose end has passed is held. */
export function sessionsAt(e: Pick<MonthEntry, "open" | "held" | "heldMinutes" | "cancelled">, now: number): SessionCounts {
  let held = e.held;
  let heldMinutes = e.heldMinutes;
  for (const [end, minutes] of e.open) {
    if (end <= now) {
      held++;
      heldMinutes += minutes;
    }
  }
  return { scheduled: e.held + e.open.length, held, heldMinutes, cancelled: e.cancelled };
}

/** Sessions the cadence expects over [from, to]: the time the tandem was active, in cadence periods. */
export function expectedSessions(spans: readonly Span[], everyWeeks: number | null, from: number, to: number): number {
  if (everyWeeks === null || to <= from) return 0;
  let active = 0;
  for (const [start, end] of spans) active += Math.max(0, Math.min(end ?? to, to) - Math.max(start, from));
  return active / (everyWeeks * WEEK_MS);
}

type Sessions = Pick<TandemLink, "lastHeld"> & { open: readonly (readonly number[])[] };

/** The end of the last session held by `now`. Open sessions are [start, end, ...]. */
export function lastHeldAt(t: Sessions, now: number): number | null {
  let last = t.lastHeld;
  for (const [, end] of t.open) if (end! <= now && (last === null || end! > last)) last = end!;
  return last;
}

/** The start of the next session not over by `now` (it may be going on). */
export function nextSessionAt(t: Sessions, now: number): number | null {
  let next: number | null = null;
  for (const [start, end] of t.open) if (end! > now && (next === null || start! < next)) next = start!;
  return next;
}

export const atRiskReasons = ["quiet", "none_scheduled"] as const;
export type AtRiskReason = (typeof atRiskReasons)[number];

/**
 * An active tandem is at risk when no session was held for more than two cadence periods (counted from its last
 * activation when none was ever held), or when none is scheduled. Paused and finished tandems are not.
 */
export function atRisk(t: Sessions & Pick<TandemLink, "status" | "everyWeeks" | "spans">, now: number): AtRiskReason | null {
  if (t.status !== "active") return null;
  const since = lastHeldAt(t, now) ?? t.spans.at(-1)?.[0] ?? null;
  if (t.everyWeeks !== null && since !== null && now - since > 2 * t.everyWeeks * WEEK_MS) return "quiet";
  if (nextSessionAt(t, now) === null) return "none_scheduled";
  return null;
}
