import { z } from "zod";
import { Id, Instant, TimeZone, text } from "./common";

/** "missed": a member said it did not take place, though its meeting was not cancelled. */
export const sessionStatuses = ["scheduled", "held", "cancelled", "moved", "missed"] as const;
export const SessionStatus = z.enum(sessionStatuses);
export type SessionStatus = z.infer<typeof SessionStatus>;

export const Recurrence = z.strictObject({
  everyWeeks: z.int().min(1).max(8),
  occurrences: z.int().min(2).max(52),
});
export type Recurrence = z.infer<typeof Recurrence>;

export const Session = z.strictObject({
  id: Id,
  tandemId: Id,
  start: Instant,
  end: Instant,
  timeZone: TimeZone,
  graphEventId: z.string().max(512).nullable(),
  iCalUId: z.string().max(512).nullable(),
  joinUrl: z.url().max(2048).nullable(),
  /**
   * Booked in Outlook without a Teams meeting: the organizer's calendar does not allow Teams meetings
   * (`allowedOnlineMeetingProviders`), so there is no link to join, and the apps say so.
   */
  teamsMeetingUnavailable: z.boolean().default(false),
  recurrence: Recurrence.nullable(),
  /** Sessions booked together as one recurring series share it; null for a single session. */
  seriesId: Id.nullable().default(null),
  status: SessionStatus,
  createdAt: Instant,
  updatedAt: Instant,
});
export type Session = z.infer<typeof Session>;

/**
 * How a session is tied to its Outlook meeting. Kept with the session in storage, never sent to clients: ids of
 * Outlook items are per mailbox, so only the organizer's ids are known, and every other copy of the meeting is
 * recognised by `matchKey`.
 */
export const EventLink = z.strictObject({
  /** Who booked it: the organizer in Outlook, the only person Graph lets move or cancel it. */
  organizerId: Id,
  /** The organizer's event: the single event, or the series master for an occurrence. */
  eventId: z.string().min(1).max(512),
  /** What every copy of the meeting shares, in every calendar: the event's iCalUId, or its series' for an occurrence. */
  matchKey: z.string().min(1).max(512),
  /** An occurrence of a series: its original start, which tells it apart in its series even after it moved. */
  originalStart: Instant.nullable(),
});
export type EventLink = z.infer<typeof EventLink>;

/** A session as stored: the session and, when it was booked in Outlook, its link to the meeting. */
export const SessionRecord = Session.extend({ link: EventLink.nullable().default(null) });
export type SessionRecord = z.infer<typeof SessionRecord>;
export type SessionRecordInput = Session & { link?: EventLink | null };

/** What leaves the api: the session without its storage-only link. */
export const publicSession = ({ link: _link, ...session }: SessionRecordInput): Session => session;

export const SessionStatusInput = z.strictObject({ status: z.enum(["held", "cancelled", "missed"]) });
export type SessionStatusInput = z.infer<typeof SessionStatusInput>;

export const sessionMinutes = (s: Pick<Session, "start" | "end">) =>
  Math.round((Date.parse(s.end) - Date.parse(s.start)) / 60_000);

export * from "./session-times";

export const CheckInInput = z.strictObject({
  learned: text(2000),
  willTry: text(2000),
  rating: z.int().min(1).max(5),
});
export type CheckInInput = z.infer<typeof CheckInInput>;

export const CheckIn = z.strictObject({
  sessionId: Id,
  personId: Id,
  /** Free text is left out for readers who may only see ratings (coordinators). */
  learned: z.string().optional(),
  willTry: z.string().optional(),
  rating: z.int().min(1).max(5),
  createdAt: Instant,
  updatedAt: Instant,
});
export type CheckIn = z.infer<typeof CheckIn>;

export const noteVisibilities = ["private", "shared"] as const;
export const NoteVisibility = z.enum(noteVisibilities);
export type NoteVisibility = z.infer<typeof NoteVisibility>;

export const NoteInput = z.strictObject({
  body: text(4000, 1),
  visibility: NoteVisibility,
});
export type NoteInput = z.infer<typeof NoteInput>;

export const NotePatch = NoteInput.partial().refine((p) => Object.keys(p).length > 0, "change at least one field");
export type NotePatch = z.infer<typeof NotePatch>;

export const Note = z.strictObject({
  id: Id,
  sessionId: Id,
  authorId: Id,
  body: z.string(),
  visibility: NoteVisibility,
  createdAt: Instant,
  updatedAt: Instant,
});
export type Note = z.infer<typeof Note>;
