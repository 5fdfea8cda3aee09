import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoPerson } from "@tandem/core";
import { ok, startTestApi, type TestApi, type TestGraph } from "../support/test-api";

/**
 * Booking across time zones against a simulator as strict as Graph: Windows names only, and IANA names outside
 * Graph's documented list refused (America/Toronto, America/Montreal and Asia/Calcutta are not on it). Members in
 * Paris, Montréal, Toronto, London, New York, Singapore and Kolkata (UTC+5:30) each read the meeting in their own
 * Outlook, in their own zone. "Now" is Tuesday 1 December 2026, 09:00 in Paris.
 */

const NOW = "2026-12-01T08:00:00.000Z";
let api: TestApi;
let graph: TestGraph;

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;
interface Member {
  person: DemoPerson;
  zone: string;
  role: "mentor" | "mentee";
}
const members = new Map<string, Member>();
const SKILL = "power-bi-dashboards";
let coordinator: string;
let cycleId: string;

/** A person of the demo organisation who has not joined the program yet, joining it now in this zone. */
async function enrol(city: string, zone: string, role: "mentor" | "mentee", hours = { startTime: "09:00", endTime: "17:30" }): Promise<Member> {
  const taken = new Set([...members.values()].map((m) => m.person.id));
  // The matching's rules refuse a pair inside a reporting chain.
  const chain = (id: string) => {
    const up: string[] = [];
    for (let p = api.org.people.find((x) => x.id === id); p?.managerId; p = api.org.people.find((x) => x.id === p!.managerId)) up.push(p.managerId);
    return up;
  };
  // Nobody in the reporting chain of a member of the other role (a mentor's mentees are drawn after them).
  const others = [...members.values()].filter((m) => m.role !== role).map((m) => m.person.id);
  const related = (id: string) => others.some((t) => chain(t).includes(id) || chain(id).includes(t));
  const person = api.org.people.find((p) => !p.profile && !p.coordinator && p.mail && !taken.has(p.id) && !related(p.id))!;
  // Their mailbox is in that zone too (Outlook names it the Windows way), with working hours there.
  graph.sim.directory.update(person.id, { timeZone: zone, workingHours: { daysOfWeek: [...WEEKDAYS], ...hours } });
  ok(
    await api.as(person.id)("putMyProfile", {
      // What the matching's rules ask of a hand-made proposal: the mentor offers the skill the mentees request.
      body: {
        programRoles: [role],
        offers: role === "mentor" ? [{ skillId: SKILL, level: "expert" }] : [],
        requests: role === "mentee" ? [{ skillId: SKILL, why: "Des réunions à l'heure de chacun.", urgency: "medium" }] : [],
        languages: ["fr"],
        timeZone: zone,
        capacity: role === "mentor" ? 5 : 0,
        paused: false,
      },
    }),
  );
  const m = { person, zone, role };
  members.set(city, m);
  return m;
}

async function group(mentor: Member, mentees: Member[]): Promise<string> {
  const t = ok(
    await api.as(coordinator)("proposeTandem", {
      body: { kind: mentees.length > 1 ? "circle" : "tandem", cycleId, mentorId: mentor.person.id, menteeIds: mentees.map((m) => m.person.id) },
    }),
  );
  for (const m of [mentor, ...mentees]) ok(await api.as(m.person.id)("transitionTandem", { params: { id: t.id }, body: { action: "accept" } }));
  return t.id;
}

