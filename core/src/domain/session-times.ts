import type { Session, SessionStatus } from "./sessions";

/*
 * When a session is upcoming, held, past or called off: the one set of rules every view and the reports read. No zod
 * here, so that the browser apps' first screen can use them (`@tandem/core/client`).
 */

/** Still going to happen: booked, possibly at another time than first planned ("moved"). */
export const isUpcomingStatus = (status: SessionStatus) => status === "scheduled" || status === "moved";

/** Called off before it happened (cancelled), or said by a member not to have taken place (missed). */
export const isCalledOff = (status: SessionStatus) => status === "cancelled" || status === "missed";

type Timed = Pick<Session, "start" | "end" | "status">;

/**
 * Held whatever the time: a member marked it held, or checked in to it, and nobody called it off. What time adds
 * (a meeting that ended) is `isHeld`'s; reports keep the two apart because time passes without writes.
 */
export const heldForSure = (s: Pick<Session, "status">, checkedIn = false) =>
  s.status === "held" || (isUpcomingStatus(s.status) && checkedIn);

/**
 * The one rule of a held session (DESIGN, "Held"): its meeting has ended and was not cancelled, or a member checked
 * in to it or marked it held; a member saying it did not take place (missed) wins over the clock.
 */
export const isHeld = (s: Timed, now: string, checkedIn = false) =>
  heldForSure(s, checkedIn) || (isUpcomingStatus(s.status) && Date.parse(s.end) <= Date.parse(now));

/**
 * Upcoming means upcoming, in every view (the tab's home and sessions, the add-in): not called off and not over,
 * whatever Outlook did to its time. A session going on is still upcoming: its Join link is what one needs then.
 */
export const isUpcoming = (s: Timed, now: string) => !isCalledOff(s.status) && Date.parse(s.end) > Date.parse(now);

/**
 * Where a session belongs for its members: still to come (with its Join link), over, or called off before its time
 * (neither past nor joinable, and nothing to check in to).
 */
export type SessionPhase = "upcoming" | "past" | "calledOff";
export const sessionPhase = (s: Timed, now: string): SessionPhase =>
  isUpcoming(s, now) ? "upcoming" : isCalledOff(s.status) && Date.parse(s.start) > Date.parse(now) ? "calledOff" : "past";

/** The sessions to come, soonest first; the first is "Next session". */
export const upcomingSessions = <S extends Timed>(sessions: readonly S[], now: string): S[] =>
  sessions.filter((s) => isUpcoming(s, now)).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));

export const nextSession = <S extends Timed>(sessions: readonly S[], now: string): S | null => upcomingSessions(sessions, now)[0] ?? null;

/** The status a person reads: a meeting that ended counts as held without anyone saying so. */
export const shownStatus = (s: Timed, now: string, checkedIn = false): SessionStatus => (isHeld(s, now, checkedIn) ? "held" : s.status);

/** A check-in is possible once the session has started, unless it was called off. A moved session still happens. */
export const canCheckIn = (s: Pick<Session, "start" | "status">, now: string) =>
  (isUpcomingStatus(s.status) || s.status === "held") && Date.parse(s.start) <= Date.parse(now);

/** What pausing or ending a tandem may cancel: still booked and not yet started. Only whoever booked one may cancel it. */
export const isAheadAndBooked = (s: Timed, now: string) => isUpcomingStatus(s.status) && Date.parse(s.start) > Date.parse(now);

/**
 * Once it has started, a member may say a session did not take place (missed), or that it did after all (held). A
 * cancelled session's Outlook meeting is gone: it stays cancelled.
 */
export const canSayHeldOrNot = (s: Pick<Session, "start" | "status">, now: string) =>
  s.status !== "cancelled" && Date.parse(s.start) <= Date.parse(now);
