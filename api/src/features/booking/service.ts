import { createHash } from "node:crypto";
import {
  TandemError,
  addDays,
  canBookFor,
  checkInFor,
  dateIn,
  formatInstant,
  isParticipant,
  isUpcomingStatus,
  membersOf,
  occurrencesOf,
  sessionAgenda,
  shareWorkingTime,
  zonedTimeToUtc,
  type BookingInput,
  type Calendar,
  type CalendarEvent,
  type CancelInput,
  type DirectoryPerson,
  type EventTarget,
  type LearningGoal,
  type Profile,
  type RescheduleInput,
  type SessionRecord,
  type SuggestionRequest,
  type Suggestions,
  type Tandem,
  type Versioned,
} from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { accessTandem, viewOf, type TandemAccess } from "../tandems/service";
import { reconcile } from "./reconcile";

/** The Outlook category of every meeting Tandem books: people can colour and filter them. */
export const CATEGORY = "Tandem";
const MAX_SLOTS = 10;
const DEFAULT_MINUTES = 45;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------------------------
// Who may, and with whom.
// ---------------------------------------------------------------------------------------------------------------

/** Members only: a coordinator reads the program but does not book in people's calendars (403); others get 404. */
async function memberAccess(deps: Deps, caller: Caller, tandemId: string, what: string): Promise<TandemAccess> {
  const a = await accessTandem(deps, caller, tandemId);
  if (!isParticipant(a.relation)) throw new TandemError("forbidden", `Only the members of a tandem ${what}.`);
  return a;
}

function requireBookable(t: Tandem) {
  if (!canBookFor(t)) {
    throw new TandemError("illegal_transition", `Sessions are booked for an accepted or active ${t.kind}; this one is ${t.status}.`);
  }
}

/** A member as booking needs them: their mail address is what Outlook invites. */
interface Person {
  id: string;
  displayName: string;
  mail: string;
  timeZone?: string | null;
  preferredLanguage?: DirectoryPerson["preferredLanguage"];
}

/**
 * Everyone of the tandem as the directory knows them. Who the directory port cannot tell (outside local mode, until
 * the directory is backed by Graph) is read from Graph in one round trip, remembered for an hour.
 */
async function peopleOf(deps: Deps, caller: Caller, t: Tandem, calendar: Calendar): Promise<Person[]> {
  const ids = membersOf(t);
  const known = await Promise.all(ids.map((id) => deps.directory.person(caller.tenantId, id)));
  const missing = ids.filter((_, i) => !known[i]?.mail);
  const found = missing.length ? await calendar.attendeesOf(missing) : new Map();
  return ids.map((id, i) => {
    const k = known[i];
    if (k?.mail) return { ...k, mail: k.mail };
    const a = found.get(id);
    if (!a) throw new TandemError("unavailable", "Tandem cannot find every member's mail address in the directory, so it cannot invite them.");
    return { id, displayName: a.name, mail: a.address };
  });
}

/** The caller's zone: what they asked for, their Tandem profile's, the directory's, or else their mailbox's. */
async function zoneOf(profile: Versioned<Profile> | null, me: Person | undefined, calendar: Calendar, requested?: string) {
  return requested ?? profile?.value.timeZone ?? me?.timeZone ?? (await calendar.mailboxTimeZone());
}

