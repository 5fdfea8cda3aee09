import type { Client } from "@microsoft/microsoft-graph-client";
import type {
  AttendeeAvailability,
  DateTimeTimeZone,
  Event,
  MeetingTimeSuggestionsResult,
  PatternedRecurrence,
  ScheduleInformation,
  User,
} from "@microsoft/microsoft-graph-types";
import {
  TandemError,
  formatInstant,
  weekdayOf,
  weekDays,
  zonedTimeToUtc,
  type Availability,
  type Calendar,
  type CalendarEvent,
  type EventChange,
  type MeetingAttendee,
  type MeetingTimes,
  type WeekDay,
  type WorkingHours,
} from "@tandem/core";
import { ianaZone } from "./zones";

/** What Tandem reads of an event: enough to match it with a session and to see it moved or cancelled. */
const EVENT_FIELDS = "id,iCalUId,start,end,isCancelled,onlineMeeting,seriesMasterId,originalStart,type";
const BATCH_LIMIT = 20;
const MAX_PAGES = 5;

// ---------------------------------------------------------------------------------------------------------------
// Times: Graph's dateTimeTimeZone (wall clock + zone name, Windows or IANA) to and from instants.
// ---------------------------------------------------------------------------------------------------------------

function instantOf(v: DateTimeTimeZone | null | undefined): number {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)/.exec(v?.dateTime ?? "");
  const zone = ianaZone(v?.timeZone ?? "UTC");
  if (!m || !zone) throw new TandemError("internal", `Microsoft Graph answered a time Tandem cannot read: ${JSON.stringify(v)}.`);
  return zonedTimeToUtc(m[1]!, m[2]!, zone).getTime();
}

const graphTime = (instant: string | number, zone: string): DateTimeTimeZone => ({
  dateTime: formatInstant(typeof instant === "number" ? instant : Date.parse(instant), zone).slice(0, 19),
  timeZone: zone,
});

const prefer = (zone: string) => `outlook.timezone="${zone}"`;

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

