import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MeetingTimeSuggestion, ScheduleInformation, ScheduleItem } from "@microsoft/microsoft-graph-types";
import { dateIn, zonedTimeToUtc, type DemoPerson } from "@tandem/core";
import { GRAPH_DATE_TIME, attendee, instant, londoner, montrealer, org, parisian, startTestSimulator, type TestSimulator } from "./support";

let t: TestSimulator;
beforeAll(async () => {
  t = await startTestSimulator();
});
afterAll(() => t.stop());

/** The working window of a person on the local day of `at`, or undefined on a day off; computed here, not by the simulator. */
function workingWindow(p: DemoPerson, at: number): [number, number] | undefined {
  const date = dateIn(new Date(at), p.timeZone);
  const day = new Date(`${date}T00:00:00Z`).toLocaleDateString("en-US", { weekday: "long", timeZone: "UTC" }).toLowerCase();
  if (!p.workingHours.daysOfWeek.includes(day as never)) return undefined;
  return [zonedTimeToUtc(date, p.workingHours.startTime, p.timeZone).getTime(), zonedTimeToUtc(date, p.workingHours.endTime, p.timeZone).getTime()];
}

const inside = (p: DemoPerson, start: number, end: number) => {
  const w = workingWindow(p, start);
  return !!w && start >= w[0] && end <= w[1];
};

const overlaps = (a: [number, number], b: [number, number]) => a[0] < b[1] && b[0] < a[1];

describe("getSchedule", () => {
  it("answers the documentation's example (calendar_getSchedule) with scheduleInformation per address", async () => {
    const r = await t.call(
      parisian,
      "POST",
      "/me/calendar/getSchedule",
      {
        schedules: [parisian.mail, montrealer.mail],
        startTime: { dateTime: "2026-12-02T09:00:00", timeZone: "Pacific Standard Time" },
        endTime: { dateTime: "2026-12-02T18:00:00", timeZone: "Pacific Standard Time" },
        availabilityViewInterval: 60,
      },
      { prefer: 'outlook.timezone="Pacific Standard Time"' },
    );
    expect(r.status).toBe(200);
    expect(r.json["@odata.context"]).toBe(`${t.sim.url}/$metadata#Collection(microsoft.graph.scheduleInformation)`);
    const [mine, theirs] = r.json.value as ScheduleInformation[];
    expect(mine!.scheduleId).toBe(parisian.mail);
    expect(theirs!.scheduleId).toBe(montrealer.mail);
    for (const s of [mine!, theirs!]) {
      expect(s.availabilityView).toMatch(/^[0-4]{9}$/);
      for (const item of s.scheduleItems!) {
        expect(item).toMatchObject({ status: expect.stringMatching(/^(tentative|busy|oof|workingElsewhere)$/), isPrivate: expect.any(Boolean) });
        expect(item.start).toEqual({ dateTime: expect.stringMatching(GRAPH_DATE_TIME), timeZone: "Pacific Standard Time" });
        expect(item.end!.timeZone).toBe("Pacific Standard Time");
        if (item.isPrivate) expect(item).not.toHaveProperty("subject");
      }
    }
    expect(theirs!.workingHours).toEqual({
      daysOfWeek: montrealer.workingHours.daysOfWeek,
      startTime: `${montrealer.workingHours.startTime}:00.0000000`,
      endTime: `${montrealer.workingHours.endTime}:00.0000000`,
      timeZone: { name: "Eastern Standard Time" },
    });
  });

  it("writes availabilityView as 0 free, 1 tentative, 2 busy, 3 out of office, 4 working elsewhere, the strongest winning", async () => {
    // A Saturday: nothing is seeded on weekends.
    const statuses = ["tentative", "busy", "oof", "workingElsewhere", "free"];
    for (const [n, showAs] of statuses.entries()) {
      const r = await t.call(londoner, "POST", "/me/events", {
        subject: `Status ${showAs}`,
        showAs,
        start: { dateTime: `2026-12-05T${10 + n}:00:00`, timeZone: "UTC" },
        end: { dateTime: `2026-12-05T${11 + n}:00:00`, timeZone: "UTC" },
      });
      expect(r.status).toBe(201);
    }
    // Busy over tentative in the first hour's second half.
    await t.call(londoner, "POST", "/me/events", {
      subject: "Overlap",
      showAs: "busy",
      start: { dateTime: "2026-12-05T10:30:00", timeZone: "UTC" },
      end: { dateTime: "2026-12-05T10:45:00", timeZone: "UTC" },
    });
    const ask = (interval: number) =>
      t.call(parisian, "POST", "/me/calendar/getSchedule", {
        schedules: [londoner.mail, "nobody@elsewhere.example"],
        startTime: { dateTime: "2026-12-05T09:00:00", timeZone: "UTC" },
        endTime: { dateTime: "2026-12-05T16:00:00", timeZone: "UTC" },
        availabilityViewInterval: interval,
      });
    const hourly = (await ask(60)).json.value as ScheduleInformation[];
    // 10:00 to 11:00 is tentative but for a busy quarter of an hour: busy wins the hour.
    expect(hourly[0]!.availabilityView).toBe("0223400");
    const quarterly = (await ask(15)).json.value as ScheduleInformation[];
    expect(quarterly[0]!.availabilityView!.slice(4, 8)).toBe("1121");
    const items = hourly[0]!.scheduleItems as ScheduleItem[];
    expect(items.map((i) => i.status)).toEqual(["tentative", "busy", "busy", "oof", "workingElsewhere"]);
    expect(items[0]).toEqual({
      isPrivate: false,
      status: "tentative",
      subject: "Status tentative",
      start: { dateTime: "2026-12-05T10:00:00.0000000", timeZone: "UTC" },
      end: { dateTime: "2026-12-05T11:00:00.0000000", timeZone: "UTC" },
    });
    expect(hourly[1]).toMatchObject({ scheduleId: "nobody@elsewhere.example", error: { responseCode: "ErrorMailRecipientNotFound" } });
  });

  it("keeps private items' subjects to their owner", async () => {
    const r = await t.call(parisian, "POST", "/me/calendar/getSchedule", {
      schedules: [montrealer.mail],
      startTime: { dateTime: "2026-12-02T00:00:00", timeZone: "UTC" },
      endTime: { dateTime: "2026-12-03T00:00:00", timeZone: "UTC" },
    });
    const lunch = (r.json.value[0].scheduleItems as ScheduleItem[]).find((i) => i.isPrivate);
    expect(lunch).toBeDefined();
    expect(lunch).not.toHaveProperty("subject");
  });
});

