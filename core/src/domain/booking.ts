import { z } from "zod";
import { CalendarDate, Id, Instant, TimeZone, text, type Locale } from "./common";
import { Recurrence, isHeld, isUpcomingStatus, type SessionRecord } from "./sessions";
import type { Tandem } from "./tandems";
import { TandemError } from "../errors";
import { calendarDate } from "../words";
import type { Availability, CalendarEvent, EventChange, EventTarget, MeetingTimes, Versioned } from "../ports";
import { addDays, dateIn, formatInstant, weekDays, weekdayOf, zonedTimeToUtc, type WeekDay } from "./time";

/**
 * Booking a session through Microsoft Graph: the request and answer shapes the tab, the add-in and the api
 * share. Times cross the wire as instants with an offset; `timeZone` says in whose clock to show them.
 */
export const SuggestionRequest = z.strictObject({
  /** First day to look at, in `timeZone`; default: tomorrow. */
  from: CalendarDate.optional(),
  /** How many days to look at. */
  days: z.int().min(1).max(28).default(10),
  /** The caller's time zone for the answer; default: their profile's. */
  timeZone: TimeZone.optional(),
  /** Also answer each member's working days (`workingHours`): one more Graph call, made alongside the search. */
  workingDays: z.boolean().default(false),
});
export type SuggestionRequest = z.infer<typeof SuggestionRequest>;

export const availabilities = ["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"] as const;

export const Slot = z.strictObject({
  start: Instant,
  end: Instant,
  /** 0 to 100, as Graph's findMeetingTimes rates it. */
  confidence: z.number().min(0).max(100),
  attendees: z.array(z.strictObject({ id: Id, availability: z.enum(availabilities) })),
});
export type Slot = z.infer<typeof Slot>;

export const emptyReasons = ["attendees_unavailable", "organizer_unavailable", "no_common_working_hours", "unknown"] as const;

/** A member's working days and hours, as their Outlook mailbox states them. */
export const MemberWorkingHours = z.strictObject({
  personId: Id,
  daysOfWeek: z.array(z.enum(weekDays)),
  /** HH:mm, in `timeZone`. */
  startTime: z.string().regex(/^\d\d:\d\d$/),
  endTime: z.string().regex(/^\d\d:\d\d$/),
  timeZone: TimeZone,
});
export type MemberWorkingHours = z.infer<typeof MemberWorkingHours>;

export const Suggestions = z.strictObject({
  timeZone: TimeZone,
  durationMinutes: z.int().min(15).max(180),
  slots: z.array(Slot),
  /** Why there is no slot, when there is none. */
  emptyReason: z.enum(emptyReasons).nullable(),
  /**
   * Each member's working days, when Outlook told them: a series at the cadence may land on a day off for someone
   * (a part-time Wednesday), which the booking says before it is made (`daysOff`).
   */
  workingHours: z.array(MemberWorkingHours).optional(),
});
export type Suggestions = z.infer<typeof Suggestions>;

const ordered = <T extends { start: string; end: string }>(v: T) => Date.parse(v.end) > Date.parse(v.start);

export const BookingInput = z
  .strictObject({
    start: Instant,
    end: Instant,
    /** Systematic sessions: a series at the cycle's cadence. */
    recurrence: Recurrence.nullable().default(null),
    /**
     * The client has shown the person the sessions that fall on a member's day off (outside their working days in
     * Outlook; the add-in does, from the suggestions' `workingHours`) and books them as they are. Without it, such a
     * booking or move is refused with 409 and `daysOff` before Outlook hears of it.
     */
    allowDaysOff: z.boolean().default(false),
  })
  .refine(ordered, { message: "a session ends after it starts", path: ["end"] });
export type BookingInput = z.infer<typeof BookingInput>;

export const changeScopes = ["occurrence", "series"] as const;

export const RescheduleInput = z
  .strictObject({
    start: Instant,
    end: Instant,
    scope: z.enum(changeScopes).default("occurrence"),
    /**
     * The client has shown the person the sessions that fall on a member's day off (outside their working days in
     * Outlook; the add-in does, from the suggestions' `workingHours`) and books them as they are. Without it, such a
     * booking or move is refused with 409 and `daysOff` before Outlook hears of it.
     */
    allowDaysOff: z.boolean().default(false),
  })
  .refine(ordered, { message: "a session ends after it starts", path: ["end"] });
