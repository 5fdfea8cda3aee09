import type { Client } from "@microsoft/microsoft-graph-client";
import type { AttendeeAvailability, Event, MeetingTimeSuggestionsResult, ScheduleInformation } from "@microsoft/microsoft-graph-types";
import { TandemError, formatInstant, weekDays, type Calendar, type CalendarEvent, type WeekDay, type WorkingHours } from "@tandem/core";
import { failure, graphCodeOf, statusOf } from "./failures";
import { BATCH_LIMIT, EMPTY_REASONS, EVENT_FIELDS, MARK_EXPAND, MARK_ID, availability, graphTime, instantOf, parseICalUId, prefer, recurrenceOf, toEvent } from "./shapes";
import { fromGraphZone } from "./zones";

const MAX_PAGES = 5;

interface BatchAnswer {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: Event;
}

/** What a batch's sub-response may be retried for, as the client's RetryHandler retries whole requests. */
const RETRIED = new Set([429, 503, 504]);

/** Seconds to wait before sending a sub-response's request again: its Retry-After, else 1, 2, 4… */
function retryAfterOf(answer: BatchAnswer, attempt: number): number {
  const header = Object.entries(answer.headers ?? {}).find(([k]) => k.toLowerCase() === "retry-after")?.[1];
  const seconds = header === undefined ? NaN : Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : 2 ** attempt;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The caller's calendar through Microsoft Graph v1.0: each method is one round trip (retries aside). */
export function graphCalendar(
  client: Client,
  options: { baseUrl: string; retries: number; maxRetryDelaySeconds: number; mailbox?: string },
): Calendar {
  // The caller's own (`/me`, delegated), or a user's reached by the app itself (`/users/{id}`, application permission).
  const mailbox = options.mailbox ?? "/me";
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
  const path = (id: string) => `${mailbox}/events/${encodeURIComponent(id)}`;
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
        const zone = fromGraphZone(w?.timeZone?.name);
        if (!w || !zone || !w.startTime || !w.endTime) return null;
        const days = (w.daysOfWeek ?? []).map((d) => String(d).toLowerCase()).filter((d): d is WeekDay => (weekDays as readonly string[]).includes(d));
        return { daysOfWeek: days, startTime: w.startTime.slice(0, 5), endTime: w.endTime.slice(0, 5), timeZone: zone } satisfies WorkingHours;
      });
    },

    async mailboxTimeZone() {
      const r: { value?: string } = await call("read your time zone", () => client.api("/me/mailboxSettings/timeZone").get());
      const zone = fromGraphZone(r.value);
      if (!zone) {
        throw new TandemError(
          "validation",
          `Your Outlook mailbox's time zone ('${r.value ?? ""}') is not one Tandem can read. Set your time zone in your Tandem profile.`,
        );
      }
      return zone;
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
        singleValueExtendedProperties: [{ id: MARK_ID, value: m.tandemId }],
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
        return toEvent(await client.api(`${mailbox}/events`).header("Prefer", prefer(m.timeZone)).post(body));
      } catch (e) {
        // Outlook refuses a create under a transactionId it already used for a create with another body (the agenda
        // changed between two tries, say): that meeting exists, so find it rather than fail or book twice.
        if (statusOf(e) === 409 || graphCodeOf(e) === "ErrorDuplicateTransactionId") {
          const existing = await calendar.findByTransactionId(m.transactionId);
          if (existing) return existing;
        }
        throw failure(e, "create the meeting in Outlook", options.retries);
      }
    },

    async findByTransactionId(transactionId) {
      const r: { value?: Event[] } = await call("look for the meeting", () =>
        client
          .api(`${mailbox}/events`)
          .filter(`transactionId eq '${transactionId.replaceAll("'", "''")}'`)
          .select(EVENT_FIELDS)
          .top(1)
          .get(),
      );
      const e = r.value?.[0];
      return e ? toEvent(e) : null;
    },

    async getEvent(id) {
      // Through `call`, as every other read: a throttled or failing Graph is a 503 (or a 401 to sign in again), not a 500.
      const e = await orNull(() => call("read the meeting in Outlook", () => client.api(path(id)).select(EVENT_FIELDS).get() as Promise<Event>));
      return e ? toEvent(e) : null;
    },

    async getEvents(ids) {
      const out = new Map<string, CalendarEvent | null>();
      for (let i = 0; i < ids.length; i += BATCH_LIMIT) {
        let pending = ids.slice(i, i + BATCH_LIMIT);
        // Outlook runs a few requests of a batch per mailbox at once and answers the others 429 inside the batch's
        // 200 (MailboxConcurrency): those go again in a batch of their own, after the Retry-After they carry.
        for (let attempt = 0; pending.length; attempt++) {
          const chunk = pending;
          const r: { responses?: BatchAnswer[] } = await call("read the meetings", () =>
            client.api("/$batch").post({
              requests: chunk.map((id, n) => ({ id: String(n), method: "GET", url: `${path(id)}?$select=${EVENT_FIELDS}` })),
            }),
          );
          pending = [];
          let wait = 0;
          for (const [n, id] of chunk.entries()) {
            const answer = r.responses?.find((x) => x.id === String(n));
            if (answer?.status === 200 && answer.body) out.set(id, toEvent(answer.body));
            else if (answer?.status === 404) out.set(id, null);
            else if (answer && RETRIED.has(answer.status) && attempt < options.retries) {
              pending.push(id);
              wait = Math.max(wait, retryAfterOf(answer, attempt));
            } else throw failure({ statusCode: answer?.status ?? 0 }, "read the meetings", options.retries);
          }
          if (pending.length) await sleep(Math.min(wait, options.maxRetryDelaySeconds) * 1000);
        }
      }
      return out;
    },

    async eventsBetween(from, to) {
      const events = await call("read your calendar", () =>
        collect(() =>
          client
            .api(`${mailbox}/calendarView`)
            .query({ startDateTime: new Date(from).toISOString(), endDateTime: new Date(to).toISOString() })
            .select(EVENT_FIELDS)
            .expand(MARK_EXPAND)
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

    parseICalUId,
  };
  return calendar;
}
