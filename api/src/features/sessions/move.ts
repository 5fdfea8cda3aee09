import {
  checkBookable,
  checkSessionSlot,
  firstOverlap,
  isUpcomingStatus,
  movedTo,
  seriesFrom,
  sessionsOfMeeting,
  type RescheduleInput,
  type SessionRecord,
  type Versioned,
} from "@tandem/core";
import type { MemberAccess } from "../../platform/access";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { writeVersion } from "../../platform/versions";
import { changing, endSeriesAt, occurrenceId, saveAll } from "./change";
import { transactionIdFor } from "./idempotency";
import { indexMeeting, newMeeting, peopleOf } from "./meeting";
import { slotTaken } from "./slots";

/**
 * Moves one session, or its series from it on, in Outlook (as its organizer) and in Tandem. One occurrence becomes
 * an exception of its series; the series from a session becomes a new series for the sessions still to come.
 */
export async function moveSession(
  deps: Deps,
  caller: Caller,
  access: MemberAccess,
  all: Versioned<SessionRecord>[],
  sessionId: string,
  input: RescheduleInput,
  ifMatch: string,
) {
  const c = await changing(deps, caller, access, all, sessionId);
  checkBookable(c.tandem);
  writeVersion(ifMatch, c.target, "This session");
  checkSessionSlot(input, deps.clock.now());
  const s = c.target.value;
  const zone = s.timeZone;
  // One session onto another's time is refused before Outlook hears of it (ADR 0006, one booking per slot). A series
  // moved from a session is not checked yet, nor a move racing a booking (no hold is taken).
  if (input.scope === "occurrence" || !s.seriesId) {
    const others = c.all.filter((x) => x.value.id !== s.id && x.value.status !== "cancelled").map((x) => ({ sessionId: x.value.id, start: x.value.start, end: x.value.end }));
    const clash = firstOverlap([input], others);
    if (clash) throw slotTaken(clash, false);
  }

  if (!s.link) return saveAll(deps, caller, [{ from: c.target, to: movedTo(s, input) }]);
  const calendar = deps.calendarFor(caller);

  if (input.scope === "occurrence" || !s.seriesId || !s.link.originalStart) {
    const e = await calendar.updateEvent(await occurrenceId(calendar, s), { start: input.start, end: input.end, timeZone: zone });
    const next = movedTo(s, input);
    return saveAll(deps, caller, [{ from: c.target, to: s.link.originalStart ? { ...next, graphEventId: e.id, iCalUId: e.iCalUId } : next }]);
  }

  // The series from this session on: a new series at the new time for the sessions still to come, then the old
  // one ends before it. Creating first (idempotent by transactionId) means a failure in between leaves a
  // duplicate to clean by retrying, never a session without its meeting.
  const { series, from } = seriesFrom(c.all, s);
  const active = from.filter((x) => isUpcomingStatus(x.value.status));
  const recurrence = active.length > 1 ? { everyWeeks: s.recurrence?.everyWeeks ?? 1, occurrences: active.length } : null;
  const [people, goals] = await Promise.all([peopleOf(deps, caller, c.tandem), deps.repos.goals.list(caller.tenantId, c.tandem.id)]);
  const event = await calendar.createEvent(
    newMeeting(caller, {
      tandem: c.tandem,
      people,
      goals,
      slot: input,
      timeZone: zone,
      recurrence,
      transactionId: transactionIdFor(caller.tenantId, c.tandem.id, `move|${s.id}|${Date.parse(input.start)}|${Date.parse(input.end)}`),
    }),
  );
  await endSeriesAt(calendar, series.map((x) => x.value), s, active.map((x) => x.value));
  const fresh = sessionsOfMeeting({
    tandemId: c.tandem.id,
    organizerId: caller.userId,
    slot: input,
    timeZone: zone,
    event,
    recurrence,
    seriesId: s.seriesId,
    status: "moved",
    now: deps.clock.now(),
    nextId: () => deps.ids.next(),
  });
  await indexMeeting(deps, caller, { matchKey: event.matchKey, eventId: event.id }, {
    tandemId: c.tandem.id,
    sessionId: recurrence ? null : active[0]!.value.id,
    seriesId: s.seriesId,
  });
  return saveAll(
    deps,
    caller,
    active.map((from, i) => ({
      from,
      to: { ...fresh[i]!, id: from.value.id, recurrence: from.value.recurrence, createdAt: from.value.createdAt },
    })),
  );
}