export type RescheduleInput = z.infer<typeof RescheduleInput>;

export const CancelInput = z.strictObject({
  scope: z.enum(changeScopes).default("occurrence"),
  /** Sent to the attendees with the cancellation. */
  comment: text(500).optional(),
});
export type CancelInput = z.infer<typeof CancelInput>;

/** Looking up the Tandem session behind an Outlook meeting (the add-in opened on it). */
/**
 * An Outlook item id as Microsoft Graph writes it (REST ids: base64, `+` and `/` or their URL-safe `-` and `_`, `=`
 * padding). Checked before any Graph call: an id goes into a Graph path, where `.` and `..` would be dot segments,
 * normalised into another resource.
 */
export const GraphId = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9+/=_-]+$/, "an Outlook (Microsoft Graph) id: letters, digits and + / = _ - only");

export const MeetingLookup = z
  .strictObject({
    eventId: GraphId.optional(),
    iCalUId: z.string().min(1).max(512).optional(),
  })
  .refine((q) => q.eventId !== undefined || q.iCalUId !== undefined, { message: "give eventId or iCalUId" });


export type EmptyReason = (typeof emptyReasons)[number];

/** Sessions are booked, moved and suggested for tandems that run: accepted or active. */
export const canBookFor = (t: Pick<Tandem, "status">) => t.status === "accepted" || t.status === "active";

export function checkBookable(t: Pick<Tandem, "status" | "kind">): void {
  if (!canBookFor(t)) {
    throw new TandemError("illegal_transition", `Sessions are booked for an accepted or active ${t.kind}; this one is ${t.status}.`);
  }
}

/**
 * The occurrences of a weekly series: the same wall-clock time in the organizer's zone every `everyWeeks` weeks,
 * so a 15:00 session stays at 15:00 across daylight saving changes. Instants are written in that zone.
 */
export function occurrencesOf(
  first: { start: string; end: string },
  timeZone: string,
  recurrence: Recurrence | null,
): { start: string; end: string }[] {
  const start = Date.parse(first.start);
  const duration = Date.parse(first.end) - start;
  if (!recurrence) return [{ start: formatInstant(start, timeZone), end: formatInstant(start + duration, timeZone) }];
  const date = dateIn(new Date(start), timeZone);
  const time = formatInstant(start, timeZone).slice(11, 19);
  return Array.from({ length: recurrence.occurrences }, (_, i) => {
    const s = zonedTimeToUtc(addDays(date, i * 7 * recurrence.everyWeeks), time, timeZone).getTime();
    return { start: formatInstant(s, timeZone), end: formatInstant(s + duration, timeZone) };
  });
}

/**
 * The sessions of a booking that fall on a day off for a member (outside their working days, on their own calendar
 * day): each with who is off. A series repeats the first day's weekday, but a member in another zone, or one whose
 * week changed, can be off on some. Nothing is skipped: the booking shows them before it is made.
 */
export function daysOff(occurrences: { start: string; end: string }[], hours: MemberWorkingHours[]): { start: string; personIds: string[] }[] {
  return occurrences.flatMap((o) => {
    const off = hours.filter((h) => !h.daysOfWeek.includes(weekdayOf(dateIn(new Date(Date.parse(o.start)), h.timeZone)))).map((h) => h.personId);
    return off.length ? [{ start: o.start, personIds: off }] : [];
  });
}

/** The first day and the weekday of a series, in the organizer's zone. */
export function seriesStart(start: string, timeZone: string): { date: string; weekday: WeekDay } {
  const date = dateIn(new Date(Date.parse(start)), timeZone);
  return { date, weekday: weekdayOf(date) };
}

