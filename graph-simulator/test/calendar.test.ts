import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Event } from "@microsoft/microsoft-graph-types";
import { GRAPH_DATE_TIME, attendee, londoner, montrealer, parisian, startTestSimulator, type TestSimulator } from "./support";

let t: TestSimulator;
beforeAll(async () => {
  t = await startTestSimulator();
});
afterAll(() => t.stop());

const PARIS = { prefer: 'outlook.timezone="Europe/Paris"' };

/** The attendee's copy of a meeting, found the way a client would: by iCalUId, in the attendee's calendar view. */
async function copyIn(who: typeof montrealer, iCalUId: string, from: string, to: string): Promise<Event | undefined> {
  const r = await t.call(who, "GET", `/me/calendarView?startDateTime=${from}&endDateTime=${to}&$top=1000`);
  return (r.json.value as Event[]).find((e) => e.iCalUId === iCalUId);
}

describe("creating an event", () => {
  it("answers the documentation's example (create_event_from_user) with Graph's event shape", async () => {
    // The request of https://learn.microsoft.com/graph/api/user-post-events, example 1, with our people and dates.
    const r = await t.call(
      parisian,
      "POST",
      "/me/events",
      {
        subject: "Let's go for lunch",
        body: { contentType: "HTML", content: "Does late morning work for you?" },
        start: { dateTime: "2026-12-15T12:00:00", timeZone: "Pacific Standard Time" },
        end: { dateTime: "2026-12-15T14:00:00", timeZone: "Pacific Standard Time" },
        location: { displayName: "Harry's Bar" },
        attendees: [{ emailAddress: { address: londoner.mail, name: londoner.displayName }, type: "required" }],
      },
      { prefer: 'outlook.timezone="Pacific Standard Time"' },
    );
    expect(r.status).toBe(201);
    expect(r.headers.get("preference-applied")).toBe('outlook.timezone="Pacific Standard Time"');
    const e = r.json;
    expect(e["@odata.context"]).toBe(`${t.sim.url}/$metadata#users('${parisian.id}')/events/$entity`);
    expect(e["@odata.etag"]).toMatch(/^W\/".+"$/);
    expect(e).toMatchObject({
      subject: "Let's go for lunch",
      bodyPreview: "Does late morning work for you?",
      importance: "normal",
      sensitivity: "normal",
      isAllDay: false,
      isCancelled: false,
      isOrganizer: true,
      responseRequested: true,
      seriesMasterId: null,
      showAs: "busy",
      type: "singleInstance",
      onlineMeetingUrl: null,
      isOnlineMeeting: false,
      onlineMeeting: null,
      recurrence: null,
      originalStartTimeZone: "Pacific Standard Time",
      originalEndTimeZone: "Pacific Standard Time",
      responseStatus: { response: "organizer", time: "0001-01-01T00:00:00Z" },
      start: { dateTime: "2026-12-15T12:00:00.0000000", timeZone: "Pacific Standard Time" },
      end: { dateTime: "2026-12-15T14:00:00.0000000", timeZone: "Pacific Standard Time" },
      location: { displayName: "Harry's Bar", locationType: "default" },
      attendees: [
        {
          type: "required",
          status: { response: "none", time: "0001-01-01T00:00:00Z" },
          emailAddress: { name: londoner.displayName, address: londoner.mail },
        },
      ],
      organizer: { emailAddress: { name: parisian.displayName, address: parisian.mail } },
    });
    expect(e.body.contentType).toBe("html");
    expect(e.body.content).toMatch(/^<html>[\s\S]*Does late morning work for you\?[\s\S]*<\/html>\s*$/);
    expect(e.iCalUId).toMatch(/^040000008200E00074C5B7101A82E008[0-9A-F]+$/);
    expect(e.webLink).toContain(encodeURIComponent(e.id));

    // Without Prefer, times come back in UTC.
    const plain = await t.call(parisian, "GET", `/me/events/${e.id}`);
    expect(plain.json.start).toEqual({ dateTime: "2026-12-15T20:00:00.0000000", timeZone: "UTC" });
    expect(plain.json.start.dateTime).toMatch(GRAPH_DATE_TIME);
  });

  it("makes a Teams meeting with a join URL, in the organizer's and every attendee's calendar under one iCalUId", async () => {
    const r = await t.call(
      parisian,
      "POST",
      "/me/events",
      {
        subject: "Tandem session",
        body: { contentType: "html", content: "<p>Copilot, week 3</p>" },
        start: { dateTime: "2026-12-16T15:00:00", timeZone: "Europe/Paris" },
        end: { dateTime: "2026-12-16T15:45:00", timeZone: "Europe/Paris" },
        attendees: [attendee(montrealer), attendee(londoner, "optional")],
        isOnlineMeeting: true,
        onlineMeetingProvider: "teamsForBusiness",
        categories: ["Tandem"],
      },
      PARIS,
    );
    expect(r.status).toBe(201);
    const e = r.json;
    expect(e.isOnlineMeeting).toBe(true);
    expect(e.onlineMeetingProvider).toBe("teamsForBusiness");
    expect(e.onlineMeeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_[A-Za-z0-9]+%40thread\.v2\/0\?context=/);
    expect(decodeURIComponent(e.onlineMeeting.joinUrl)).toContain(`"Oid":"${parisian.id}"`);
    expect(e.body.content).toContain(e.onlineMeeting.joinUrl);
    expect(e.categories).toEqual(["Tandem"]);

    for (const who of [montrealer, londoner]) {
      const copy = await copyIn(who, e.iCalUId, "2026-12-16T00:00:00Z", "2026-12-17T00:00:00Z");
      expect(copy, `${who.displayName} has the meeting`).toBeDefined();
      expect(copy!.id).not.toBe(e.id);
      expect(copy).toMatchObject({
        isOrganizer: false,
        subject: "Tandem session",
        onlineMeeting: { joinUrl: e.onlineMeeting.joinUrl },
        responseStatus: { response: "notResponded" },
        showAs: "tentative",
        organizer: { emailAddress: { address: parisian.mail } },
        start: { dateTime: "2026-12-16T14:00:00.0000000", timeZone: "UTC" },
      });
    }
  });

  it("creates an event once per transactionId, however often the client retries", async () => {
    const body = {
      subject: "Retry me",
      start: { dateTime: "2026-12-17T10:00:00", timeZone: "Europe/Paris" },
      end: { dateTime: "2026-12-17T10:30:00", timeZone: "Europe/Paris" },
      attendees: [attendee(montrealer)],
      transactionId: "5f6f3d9e-retry-1",
    };
    const first = await t.call(parisian, "POST", "/me/events", body);
    const second = await t.call(parisian, "POST", "/me/events", body);
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json.id).toBe(first.json.id);
    expect(second.json.iCalUId).toBe(first.json.iCalUId);
    expect(first.json.transactionId).toBe("5f6f3d9e-retry-1");

    const mine = await t.call(parisian, "GET", "/me/calendarView?startDateTime=2026-12-17T00:00:00Z&endDateTime=2026-12-18T00:00:00Z&$top=100");
    expect(mine.json.value.filter((e: Event) => e.subject === "Retry me")).toHaveLength(1);
    const theirs = await t.call(montrealer, "GET", "/me/calendarView?startDateTime=2026-12-17T00:00:00Z&endDateTime=2026-12-18T00:00:00Z&$top=100");
    expect(theirs.json.value.filter((e: Event) => e.subject === "Retry me")).toHaveLength(1);

    // Another organizer's transaction is another event.
    const other = await t.call(londoner, "POST", "/me/events", body);
    expect(other.json.id).not.toBe(first.json.id);
  });

  it("refuses what Graph refuses: unknown properties, bad time zones, an end before the start", async () => {
    const base = {
      start: { dateTime: "2026-12-17T10:00:00", timeZone: "UTC" },
      end: { dateTime: "2026-12-17T10:30:00", timeZone: "UTC" },
    };
    const unknown = await t.call(parisian, "POST", "/me/events", { ...base, subjet: "typo" });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.code).toBe("RequestBodyRead");
    const zone = await t.call(parisian, "POST", "/me/events", { ...base, start: { dateTime: "2026-12-17T10:00:00", timeZone: "Mars/Olympus" } });
    expect(zone.json.error.code).toBe("TimeZoneNotSupportedException");
    const backwards = await t.call(parisian, "POST", "/me/events", { start: base.end, end: base.start });
    expect(backwards.status).toBe(400);
    const missing = await t.call(parisian, "GET", "/me/events/AAMkAGnothing");
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("ErrorItemNotFound");
  });

  it("keeps single-value extended properties on the organizer's item, returned with $expand only, occurrences included", async () => {
    const id = "String {a9da03c6-1266-4b69-8fc5-f7445eea2df2} Name Mark";
    const created = await t.call(parisian, "POST", "/me/events", {
      subject: "Marked",
      start: { dateTime: "2026-12-21T10:00:00", timeZone: "UTC" },
      end: { dateTime: "2026-12-21T10:30:00", timeZone: "UTC" },
      attendees: [attendee(montrealer)],
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["monday"] },
        range: { type: "numbered", startDate: "2026-12-21", numberOfOccurrences: 2 },
      },
      singleValueExtendedProperties: [{ id, value: "tandem-1" }],
    });
    expect(created.status).toBe(201);
    expect(created.json.singleValueExtendedProperties).toBeUndefined();
    const expand = `$expand=singleValueExtendedProperties($filter=id eq '${id}')`;
    const one = await t.call(parisian, "GET", `/me/events/${created.json.id}?$select=subject&${expand}`);
    expect(one.json.singleValueExtendedProperties).toEqual([{ id, value: "tandem-1" }]);
    const other = await t.call(parisian, "GET", `/me/events/${created.json.id}?$expand=singleValueExtendedProperties($filter=id eq 'String {00000000-0000-0000-0000-000000000000} Name Other')`);
    expect(other.json.singleValueExtendedProperties).toBeUndefined();
    const window = "startDateTime=2026-12-21T00:00:00Z&endDateTime=2026-12-29T00:00:00Z&$top=100";
    const mine = (await t.call(parisian, "GET", `/me/calendarView?${window}&${expand}`)).json.value.filter((e: Event) => e.subject === "Marked");
    expect(mine.map((e: Event) => e.singleValueExtendedProperties)).toEqual([[{ id, value: "tandem-1" }], [{ id, value: "tandem-1" }]]);
    // Not sent with the invitation: the attendee's copies carry none.
    const theirs = (await t.call(montrealer, "GET", `/me/calendarView?${window}&${expand}`)).json.value.filter((e: Event) => e.subject === "Marked");
    expect(theirs).toHaveLength(2);
    expect(theirs.map((e: Event) => e.singleValueExtendedProperties)).toEqual([undefined, undefined]);
    const bad = await t.call(parisian, "POST", "/me/events", { subject: "x", singleValueExtendedProperties: [{ id: "Mark", value: "x" }] });
    expect(bad.status).toBe(400);
  });

  it("keeps another user's calendar out of reach", async () => {
    const r = await t.call(parisian, "GET", `/users/${montrealer.id}/calendarView?startDateTime=2026-12-01T00:00:00Z&endDateTime=2026-12-02T00:00:00Z`);
    expect(r.status).toBe(403);
  });
});