function toEvent(e: Event): CalendarEvent {
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
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Errors: Graph's answers, after the retries, in Tandem's words.
// ---------------------------------------------------------------------------------------------------------------

interface GraphFailure {
  statusCode?: number;
  code?: string | null;
  message?: string;
}

const statusOf = (e: unknown) => (e && typeof e === "object" && typeof (e as GraphFailure).statusCode === "number" ? (e as GraphFailure).statusCode! : 0);

function failure(e: unknown, what: string, retries: number): TandemError {
  if (e instanceof TandemError) return e;
  const status = statusOf(e);
  if (status === 429 || status === 503 || status === 504) {
    return new TandemError(
      "unavailable",
      `Outlook (Microsoft Graph) is busy or unavailable (HTTP ${status}, still after ${retries} retries), so Tandem could not ${what}. Try again in a few minutes.`,
    );
  }
  if (status === 401) return new TandemError("unavailable", `Microsoft Graph did not accept Tandem's sign-in on your behalf, so Tandem could not ${what}. Sign in again.`);
  if (status === 403) return new TandemError("forbidden", `Microsoft Graph does not let Tandem ${what} for you (missing permission or consent).`);
  if (status === 404) return new TandemError("not_found", `This meeting is no longer in your Outlook calendar, so Tandem could not ${what}.`);
  if (status === 400 || status === 409 || status === 422) {
    const detail = (e as GraphFailure).message?.slice(0, 300) ?? "";
    return new TandemError("validation", `Outlook refused to ${what}${detail ? `: ${detail}` : "."}`);
  }
  if (status >= 500) return new TandemError("unavailable", `Outlook (Microsoft Graph) failed (HTTP ${status}), so Tandem could not ${what}. Try again later.`);
  return new TandemError("unavailable", `Outlook (Microsoft Graph) could not be reached, so Tandem could not ${what}. Try again later.`);
}

const EMPTY_REASONS: Record<string, MeetingTimes["emptyReason"]> = {
  attendeesUnavailable: "attendees_unavailable",
  attendeesUnavailableOrUnknown: "attendees_unavailable",
  organizerUnavailable: "organizer_unavailable",
};

const AVAILABILITIES = new Set<Availability>(["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"]);
const availability = (v: unknown): Availability => (AVAILABILITIES.has(v as Availability) ? (v as Availability) : "unknown");

function recurrenceOf(r: NonNullable<EventChange["recurrence"]>, zone: string): PatternedRecurrence {
  return {
    pattern: { type: "weekly", interval: r.everyWeeks, daysOfWeek: [weekdayOf(r.firstDate)], firstDayOfWeek: "monday" },
    range:
      "occurrences" in r.end
        ? { type: "numbered", startDate: r.firstDate, numberOfOccurrences: r.end.occurrences, recurrenceTimeZone: zone }
        : { type: "endDate", startDate: r.firstDate, endDate: r.end.lastDate, recurrenceTimeZone: zone },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The calendar.
// ---------------------------------------------------------------------------------------------------------------

/** Names and addresses of a tenant's people, shared by every caller of the process: they rarely change. */
export class AttendeeCache {
  private readonly entries = new Map<string, { value: MeetingAttendee; until: number }>();
  constructor(
    private readonly ttlMs = 3600_000,
    private readonly limit = 10_000,
  ) {}

  get(tenantId: string, id: string): MeetingAttendee | undefined {
    const e = this.entries.get(`${tenantId}|${id}`);
    return e && e.until > Date.now() ? e.value : undefined;
  }

  set(tenantId: string, id: string, value: MeetingAttendee) {
    if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(`${tenantId}|${id}`, { value, until: Date.now() + this.ttlMs });
  }
}

/** The caller's calendar through Microsoft Graph v1.0: each method is one round trip (retries aside). */
export function graphCalendar(
  client: Client,
  options: { baseUrl: string; retries: number; tenantId: string; attendees: AttendeeCache },
): Calendar {
  const call = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      throw failure(e, what, options.retries);
    }
  };
  const orNull = async <T>(fn: () => Promise<T>): Promise<T | null> => {
    try {
      return await fn();
    } catch (e) {
      if (statusOf(e) === 404 || (e instanceof TandemError && e.code === "not_found")) return null;
      throw e;
    }
  };
  const path = (id: string) => `/me/events/${encodeURIComponent(id)}`;
  const basePath = new URL(options.baseUrl).pathname.replace(/\/+$/, "");

  /** A collection, following @odata.nextLink for a few pages. */
  async function collect(first: () => Promise<{ value?: Event[]; "@odata.nextLink"?: string }>): Promise<Event[]> {
    const out: Event[] = [];
    let page = await first();
    for (let n = 1; ; n++) {
      out.push(...(page.value ?? []));
      const next = page["@odata.nextLink"];
      if (!next || n >= MAX_PAGES) return out;
      const url = new URL(next);
      page = await client.api(`${url.pathname.slice(basePath.length)}${url.search}`).get();
    }
  }

  const calendar: Calendar = {
    async findMeetingTimes(q) {
      const result: MeetingTimeSuggestionsResult = await call("look for free times", () =>
        client
          .api("/me/findMeetingTimes")
          .header("Prefer", prefer(q.timeZone))
          .post({
            attendees: q.attendees.map((a) => ({ type: "required", emailAddress: { address: a.address, name: a.name } })),
            timeConstraint: {
              activityDomain: "work",
              timeSlots: [{ start: graphTime(q.from, q.timeZone), end: graphTime(q.to, q.timeZone) }],
            },
            meetingDuration: `PT${q.durationMinutes}M`,
            maxCandidates: q.maxSlots,
            isOrganizerOptional: false,
            returnSuggestionReasons: false,
            // Everyone free: a slot where one person is busy or tentative is not a slot for a tandem.
            minimumAttendeePercentage: 100,
          }),
      );
      const slots = (result.meetingTimeSuggestions ?? [])
        .filter((s) => s.meetingTimeSlot?.start && s.meetingTimeSlot.end)
        .map((s) => ({
          start: formatInstant(instantOf(s.meetingTimeSlot!.start), q.timeZone),
          end: formatInstant(instantOf(s.meetingTimeSlot!.end), q.timeZone),
          confidence: Math.max(0, Math.min(100, s.confidence ?? 0)),
          organizer: availability(s.organizerAvailability),
          attendees: (s.attendeeAvailability ?? []).map((a: AttendeeAvailability) => ({
            address: a.attendee?.emailAddress?.address ?? "",
            availability: availability(a.availability),
          })),
        }))
        .sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
      return {
        slots,
        emptyReason: slots.length ? null : (EMPTY_REASONS[result.emptySuggestionsReason ?? ""] ?? "unknown"),
      };
    },

    async workingHours(addresses, from, to) {
      const result: { value?: ScheduleInformation[] } = await call("read working hours", () =>
        client.api("/me/calendar/getSchedule").post({
          schedules: addresses,
          startTime: graphTime(from, "UTC"),
          endTime: graphTime(to, "UTC"),
          availabilityViewInterval: 60,
        }),
      );
      return addresses.map((address) => {
        const w = result.value?.find((s) => s.scheduleId?.toLowerCase() === address.toLowerCase())?.workingHours;
        const zone = ianaZone(w?.timeZone?.name);
        if (!w || !zone || !w.startTime || !w.endTime) return null;
        const days = (w.daysOfWeek ?? []).map((d) => String(d).toLowerCase()).filter((d): d is WeekDay => (weekDays as readonly string[]).includes(d));
        return { daysOfWeek: days, startTime: w.startTime.slice(0, 5), endTime: w.endTime.slice(0, 5), timeZone: zone } satisfies WorkingHours;
      });
    },

    async mailboxTimeZone() {
      const r: { value?: string } = await call("read your time zone", () => client.api("/me/mailboxSettings/timeZone").get());
      return ianaZone(r.value) ?? "UTC";
    },

    async createEvent(m) {
      const first = m.recurrence ? formatInstant(Date.parse(m.start), m.timeZone).slice(0, 10) : null;
      const body: Event = {
        subject: m.subject,
        body: { contentType: "html", content: m.html },
        start: graphTime(m.start, m.timeZone),
        end: graphTime(m.end, m.timeZone),
        attendees: m.attendees.map((a) => ({ type: "required", emailAddress: { address: a.address, name: a.name } })),
        isOnlineMeeting: true,
        onlineMeetingProvider: "teamsForBusiness",
        categories: [m.category],
        transactionId: m.transactionId,
        ...(m.recurrence && first
          ? {
              recurrence: recurrenceOf(
                { everyWeeks: m.recurrence.everyWeeks, firstDate: first, end: { occurrences: m.recurrence.occurrences } },
                m.timeZone,
              ),
            }
          : {}),
      };
      try {
        return toEvent(await client.api("/me/events").header("Prefer", prefer(m.timeZone)).post(body));
      } catch (e) {
        // A create that Graph refuses as a duplicate transaction already happened: find it rather than fail.
        if (statusOf(e) === 409) {
          const existing = await calendar.findByTransactionId(m.transactionId);
          if (existing) return existing;
        }
        throw failure(e, "create the meeting in Outlook", options.retries);
      }
    },

    async findByTransactionId(transactionId) {
      const r: { value?: Event[] } = await call("look for the meeting", () =>
        client
          .api("/me/events")
          .filter(`transactionId eq '${transactionId.replaceAll("'", "''")}'`)
          .select(EVENT_FIELDS)
          .top(1)
          .get(),
      );
      const e = r.value?.[0];
      return e ? toEvent(e) : null;
    },

    async getEvent(id) {
      const e = await orNull(() => client.api(path(id)).select(EVENT_FIELDS).get() as Promise<Event>);
      return e ? toEvent(e) : null;
    },

    async getEvents(ids) {
      const out = new Map<string, CalendarEvent | null>();
      for (let i = 0; i < ids.length; i += BATCH_LIMIT) {
        const chunk = ids.slice(i, i + BATCH_LIMIT);
        const r: { responses?: { id: string; status: number; body?: Event }[] } = await call("read the meetings", () =>
          client.api("/$batch").post({
            requests: chunk.map((id, n) => ({ id: String(n), method: "GET", url: `${path(id)}?$select=${EVENT_FIELDS}` })),
          }),
        );
        for (const [n, id] of chunk.entries()) {
          const answer = r.responses?.find((x) => x.id === String(n));
          if (answer?.status === 200 && answer.body) out.set(id, toEvent(answer.body));
          else if (answer?.status === 404) out.set(id, null);
          else throw failure({ statusCode: answer?.status ?? 0 }, "read the meetings", options.retries);
        }
      }
      return out;
    },

    async eventsBetween(from, to) {
      const events = await call("read your calendar", () =>
        collect(() =>
          client
            .api("/me/calendarView")
            .query({ startDateTime: new Date(from).toISOString(), endDateTime: new Date(to).toISOString() })
            .select(EVENT_FIELDS)
            .top(1000)
            .get(),
        ),
      );
      return events.map(toEvent);
    },

    async listInstances(seriesMasterId, from, to) {
      const events = await call("read the series", () =>
        collect(() =>
          client
            .api(`${path(seriesMasterId)}/instances`)
            .query({ startDateTime: new Date(from).toISOString(), endDateTime: new Date(to).toISOString() })
            .select(EVENT_FIELDS)
            .top(1000)
            .get(),
        ),
      );
      return events.map(toEvent);
    },

    async updateEvent(id, change) {
      const body: Event = {
        ...(change.start ? { start: graphTime(change.start, change.timeZone) } : {}),
        ...(change.end ? { end: graphTime(change.end, change.timeZone) } : {}),
        ...(change.recurrence ? { recurrence: recurrenceOf(change.recurrence, change.timeZone) } : {}),
      };
      const e: Event = await call("change the meeting in Outlook", () => client.api(path(id)).header("Prefer", prefer(change.timeZone)).patch(body));
      return toEvent(e);
    },

    async cancelEvent(id, comment) {
      await call("cancel the meeting in Outlook", () =>
        orNull(() => client.api(`${path(id)}/cancel`).post(comment ? { comment } : {})),
      );
    },

    async attendeesOf(personIds) {
      const out = new Map<string, MeetingAttendee>();
      const missing = personIds.filter((id) => {
        const known = options.attendees.get(options.tenantId, id);
        if (known) out.set(id, known);
        return !known;
      });
      for (let i = 0; i < missing.length; i += BATCH_LIMIT) {
        const chunk = missing.slice(i, i + BATCH_LIMIT);
        const r: { responses?: { id: string; status: number; body?: User }[] } = await call("read who to invite", () =>
          client.api("/$batch").post({
            requests: chunk.map((id, n) => ({ id: String(n), method: "GET", url: `/users/${encodeURIComponent(id)}?$select=id,displayName,mail` })),
          }),
        );
        for (const [n, id] of chunk.entries()) {
          const user = r.responses?.find((x) => x.id === String(n));
          if (user?.status !== 200 || !user.body?.mail) continue;
          const attendee = { address: user.body.mail, name: user.body.displayName ?? user.body.mail };
          options.attendees.set(options.tenantId, id, attendee);
          out.set(id, attendee);
        }
      }
      return out;
    },

    parseICalUId,
  };
  return calendar;
}