/** For text that lands in HTML: every user-written string goes through it. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export interface AgendaInput {
  language: Locale;
  kind: Tandem["kind"];
  mentor: string;
  mentees: string[];
  goals: { title: string; successCriterion: string; mentee: string; targetDate: string }[];
}

const agendaWords = {
  fr: { tandem: "Tandem", circle: "Cercle Tandem", and: "et", goals: "Objectifs en cours", none: "Pas encore d'objectif\u202f: choisissez-en un à deux.", by: "d'ici le", intro: "Séance de mentorat inversé\u202f:", tag: "fr-FR" },
  en: { tandem: "Tandem", circle: "Tandem circle", and: "and", goals: "Goals in progress", none: "No goal yet: choose one together.", by: "by", intro: "Reverse mentoring session:", tag: "en-GB" },
} as const;

/**
 * The meeting's subject and its HTML agenda, from the tandem's goals still in progress, target dates in words
 * ("d'ici le 1er décembre 2026"). Every name and goal is escaped.
 */
export function sessionAgenda(a: AgendaInput): { subject: string; html: string } {
  const w = agendaWords[a.language];
  const people = a.mentees.length > 1 ? `${a.mentees.slice(0, -1).join(", ")} ${w.and} ${a.mentees.at(-1)}` : (a.mentees[0] ?? "");
  const subject = `${a.kind === "circle" ? w.circle : w.tandem} · ${a.mentor} ${w.and} ${people}`.replace(/[\u0000-\u001f\u007f]/g, " ");
  const items = a.goals.map(
    (g) =>
      `<li><strong>${escapeHtml(g.title)}</strong> (${escapeHtml(g.mentee)}, ${w.by} ${calendarDate(g.targetDate, w.tag)})` +
      (g.successCriterion ? `<br>${escapeHtml(g.successCriterion)}` : "") +
      "</li>",
  );
  const html =
    `<p>${w.intro} ${escapeHtml(a.mentor)} ${w.and} ${escapeHtml(people)}.</p>` +
    `<h3>${w.goals}</h3>` +
    (items.length ? `<ul>${items.join("")}</ul>` : `<p>${w.none}</p>`);
  return { subject, html };
}

/** A person's working week as their mailbox states it. */
export interface WorkingHours {
  daysOfWeek: WeekDay[];
  /** HH:mm, in `timeZone`. */
  startTime: string;
  endTime: string;
  timeZone: string;
}

/**
 * Whether everyone's working hours share at least `minutes` in a row somewhere in [from, to): when they do not,
 * no suggestion can ever come, whatever the calendars hold.
 */
export function shareWorkingTime(people: WorkingHours[], from: number, to: number, minutes: number): boolean {
  const windowsOf = (h: WorkingHours): [number, number][] => {
    const out: [number, number][] = [];
    const last = dateIn(new Date(to), h.timeZone);
    for (let d = addDays(dateIn(new Date(from), h.timeZone), -1); d <= last; d = addDays(d, 1)) {
      if (!h.daysOfWeek.includes(weekdayOf(d))) continue;
      const open = Math.max(from, zonedTimeToUtc(d, h.startTime, h.timeZone).getTime());
      const close = Math.min(to, zonedTimeToUtc(d, h.endTime, h.timeZone).getTime());
      if (close > open) out.push([open, close]);
    }
    return out;
  };
  let common: [number, number][] = [[from, to]];
  for (const person of people) {
    const theirs = windowsOf(person);
    common = common.flatMap(([a, b]) =>
      theirs.flatMap(([c, d]): [number, number][] => (Math.max(a, c) < Math.min(b, d) ? [[Math.max(a, c), Math.min(b, d)]] : [])),
    );
  }
  return common.some(([a, b]) => b - a >= minutes * 60_000);
}

// ---------------------------------------------------------------------------------------------------------------
// Booking, moving and cancelling: the rules the api applies around its Graph calls, on plain values.
// ---------------------------------------------------------------------------------------------------------------

const DAY = 86_400_000;

/** A session is booked or moved to a time still to come, and lasts from 15 minutes to 3 hours. */
export function checkSessionSlot(slot: { start: string; end: string }, now: string): void {
  if (Date.parse(slot.start) <= Date.parse(now)) {
    throw new TandemError("validation", "Check /start: this time has passed; choose one to come.", [{ pointer: "/start", message: "in the past" }]);
  }
  const minutes = (Date.parse(slot.end) - Date.parse(slot.start)) / 60_000;
  if (minutes < 15 || minutes > 180) {
    throw new TandemError("validation", "Check /end: a session lasts from 15 minutes to 3 hours.", [{ pointer: "/end", message: "15 to 180 minutes" }]);
  }
}