describe("series", () => {
  let master: Event;

  beforeAll(async () => {
    // Weekly on Mondays at 10:00 in Paris, across the change to summer time on 28 March 2027.
    const r = await t.call(
      parisian,
      "POST",
      "/me/events",
      {
        subject: "Tandem: Copilot",
        start: { dateTime: "2027-03-15T10:00:00", timeZone: "Romance Standard Time" },
        end: { dateTime: "2027-03-15T10:45:00", timeZone: "Romance Standard Time" },
        attendees: [attendee(montrealer)],
        isOnlineMeeting: true,
        onlineMeetingProvider: "teamsForBusiness",
        recurrence: {
          pattern: { type: "weekly", interval: 1, daysOfWeek: ["Monday"] },
          range: { type: "numbered", startDate: "2027-03-15", numberOfOccurrences: 4 },
        },
      },
      PARIS,
    );
    expect(r.status).toBe(201);
    master = r.json;
  });

  it("is created as a series master with the recurrence as Graph shows it", () => {
    expect(master.type).toBe("seriesMaster");
    expect(master.recurrence).toEqual({
      pattern: { type: "weekly", interval: 1, month: 0, dayOfMonth: 0, daysOfWeek: ["monday"], firstDayOfWeek: "sunday", index: "first" },
      range: { type: "numbered", startDate: "2027-03-15", endDate: "0001-01-01", recurrenceTimeZone: "", numberOfOccurrences: 4 },
    });
  });

  it("lists its occurrences with instances, at 10:00 Paris time on both sides of the clock change", async () => {
    const r = await t.call(parisian, "GET", `/me/events/${master.id}/instances?startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-05-01T00:00:00Z`, undefined, PARIS);
    expect(r.status).toBe(200);
    const occurrences = r.json.value as Event[];
    expect(occurrences.map((o) => o.start!.dateTime)).toEqual([
      "2027-03-15T10:00:00.0000000",
      "2027-03-22T10:00:00.0000000",
      "2027-03-29T10:00:00.0000000",
      "2027-04-05T10:00:00.0000000",
    ]);
    for (const o of occurrences) {
      expect(o).toMatchObject({ type: "occurrence", seriesMasterId: master.id, recurrence: null, onlineMeeting: master.onlineMeeting });
      expect(o.iCalUId).not.toBe(master.iCalUId);
    }
    expect(occurrences[2]!.originalStart).toBe("2027-03-29T08:00:00Z");

    const utc = await t.call(parisian, "GET", `/me/events/${master.id}/instances?startDateTime=2027-03-20T00:00:00Z&endDateTime=2027-04-01T00:00:00Z`);
    expect(utc.json.value.map((o: Event) => o.start!.dateTime)).toEqual(["2027-03-22T09:00:00.0000000", "2027-03-29T08:00:00.0000000"]);
  });

  it("shows occurrences in the calendar views of the organizer and of the attendee, under one iCalUId each", async () => {
    const view = (who: typeof parisian) =>
      t.call(who, "GET", "/me/calendarView?startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-05-01T00:00:00Z&$top=1000", undefined, PARIS);
    const mine = ((await view(parisian)).json.value as Event[]).filter((e) => e.seriesMasterId === master.id);
    expect(mine).toHaveLength(4);
    const theirs = ((await view(montrealer)).json.value as Event[]).filter((e) => e.subject === "Tandem: Copilot");
    expect(theirs.map((e) => e.iCalUId)).toEqual(mine.map((e) => e.iCalUId));
  });

  it("moves one occurrence into an exception, for the attendee too", async () => {
    const occurrences = (await t.call(parisian, "GET", `/me/events/${master.id}/instances?startDateTime=2027-03-20T00:00:00Z&endDateTime=2027-03-23T00:00:00Z`)).json.value as Event[];
    const second = occurrences[0]!;
    const moved = await t.call(
      parisian,
      "PATCH",
      `/me/events/${second.id}`,
      { start: { dateTime: "2027-03-23T14:00:00", timeZone: "Europe/Paris" }, end: { dateTime: "2027-03-23T14:45:00", timeZone: "Europe/Paris" } },
      PARIS,
    );
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({
      id: second.id,
      type: "exception",
      seriesMasterId: master.id,
      originalStart: "2027-03-22T09:00:00Z",
      start: { dateTime: "2027-03-23T14:00:00.0000000", timeZone: "Romance Standard Time" },
    });
    const copy = await copyIn(montrealer, second.iCalUId!, "2027-03-23T00:00:00Z", "2027-03-24T00:00:00Z");
    expect(copy).toMatchObject({ type: "exception", start: { dateTime: "2027-03-23T13:00:00.0000000", timeZone: "UTC" } });
  });

  it("moves the whole series when the master moves", async () => {
    const r = await t.call(
      parisian,
      "PATCH",
      `/me/events/${master.id}`,
      { start: { dateTime: "2027-03-15T11:00:00", timeZone: "Europe/Paris" }, end: { dateTime: "2027-03-15T11:45:00", timeZone: "Europe/Paris" } },
      PARIS,
    );
    expect(r.status).toBe(200);
    const after = await t.call(parisian, "GET", `/me/events/${master.id}/instances?startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-05-01T00:00:00Z`, undefined, PARIS);
    expect(after.json.value.map((o: Event) => o.start!.dateTime!.slice(11, 16))).toEqual(["11:00", "11:00", "11:00", "11:00"]);
    const theirs = await copyIn(montrealer, after.json.value[0].iCalUId, "2027-03-15T00:00:00Z", "2027-03-16T00:00:00Z");
    expect(theirs!.start!.dateTime).toBe("2027-03-15T10:00:00.0000000");
  });

  it("deletes a single occurrence", async () => {
    const before = (await t.call(parisian, "GET", `/me/events/${master.id}/instances?startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-05-01T00:00:00Z`)).json.value as Event[];
    expect((await t.call(parisian, "DELETE", `/me/events/${before[3]!.id}`)).status).toBe(204);
    const after = (await t.call(parisian, "GET", `/me/events/${master.id}/instances?startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-05-01T00:00:00Z`)).json.value as Event[];
    expect(after.map((o) => o.id)).toEqual(before.slice(0, 3).map((o) => o.id));
    expect((await t.call(parisian, "GET", `/me/events/${before[3]!.id}`)).status).toBe(404);
  });
});