describe("findMeetingTimes", () => {
  it("answers the documentation's example (user_findmeetingtimes) with meetingTimeSuggestionsResult", async () => {
    // The documented request: strings for booleans and numbers, a location constraint, PST time slots.
    const r = await t.call(
      parisian,
      "POST",
      "/me/findMeetingTimes",
      {
        attendees: [{ type: "required", emailAddress: { name: londoner.displayName, address: londoner.mail } }],
        locationConstraint: { isRequired: false, suggestLocation: false, locations: [{ resolveAvailability: false, displayName: "Conf room Hood" }] },
        timeConstraint: {
          activityDomain: "work",
          timeSlots: [
            { start: { dateTime: "2026-12-02T00:00:00", timeZone: "Pacific Standard Time" }, end: { dateTime: "2026-12-05T00:00:00", timeZone: "Pacific Standard Time" } },
          ],
        },
        isOrganizerOptional: "false",
        meetingDuration: "PT1H",
        returnSuggestionReasons: "true",
        minimumAttendeePercentage: "100",
      },
      { prefer: 'outlook.timezone="Pacific Standard Time"' },
    );
    expect(r.status).toBe(200);
    expect(r.headers.get("preference-applied")).toBe('outlook.timezone="Pacific Standard Time"');
    expect(r.json["@odata.context"]).toBe(`${t.sim.url}/$metadata#microsoft.graph.meetingTimeSuggestionsResult`);
    expect(r.json.emptySuggestionsReason).toBe("");
    const suggestions = r.json.meetingTimeSuggestions as MeetingTimeSuggestion[];
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(5);
    suggestions.forEach((s, n) => {
      expect(Object.keys(s)).toEqual(["confidence", "order", "organizerAvailability", "suggestionReason", "attendeeAvailability", "locations", "meetingTimeSlot"]);
      expect(s).toMatchObject({
        confidence: 100,
        order: n + 1,
        organizerAvailability: expect.stringMatching(/^(free|tentative|workingElsewhere)$/),
        suggestionReason: "Suggested because it is one of the nearest times when all attendees are available.",
        attendeeAvailability: [{ availability: "free", attendee: { emailAddress: { address: londoner.mail } } }],
        locations: [{ displayName: "Conf room Hood" }],
      });
      expect(s.meetingTimeSlot!.start).toEqual({ dateTime: expect.stringMatching(GRAPH_DATE_TIME), timeZone: "Pacific Standard Time" });
      expect(instant(s.meetingTimeSlot!.end as never) - instant(s.meetingTimeSlot!.start as never)).toBe(3_600_000);
    });
  });

  it("suggests times for a Parisian and a Montrealer inside both working days only, in the zone asked for", async () => {
    const r = await t.call(
      parisian,
      "POST",
      "/me/findMeetingTimes",
      {
        attendees: [attendee(montrealer)],
        timeConstraint: {
          activityDomain: "work",
          timeSlots: [{ start: { dateTime: "2026-12-01T00:00:00", timeZone: "UTC" }, end: { dateTime: "2026-12-12T00:00:00", timeZone: "UTC" } }],
        },
        meetingDuration: "PT45M",
        maxCandidates: 20,
      },
      { prefer: 'outlook.timezone="Europe/Paris"' },
    );
    const suggestions = r.json.meetingTimeSuggestions as MeetingTimeSuggestion[];
    expect(suggestions.length).toBeGreaterThan(5);
    for (const s of suggestions) {
      expect(s.meetingTimeSlot!.start!.timeZone).toBe("Romance Standard Time");
      const start = instant(s.meetingTimeSlot!.start as never);
      const end = instant(s.meetingTimeSlot!.end as never);
      expect(end - start).toBe(45 * 60_000);
      expect(inside(parisian, start, end), `${s.meetingTimeSlot!.start!.dateTime} in Paris`).toBe(true);
      expect(inside(montrealer, start, end), `${s.meetingTimeSlot!.start!.dateTime} in Montréal`).toBe(true);
      // In December that is 14:30 to 17:30 in Paris (08:30 in Montréal to the end of the Parisian day).
      expect(s.meetingTimeSlot!.start!.dateTime!.slice(11, 16) >= "14:30").toBe(true);
    }
    // Most likely first, then the nearest.
    const confidences = suggestions.map((s) => s.confidence!);
    expect([...confidences].sort((a, b) => b - a)).toEqual(confidences);
  });

  it("avoids the times when either of them is busy, including a meeting booked a moment ago", async () => {
    const window = { start: { dateTime: "2026-12-07T00:00:00", timeZone: "UTC" }, end: { dateTime: "2026-12-12T00:00:00", timeZone: "UTC" } };
    const find = () =>
      t.call(parisian, "POST", "/me/findMeetingTimes", {
        attendees: [attendee(montrealer)],
        timeConstraint: { timeSlots: [window] },
        meetingDuration: "PT30M",
        minimumAttendeePercentage: 100,
        maxCandidates: 50,
      });
    const before = (await find()).json.meetingTimeSuggestions as MeetingTimeSuggestion[];
    expect(before.length).toBeGreaterThan(0);

    const schedule = await t.call(parisian, "POST", "/me/calendar/getSchedule", {
      schedules: [parisian.mail, montrealer.mail],
      startTime: window.start,
      endTime: window.end,
    });
    const blocked = (s: ScheduleInformation, statuses: string[]) =>
      s.scheduleItems!.filter((i) => statuses.includes(i.status!)).map((i) => [instant(i.start as never), instant(i.end as never)] as [number, number]);
    const [organizer, guest] = schedule.json.value as ScheduleInformation[];
    const organizerBusy = blocked(organizer!, ["busy", "oof"]);
    const guestBusy = blocked(guest!, ["busy", "oof", "tentative"]);
    expect(guestBusy.length).toBeGreaterThan(0);
    for (const s of before) {
      const slot: [number, number] = [instant(s.meetingTimeSlot!.start as never), instant(s.meetingTimeSlot!.end as never)];
      expect(organizerBusy.some((b) => overlaps(b, slot))).toBe(false);
      expect(guestBusy.some((b) => overlaps(b, slot))).toBe(false);
    }

    // The Montrealer books the first suggested time for something else: it is no longer suggested.
    const first = before[0]!.meetingTimeSlot!;
    expect((await t.call(montrealer, "POST", "/me/events", { subject: "Dentist", start: first.start, end: first.end })).status).toBe(201);
    const after = (await find()).json.meetingTimeSuggestions as MeetingTimeSuggestion[];
    expect(after.map((s) => s.meetingTimeSlot!.start!.dateTime)).not.toContain(first.start!.dateTime);
  });

  it("tells why there is nothing to suggest", async () => {
    const slot = (from: string, to: string) => ({ timeSlots: [{ start: { dateTime: from, timeZone: "UTC" }, end: { dateTime: to, timeZone: "UTC" } }] });
    // The Parisian is busy the whole hour.
    await t.call(parisian, "POST", "/me/events", {
      subject: "Blocked",
      start: { dateTime: "2026-12-14T13:00:00", timeZone: "UTC" },
      end: { dateTime: "2026-12-14T14:00:00", timeZone: "UTC" },
    });
    const organizerBusy = await t.call(parisian, "POST", "/me/findMeetingTimes", {
      attendees: [attendee(londoner)],
      timeConstraint: slot("2026-12-14T13:00:00", "2026-12-14T14:00:00"),
      meetingDuration: "PT30M",
    });
    expect(organizerBusy.json).toMatchObject({ emptySuggestionsReason: "organizerUnavailable", meetingTimeSuggestions: [] });

    // Saturday: outside everyone's working hours.
    const weekend = await t.call(parisian, "POST", "/me/findMeetingTimes", {
      attendees: [attendee(londoner)],
      timeConstraint: { activityDomain: "work", ...slot("2026-12-05T08:00:00", "2026-12-05T18:00:00") },
    });
    expect(weekend.json.emptySuggestionsReason).toBe("attendeesUnavailable");
    // The same Saturday is fine when the activity domain is unrestricted.
    const unrestricted = await t.call(parisian, "POST", "/me/findMeetingTimes", {
      attendees: [attendee(londoner)],
      timeConstraint: { activityDomain: "unrestricted", ...slot("2026-12-05T16:00:00", "2026-12-05T18:00:00") },
    });
    expect(unrestricted.json.meetingTimeSuggestions.length).toBeGreaterThan(0);

    const stranger = await t.call(parisian, "POST", "/me/findMeetingTimes", {
      attendees: [{ type: "required", emailAddress: { address: "someone@elsewhere.example" } }],
      timeConstraint: slot("2026-12-14T13:00:00", "2026-12-14T16:00:00"),
      minimumAttendeePercentage: 80,
    });
    expect(stranger.json.emptySuggestionsReason).toBe("attendeesUnavailableOrUnknown");
  });

  it("never suggests the past", async () => {
    const r = await t.call(parisian, "POST", "/me/findMeetingTimes", {
      attendees: [attendee(org.people.find((p) => p.timeZone === "Europe/Paris" && p.id !== parisian.id)!)],
      timeConstraint: { timeSlots: [{ start: { dateTime: "2026-11-30T00:00:00", timeZone: "UTC" }, end: { dateTime: "2026-12-02T00:00:00", timeZone: "UTC" } }] },
      maxCandidates: 50,
    });
    for (const s of r.json.meetingTimeSuggestions as MeetingTimeSuggestion[]) {
      expect(instant(s.meetingTimeSlot!.start as never)).toBeGreaterThanOrEqual(Date.parse("2026-12-01T08:00:00Z"));
    }
  });
});
