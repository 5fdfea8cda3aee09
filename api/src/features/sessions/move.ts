import {
  TandemError,
  checkBookable,
  checkSessionSlot,
  isUpcomingStatus,
  movedTo,
  occurrencesOf,
  seriesFrom,
  sessionsOfMeeting,
  type Calendar,
  type CalendarEvent,
  type RescheduleInput,
  type SessionRecord,
  type Versioned,
} from "@tandem/core";
import type { MemberAccess } from "../../platform/access";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { writeVersion } from "../../platform/versions";
import { changing, endSeriesAt, occurrenceId, saveAll, type Changing } from "./change";
import { transactionIdFor } from "./idempotency";
import { refuseDaysOff } from "./days-off";
import { indexMeeting, newMeeting, peopleOf } from "./meeting";
import { holdSlot, releaseQuietly } from "./slots";

/**
 * Moves one session, or its series from it on, in Outlook (as its organizer) and in Tandem. One occurrence becomes
 * an exception of its series; the series from a session becomes a new series for the sessions still to come. The new
 * times are held on the tandem's slots row first, as a booking holds its own (ADR 0006): a move onto another
 * session's time, or racing a booking of it, gets 409 naming that session before Outlook hears of it.
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
  const wholeSeries = input.scope !== "occurrence" && s.seriesId !== null && s.link?.originalStart != null;
  const { series, from } = seriesFrom(c.all, s);
  const active = wholeSeries ? from.filter((x) => isUpcomingStatus(x.value.status)) : [c.target];
  const recurrence = active.length > 1 ? { everyWeeks: s.recurrence?.everyWeeks ?? 1, occurrences: active.length } : null;

  // Known by the session it moves; a key of its own, so that two moves of one session at once exclude each other.
  const hold = { key: `move|${s.id}|${deps.ids.next()}`, sessionId: s.id, intervals: occurrencesOf(input, s.timeZone, recurrence) };
  await holdSlot(deps, caller, c.tandem.id, hold, new Set(active.map((x) => x.value.id)));
  try {
    if (!input.allowDaysOff) await refuseDaysOff(deps, deps.calendarFor(caller), await peopleOf(deps, caller, c.tandem), hold.intervals);
    if (!s.link) return await saveAll(deps, caller, [{ from: c.target, to: movedTo(s, input) }]);
    if (!wholeSeries) {
      const calendar = deps.calendarFor(caller);
      const e = await calendar.updateEvent(await occurrenceId(calendar, s), { start: input.start, end: input.end, timeZone: s.timeZone });
      const next = movedTo(s, input);
      return await saveAll(deps, caller, [{ from: c.target, to: s.link.originalStart ? { ...next, graphEventId: e.id, iCalUId: e.iCalUId } : next }]);
    }
    return await moveSeries(deps, caller, c, input, { series, active, recurrence });
  } finally {
    await releaseQuietly(deps, caller, c.tandem.id, s.id, hold.key);
  }
}

/**
 * The series from this session on: a new series at the new time for the sessions still to come, then the old one
 * ends before it. Either both happen or neither does: when Outlook refuses to end the old series, the new one is
 * cancelled again (its invitations withdrawn) and the sessions keep their times. Should that undoing fail too, the
 * new series carries Tandem's mark and no session: the orphan sweep cancels it (on the next read of the tandem's
 * sessions, or the timer's run). A failure after Outlook did both leaves the sessions as they were; the same move
 * sent again (same If-Match) finds the new series by its transactionId and finishes.
 */
async function moveSeries(
  deps: Deps,
  caller: Caller,
  c: Changing,
  input: RescheduleInput,
  plan: { series: Versioned<SessionRecord>[]; active: Versioned<SessionRecord>[]; recurrence: { everyWeeks: number; occurrences: number } | null },
) {
  const s = c.target.value;
  const { active, recurrence } = plan;
  const calendar = deps.calendarFor(caller);
  const [people, goals] = await Promise.all([peopleOf(deps, caller, c.tandem), deps.repos.goals.list(caller.tenantId, c.tandem.id)]);
  const transactionId = transactionIdFor(caller.tenantId, c.tandem.id, `move|${s.id}|${Date.parse(input.start)}|${Date.parse(input.end)}`);
  // Should Outlook create it and lose its answer, the same move again finds it by its transactionId; never sent again,
  // it carries Tandem's mark and no session, and the orphan sweep cancels it.
  const event: CalendarEvent = await calendar.createEvent(
    newMeeting(caller, { tandem: c.tandem, people, goals, slot: input, timeZone: s.timeZone, recurrence, transactionId }),
  );

  const ended: string[] = [];
  try {
    await endSeriesAt(calendar, plan.series.map((x) => x.value), s, active.map((x) => x.value), undefined, ended);
  } catch (e) {
    throw await undoMove(deps, caller, calendar, event, active, ended, e);
  }

  const fresh = sessionsOfMeeting({
    tandemId: c.tandem.id,
    organizerId: caller.userId,
    slot: input,
    timeZone: s.timeZone,
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

/**
 * Takes the new series back after Outlook refused to end the old one, and says what is left. A session whose old
 * Outlook series was already ended before the failure has no meeting any more: it is recorded cancelled, as the
 * next read would find it.
 */
async function undoMove(
  deps: Deps,
  caller: Caller,
  calendar: Calendar,
  event: CalendarEvent,
  active: Versioned<SessionRecord>[],
  ended: string[],
  cause: unknown,
): Promise<unknown> {
  if (!(cause instanceof TandemError) || cause.code === "internal") {
    await calendar.cancelEvent(event.id).catch((e) => deps.warn("undoing a series move failed; the orphan sweep will cancel the new series", e));
    return cause;
  }
  let undone = true;
  try {
    await calendar.cancelEvent(event.id);
  } catch (e) {
    undone = false;
    deps.warn("undoing a series move failed; the orphan sweep will cancel the new series", e);
  }
  const lost = active.filter((x) => x.value.link && ended.includes(x.value.link.eventId));
  if (lost.length) {
    await saveAll(deps, caller, lost.map((from) => ({ from, to: { ...from.value, status: "cancelled" as const } }))).catch((e) =>
      deps.warn("recording the sessions a failed series move ended failed; the next read records them", e),
    );
  }
  const what = undone
    ? "The move was undone: the new meetings were cancelled in everyone's calendar"
    : "The new meetings could not be cancelled yet; Tandem cancels them by itself shortly, as no session is theirs";
  const kept = lost.length
    ? `; ${lost.length} session(s) had already lost their old meeting and are now cancelled, the others keep their times`
    : ", and the sessions keep their times";
  return new TandemError(cause.code, `${cause.message} ${what}${kept}. Try the move again later.`, cause.problems);
}
