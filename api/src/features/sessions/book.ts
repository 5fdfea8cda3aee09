import { TandemError, checkBookable, checkSessionSlot, occurrencesOf, sessionsOfMeeting, type BookingInput, type CalendarEvent } from "@tandem/core";
import type { MemberAccess, Reads } from "../../platform/access";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { fingerprintOf, recordBooking, replay, transactionIdFor, unrecorded } from "./idempotency";
import { refuseDaysOff } from "./days-off";
import { indexMeeting, newMeeting, peopleOf, zoneOf } from "./meeting";
import { holdSlot, releaseQuietly } from "./slots";

/** Everything a booking reads besides the tandem, at once with it: the key's booking, my profile, the goals. */
export const bookingReads = (r: Reads, caller: Caller, tandemId: string, key: string) =>
  Promise.all([r.bookings.get(caller.tenantId, tandemId, key), r.profiles.get(caller.tenantId, caller.userId), r.goals.list(caller.tenantId, tandemId)]);

/**
 * Books a session, or a weekly series, in everyone's calendar: one Outlook meeting organized by the caller, with
 * every other member invited, a Teams meeting, the Tandem category and the open goals as agenda. Costs one Graph
 * round trip. The Idempotency-Key makes retries safe twice over: a booking recorded under it is answered again
 * without Graph, and a meeting created before a failure to record it is found again by its transactionId.
 */
export async function bookSession(
  deps: Deps,
  caller: Caller,
  { tandem }: MemberAccess,
  input: BookingInput,
  key: string,
  [done, profile, goals]: Awaited<ReturnType<typeof bookingReads>>,
) {
  const tandemId = tandem.value.id;
  const fingerprint = fingerprintOf(caller, input);
  if (done) return replay(deps, caller, tandemId, done, fingerprint);

  checkBookable(tandem.value);
  checkSessionSlot(input, deps.clock.now());
  const calendar = deps.calendarFor(caller);
  const people = await peopleOf(deps, caller, tandem.value);
  const zone = await zoneOf(profile, people.find((p) => p.id === caller.userId), calendar);

  const occurrences = occurrencesOf(input, zone, input.recurrence);

  // The slot is held before Outlook hears of the booking: a booking that loses it creates no meeting.
  const firstSessionId = deps.ids.next();
  try {
    await holdSlot(deps, caller, tandemId, { key, sessionId: firstSessionId, intervals: occurrences });
  } catch (e) {
    // The same key may have been recorded meanwhile by a concurrent retry: that is this booking, answered again.
    const recorded = e instanceof TandemError && e.code === "conflict" ? await deps.repos.bookings.get(caller.tenantId, tandemId, key) : null;
    if (recorded) return replay(deps, caller, tandemId, recorded, fingerprint);
    throw e;
  }
  try {
    // Held first: a time another session holds is refused without a word to Outlook.
    if (!input.allowDaysOff) await refuseDaysOff(deps, calendar, people, occurrences);
    return await bookHeld(deps, caller, tandem.value, input, key, fingerprint, zone, people, goals, firstSessionId);
  } finally {
    await releaseQuietly(deps, caller, tandemId, firstSessionId);
  }
}

async function bookHeld(
  deps: Deps,
  caller: Caller,
  tandem: MemberAccess["tandem"]["value"],
  input: BookingInput,
  key: string,
  fingerprint: string,
  zone: string,
  people: Awaited<ReturnType<typeof peopleOf>>,
  goals: Awaited<ReturnType<typeof bookingReads>>[2],
  firstSessionId: string,
) {
  const tandemId = tandem.id;
  const calendar = deps.calendarFor(caller);
  let event: CalendarEvent;
  try {
    event = await calendar.createEvent(
      newMeeting(caller, {
        tandem,
        people,
        goals,
        slot: input,
        timeZone: zone,
        recurrence: input.recurrence,
        transactionId: transactionIdFor(caller.tenantId, tandemId, key),
      }),
    );
  } catch (e) {
    throw unrecorded(e);
  }
  // The key's transactionId found a meeting an earlier try created: it must be this booking's, not another slot's.
  if (Date.parse(event.start) !== Date.parse(input.start) || Date.parse(event.end) !== Date.parse(input.end)) {
    throw new TandemError("conflict", "This Idempotency-Key was already used for another booking: send a new key for a new booking.");
  }

  const seriesId = input.recurrence ? deps.ids.next() : null;
  // The first session takes the id its hold announced, so that a booking refused meanwhile was told the right one.
  let first = true;
  const sessions = sessionsOfMeeting({
    tandemId,
    organizerId: caller.userId,
    slot: input,
    timeZone: zone,
    event,
    recurrence: input.recurrence,
    seriesId,
    status: "scheduled",
    now: deps.clock.now(),
    nextId: () => (first ? ((first = false), firstSessionId) : deps.ids.next()),
  });
  // The index and the booking are written side by side. An index row without its booking points to nothing (the
  // add-in finds no session); a booking whose index write failed answers 503, and the retry (replay) rewrites it.
  const [, recorded] = await Promise.all([
    indexMeeting(deps, caller, { matchKey: event.matchKey, eventId: event.id }, { tandemId, sessionId: seriesId ? null : sessions[0]!.id, seriesId }),
    recordBooking(deps, caller, tandemId, { key, fingerprint, sessionIds: sessions.map((s) => s.id), createdAt: deps.clock.now() }, sessions),
  ]);
  await deps.aggregates.tandemChanged(caller.tenantId, tandemId);
  return recorded;
}
