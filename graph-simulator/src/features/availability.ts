import type {
  AttendeeAvailability,
  AttendeeBase,
  DateTimeTimeZone,
  FreeBusyStatus,
  Location,
  LocationConstraint,
  MeetingTimeSuggestion,
  MeetingTimeSuggestionsResult,
  ScheduleInformation,
  ScheduleItem,
  TimeConstraint,
} from "@microsoft/microsoft-graph-types";
import type { Mailbox } from "./directory";
import type { Simulator, UserRequest } from "../context";
import { badRequest } from "../errors";
import {
  WEEK_DAYS,
  addDays,
  fromDateTimeTimeZone,
  localDate,
  parseDuration,
  toDateTimeTimeZone,
  weekdayOf,
  zonedTimeToUtc,
} from "../time";
import { cancelledOf, instancesOf, locationOf, statusOf, subjectOf, type Instance } from "./calendar";
import { mailboxSettings } from "./users";

interface Busy {
  start: number;
  end: number;
  status: FreeBusyStatus;
  instance: Instance;
}

/** What blocks a person's time in [from, to): every instance not free and not cancelled, in start order. */
export function busyTimes(sim: Simulator, personId: string, from: number, to: number): Busy[] {
  return sim.store
    .ofOwner(personId)
    .flatMap((e) => instancesOf(e, from, to))
    .filter((i) => !cancelledOf(i) && statusOf(i) !== "free")
    .map((i) => ({ start: i.start, end: i.end, status: statusOf(i), instance: i }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Which status wins when items overlap: out of office, then busy, tentative, working elsewhere. */
const WEIGHT: Record<FreeBusyStatus, number> = { free: 0, unknown: 0, workingElsewhere: 1, tentative: 2, busy: 3, oof: 4 };
const VIEW_DIGIT: Record<FreeBusyStatus, string> = { free: "0", unknown: "0", tentative: "1", busy: "2", oof: "3", workingElsewhere: "4" };

function statusDuring(busy: Busy[], start: number, end: number): FreeBusyStatus {
  let status: FreeBusyStatus = "free";
  for (const b of busy) {
    if (b.start >= end) break;
    if (b.end > start && WEIGHT[b.status] > WEIGHT[status]) status = b.status;
  }
  return status;
}

// ---------------------------------------------------------------------------------------------------------------
// calendar/getSchedule
// ---------------------------------------------------------------------------------------------------------------

interface GetScheduleBody {
  schedules?: unknown;
  startTime?: DateTimeTimeZone;
  endTime?: DateTimeTimeZone;
  availabilityViewInterval?: unknown;
}

export function getSchedule(sim: Simulator, req: UserRequest) {
  const body = (req.body ?? {}) as GetScheduleBody;
  if (!Array.isArray(body.schedules) || body.schedules.length === 0 || body.schedules.some((s) => typeof s !== "string")) {
    throw badRequest("schedules must be a non-empty collection of SMTP addresses.", "ErrorInvalidParameter");
  }
  if (body.schedules.length > 100) throw badRequest("getSchedule takes at most 100 schedules.", "ErrorInvalidParameter");
  const from = fromDateTimeTimeZone(body.startTime, "startTime");
  const to = fromDateTimeTimeZone(body.endTime, "endTime");
  if (to <= from) throw badRequest("endTime must be after startTime.", "ErrorInvalidParameter");
  if (to - from > 62 * 86_400_000) throw badRequest("The time window of getSchedule is at most 62 days.", "ErrorInvalidParameter");
  const interval = Number(body.availabilityViewInterval ?? 30);
  if (!Number.isInteger(interval) || interval < 5 || interval > 1440) {
    throw badRequest("availabilityViewInterval must be from 5 to 1440 minutes.", "ErrorInvalidParameter");
  }
  const slot = interval * 60_000;

  const value: ScheduleInformation[] = (body.schedules as string[]).map((address) => {
    const person = sim.dir.byAddress(address);
    if (!person) {
      return {
        scheduleId: address,
        availabilityView: "",
        scheduleItems: [],
        error: { message: `The user or resource '${address}' could not be found.`, responseCode: "ErrorMailRecipientNotFound" },
      };
    }
    const busy = busyTimes(sim, person.id, from, to);
    let view = "";
    for (let t = from; t < to; t += slot) view += VIEW_DIGIT[statusDuring(busy, t, Math.min(t + slot, to))];
    const scheduleItems: ScheduleItem[] = busy.map((b) => {
      const isPrivate = b.instance.event.sensitivity === "private";
      const location = locationOf(b.instance).displayName;
      return {
        isPrivate,
        status: b.status,
        ...(isPrivate ? {} : { subject: subjectOf(b.instance), ...(location ? { location } : {}) }),
        start: toDateTimeTimeZone(b.start, req.zone),
        end: toDateTimeTimeZone(b.end, req.zone),
      };
    });
    return { scheduleId: address, availabilityView: view, scheduleItems, workingHours: mailboxSettings(sim.dir, person).workingHours };
  });
  return { "@odata.context": `${sim.baseUrl()}/$metadata#Collection(microsoft.graph.scheduleInformation)`, value };
}

// ---------------------------------------------------------------------------------------------------------------
// findMeetingTimes
// ---------------------------------------------------------------------------------------------------------------

interface FindMeetingTimesBody {
  attendees?: AttendeeBase[];
  locationConstraint?: LocationConstraint;
  timeConstraint?: TimeConstraint;
  meetingDuration?: string;
  maxCandidates?: number | string;
  isOrganizerOptional?: boolean | string;
  returnSuggestionReasons?: boolean | string;
  minimumAttendeePercentage?: number | string;
}

/** The documentation's own example sends booleans and numbers as strings ("false", "100"): Graph reads both. */
const bool = (v: unknown, fallback: boolean) => (v === undefined || v === null ? fallback : v === true || String(v).toLowerCase() === "true");
function num(v: unknown, fallback: number, what: string): number {
  if (v === undefined || v === null || v === "") return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw badRequest(`${what} must be a number.`, "ErrorInvalidParameter");
  return n;
}

/** The chance of attending for a status: free 100, unknown 49, busy 0 (documented); tentative 50 (our choice). */
const CHANCE: Record<FreeBusyStatus, number> = { free: 100, workingElsewhere: 100, tentative: 50, unknown: 49, busy: 0, oof: 0 };

const STEP = 30 * 60_000;
const DEFAULT_WINDOW_DAYS = 7;

interface Participant {
  person?: Mailbox;
  attendee: AttendeeBase;
  busy: Busy[];
}

/** Whether [start, end) lies inside one of a person's working days, in the person's own time zone. */
export function withinWorkingHours(p: Mailbox, start: number, end: number, anyDay: boolean): boolean {
  return workingWindows(p, start, start + 1, anyDay).some(([open, close]) => start >= open && end <= close);
}

/** A person's working hours as instants, for every local day that touches [from, to). */
function workingWindows(p: Mailbox, from: number, to: number, anyDay: boolean): [number, number][] {
  const windows: [number, number][] = [];
  const last = localDate(to, p.timeZone);
  for (let date = addDays(localDate(from, p.timeZone), -1); date <= last; date = addDays(date, 1)) {
    if (!anyDay && !p.workingHours.daysOfWeek.includes(WEEK_DAYS[weekdayOf(date)]! as never)) continue;
    windows.push([
      zonedTimeToUtc(date, p.workingHours.startTime, p.timeZone).getTime(),
      zonedTimeToUtc(date, p.workingHours.endTime, p.timeZone).getTime(),
    ]);
  }
  return windows;
}

const REASONS = {
  all: "Suggested because it is one of the nearest times when all attendees are available.",
  some: "Suggested because it is one of the nearest times when most attendees are available.",
  organizer: "Suggested because it is one of the nearest times when the organizer is available.",
};

export function findMeetingTimes(sim: Simulator, req: UserRequest): MeetingTimeSuggestionsResult {
  const body = (req.body ?? {}) as FindMeetingTimesBody;
  const organizer = req.user;
  const duration = body.meetingDuration === undefined ? 30 * 60_000 : parseDuration(body.meetingDuration, "meetingDuration");
  if (duration <= 0) throw badRequest("meetingDuration must be longer than zero.", "ErrorInvalidParameter");
  const maxCandidates = Math.max(0, Math.floor(num(body.maxCandidates, 5, "maxCandidates")));
  const organizerOptional = bool(body.isOrganizerOptional, false);
  const withReasons = bool(body.returnSuggestionReasons, false);
  const minimum = num(body.minimumAttendeePercentage, 50, "minimumAttendeePercentage");
  const domain = (body.timeConstraint?.activityDomain ?? "work").toLowerCase();
  if (!["work", "personal", "unrestricted", "unknown"].includes(domain)) {
    throw badRequest("timeConstraint.activityDomain must be work, personal or unrestricted.", "ErrorInvalidParameter");
  }

  const now = sim.now();
  const slots = (body.timeConstraint?.timeSlots ?? []).map((s, n) => {
    const from = fromDateTimeTimeZone(s.start, `timeConstraint.timeSlots[${n}].start`);
    const to = fromDateTimeTimeZone(s.end, `timeConstraint.timeSlots[${n}].end`);
    if (to <= from) throw badRequest(`timeConstraint.timeSlots[${n}] ends before it starts.`, "ErrorInvalidParameter");
    return { from, to };
  });
  if (slots.length === 0) slots.push({ from: now, to: now + DEFAULT_WINDOW_DAYS * 86_400_000 });
  const from = Math.min(...slots.map((s) => s.from));
  const to = Math.max(...slots.map((s) => s.to));

  if (body.attendees !== undefined && !Array.isArray(body.attendees)) throw badRequest("attendees must be a collection.", "ErrorInvalidParameter");
  const participants: Participant[] = (body.attendees ?? [])
    .filter((a) => a?.emailAddress?.address && a.emailAddress.address.toLowerCase() !== organizer.mail.toLowerCase())
    .map((attendee) => {
      const person = sim.dir.byAddress(attendee.emailAddress!.address);
      return { attendee, ...(person ? { person } : {}), busy: person ? busyTimes(sim, person.id, from, to) : [] };
    });
  const organizerBusy = busyTimes(sim, organizer.id, from, to);

  // Whose working hours bound the suggestions: the organizer's (unless optional) and every required person's.
  const bounded = [
    ...(organizerOptional ? [] : [organizer]),
    ...participants.filter((p) => p.person && p.attendee.type !== "optional" && p.attendee.type !== "resource").map((p) => p.person!),
  ];
  const windows = bounded.map((p) => workingWindows(p, from, to, domain === "personal"));
  const fits = (start: number, end: number) =>
    domain === "unrestricted" || windows.every((w) => w.some(([open, close]) => start >= open && end <= close));

  const candidates: ({ start: number } & MeetingTimeSuggestion)[] = [];
  let inDomain = 0;
  let organizerBlocked = 0;
  const everyone = participants.length ? participants : [];
  for (const slot of slots) {
    // Start on the half hour, and never in the past.
    let start = Math.ceil(Math.max(slot.from, now) / STEP) * STEP;
    for (; start + duration <= slot.to; start += STEP) {
      const end = start + duration;
      if (!fits(start, end)) continue;
      inDomain++;
      const organizerAvailability = statusDuring(organizerBusy, start, end);
      if (!organizerOptional && CHANCE[organizerAvailability] === 0) {
        organizerBlocked++;
        continue;
      }
      const attendeeAvailability: AttendeeAvailability[] = everyone.map((p) => ({
        attendee: { emailAddress: { address: p.attendee.emailAddress!.address! } },
        availability: p.person ? statusDuring(p.busy, start, end) : "unknown",
      }));
      const chances = everyone.length
        ? attendeeAvailability.map((a) => CHANCE[a.availability as FreeBusyStatus])
        : [CHANCE[organizerAvailability]];
      const confidence = Math.round((chances.reduce((s, c) => s + c, 0) / chances.length) * 100) / 100;
      if (confidence < minimum) continue;
      candidates.push({
        start,
        confidence,
        organizerAvailability,
        ...(withReasons
          ? { suggestionReason: everyone.length === 0 ? REASONS.organizer : confidence === 100 ? REASONS.all : REASONS.some }
          : {}),
        attendeeAvailability,
      });
    }
  }

  // Most likely first, then the nearest; suggestions do not overlap one another.
  candidates.sort((a, b) => b.confidence! - a.confidence! || a.start - b.start);
  const chosen: MeetingTimeSuggestion[] = [];
  const taken: number[] = [];
  const locations = suggestedLocations(body.locationConstraint);
  for (const { start, confidence, organizerAvailability, suggestionReason, attendeeAvailability } of candidates) {
    if (chosen.length >= maxCandidates) break;
    if (taken.some((t) => Math.abs(t - start) < duration)) continue;
    taken.push(start);
    // In the order of the documentation's example.
    chosen.push({
      confidence,
      order: chosen.length + 1,
      organizerAvailability,
      ...(suggestionReason ? { suggestionReason } : {}),
      attendeeAvailability,
      locations,
      meetingTimeSlot: { start: toDateTimeTimeZone(start, req.zone), end: toDateTimeTimeZone(start + duration, req.zone) },
    });
  }

  const emptySuggestionsReason = chosen.length
    ? ""
    : inDomain > 0 && organizerBlocked === inDomain
      ? "organizerUnavailable"
      : participants.some((p) => !p.person)
        ? "attendeesUnavailableOrUnknown"
        : "attendeesUnavailable";
  return {
    "@odata.context": `${sim.baseUrl()}/$metadata#microsoft.graph.meetingTimeSuggestionsResult`,
    emptySuggestionsReason,
    meetingTimeSuggestions: chosen,
  } as MeetingTimeSuggestionsResult;
}

function suggestedLocations(constraint: LocationConstraint | undefined): Location[] {
  return (constraint?.locations ?? []).filter((l) => l.displayName).map((l) => ({ displayName: l.displayName! }));
}
