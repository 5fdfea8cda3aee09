import type { DateTimeTimeZone, Event, PatternedRecurrence } from "@microsoft/microsoft-graph-types";
import {
  TandemError,
  formatInstant,
  weekdayOf,
  zonedTimeToUtc,
  type Availability,
  type CalendarEvent,
  type EventChange,
  type MeetingTimes,
} from "@tandem/core";
import { fromGraphZone, toGraphZone } from "./zones";

/** What Tandem reads of an event: enough to match it with a session and to see it moved or cancelled. */
export const EVENT_FIELDS = "id,iCalUId,start,end,isCancelled,onlineMeeting,seriesMasterId,originalStart,type,isOrganizer,createdDateTime";

/**
 * Tandem's mark on the meetings it books (core `NewMeeting.tandemId`): a MAPI named property in Tandem's own
 * namespace, which Outlook shows nobody and only Graph reads back, with `$expand` (MARK_EXPAND).
 */
export const MARK_ID = "String {a9da03c6-1266-4b69-8fc5-f7445eea2df2} Name TandemTandemId";
export const MARK_EXPAND = `singleValueExtendedProperties($filter=id eq '${MARK_ID}')`;
/** Graph's $batch takes at most 20 requests. */
export const BATCH_LIMIT = 20;

// ---------------------------------------------------------------------------------------------------------------
// Times: Graph's dateTimeTimeZone (wall clock + zone name) to and from instants. Windows names go out; what comes
// back is read whether Graph names it the Windows or the IANA way.
// ---------------------------------------------------------------------------------------------------------------

export function instantOf(v: DateTimeTimeZone | null | undefined): number {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)/.exec(v?.dateTime ?? "");
  const zone = fromGraphZone(v?.timeZone ?? "UTC");
  if (!m || !zone) throw new TandemError("internal", `Microsoft Graph answered a time Tandem cannot read: ${JSON.stringify(v)}.`);
  return zonedTimeToUtc(m[1]!, m[2]!, zone).getTime();
}

/** An instant as wall-clock time in an IANA zone, named for Graph by its Windows name. */
export const graphTime = (instant: string | number, zone: string): DateTimeTimeZone => ({
  dateTime: formatInstant(typeof instant === "number" ? instant : Date.parse(instant), zone).slice(0, 19),
  timeZone: toGraphZone(zone),
});

/** `Prefer: outlook.timezone` for answers in an IANA zone, under its Windows name. */
export const prefer = (zone: string) => `outlook.timezone="${toGraphZone(zone)}"`;

// ---------------------------------------------------------------------------------------------------------------
// iCalUIds: Outlook's GlobalObjectId (MS-OXOCAL PidLidGlobalObjectId) in hex. Bytes 16 to 19 hold an occurrence's
// date (year on two bytes, month, day) and are zero for a single event or a series master, so zeroing them gives
// what every occurrence of one series shares.
// ---------------------------------------------------------------------------------------------------------------

const GLOBAL_OBJECT_ID = /^040000008200E00074C5B7101A82E008[0-9A-F]{8}[0-9A-F]*$/i;

export function parseICalUId(iCalUId: string): { matchKey: string; date: string | null } {
  if (!GLOBAL_OBJECT_ID.test(iCalUId)) return { matchKey: iCalUId, date: null };
  const upper = iCalUId.toUpperCase();
  const date = upper.slice(32, 40);
  const matchKey = `${upper.slice(0, 32)}00000000${upper.slice(40)}`;
  if (/^0+$/.test(date)) return { matchKey, date: null };
  const y = parseInt(date.slice(0, 4), 16);
  const mo = parseInt(date.slice(4, 6), 16);
  const d = parseInt(date.slice(6, 8), 16);
  return { matchKey, date: `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}` };
}

export function toEvent(e: Event): CalendarEvent {
  const iCalUId = e.iCalUId ?? "";
  return {
    id: e.id!,
    iCalUId,
    matchKey: parseICalUId(iCalUId).matchKey,
    start: new Date(instantOf(e.start)).toISOString(),
    end: new Date(instantOf(e.end)).toISOString(),
    isCancelled: e.isCancelled === true,
    joinUrl: e.onlineMeeting?.joinUrl ?? null,
    seriesMasterId: e.type === "occurrence" || e.type === "exception" ? (e.seriesMasterId ?? null) : null,
    originalStart: e.originalStart ? new Date(e.originalStart).toISOString() : null,
    isOrganizer: e.isOrganizer === true,
    tandemId: e.singleValueExtendedProperties?.find((p) => p.id?.toLowerCase() === MARK_ID.toLowerCase())?.value ?? null,
    createdAt: e.createdDateTime ? new Date(e.createdDateTime).toISOString() : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Meeting times and series patterns.
// ---------------------------------------------------------------------------------------------------------------

export const EMPTY_REASONS: Record<string, MeetingTimes["emptyReason"]> = {
  attendeesUnavailable: "attendees_unavailable",
  attendeesUnavailableOrUnknown: "attendees_unavailable",
  organizerUnavailable: "organizer_unavailable",
};

const AVAILABILITIES = new Set<Availability>(["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"]);
export const availability = (v: unknown): Availability => (AVAILABILITIES.has(v as Availability) ? (v as Availability) : "unknown");

export function recurrenceOf(r: NonNullable<EventChange["recurrence"]>, zone: string): PatternedRecurrence {
  return {
    pattern: { type: "weekly", interval: r.everyWeeks, daysOfWeek: [weekdayOf(r.firstDate)], firstDayOfWeek: "monday" },
    range:
      "occurrences" in r.end
        ? { type: "numbered", startDate: r.firstDate, numberOfOccurrences: r.end.occurrences, recurrenceTimeZone: toGraphZone(zone) }
        : { type: "endDate", startDate: r.firstDate, endDate: r.end.lastDate, recurrenceTimeZone: toGraphZone(zone) },
  };
}