/** The meeting's items in someone's own Outlook, read in the zone their mailbox states: local wall clock and zone name. */
async function seenBy(m: Member, iCalUId: string, from: string, to: string) {
  const zone = (await graph.call(m.person.id, "GET", "/me/mailboxSettings/timeZone")).json.value as string;
  const r = await graph.call(m.person.id, "GET", `/me/calendarView?startDateTime=${from}&endDateTime=${to}&$top=1000`, undefined, {
    prefer: `outlook.timezone="${zone}"`,
  });
  expect(r.status).toBe(200);
  // Every occurrence of a series shares the iCalUId but for its date (bytes 16 to 19).
  const key = (u: string) => `${u.slice(0, 32)}${u.slice(40)}`;
  return {
    zone,
    items: (r.json.value as any[])
      .filter((e) => key(e.iCalUId) === key(iCalUId))
      .map((e) => ({ start: (e.start.dateTime as string).slice(0, 16), zone: e.start.timeZone as string })),
  };
}

beforeAll(async () => {
  api = await startTestApi({ graph: true, clock: { now: () => NOW } });
  graph = api.graph!;
  coordinator = api.org.people.find((p) => p.coordinator)!.id;
  // A cycle of its own, where people of one department may pair (they are drawn from the demo as they come).
  cycleId = ok(
    await api.as(coordinator)("createCycle", {
      body: {
        name: "Cycle des fuseaux",
        startsOn: "2026-12-01",
        endsOn: "2027-06-30",
        cadence: { everyWeeks: 1, sessionMinutes: 45 },
        matching: { maxMenteesPerMentor: 5, allowSameDepartment: true, requireCommonLanguage: true },
      },
    }),
  ).id;
});
afterAll(() => api?.close());

describe("a Kolkata mentor and a Paris mentee", () => {
  it("suggests times inside both working days, in each one's own zone, books one, and each sees it at their own time in Outlook", async () => {
    const kolkata = await enrol("Kolkata", "Asia/Kolkata", "mentor");
    const paris = await enrol("Paris", "Europe/Paris", "mentee");
    const tandem = await group(kolkata, [paris]);

    const fromMentor = ok(await api.as(kolkata.person.id)("suggestSessions", { params: { id: tandem }, body: { from: "2026-12-07", days: 5 } }));
    expect(fromMentor.timeZone).toBe("Asia/Kolkata");
    expect(fromMentor.slots.length).toBeGreaterThan(0);
    for (const s of fromMentor.slots) {
      // 09:00 to 17:30 in Kolkata (03:30 to 12:00 UTC) meets 09:00 to 17:30 in Paris (08:00 to 16:30 UTC) from 13:30 to 17:30 in Kolkata.
      expect(s.start).toMatch(/^2026-12-\d\dT(13:30|1[4-6]:[03]0):00\+05:30$/);
    }
    const fromMentee = ok(await api.as(paris.person.id)("suggestSessions", { params: { id: tandem }, body: { from: "2026-12-07", days: 5 } }));
    expect(fromMentee.timeZone).toBe("Europe/Paris");
    for (const s of fromMentee.slots) expect(s.start).toMatch(/^2026-12-\d\dT(09|1[0-2]):[03]0:00\+01:00$/);
    expect(fromMentee.slots.map((s) => Date.parse(s.start))).toEqual(fromMentor.slots.map((s) => Date.parse(s.start)));

    const slot = fromMentor.slots[0]!;
    const [session] = ok(
      await api.as(kolkata.person.id)("bookSession", { params: { id: tandem }, body: { start: slot.start, end: slot.end }, idempotencyKey: randomUUID() }),
    ).items;
    expect(session).toMatchObject({ start: slot.start, timeZone: "Asia/Kolkata" });

    const utc = Date.parse(slot.start);
    const wall = (offsetMinutes: number) => new Date(utc + offsetMinutes * 60_000).toISOString().slice(0, 16);
    const mentorSees = await seenBy(kolkata, session!.iCalUId!, "2026-12-07T00:00:00Z", "2026-12-14T00:00:00Z");
    expect(mentorSees).toEqual({ zone: "India Standard Time", items: [{ start: wall(330), zone: "India Standard Time" }] });
    const menteeSees = await seenBy(paris, session!.iCalUId!, "2026-12-07T00:00:00Z", "2026-12-14T00:00:00Z");
    expect(menteeSees).toEqual({ zone: "Romance Standard Time", items: [{ start: wall(60), zone: "Romance Standard Time" }] });
    const organizer = (await graph.call(kolkata.person.id, "GET", `/me/events/${encodeURIComponent(session!.graphEventId!)}`)).json;
    expect(organizer.originalStartTimeZone).toBe("India Standard Time");
  });
});