/** Where to look for times: from the asked day (default tomorrow) in the caller's zone, `days` days, never before now. */
export function suggestionWindow(
  request: Pick<SuggestionRequest, "from" | "days">,
  timeZone: string,
  now: string,
  minutes: number,
): { from: number; to: number } {
  const at = Date.parse(now);
  const first = request.from ?? addDays(dateIn(new Date(at), timeZone), 1);
  const from = Math.max(at, zonedTimeToUtc(first, "00:00", timeZone).getTime());
  const to = zonedTimeToUtc(addDays(first, request.days), "00:00", timeZone).getTime();
  if (to - from < minutes * 60_000) {
    throw new TandemError("validation", "Check /from: these days have passed; look at days to come.", [{ pointer: "/from", message: "in the past" }]);
  }
  return { from, to };
}

/**
 * The times worth proposing, at most `max`: Graph rates a time by the attendees only, so the organizer, too, must be
 * free (not tentative) for a session. Attendees are named by their Tandem id, found by mail address.
 */
export function proposedSlots(
  found: MeetingTimes["slots"],
  organizerId: string,
  people: { id: string; mail: string }[],
  max: number,
): Slot[] {
  const idOf = new Map(people.map((p) => [p.mail.toLowerCase(), p.id]));
  const free = (a: Availability) => a === "free" || a === "workingElsewhere";
  return found
    .filter((s) => free(s.organizer) && s.attendees.every((a) => free(a.availability)))
    .slice(0, max)
    .map((s) => ({
      start: s.start,
      end: s.end,
      confidence: s.confidence,
      attendees: [
        { id: organizerId, availability: s.organizer },
        ...s.attendees.flatMap((a) => {
          const id = idOf.get(a.address.toLowerCase());
          return id ? [{ id, availability: a.availability }] : [];
        }),
      ],
    }));
}

export interface BookedMeeting {
  tandemId: string;
  organizerId: string;
  /** The first session's times. */
  slot: { start: string; end: string };
  /** The organizer's zone, in which the sessions are written. */
  timeZone: string;
  event: Pick<CalendarEvent, "id" | "iCalUId" | "matchKey" | "joinUrl">;
  recurrence: Recurrence | null;
  seriesId: string | null;
  status: "scheduled" | "moved";
  now: string;
  nextId: () => string;
}

/** The sessions an Outlook meeting holds: itself, or one per occurrence of its series, each linked to it. */
export function sessionsOfMeeting(m: BookedMeeting): SessionRecord[] {
  return occurrencesOf(m.slot, m.timeZone, m.recurrence).map((o) => ({
    id: m.nextId(),
    tandemId: m.tandemId,
    start: o.start,
    end: o.end,
    timeZone: m.timeZone,
    graphEventId: m.event.id,
    iCalUId: m.event.iCalUId,
    joinUrl: m.event.joinUrl,
    teamsMeetingUnavailable: m.event.joinUrl === null,
    recurrence: m.recurrence,
    seriesId: m.seriesId,
    status: m.status,
    createdAt: m.now,
    updatedAt: m.now,
    link: {
      organizerId: m.organizerId,
      eventId: m.event.id,
      matchKey: m.event.matchKey,
      originalStart: m.recurrence ? new Date(Date.parse(o.start)).toISOString() : null,
    },
  }));
}

/** Only a session still to come can be moved or cancelled. */
export function checkChangeable(s: Pick<SessionRecord, "status" | "end">, now: string): void {
  if (!isUpcomingStatus(s.status) || Date.parse(s.end) <= Date.parse(now)) {
    const why = isUpcomingStatus(s.status) ? "over" : s.status;
    throw new TandemError("illegal_transition", `Only a session still to come can be moved or cancelled; this one is ${why}.`);
  }
}

/** The session at other times, written in its own zone: it still happens, "moved". */
export const movedTo = (s: SessionRecord, slot: { start: string; end: string }): SessionRecord => ({
  ...s,
  start: formatInstant(Date.parse(slot.start), s.timeZone),
  end: formatInstant(Date.parse(slot.end), s.timeZone),
  status: "moved",
});

