import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attendee, londoner, montrealer, org, parisian, startTestSimulator, type TestSimulator } from "./support";

/**
 * Time zones as strictly as Graph takes them (the dateTimeTimeZone resource's documentation): Windows names, plus a
 * listed set of IANA names; anything else is 400 TimeZoneNotSupportedException. Outlook answers Windows names.
 */
let t: TestSimulator;
beforeAll(async () => {
  t = await startTestSimulator();
});
afterAll(() => t.stop());

const at = (dateTime: string, timeZone: string) => ({ dateTime, timeZone });
const meeting = (timeZone: string, extra: Record<string, unknown> = {}) => ({
  subject: "Zones",
  start: at("2026-12-15T10:00:00", timeZone),
  end: at("2026-12-15T10:45:00", timeZone),
  ...extra,
});
const refused = (r: { status: number; json: any }, name: string) => {
  expect(r.status).toBe(400);
  expect(r.json.error.code).toBe("TimeZoneNotSupportedException");
  expect(r.json.error.message).toContain(name);
};

describe("what Graph takes", () => {
  it("refuses an IANA name outside the documented list, wherever a zone goes: times, Prefer, recurrence, findMeetingTimes, getSchedule", async () => {
    refused(await t.call(parisian, "POST", "/me/events", meeting("America/Toronto")), "America/Toronto");
    refused(await t.call(parisian, "POST", "/me/events", meeting("Asia/Calcutta")), "Asia/Calcutta");
    refused(
      await t.call(parisian, "POST", "/me/events", meeting("Romance Standard Time"), { prefer: 'outlook.timezone="America/Montreal"' }),
      "America/Montreal",
    );
    const weekly = {
      pattern: { type: "weekly", interval: 1, daysOfWeek: ["tuesday"] },
      range: { type: "numbered", startDate: "2026-12-15", numberOfOccurrences: 3, recurrenceTimeZone: "America/Toronto" },
    };
    refused(await t.call(parisian, "POST", "/me/events", meeting("Romance Standard Time", { recurrence: weekly })), "America/Toronto");
    refused(
      await t.call(parisian, "POST", "/me/findMeetingTimes", {
        attendees: [attendee(londoner)],
        timeConstraint: { timeSlots: [{ start: at("2026-12-14T00:00:00", "America/Toronto"), end: at("2026-12-16T00:00:00", "America/Toronto") }] },
        meetingDuration: "PT45M",
      }),
      "America/Toronto",
    );
    refused(
      await t.call(parisian, "POST", "/me/calendar/getSchedule", {
        schedules: [londoner.mail],
        startTime: at("2026-12-14T00:00:00", "America/Toronto"),
        endTime: at("2026-12-15T00:00:00", "America/Toronto"),
      }),
      "America/Toronto",
    );
    // Nothing was created by the refusals.
    const mine = await t.call(parisian, "GET", "/me/events?$filter=subject eq 'Zones'");
    expect(mine.json.value).toHaveLength(0);
  });

  it("takes Windows names and the listed IANA names, and answers with Windows names, the half-hour zone of Kolkata included", async () => {
    const r = await t.call(parisian, "POST", "/me/events", meeting("India Standard Time", { attendees: [attendee(montrealer)] }), {
      prefer: 'outlook.timezone="Asia/Kolkata"',
    });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({
      originalStartTimeZone: "India Standard Time",
      start: { dateTime: "2026-12-15T10:00:00.0000000", timeZone: "India Standard Time" },
      end: { dateTime: "2026-12-15T10:45:00.0000000", timeZone: "India Standard Time" },
    });
    const id = encodeURIComponent(r.json.id);
    // 10:00 in Kolkata (UTC+5:30) is 05:30 in Paris and 23:30 the day before in Montréal.
    const inParis = await t.call(parisian, "GET", `/me/events/${id}`, undefined, { prefer: 'outlook.timezone="Europe/Paris"' });
    expect(inParis.json.start).toEqual({ dateTime: "2026-12-15T05:30:00.0000000", timeZone: "Romance Standard Time" });
    const copy = await t.call(montrealer, "GET", `/me/events?$filter=iCalUId eq '${r.json.iCalUId}'`, undefined, {
      prefer: 'outlook.timezone="Eastern Standard Time"',
    });
    expect(copy.json.value[0].start).toEqual({ dateTime: "2026-12-14T23:30:00.0000000", timeZone: "Eastern Standard Time" });
    const utc = await t.call(parisian, "GET", `/me/events/${id}`);
    expect(utc.json.start).toEqual({ dateTime: "2026-12-15T04:30:00.0000000", timeZone: "UTC" });
  });

  it("gives every mailbox its zone under its Windows name, and refuses a mailbox in a zone Windows has no name for", async () => {
    const kolkata = t.sim.directory.add({ displayName: "Ananya Iyer", mail: "ananya.iyer@brisemer.example", timeZone: "Asia/Kolkata" });
    const montreal = t.sim.directory.add({ displayName: "Luc Gagnon", mail: "luc.gagnon@brisemer.example", timeZone: "America/Montreal" });
    const token = (u: { id: string; displayName: string; mail: string | null }) =>
      t.issuer.sign({ tenantId: org.tenantId, userId: u.id, displayName: u.displayName, username: u.mail!, coordinator: false });
    for (const [u, windows] of [
      [kolkata, "India Standard Time"],
      [montreal, "Eastern Standard Time"],
    ] as const) {
      const r = await t.call((await token(u)).token, "GET", "/me/mailboxSettings");
      expect(r.status).toBe(200);
      expect(r.json.timeZone).toBe(windows);
      expect(r.json.workingHours.timeZone).toEqual({ name: windows });
    }
    expect(() => t.sim.directory.add({ displayName: "Troll Station", timeZone: "Antarctica/Troll" })).toThrow(/no Windows time zone/);
  });
});


describe("a state file saved before", () => {
  it("brings back events kept under IANA names (America/Toronto) under their Windows names, readable again", async () => {
    const dir = await mkdtemp(join(tmpdir(), "graph-simulator-zones-"));
    const stateFile = join(dir, "state.json");
    try {
      const first = await startTestSimulator({ stateFile }, t.issuer);
      const weekly = {
        pattern: { type: "weekly", interval: 1, daysOfWeek: ["tuesday"] },
        range: { type: "numbered", startDate: "2026-12-15", numberOfOccurrences: 3, recurrenceTimeZone: "Eastern Standard Time" },
      };
      const created = await first.call(montrealer, "POST", "/me/events", meeting("Eastern Standard Time", { recurrence: weekly }));
      expect(created.status).toBe(201);
      await first.stop();
      // What an earlier simulator kept for a client that sent IANA names.
      const saved = await readFile(stateFile, "utf8");
      await writeFile(stateFile, saved.replaceAll('"Eastern Standard Time"', '"America/Toronto"'));

      const again = await startTestSimulator({ stateFile }, t.issuer);
      try {
        const r = await again.call(montrealer, "GET", `/me/events/${encodeURIComponent(created.json.id)}`, undefined, {
          prefer: 'outlook.timezone="Eastern Standard Time"',
        });
        expect(r.status).toBe(200);
        expect(r.json).toMatchObject({
          originalStartTimeZone: "Eastern Standard Time",
          start: { dateTime: "2026-12-15T10:00:00.0000000", timeZone: "Eastern Standard Time" },
          recurrence: { range: { recurrenceTimeZone: "Eastern Standard Time" } },
        });
      } finally {
        await again.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