describe("a circle from Montréal with Toronto, New York, London, Paris and Singapore", () => {
  it("books a weekly series at 08:00 in Montréal across the American change of time: each member sees it at their own hour, week after week", async () => {
    // America/Montreal: what an older browser gives, an alias of America/Toronto that Graph does not take.
    const montreal = await enrol("Montréal", "America/Montreal", "mentor", { startTime: "08:00", endTime: "16:30" });
    const mentees = [
      await enrol("Toronto", "America/Toronto", "mentee"),
      await enrol("New York", "America/New_York", "mentee"),
      await enrol("London", "Europe/London", "mentee"),
      await enrol("Paris 2", "Europe/Paris", "mentee"),
      await enrol("Singapore", "Asia/Singapore", "mentee"),
    ];
    const circle = await group(montreal, mentees);

    // Tuesday 9 March 2027, 08:00 in Montréal (UTC-5); from Sunday 14 March North America is on summer time, Europe
    // only from 28 March.
    const items = ok(
      await api.as(montreal.person.id)("bookSession", {
        params: { id: circle },
        body: { start: "2027-03-09T08:00:00-05:00", end: "2027-03-09T08:45:00-05:00", recurrence: { everyWeeks: 1, occurrences: 3 } },
        idempotencyKey: randomUUID(),
      }),
    ).items;
    expect(items.map((s) => s.start)).toEqual(["2027-03-09T08:00:00-05:00", "2027-03-16T08:00:00-04:00", "2027-03-23T08:00:00-04:00"]);
    const master = (await graph.call(montreal.person.id, "GET", `/me/events/${encodeURIComponent(items[0]!.graphEventId!)}`)).json;
    expect(master.recurrence.range.recurrenceTimeZone).toBe("Eastern Standard Time");

    const expected: Record<string, { zone: string; hours: string[] }> = {
      Montréal: { zone: "Eastern Standard Time", hours: ["08:00", "08:00", "08:00"] },
      Toronto: { zone: "Eastern Standard Time", hours: ["08:00", "08:00", "08:00"] },
      "New York": { zone: "Eastern Standard Time", hours: ["08:00", "08:00", "08:00"] },
      London: { zone: "GMT Standard Time", hours: ["13:00", "12:00", "12:00"] },
      "Paris 2": { zone: "Romance Standard Time", hours: ["14:00", "13:00", "13:00"] },
      Singapore: { zone: "Singapore Standard Time", hours: ["21:00", "20:00", "20:00"] },
    };
    for (const [city, { zone, hours }] of Object.entries(expected)) {
      const seen = await seenBy(members.get(city)!, items[0]!.iCalUId!, "2027-03-01T00:00:00Z", "2027-03-31T00:00:00Z");
      expect(seen, city).toEqual({ zone, items: ["09", "16", "23"].map((d, i) => ({ start: `2027-03-${d}T${hours[i]}`, zone })) });
    }
  });
});

describe("a zone Outlook has no name for", () => {
  it("is a 400 naming the zone, before any Graph call", async () => {
    const { person } = members.get("Paris")!;
    const tandem = ok(await api.as(person.id)("listTandems")).items[0]!;
    graph.sim.requests.reset();
    const r = await api.as(person.id)("suggestSessions", { params: { id: tandem.id }, body: { days: 5, timeZone: "Antarctica/Troll" } });
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(r.problem?.detail).toContain("Antarctica/Troll");
    expect(graph.sim.requests.snapshot().total).toBe(0);
  });
});
