import type { GoalView, Recurrence, ResponseOf, TandemView, api } from "@tandem/core";

type Cycle = ResponseOf<typeof api.listCycles>["items"][number];

/** Sessions can be booked for a tandem or circle once everybody accepted it, and until it is paused or over. */
export const isBookable = (t: TandemView) =>
  (t.status === "accepted" || t.status === "active") && t.myRelation !== "coordinator";

/** The other members, as the person booking sees them. */
export const othersOf = (t: TandemView, meId: string) => t.members.filter((m) => m.id !== meId);

/** Goals the session's agenda is built from: those still being worked on. */
export const activeGoals = (goals: GoalView[]) =>
  goals.filter((g) => g.status === "not_started" || g.status === "in_progress");

const WEEK = 7 * 86_400_000;

/** The cadence of the tandem's cycle; a cycle that cannot be found books fortnightly, the program's default. */
export const everyWeeksOf = (t: TandemView, cycles: Cycle[]) => cycles.find((c) => c.id === t.cycleId)?.cadence.everyWeeks ?? 2;

/**
 * How many sessions a series starting at `start` needs to cover the rest of the cycle at its cadence, within
 * what a series may hold (2 to 52).
 */
export function sessionsLeftInCycle(start: string, t: TandemView, cycles: Cycle[]): number {
  const cycle = cycles.find((c) => c.id === t.cycleId);
  const everyWeeks = everyWeeksOf(t, cycles);
  if (!cycle) return 6;
  const end = Date.parse(`${cycle.endsOn}T23:59:59Z`);
  const fit = Math.floor((end - Date.parse(start)) / (everyWeeks * WEEK)) + 1;
  return Math.min(52, Math.max(2, fit));
}

/** When the last session of a series starts. */
export const lastOfSeries = (start: string, r: Recurrence) =>
  new Date(Date.parse(start) + (r.occurrences - 1) * r.everyWeeks * WEEK).toISOString();

/** A fresh key per booking attempt, kept while its outcome is unknown so that a retry cannot book twice. */
export class Attempt {
  private current: { key: string; signature: string } | null = null;

  keyFor(signature: string): string {
    if (this.current?.signature !== signature) this.current = { key: crypto.randomUUID(), signature };
    return this.current.key;
  }

  /** The api answered for sure (booked, or refused): the next attempt is a new one. */
  settle() {
    this.current = null;
  }
}