describe("cancelling", () => {
  it("removes the organizer's event and shows the attendees' copies as cancelled, freeing their time", async () => {
    const created = await t.call(parisian, "POST", "/me/events", {
      subject: "To be cancelled",
      start: { dateTime: "2026-12-18T10:00:00", timeZone: "Europe/Paris" },
      end: { dateTime: "2026-12-18T11:00:00", timeZone: "Europe/Paris" },
      attendees: [attendee(montrealer), attendee(londoner)],
    });
    const { id, iCalUId } = created.json;

    const notMine = await copyIn(londoner, iCalUId, "2026-12-18T00:00:00Z", "2026-12-19T00:00:00Z");
    const refused = await t.call(londoner, "POST", `/me/events/${notMine!.id}/cancel`, { comment: "no" });
    expect(refused.status).toBe(400);

    const r = await t.call(parisian, "POST", `/me/events/${id}/cancel`, { comment: "Sorry, something came up" });
    expect(r.status).toBe(202);
    expect(r.json).toBeUndefined();
    expect((await t.call(parisian, "GET", `/me/events/${id}`)).status).toBe(404);

    for (const who of [montrealer, londoner]) {
      const copy = await copyIn(who, iCalUId, "2026-12-18T00:00:00Z", "2026-12-19T00:00:00Z");
      expect(copy).toMatchObject({ isCancelled: true, subject: "To be cancelled" });
    }
    const schedule = await t.call(montrealer, "POST", "/me/calendar/getSchedule", {
      schedules: [londoner.mail],
      startTime: { dateTime: "2026-12-18T09:00:00", timeZone: "UTC" },
      endTime: { dateTime: "2026-12-18T10:00:00", timeZone: "UTC" },
    });
    expect(schedule.json.value[0].scheduleItems.some((i: { subject?: string }) => i.subject === "To be cancelled")).toBe(false);
  });

  it("cancels one occurrence of a series: gone for the organizer, cancelled for the attendee", async () => {
    const series = await t.call(parisian, "POST", "/me/events", {
      subject: "Weekly tandem",
      start: { dateTime: "2027-01-05T16:00:00", timeZone: "Europe/Paris" },
      end: { dateTime: "2027-01-05T16:45:00", timeZone: "Europe/Paris" },
      attendees: [attendee(montrealer)],
      recurrence: {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["tuesday"] },
        range: { type: "endDate", startDate: "2027-01-05", endDate: "2027-01-26" },
      },
    });
    const window = "startDateTime=2027-01-01T00:00:00Z&endDateTime=2027-02-01T00:00:00Z";
    const occurrences = (await t.call(parisian, "GET", `/me/events/${series.json.id}/instances?${window}`)).json.value as Event[];
    expect(occurrences).toHaveLength(4);
    expect((await t.call(parisian, "POST", `/me/events/${occurrences[1]!.id}/cancel`, {})).status).toBe(202);

    const left = (await t.call(parisian, "GET", `/me/events/${series.json.id}/instances?${window}`)).json.value as Event[];
    expect(left.map((o) => o.id)).toEqual([occurrences[0]!.id, occurrences[2]!.id, occurrences[3]!.id]);
    const theirs = (await t.call(montrealer, "GET", `/me/calendarView?${window}&$top=1000`)).json.value as Event[];
    const copies = theirs.filter((e) => e.subject === "Weekly tandem");
    expect(copies.map((e) => e.isCancelled)).toEqual([false, true, false, false]);
    expect(copies[1]!.iCalUId).toBe(occurrences[1]!.iCalUId);
  });

  it("lets an attendee accept, which the organizer sees", async () => {
    const created = await t.call(parisian, "POST", "/me/events", {
      subject: "Please accept",
      start: { dateTime: "2026-12-18T14:00:00", timeZone: "Europe/Paris" },
      end: { dateTime: "2026-12-18T15:00:00", timeZone: "Europe/Paris" },
      attendees: [attendee(londoner)],
    });
    const copy = await copyIn(londoner, created.json.iCalUId, "2026-12-18T00:00:00Z", "2026-12-19T00:00:00Z");
    expect((await t.call(londoner, "POST", `/me/events/${copy!.id}/accept`, { sendResponse: true })).status).toBe(202);
    const accepted = await t.call(londoner, "GET", `/me/events/${copy!.id}`);
    expect(accepted.json).toMatchObject({ showAs: "busy", responseStatus: { response: "accepted" } });
    const organizer = await t.call(parisian, "GET", `/me/events/${created.json.id}`);
    expect(organizer.json.attendees[0].status.response).toBe("accepted");
  });
});

