import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DemoOrganisation } from "@tandem/core";
import { startGraphSimulator, type GraphSimulator } from "@tandem/graph-simulator";
import { graphCalendar } from "../src/adapters/graph/calendar";
import { graphClient } from "../src/adapters/graph/client";
import { createDevIssuer, type DevIssuer } from "../src/platform/dev-issuer";

/**
 * The Graph adapter's calendar against the simulator over HTTP: what Outlook answers under Windows names comes back
 * as IANA zones, and IANA zones Graph would refuse go out under their Windows names.
 */
const org = DemoOrganisation.parse(JSON.parse(readFileSync(resolve(import.meta.dirname, "../../demo/organisation.json"), "utf8")));
let sim: GraphSimulator;
let issuer: DevIssuer;

beforeAll(async () => {
  issuer = await createDevIssuer();
  sim = await startGraphSimulator({ port: 0, organisation: org, jwks: issuer.jwks(), clock: { now: () => "2026-12-01T08:00:00.000Z" }, seedCalendars: false });
});
afterAll(() => sim?.stop());

const calendarOf = async (user: { id: string; displayName: string; mail: string | null }) => {
  const { token } = await issuer.sign({ tenantId: org.tenantId, userId: user.id, displayName: user.displayName, username: user.mail!, coordinator: false });
  return graphCalendar(graphClient(sim.url, async () => token, { maxRetries: 1, maxDelaySeconds: 1 }), { baseUrl: sim.url, retries: 1, maxRetryDelaySeconds: 1 });
};

describe("zones through the Graph adapter", () => {
  it("reads a Kolkata mailbox's zone and working hours, answered as India Standard Time, as an IANA zone", async () => {
    const ananya = sim.directory.add({
      displayName: "Ananya Iyer",
      mail: "ananya.iyer@brisemer.example",
      timeZone: "Asia/Kolkata",
      workingHours: { daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"], startTime: "09:30", endTime: "18:00" },
    });
    const calendar = await calendarOf(ananya);
    const zone = await calendar.mailboxTimeZone();
    // CLDR names India's zone by its older spelling: the same zone for every clock.
    expect(["Asia/Calcutta", "Asia/Kolkata"]).toContain(zone);
    const [hours] = await calendar.workingHours([ananya.mail!], "2026-12-07T00:00:00Z", "2026-12-08T00:00:00Z");
    expect(hours).toMatchObject({ startTime: "09:30", endTime: "18:00", timeZone: zone });
  });

  it("books in America/Montreal, which Graph refuses by that name, and reads the meeting back at 10:00 there", async () => {
    const montrealer = org.people.find((p) => p.timeZone === "America/Toronto")!;
    const calendar = await calendarOf(montrealer);
    const event = await calendar.createEvent({
      subject: "Tandem",
      html: "<p>Séance</p>",
      start: "2026-12-15T10:00:00-05:00",
      end: "2026-12-15T10:45:00-05:00",
      timeZone: "America/Montreal",
      attendees: [],
      category: "Tandem",
      tandemId: "7a0b6b52-5d4c-4a8e-9f3e-2c1d0e9f8a7b",
      transactionId: "5d7c3f0a-1b2e-4c3d-8e9f-0a1b2c3d4e5f",
      recurrence: { everyWeeks: 1, occurrences: 2 },
    });
    expect(event.start).toBe("2026-12-15T15:00:00.000Z");
    const [first] = await calendar.listInstances(event.id, "2026-12-14T00:00:00Z", "2026-12-30T00:00:00Z");
    expect(first?.start).toBe("2026-12-15T15:00:00.000Z");
  });

  it("refuses a zone Outlook has no name for before calling Graph", async () => {
    const calendar = await calendarOf(org.people[0]!);
    sim.requests.reset();
    await expect(
      calendar.findMeetingTimes({ attendees: [], durationMinutes: 45, from: "2026-12-07T00:00:00Z", to: "2026-12-08T00:00:00Z", timeZone: "Antarctica/Troll", maxSlots: 5 }),
    ).rejects.toMatchObject({ code: "validation", message: expect.stringContaining("Antarctica/Troll") });
    expect(sim.requests.snapshot().total).toBe(0);
  });
});
