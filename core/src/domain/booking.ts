import { z } from "zod";
import { CalendarDate, Id, Instant, TimeZone, text } from "./common";
import { Recurrence } from "./sessions";

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