describe("calendar view", () => {
  it("refuses a time zone it does not know in Prefer", async () => {
    const r = await t.call(parisian, "GET", "/me/calendarView?startDateTime=2026-12-01T00:00:00Z&endDateTime=2026-12-02T00:00:00Z", undefined, {
      prefer: 'outlook.timezone="Atlantis Standard Time"',
    });
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("TimeZoneNotSupportedException");
  });

  it("needs a time window", async () => {
    const r = await t.call(parisian, "GET", "/me/calendarView");
    expect(r.status).toBe(400);
    expect(r.json.error.code).toBe("ErrorInvalidParameter");
  });

  it("shows the seeded week of a person in their own working day, and pages by ten", async () => {
    const r = await t.call(montrealer, "GET", "/me/calendar/calendarView?startDateTime=2026-11-30T00:00:00-05:00&endDateTime=2026-12-05T00:00:00-05:00");
    expect(r.status).toBe(200);
    expect(r.json.value.length).toBeLessThanOrEqual(10);
    const all: Event[] = [...r.json.value];
    let next = r.json["@odata.nextLink"] as string | undefined;
    while (next) {
      const page = await t.call(montrealer, "GET", next.slice(t.sim.url.length));
      all.push(...page.json.value);
      next = page.json["@odata.nextLink"];
    }
    expect(all.length).toBeGreaterThan(10);
    const lunches = all.filter((e) => e.subject === "Lunch" || e.subject === "Déjeuner");
    expect(lunches.length).toBe(montrealer.workingHours.daysOfWeek.filter((d) => d !== "saturday" && d !== "sunday").length);
    // Lunch is at noon or half past in Montréal: 17:00 or 17:30 UTC in December.
    for (const l of lunches) expect(l.start!.dateTime!.slice(11, 16)).toMatch(/^17:(00|30)$/);
    expect(new Set(all.map((e) => e.id)).size).toBe(all.length);
  });

  it("finds a meeting by iCalUId with $filter", async () => {
    const created = await t.call(parisian, "POST", "/me/events", {
      subject: "Find me",
      start: { dateTime: "2026-12-21T10:00:00", timeZone: "UTC" },
      end: { dateTime: "2026-12-21T10:30:00", timeZone: "UTC" },
    });
    const r = await t.call(parisian, "GET", `/me/events?$filter=iCalUId eq '${created.json.iCalUId}'&$select=subject`);
    expect(r.json.value).toEqual([{ "@odata.etag": created.json["@odata.etag"], id: created.json.id, subject: "Find me" }]);
  });
});
