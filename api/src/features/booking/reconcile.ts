import {
  TandemError,
  formatInstant,
  isParticipant,
  isUpcomingStatus,
  type CalendarEvent,
  type Relation,
  type SessionRecord,
  type Versioned,
} from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";

const DAY = 86_400_000;

/** How a session and a copy of its meeting recognise each other in any calendar. */
const matchOf = (matchKey: string, originalStart: string | null) =>
  originalStart ? `${matchKey.toUpperCase()}|${Date.parse(originalStart)}` : matchKey.toUpperCase();

/** The session as Outlook now has it: cancelled, moved (new times), or unchanged (null). */
function compare(s: SessionRecord, e: CalendarEvent | null, organizer: boolean): SessionRecord | null {
  if (!e || e.isCancelled) return { ...s, status: "cancelled" };
  let next: SessionRecord | null = null;
  if (Date.parse(e.start) !== Date.parse(s.start) || Date.parse(e.end) !== Date.parse(s.end)) {
    next = { ...s, start: formatInstant(Date.parse(e.start), s.timeZone), end: formatInstant(Date.parse(e.end), s.timeZone), status: "moved" };
  }
  // The organizer's occurrence ids, learnt on the way: later changes of that occurrence need no look-up.
  if (organizer && s.link?.originalStart && e.id !== s.graphEventId) {
    next = { ...(next ?? s), graphEventId: e.id, iCalUId: e.iCalUId };
  }
  return next;
}

/**
 * Brings the sessions still to come in line with their Outlook meetings, which people also move and cancel in
 * Outlook itself. One calendarView round trip reads the caller's copies of them all; the organizer, whose item
 * disappears when they cancel, confirms what is missing with one $batch. Past sessions, sessions without a
 * meeting and coordinators' reads (they have no copy) cost no Graph call. A moved session gets its new times and
 * the status "moved"; each change is written against the version read, so a concurrent edit wins and the next read
 * tries again. When Graph does not answer, the stored sessions are shown as they are.
 */
export async function reconcile(
  deps: Deps,
  caller: Caller,
  relation: Relation,
  sessions: Versioned<SessionRecord>[],
): Promise<Versioned<SessionRecord>[]> {
  if (!isParticipant(relation)) return sessions;
  const now = Date.parse(deps.clock.now());
  const watched = sessions.filter((s) => s.value.link && isUpcomingStatus(s.value.status) && Date.parse(s.value.end) > now);
  if (watched.length === 0) return sessions;

  const changed = new Map<string, SessionRecord>();
  try {
    const calendar = deps.calendarFor(caller);
    const times = watched.flatMap(({ value: s }) => {
      const original = s.link!.originalStart ? Date.parse(s.link!.originalStart) : Date.parse(s.start);
      return [Date.parse(s.start), Date.parse(s.end), original, original + (Date.parse(s.end) - Date.parse(s.start))];
    });
    const from = Math.min(...times) - DAY;
    const to = Math.max(...times) + DAY;
    const events = await calendar.eventsBetween(new Date(from).toISOString(), new Date(to).toISOString());
    const byMatch = new Map(events.map((e) => [matchOf(e.matchKey, e.originalStart), e]));

    const missing: SessionRecord[] = [];
    for (const { value: s } of watched) {
      const organizer = s.link!.organizerId === caller.userId;
      const e = byMatch.get(matchOf(s.link!.matchKey, s.link!.originalStart));
      if (e) {
        const next = compare(s, e, organizer);
        if (next) changed.set(s.id, next);
      } else if (organizer) {
        missing.push(s);
      }
      // An attendee without a copy declined or deleted it: that says nothing about the session.
    }

    if (missing.length) {
      // The organizer's own ids: a single event, an occurrence already seen, or else its series master.
      const idOf = (s: SessionRecord) =>
        s.link!.originalStart && s.graphEventId && s.graphEventId !== s.link!.eventId ? s.graphEventId : s.link!.eventId;
      // An occurrence never seen on its own is nowhere near its original slot: deleted from its series.
      const lookup = missing.filter((s) => !s.link!.originalStart || idOf(s) !== s.link!.eventId);
      const found = lookup.length ? await calendar.getEvents([...new Set(lookup.map(idOf))]) : new Map<string, CalendarEvent | null>();
      for (const s of missing) {
        const next = lookup.includes(s) ? compare(s, found.get(idOf(s)) ?? null, true) : { ...s, status: "cancelled" as const };
        if (next) changed.set(s.id, next);
      }
    }
  } catch (e) {
    if (!(e instanceof TandemError) || e.code === "internal") throw e;
    deps.warn("reconciling sessions with Outlook failed; showing them as stored", e);
    return sessions;
  }
  if (changed.size === 0) return sessions;

  const at = deps.clock.now();
  return Promise.all(
    sessions.map(async (s) => {
      const next = changed.get(s.value.id);
      if (!next) return s;
      try {
        return await deps.repos.sessions.replace(caller.tenantId, { ...next, updatedAt: at }, s.etag);
      } catch (e) {
        if (e instanceof TandemError && e.code === "precondition_failed") {
          return (await deps.repos.sessions.get(caller.tenantId, s.value.tandemId, s.value.id)) ?? s;
        }
        throw e;
      }
    }),
  );
}