/** Where an occurrence sits in its series: its original start, which it keeps when it moves. */
export const originalStartOf = (s: Pick<SessionRecord, "start" | "link">) => Date.parse(s.link?.originalStart ?? s.start);

/** The sessions of the target's series in order, and those from the target on. */
export function seriesFrom<T extends Versioned<SessionRecord>>(all: T[], target: SessionRecord): { series: T[]; from: T[] } {
  const seriesId = target.seriesId;
  const series = all
    .filter((s) => seriesId !== null && s.value.seriesId === seriesId)
    .sort((a, b) => originalStartOf(a.value) - originalStartOf(b.value));
  return { series, from: series.filter((s) => originalStartOf(s.value) >= originalStartOf(target)) };
}

/**
 * How to end, before `target`, the Outlook series that hold `from`: one that starts there is cancelled as a whole
 * (`cut` null), one that started earlier is cut after its last earlier occurrence.
 */
export function seriesEnding(series: SessionRecord[], target: SessionRecord, from: SessionRecord[]): { eventId: string; cut: EventChange | null }[] {
  const first = originalStartOf(target);
  const zone = target.timeZone;
  return [...new Set(from.map((s) => s.link!.eventId))].map((eventId) => {
    const own = series.filter((s) => s.link?.eventId === eventId).sort((a, b) => originalStartOf(a) - originalStartOf(b));
    const earlier = own.filter((s) => originalStartOf(s) < first);
    if (earlier.length === 0) return { eventId, cut: null };
    return {
      eventId,
      cut: {
        timeZone: zone,
        recurrence: {
          everyWeeks: target.recurrence?.everyWeeks ?? 1,
          firstDate: dateIn(new Date(originalStartOf(own[0]!)), zone),
          end: { lastDate: dateIn(new Date(originalStartOf(earlier.at(-1)!)), zone) },
        },
      },
    };
  });
}

/**
 * The organizer's own id of a session's meeting when it is known without asking Graph: a single event's, or an
 * occurrence's once seen. Null for an occurrence never seen on its own: only its series master's id is known.
 */
export function knownEventId(s: SessionRecord): string | null {
  const link = s.link!;
  if (!link.originalStart) return link.eventId;
  return s.graphEventId && s.graphEventId !== link.eventId ? s.graphEventId : null;
}

/** Where to look for an occurrence among its series' instances: its original slot and its slot now, a day either side. */
export function occurrenceSpan(s: SessionRecord): { from: string; to: string } {
  const span = [originalStartOf(s), Date.parse(s.start), Date.parse(s.end)];
  return { from: new Date(Math.min(...span) - DAY).toISOString(), to: new Date(Math.max(...span) + DAY).toISOString() };
}

/** The occurrence of a series that was first planned at `originalStart`, wherever it moved since. */
export const occurrenceAt = <E extends Pick<CalendarEvent, "originalStart">>(instances: E[], originalStart: string): E | undefined =>
  instances.find((i) => i.originalStart !== null && Date.parse(i.originalStart) === Date.parse(originalStart));

// ---------------------------------------------------------------------------------------------------------------
// What people change in Outlook: reading a meeting back onto its session.
// ---------------------------------------------------------------------------------------------------------------

/** Sessions worth comparing with Outlook: still to come, with a meeting. */
export const isWatched = (s: SessionRecord, now: string) => s.link !== null && isUpcomingStatus(s.status) && Date.parse(s.end) > Date.parse(now);

/** The calendar span that holds every watched session's meeting: where they are and where they were, a day either side. */
export function watchSpan(watched: SessionRecord[]): { from: string; to: string } {
  const times = watched.flatMap((s) => {
    const original = originalStartOf(s);
    return [Date.parse(s.start), Date.parse(s.end), original, original + (Date.parse(s.end) - Date.parse(s.start))];
  });
  return { from: new Date(Math.min(...times) - DAY).toISOString(), to: new Date(Math.max(...times) + DAY).toISOString() };
}

/** How a session and a copy of its meeting recognise each other in any calendar: ids are per mailbox, this is not. */
export const meetingMatch = (matchKey: string, originalStart: string | null) =>
  originalStart ? `${matchKey.toUpperCase()}|${Date.parse(originalStart)}` : matchKey.toUpperCase();

