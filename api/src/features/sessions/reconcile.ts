import {
  TandemError,
  isParticipant,
  isWatched,
  knownEventId,
  meetingMatch,
  sessionAsMeeting,
  watchSpan,
  type CalendarEvent,
  type Relation,
  type SessionRecord,
  type Versioned,
} from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { sweepOnRead } from "./orphans";

/**
 * Brings the sessions still to come in line with their Outlook meetings, which people also move and cancel in
 * Outlook itself. One calendarView round trip reads the caller's copies of them all; the organizer, whose item
 * disappears when they cancel, confirms what is missing with one $batch. Past sessions, sessions without a
 * meeting and coordinators' reads (they have no copy) cost no Graph call. A moved session gets its new times and
 * the status "moved"; each change is written against the version read, so a concurrent edit wins and the next read
 * tries again. When Graph does not answer, the stored sessions are shown as they are. Orphans of the tandem among
 * the meetings read are cancelled on the way (orphans.ts).
 */
export async function reconcile(
  deps: Deps,
  caller: Caller,
  relation: Relation,
  sessions: Versioned<SessionRecord>[],
): Promise<Versioned<SessionRecord>[]> {
  if (!isParticipant(relation)) return sessions;
  const now = deps.clock.now();
  const watched = sessions.filter((s) => isWatched(s.value, now));
  if (watched.length === 0) return sessions;

  const changed = new Map<string, SessionRecord>();
  try {
    const calendar = deps.calendarFor(caller);
    const span = watchSpan(watched.map((s) => s.value));
    const events = await calendar.eventsBetween(span.from, span.to);
    const byMatch = new Map(events.map((e) => [meetingMatch(e.matchKey, e.originalStart), e]));

    const missing: SessionRecord[] = [];
    for (const { value: s } of watched) {
      const organizer = s.link!.organizerId === caller.userId;
      const e = byMatch.get(meetingMatch(s.link!.matchKey, s.link!.originalStart));
      if (e) {
        const next = sessionAsMeeting(s, e, organizer);
        if (next) changed.set(s.id, next);
      } else if (organizer) {
        missing.push(s);
      }
      // An attendee without a copy declined or deleted it: that says nothing about the session.
    }
    // Among the same meetings, the caller's own that carry this tandem's mark and no session: a move undone whose
    // undoing failed, a booking never finished. Cancelled here; the timer's sweep finds those further away.
    await sweepOnRead(deps, caller, calendar, watched[0]!.value.tandemId, sessions.map((s) => s.value), events).catch((e) => {
      if (!(e instanceof TandemError) || e.code === "internal") throw e;
      deps.warn("sweeping orphan meetings on read failed; the timer's sweep finds them", e);
    });

    if (missing.length) {
      // What the organizer's own ids tell: a single event or an occurrence already seen, one $batch for them all. An
      // occurrence never seen on its own is nowhere near its original slot: deleted from its series.
      const ids = [...new Set(missing.map(knownEventId).filter((id): id is string => id !== null))];
      const found = ids.length ? await calendar.getEvents(ids) : new Map<string, CalendarEvent | null>();
      for (const s of missing) {
        const id = knownEventId(s);
        const next = id ? sessionAsMeeting(s, found.get(id) ?? null, true) : { ...s, status: "cancelled" as const };
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
  const reconciled = await Promise.all(
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
  // Outlook moved or cancelled some: what reports count changed with them.
  await deps.aggregates.tandemChanged(caller.tenantId, sessions[0]!.value.tandemId);
  return reconciled;
}