function checkSlot(deps: Deps, start: string, end: string) {
  if (Date.parse(start) <= Date.parse(deps.clock.now())) {
    throw new TandemError("validation", "Check /start: this time has passed; choose one to come.", [{ pointer: "/start", message: "in the past" }]);
  }
  const minutes = (Date.parse(end) - Date.parse(start)) / 60_000;
  if (minutes < 15 || minutes > 180) {
    throw new TandemError("validation", "Check /end: a session lasts from 15 minutes to 3 hours.", [{ pointer: "/end", message: "15 to 180 minutes" }]);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Suggestions.
// ---------------------------------------------------------------------------------------------------------------

export async function suggestSessions(deps: Deps, caller: Caller, tandemId: string, input: SuggestionRequest): Promise<Suggestions> {
  const [{ tandem }, profile] = await Promise.all([
    memberAccess(deps, caller, tandemId, "look for session times"),
    deps.repos.profiles.get(caller.tenantId, caller.userId),
  ]);
  requireBookable(tandem.value);
  const calendar = deps.calendarFor(caller);
  const [cycle, people] = await Promise.all([
    deps.repos.cycles.get(caller.tenantId, tandem.value.cycleId),
    peopleOf(deps, caller, tandem.value, calendar),
  ]);
  const me = people.find((p) => p.id === caller.userId);
  const zone = await zoneOf(profile, me, calendar, input.timeZone);
  const minutes = cycle?.value.cadence.sessionMinutes ?? DEFAULT_MINUTES;

  const now = Date.parse(deps.clock.now());
  const first = input.from ?? addDays(dateIn(new Date(now), zone), 1);
  const from = Math.max(now, zonedTimeToUtc(first, "00:00", zone).getTime());
  const to = zonedTimeToUtc(addDays(first, input.days), "00:00", zone).getTime();
  if (to - from < minutes * 60_000) {
    throw new TandemError("validation", "Check /from: these days have passed; look at days to come.", [{ pointer: "/from", message: "in the past" }]);
  }

  const others = people.filter((p) => p.id !== caller.userId);
  const found = await calendar.findMeetingTimes({
    attendees: others.map((p) => ({ address: p.mail, name: p.displayName })),
    durationMinutes: minutes,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    timeZone: zone,
    maxSlots: MAX_SLOTS * 2,
  });
  const idOf = new Map(people.map((p) => [p.mail.toLowerCase(), p.id]));
  // Graph rates a slot by the attendees only; the organizer, too, must be free (not tentative) for a session.
  const free = (a: string) => a === "free" || a === "workingElsewhere";
  const slots = found.slots.filter((s) => free(s.organizer) && s.attendees.every((a) => free(a.availability))).slice(0, MAX_SLOTS).map((s) => ({
    start: s.start,
    end: s.end,
    confidence: s.confidence,
    attendees: [
      { id: caller.userId, availability: s.organizer },
      ...s.attendees.flatMap((a) => {
        const id = idOf.get(a.address.toLowerCase());
        return id ? [{ id, availability: a.availability }] : [];
      }),
    ],
  }));

  let emptyReason: Suggestions["emptyReason"] = slots.length ? null : found.emptyReason;
  if (!slots.length) {
    // Graph says "attendees unavailable" too when their working days never meet: look, since that needs another answer.
    try {
      const hours = await calendar.workingHours(people.map((p) => p.mail), new Date(from).toISOString(), new Date(to).toISOString());
      if (hours.every((h) => h !== null) && !shareWorkingTime(hours, from, to, minutes)) emptyReason = "no_common_working_hours";
    } catch (e) {
      if (!(e instanceof TandemError)) throw e;
    }
  }
  return { timeZone: zone, durationMinutes: minutes, slots, emptyReason };
}

// ---------------------------------------------------------------------------------------------------------------
// Booking.
// ---------------------------------------------------------------------------------------------------------------

/** GUID-shaped and the same for every retry of one booking, so that Outlook creates the meeting once. */
export function transactionIdFor(tenantId: string, tandemId: string, key: string): string {
  const h = createHash("sha256").update(`${tenantId}|${tandemId}|${key}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const fingerprintOf = (caller: Caller, input: BookingInput) =>
  createHash("sha256")
    .update(JSON.stringify([caller.userId, Date.parse(input.start), Date.parse(input.end), input.recurrence]))
    .digest("hex");

/** What the meeting says: subject and agenda from the goals still open, in the organizer's language. */
function meetingText(caller: Caller, tandem: Tandem, people: Person[], goals: Versioned<LearningGoal>[]) {
  const name = (id: string) => people.find((p) => p.id === id)?.displayName ?? "";
  const me = people.find((p) => p.id === caller.userId);
  return sessionAgenda({
    language: me?.preferredLanguage ?? "en",
    kind: tandem.kind,
    mentor: name(tandem.mentorId),
    mentees: tandem.menteeIds.map(name),
    goals: goals
      .map((g) => g.value)
      .filter((g) => g.status === "not_started" || g.status === "in_progress")
      .map((g) => ({ title: g.title, successCriterion: g.successCriterion, mentee: name(g.menteeId), targetDate: g.targetDate })),
  });
}

const unrecorded = (e: unknown) =>
  e instanceof TandemError && e.code === "unavailable"
    ? new TandemError("unavailable", `${e.message} No session was recorded; sending the booking again with the same Idempotency-Key is safe.`)
    : e;

async function replay(deps: Deps, caller: Caller, tandemId: string, done: { fingerprint: string; sessionIds: string[] }, fingerprint: string) {
  if (done.fingerprint !== fingerprint) {
    throw new TandemError("conflict", "This Idempotency-Key was already used for another booking: send a new key for a new booking.");
  }
  const found = (await Promise.all(done.sessionIds.map((id) => deps.repos.sessions.get(caller.tenantId, tandemId, id)))).filter(
    (s): s is Versioned<SessionRecord> => s !== null,
  );
  // The index is written next to the booking, not in its transaction: a retry makes sure it is there.
  const first = found[0]?.value;
  if (first?.link) await indexMeeting(deps, caller, first.link, tandemId, first.seriesId ? null : first.id, first.seriesId);
  return found;
}

/** Idempotent: the point reads of the add-in (meetingContext) by the meeting's iCalUId and the organizer's id. */
const indexMeeting = (deps: Deps, caller: Caller, event: { matchKey: string; eventId: string }, tandemId: string, sessionId: string | null, seriesId: string | null) =>
  deps.repos.eventIndex.put(caller.tenantId, [{ iCalUId: event.matchKey }, { eventId: event.eventId }], { tandemId, sessionId, seriesId });

function sessionsOf(deps: Deps, caller: Caller, tandemId: string, input: { start: string; end: string }, zone: string, event: CalendarEvent, recurrence: BookingInput["recurrence"], seriesId: string | null, status: "scheduled" | "moved") {
  const now = deps.clock.now();
  return occurrencesOf(input, zone, recurrence).map(
    (o): SessionRecord => ({
      id: deps.ids.next(),
      tandemId,
      start: o.start,
      end: o.end,
      timeZone: zone,
      graphEventId: event.id,
      iCalUId: event.iCalUId,
      joinUrl: event.joinUrl,
      recurrence,
      seriesId,
      status,
      createdAt: now,
      updatedAt: now,
      link: {
        organizerId: caller.userId,
        eventId: event.id,
        matchKey: event.matchKey,
        originalStart: recurrence ? new Date(Date.parse(o.start)).toISOString() : null,
      },
    }),
  );
}

/**
 * Books a session, or a weekly series, in everyone's calendar: one Outlook meeting organized by the caller, with
 * every other member invited, a Teams meeting, the Tandem category and the open goals as agenda. Costs one Graph
 * round trip. The Idempotency-Key makes retries safe twice over: a booking recorded under it is answered again
 * without Graph, and a meeting created before a failure to record it is found again by its transactionId.
 */
export async function bookSession(deps: Deps, caller: Caller, tandemId: string, input: BookingInput, key: string) {
  const t = caller.tenantId;
  // Everything a booking reads, at once: the goals and the profile are only used once access is granted.
  const [{ tandem }, done, profile, goals] = await Promise.all([
    memberAccess(deps, caller, tandemId, "book sessions"),
    deps.repos.bookings.get(t, tandemId, key),
    deps.repos.profiles.get(t, caller.userId),
    deps.repos.goals.list(t, tandemId),
  ]);
  const fingerprint = fingerprintOf(caller, input);
  if (done) return replay(deps, caller, tandemId, done, fingerprint);

  requireBookable(tandem.value);
  checkSlot(deps, input.start, input.end);
  const calendar = deps.calendarFor(caller);
  const people = await peopleOf(deps, caller, tandem.value, calendar);
  const me = people.find((p) => p.id === caller.userId);
  const zone = await zoneOf(profile, me, calendar);
  const text = meetingText(caller, tandem.value, people, goals);

  let event: CalendarEvent;
  try {
    event = await calendar.createEvent({
      ...text,
      start: input.start,
      end: input.end,
      timeZone: zone,
      attendees: people.filter((p) => p.id !== caller.userId).map((p) => ({ address: p.mail, name: p.displayName })),
      category: CATEGORY,
      transactionId: transactionIdFor(t, tandemId, key),
      recurrence: input.recurrence,
    });
  } catch (e) {
    throw unrecorded(e);
  }

  const seriesId = input.recurrence ? deps.ids.next() : null;
  const sessions = sessionsOf(deps, caller, tandemId, input, zone, event, input.recurrence, seriesId, "scheduled");
  // The index and the booking are written side by side. An index row without its booking points to nothing (the
  // add-in finds no session); a booking whose index write failed answers 503, and the retry (replay) rewrites it.
  const [, recorded] = await Promise.all([
    indexMeeting(deps, caller, { matchKey: event.matchKey, eventId: event.id }, tandemId, seriesId ? null : sessions[0]!.id, seriesId),
    deps.repos.bookings
      .record(t, tandemId, { key, fingerprint, sessionIds: sessions.map((s) => s.id), createdAt: deps.clock.now() }, sessions)
      .catch(async (e) => {
        // A concurrent retry of the same booking recorded it first: answer what it recorded.
        const first = e instanceof TandemError && e.code === "conflict" ? await deps.repos.bookings.get(t, tandemId, key) : null;
        if (first) return replay(deps, caller, tandemId, first, fingerprint);
        throw e;
      }),
  ]);
  return recorded;
}

// ---------------------------------------------------------------------------------------------------------------
// Moving and cancelling, one occurrence or the series from it.
// ---------------------------------------------------------------------------------------------------------------

interface Changing {
  tandem: Tandem;
  all: Versioned<SessionRecord>[];
  target: Versioned<SessionRecord>;
}

async function changing(deps: Deps, caller: Caller, tandemId: string, sessionId: string, what: string): Promise<Changing> {
  const { tandem } = await memberAccess(deps, caller, tandemId, what);
  const all = await deps.repos.sessions.list(caller.tenantId, tandemId);
  const target = all.find((s) => s.value.id === sessionId);
  if (!target) throw new TandemError("not_found", "This session was not found.");
  if (!isUpcomingStatus(target.value.status) || Date.parse(target.value.end) <= Date.parse(deps.clock.now())) {
    const why = isUpcomingStatus(target.value.status) ? "over" : target.value.status;
    throw new TandemError("illegal_transition", `Only a session still to come can be moved or cancelled; this one is ${why}.`);
  }
  const link = target.value.link;
  if (link && link.organizerId !== caller.userId) {
    const organizer = (await deps.directory.person(caller.tenantId, link.organizerId))?.displayName ?? "the person who booked it";
    throw new TandemError("forbidden", `Only ${organizer}, who booked this session in Outlook, can move or cancel it there; you can decline it in Outlook.`);
  }
  return { tandem: tandem.value, all, target };
}

const originalOf = (s: SessionRecord) => Date.parse(s.link?.originalStart ?? s.start);

/** The sessions of the target's series from it on, in order. */
function seriesFrom(c: Changing) {
  const seriesId = c.target.value.seriesId;
  const series = c.all.filter((s) => seriesId !== null && s.value.seriesId === seriesId).sort((a, b) => originalOf(a.value) - originalOf(b.value));
  const from = series.filter((s) => originalOf(s.value) >= originalOf(c.target.value));
  return { series, from };
}

/** The organizer's id of one occurrence: known once seen, otherwise looked up among its series' instances. */
async function occurrenceId(calendar: Calendar, s: SessionRecord): Promise<string> {
  const link = s.link!;
  if (!link.originalStart) return link.eventId;
  if (s.graphEventId && s.graphEventId !== link.eventId) return s.graphEventId;
  const original = Date.parse(link.originalStart);
  const span = [original, Date.parse(s.start), Date.parse(s.end)];
  const instances = await calendar.listInstances(
    link.eventId,
    new Date(Math.min(...span) - DAY).toISOString(),
    new Date(Math.max(...span) + DAY).toISOString(),
  );
  const found = instances.find((i) => i.originalStart && Date.parse(i.originalStart) === original);
  if (!found) throw new TandemError("not_found", "This occurrence is no longer in Outlook: it was cancelled or deleted there.");
  return found.id;
}

/**
 * Ends the Outlook series that hold `from` before the first of them: a series that starts there is cancelled as a
 * whole, one that started earlier is cut after its last earlier occurrence (changing a pattern makes Outlook
 * drop its exceptions, so an earlier occurrence cancelled on its own comes back in Outlook).
 */
async function endSeriesAt(calendar: Calendar, c: Changing, from: Versioned<SessionRecord>[], comment?: string) {
  const { series } = seriesFrom(c);
  const firstOriginal = originalOf(c.target.value);
  const zone = c.target.value.timeZone;
  const everyWeeks = c.target.value.recurrence?.everyWeeks ?? 1;
  for (const master of [...new Set(from.map((s) => s.value.link!.eventId))]) {
    const own = series.filter((s) => s.value.link?.eventId === master);
    const earlier = own.filter((s) => originalOf(s.value) < firstOriginal);
    if (earlier.length === 0) {
      await calendar.cancelEvent(master, comment);
    } else {
      await calendar.updateEvent(master, {
        timeZone: zone,
        recurrence: {
          everyWeeks,
          firstDate: dateIn(new Date(originalOf(own[0]!.value)), zone),
          end: { lastDate: dateIn(new Date(originalOf(earlier.at(-1)!.value)), zone) },
        },
      });
    }
  }
}

/** Each write is conditional on the version read: a session changed meanwhile is not overwritten (412). */
async function saveAll(deps: Deps, caller: Caller, changes: { from: Versioned<SessionRecord>; to: SessionRecord }[]) {
  const at = deps.clock.now();
  return Promise.all(changes.map(({ from, to }) => deps.repos.sessions.replace(caller.tenantId, { ...to, updatedAt: at }, from.etag)));
}

export async function rescheduleSession(
  deps: Deps,
  caller: Caller,
  tandemId: string,
  sessionId: string,
  input: RescheduleInput,
  ifMatch: string,
) {
  const c = await changing(deps, caller, tandemId, sessionId, "move sessions");
  requireBookable(c.tandem);
  if (ifMatch !== "*" && ifMatch !== c.target.etag) {
    throw new TandemError("precondition_failed", "This session was changed elsewhere: reload it and try again.");
  }
  checkSlot(deps, input.start, input.end);
  const s = c.target.value;
  const zone = s.timeZone;
  const moved = (x: SessionRecord, start: string, end: string): SessionRecord => ({
    ...x,
    start: formatInstant(Date.parse(start), zone),
    end: formatInstant(Date.parse(end), zone),
    status: "moved",
  });

  if (!s.link) return saveAll(deps, caller, [{ from: c.target, to: moved(s, input.start, input.end) }]);
  const calendar = deps.calendarFor(caller);

  if (input.scope === "occurrence" || !s.seriesId || !s.link.originalStart) {
    const id = await occurrenceId(calendar, s);
    const e = await calendar.updateEvent(id, { start: input.start, end: input.end, timeZone: zone });
    const next = moved(s, input.start, input.end);
    return saveAll(deps, caller, [{ from: c.target, to: s.link.originalStart ? { ...next, graphEventId: e.id, iCalUId: e.iCalUId } : next }]);
  }

  // The series from this session on: a new series at the new time for the sessions still to come, then the old
  // one ends before it. Creating first (idempotent by transactionId) means a failure in between leaves a
  // duplicate to clean by retrying, never a session without its meeting.
  const active = seriesFrom(c).from.filter((x) => isUpcomingStatus(x.value.status));
  const everyWeeks = s.recurrence?.everyWeeks ?? 1;
  const recurrence = active.length > 1 ? { everyWeeks, occurrences: active.length } : null;
  const [people, goals] = await Promise.all([peopleOf(deps, caller, c.tandem, calendar), deps.repos.goals.list(caller.tenantId, tandemId)]);
  const text = meetingText(caller, c.tandem, people, goals);
  const event = await calendar.createEvent({
    ...text,
    start: input.start,
    end: input.end,
    timeZone: zone,
    attendees: people.filter((p) => p.id !== caller.userId).map((p) => ({ address: p.mail, name: p.displayName })),
    category: CATEGORY,
    transactionId: transactionIdFor(caller.tenantId, tandemId, `move|${s.id}|${Date.parse(input.start)}|${Date.parse(input.end)}`),
    recurrence,
  });
  await endSeriesAt(calendar, c, active);
  const fresh = sessionsOf(deps, caller, tandemId, input, zone, event, recurrence, s.seriesId, "moved");
  await indexMeeting(deps, caller, { matchKey: event.matchKey, eventId: event.id }, tandemId, recurrence ? null : active[0]!.value.id, s.seriesId);
  return saveAll(
    deps,
    caller,
    active.map((from, i) => ({
      from,
      to: { ...fresh[i]!, id: from.value.id, recurrence: from.value.recurrence, createdAt: from.value.createdAt },
    })),
  );
}

export async function cancelSession(deps: Deps, caller: Caller, tandemId: string, sessionId: string, input: CancelInput) {
  const c = await changing(deps, caller, tandemId, sessionId, "cancel sessions");
  const s = c.target.value;
  const series = input.scope === "series" && s.seriesId !== null;
  const affected = series ? seriesFrom(c).from.filter((x) => isUpcomingStatus(x.value.status)) : [c.target];
  if (s.link) {
    const calendar = deps.calendarFor(caller);
    if (series && s.link.originalStart) await endSeriesAt(calendar, c, affected, input.comment);
    else await calendar.cancelEvent(await occurrenceId(calendar, s), input.comment);
  }
  return saveAll(deps, caller, affected.map((from) => ({ from, to: { ...from.value, status: "cancelled" } })));
}

// ---------------------------------------------------------------------------------------------------------------
// The meeting behind the Outlook add-in.
// ---------------------------------------------------------------------------------------------------------------

const notBooked = () => new TandemError("not_found", "This meeting was not booked with Tandem, or you cannot see it.");

/**
 * The tandem, goals and last check-ins behind an Outlook meeting, found by its iCalUId or the organizer's event id
 * with point reads in the Events index. An occurrence of a series is found through its series; an id from another
 * mailbox (an attendee's copy) costs one Graph read to learn the meeting's iCalUId.
 */
export async function meetingContext(deps: Deps, caller: Caller, query: { eventId?: string | undefined; iCalUId?: string | undefined }) {
  const t = caller.tenantId;
  const calendar = deps.calendarFor(caller);
  let target: EventTarget | null = null;
  let originalStart: string | null = null;
  let date: string | null = null;

  if (query.iCalUId) {
    target = await deps.repos.eventIndex.find(t, { iCalUId: query.iCalUId });
    if (!target) {
      const parsed = calendar.parseICalUId(query.iCalUId);
      if (parsed.date) {
        target = await deps.repos.eventIndex.find(t, { iCalUId: parsed.matchKey });
        date = parsed.date;
      }
    }
  }
  if (!target && query.eventId) {
    target = await deps.repos.eventIndex.find(t, { eventId: query.eventId });
    if (!target) {
      const e = await calendar.getEvent(query.eventId);
      if (e) {
        target = await deps.repos.eventIndex.find(t, { iCalUId: e.matchKey });
        originalStart = e.originalStart;
      }
    }
  }
  if (!target) throw notBooked();

  let access: TandemAccess;
  try {
    access = await accessTandem(deps, caller, target.tandemId);
  } catch (e) {
    throw e instanceof TandemError && e.code === "not_found" ? notBooked() : e;
  }
  const [stored, goals] = await Promise.all([deps.repos.sessions.list(t, target.tandemId), deps.repos.goals.list(t, target.tandemId)]);
  const sessions = await reconcile(deps, caller, access.relation, stored);

  let session: Versioned<SessionRecord> | undefined;
  if (target.sessionId) session = sessions.find((s) => s.value.id === target.sessionId);
  else {
    const series = sessions.filter((s) => s.value.seriesId === target.seriesId).sort((a, b) => originalOf(a.value) - originalOf(b.value));
    const now = Date.parse(deps.clock.now());
    session = originalStart
      ? series.find((s) => originalOf(s.value) === Date.parse(originalStart!))
      : date
        ? series.find((s) => s.value.link?.originalStart?.slice(0, 10) === date)
        : (series.find((s) => Date.parse(s.value.end) > now) ?? series.at(-1));
  }
  if (!session) throw notBooked();

  const previous = sessions
    .filter((s) => s.value.status === "held" && Date.parse(s.value.start) < Date.parse(session!.value.start))
    .at(-1);
  const checkIns = previous ? await deps.repos.checkIns.list(t, target.tandemId, previous.value.id) : [];
  return {
    tandem: await viewOf(deps, caller, access.tandem),
    session,
    goals,
    lastCheckIns: checkIns.flatMap((c) => {
      const visible = checkInFor(c.value, access.relation);
      return visible ? [{ value: visible, etag: c.etag }] : [];
    }),
  };
}
