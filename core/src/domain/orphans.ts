import type { CalendarEvent } from "../ports";
import { firstOverlap, type SlotHold } from "./booking";
import type { SessionRecord } from "./sessions";

/**
 * Orphans (ADR 0006): Outlook meetings Tandem booked, by their mark, that no session knows. A series move undone
 * whose undoing failed, or a booking cut short after Outlook created its meeting and never retried, leaves one in
 * every member's calendar; the sweep cancels it from the organizer's mailbox.
 */
export interface Orphan {
  /** The organizer's id of the meeting to cancel: a series' master for any of its occurrences. */
  eventId: string;
  iCalUId: string;
  tandemId: string;
  /** The first of its items seen in the span read. */
  start: string;
  end: string;
}

/** What Tandem knows of one tandem: its sessions (every status) and the bookings and moves in flight. */
export interface KnownTandem {
  sessions: SessionRecord[];
  holds: SlotHold[];
}

/**
 * The organizer's marked meetings no session of their tandem links to. Left alone: meetings of a tandem this
 * installation does not know (another installation's, in the same tenant), a slot held by a booking or a move in
 * flight (its sessions are not written yet), and meetings younger than `graceMs`, whose booking may still be retried
 * with its Idempotency-Key and find them again.
 */
export function orphanMeetings(
  events: CalendarEvent[],
  knownOf: (tandemId: string) => KnownTandem | undefined,
  now: string,
  graceMs: number,
): Orphan[] {
  const at = Date.parse(now);
  const found = new Map<string, Orphan>();
  for (const e of events) {
    if (!e.isOrganizer || e.isCancelled || !e.tandemId) continue;
    const known = knownOf(e.tandemId);
    if (!known) continue;
    const key = e.matchKey.toUpperCase();
    if (known.sessions.some((s) => s.link?.matchKey.toUpperCase() === key)) continue;
    if (e.createdAt && at - Date.parse(e.createdAt) < graceMs) continue;
    const inFlight = known.holds.filter((h) => Date.parse(h.until) > at).flatMap((h) => h.intervals);
    if (firstOverlap([e], inFlight)) continue;
    const eventId = e.seriesMasterId ?? e.id;
    if (!found.has(eventId)) found.set(eventId, { eventId, iCalUId: e.iCalUId, tandemId: e.tandemId, start: e.start, end: e.end });
  }
  return [...found.values()];
}