/**
 * The session as Outlook now has its meeting: cancelled (gone or cancelled), moved (other times), or unchanged
 * (null). The organizer's copy also teaches an occurrence's own id, which later changes then need not look up.
 */
export function sessionAsMeeting(s: SessionRecord, e: CalendarEvent | null, organizer: boolean): SessionRecord | null {
  if (!e || e.isCancelled) return { ...s, status: "cancelled" };
  let next: SessionRecord | null = null;
  if (Date.parse(e.start) !== Date.parse(s.start) || Date.parse(e.end) !== Date.parse(s.end)) next = movedTo(s, e);
  if (organizer && s.link?.originalStart && e.id !== s.graphEventId) next = { ...(next ?? s), graphEventId: e.id, iCalUId: e.iCalUId };
  return next;
}

// ---------------------------------------------------------------------------------------------------------------
// From an Outlook meeting to its session (the add-in).
// ---------------------------------------------------------------------------------------------------------------

/**
 * The session an Outlook meeting stands for: the one it was booked as, or in a series, the occurrence planned at
 * `originalStart`, or on `date` (from an occurrence's iCalUId), or else the next one to end (the last one when all
 * are over).
 */
export function sessionOfMeeting<T extends Versioned<SessionRecord>>(
  sessions: T[],
  target: Pick<EventTarget, "sessionId" | "seriesId">,
  at: { originalStart: string | null; date: string | null; now: string },
): T | undefined {
  if (target.sessionId) return sessions.find((s) => s.value.id === target.sessionId);
  const series = sessions.filter((s) => s.value.seriesId === target.seriesId).sort((a, b) => originalStartOf(a.value) - originalStartOf(b.value));
  if (at.originalStart) return series.find((s) => originalStartOf(s.value) === Date.parse(at.originalStart!));
  if (at.date) return series.find((s) => s.value.link?.originalStart?.slice(0, 10) === at.date);
  return series.find((s) => Date.parse(s.value.end) > Date.parse(at.now)) ?? series.at(-1);
}

/**
 * The last session held by now (the one rule: its meeting ended and was not called off, or it was marked held) before
 * this one: its check-ins are what the add-in recalls before the next.
 */
export const previousHeld = <T extends Versioned<SessionRecord>>(sessions: T[], session: SessionRecord, now: string): T | undefined =>
  sessions
    .filter((s) => isHeld(s.value, now) && Date.parse(s.value.start) < Date.parse(session.start))
    .sort((a, b) => Date.parse(a.value.start) - Date.parse(b.value.start))
    .at(-1);

/**
 * A booking in flight (ADR 0006, "One booking per slot"): its Idempotency-Key, the id its first session will have,
 * the times it takes, and until when the hold counts should its writer die before recording or releasing it.
 */
export const SlotHold = z.strictObject({
  key: z.string(),
  sessionId: Id,
  intervals: z.array(z.strictObject({ start: Instant, end: Instant })),
  until: Instant,
});
export type SlotHold = z.infer<typeof SlotHold>;

/** A tandem's bookings in flight, on one row written with its ETag. */
export const SlotHolds = z.strictObject({ holds: z.array(SlotHold) });
export type SlotHolds = z.infer<typeof SlotHolds>;

const overlaps = (a: { start: string; end: string }, b: { start: string; end: string }) =>
  Date.parse(a.start) < Date.parse(b.end) && Date.parse(b.start) < Date.parse(a.end);

/** The first of `taken` that overlaps any of `wanted` (half-open: a session may start when another ends). */
export function firstOverlap<T extends { start: string; end: string }>(wanted: { start: string; end: string }[], taken: T[]): T | null {
  return taken.find((t) => wanted.some((w) => overlaps(w, t))) ?? null;
}

/** The holds of other bookings still in flight at `now` that overlap `wanted`. */
export function heldBy(holds: SlotHold[], wanted: { start: string; end: string }[], key: string, now: string): SlotHold | null {
  return holds.find((h) => h.key !== key && Date.parse(h.until) > Date.parse(now) && firstOverlap(wanted, h.intervals) !== null) ?? null;
}
