import { z } from "zod";
import { CalendarDate, Id, Instant, TimeZone, text, type Locale } from "./common";
import { Recurrence } from "./sessions";
import type { Tandem } from "./tandems";
import { addDays, dateIn, formatInstant, weekdayOf, zonedTimeToUtc, type WeekDay } from "./time";

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

export const Suggestions = z.strictObject({
  timeZone: TimeZone,
  durationMinutes: z.int().min(15).max(180),
  slots: z.array(Slot),
  /** Why there is no slot, when there is none. */
  emptyReason: z.enum(emptyReasons).nullable(),
});
export type Suggestions = z.infer<typeof Suggestions>;

const ordered = <T extends { start: string; end: string }>(v: T) => Date.parse(v.end) > Date.parse(v.start);

export const BookingInput = z
  .strictObject({
    start: Instant,
    end: Instant,
    /** Systematic sessions: a series at the cycle's cadence. */
    recurrence: Recurrence.nullable().default(null),
  })
  .refine(ordered, { message: "a session ends after it starts", path: ["end"] });
export type BookingInput = z.infer<typeof BookingInput>;

export const changeScopes = ["occurrence", "series"] as const;

export const RescheduleInput = z
  .strictObject({
    start: Instant,
    end: Instant,
    scope: z.enum(changeScopes).default("occurrence"),
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
export const MeetingLookup = z
  .strictObject({
    eventId: z.string().min(1).max(512).optional(),
    iCalUId: z.string().min(1).max(512).optional(),
  })
  .refine((q) => q.eventId !== undefined || q.iCalUId !== undefined, { message: "give eventId or iCalUId" });


export type EmptyReason = (typeof emptyReasons)[number];

/** Sessions are booked, moved and suggested for tandems that run: accepted or active. */
export const canBookFor = (t: Pick<Tandem, "status">) => t.status === "accepted" || t.status === "active";

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
  fr: { tandem: "Tandem", circle: "Cercle Tandem", and: "et", goals: "Objectifs en cours", none: "Pas encore d'objectif : choisissez-en un ensemble.", by: "d'ici le", intro: "Session de mentorat inversé :" },
  en: { tandem: "Tandem", circle: "Tandem circle", and: "and", goals: "Goals in progress", none: "No goal yet: choose one together.", by: "by", intro: "Reverse mentoring session:" },
} as const;

/** The meeting's subject and its HTML agenda, from the tandem's goals still in progress. Every name and goal is escaped. */
export function sessionAgenda(a: AgendaInput): { subject: string; html: string } {
  const w = agendaWords[a.language];
  const people = a.mentees.length > 1 ? `${a.mentees.slice(0, -1).join(", ")} ${w.and} ${a.mentees.at(-1)}` : (a.mentees[0] ?? "");
  const subject = `${a.kind === "circle" ? w.circle : w.tandem} · ${a.mentor} ${w.and} ${people}`.replace(/[\u0000-\u001f\u007f]/g, " ");
  const items = a.goals.map(
    (g) =>
      `<li><strong>${escapeHtml(g.title)}</strong> (${escapeHtml(g.mentee)}, ${w.by} ${escapeHtml(g.targetDate)})` +
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
