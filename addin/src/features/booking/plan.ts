import { canBookFor, isAheadAndBooked, occurrencesOf, type GoalView, type Recurrence, type ResponseOf, type SessionView, type TandemView, type Api } from "@tandem/core";

export type Cycle = ResponseOf<Api["listCycles"]>["items"][number];

/** Sessions can be booked for a tandem or circle once everybody accepted it, and until it is paused or over. */
export const isBookable = (t: TandemView) => canBookFor(t) && t.myRelation !== "coordinator";

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

/**
 * The series the tandem already has: the sessions to come of the last series booked, soonest first; empty when it
 * has none. A new series would add to it, so the booking says so and offers to replace it.
 */
export function seriesToCome(sessions: SessionView[], now: string): SessionView[] {
  const ahead = sessions.filter((s) => s.seriesId !== null && isAheadAndBooked(s, now)).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const last = ahead.reduce<SessionView | null>((latest, s) => (latest === null || s.createdAt > latest.createdAt ? s : latest), null);
  return last ? ahead.filter((s) => s.seriesId === last.seriesId) : [];
}

/** When the last session of a series starts: the same wall-clock time in my zone, as the api books it. */
export const lastOfSeries = (slot: { start: string; end: string }, r: Recurrence, timeZone: string) =>
  occurrencesOf(slot, timeZone, r).at(-1)!.start;

/**
 * A key per booking attempt (the same tandem, time and series), kept until the api gives a definite answer: after
 * no answer or a 5xx the booking may have happened, and the api replays a retry with the same key instead of
 * booking twice. A success or a refusal (4xx) settles it; the next attempt gets a new key.
 */
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
