import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoTandem } from "@tandem/core";
import { ok, startTestApi, type TestApi, type TestGraph } from "../support/test-api";

/**
 * A tandem's lifecycle as its people live it (issue 18): pausing or ending cancels, when asked, the sessions to come
 * the caller booked, in Outlook too; a coordinator reopens a completed tandem and withdraws a proposal; a member says
 * a session did not take place, and the reports stop counting it held. Over HTTP, against Azurite and the Graph
 * simulator, around the same fixed "now" as the booking tests.
 */

const NOW = "2026-12-01T08:00:00.000Z";
let api: TestApi;
let graph: TestGraph;
let coordinator: string;

beforeAll(async () => {
  api = await startTestApi({ graph: true, clock: { now: () => NOW } });
  graph = api.graph!;
  coordinator = api.org.people.find((p) => p.coordinator)!.id;
});
afterAll(() => api?.close());

const as = (who: string) => api.as(who);
const zoneOf = (id: string) => api.org.people.find((p) => p.id === id)!.timeZone;
const used = new Set<string>();
/** An active one-to-one tandem no other test of this file changed; to book in, one whose two members share a time zone. */
const freshTandem = (toBook = false): DemoTandem => {
  const t = api.org.tandems.find(
    (x) => x.status === "active" && x.kind === "tandem" && !used.has(x.id) && (!toBook || zoneOf(x.mentorId) === zoneOf(x.menteeIds[0]!)),
  );
  if (!t) throw new Error("the demo organisation has no active tandem left for this test");
  used.add(t.id);
  return t;
};
/** An active tandem with a member who works four days a week or fewer (Léa Fontaine: Monday to Thursday), kept for the days-off test. */
let partTime: { tandem: DemoTandem; offId: string };
beforeAll(() => {
  const works = (id: string) => api.org.people.find((p) => p.id === id)!.workingHours.daysOfWeek;
  const tandem = api.org.tandems.find((t) => t.status === "active" && t.kind === "tandem" && [t.mentorId, ...t.menteeIds].some((id) => !works(id).includes("friday")))!;
  used.add(tandem.id);
  partTime = { tandem, offId: [tandem.mentorId, ...tandem.menteeIds].find((id) => !works(id).includes("friday"))! };
});
const sessionsOf = async (who: string, tandemId: string) => ok(await as(who)("listSessions", { params: { id: tandemId } })).items;
const bookFirstSlot = async (who: string, tandemId: string, from: string) => {
  const { slots } = ok(await as(who)("suggestSessions", { params: { id: tandemId }, body: { from, days: 10 } }));
  expect(slots.length).toBeGreaterThan(0);
  const body = { start: slots[0]!.start, end: slots[0]!.end };
  return ok(await as(who)("bookSession", { params: { id: tandemId }, body, idempotencyKey: randomUUID() })).items[0]!;
};
const transition = (who: string, tandemId: string, body: { action: string; reason?: string; cancelUpcoming?: boolean }) =>
  as(who)("transitionTandem", { params: { id: tandemId }, body: body as never });

describe("pausing and ending", () => {
  it("cancels, when asked, the sessions to come the caller booked, in Outlook too, and keeps the reason in the history", async () => {
    const t = freshTandem(true);
    const mentee = t.menteeIds[0]!;
    const mine = await bookFirstSlot(t.mentorId, t.id, "2027-01-05");
    const theirs = await bookFirstSlot(mentee, t.id, "2027-01-19");
    expect(mine.bookedBy).toBe(t.mentorId);
    expect(theirs.bookedBy).toBe(mentee);

    const paused = ok(await transition(t.mentorId, t.id, { action: "pause", reason: "A busy quarter", cancelUpcoming: true }));
    expect(paused.status).toBe("paused");
    expect(paused.history.at(-1)).toMatchObject({ action: "pause", by: t.mentorId, reason: "A busy quarter" });

    const after = await sessionsOf(mentee, t.id);
    expect(after.find((s) => s.id === mine.id)?.status).toBe("cancelled");
    // The mentee booked that one: only they can cancel it in Outlook, so it stays.
    expect(after.find((s) => s.id === theirs.id)?.status).toBe("scheduled");
    expect((await graph.call(t.mentorId, "GET", `/me/events/${encodeURIComponent(mine.graphEventId!)}`)).status).toBe(404);
    const copy = await graph.call(mentee, "GET", `/me/events?$filter=iCalUId eq '${mine.iCalUId}'`);
    expect(copy.json.value[0].isCancelled).toBe(true);
    expect((await graph.call(mentee, "GET", `/me/events/${encodeURIComponent(theirs.graphEventId!)}`)).status).toBe(200);
  });

  it("leaves every meeting where it is when not asked to cancel them", async () => {
    const t = freshTandem(true);
    const booked = await bookFirstSlot(t.mentorId, t.id, "2027-02-02");
    ok(await transition(t.mentorId, t.id, { action: "complete" }));
    expect((await sessionsOf(t.mentorId, t.id)).find((s) => s.id === booked.id)?.status).toBe("scheduled");
    expect((await graph.call(t.mentorId, "GET", `/me/events/${encodeURIComponent(booked.graphEventId!)}`)).status).toBe(200);
  });

  it("refuses to cancel sessions on any other step (400)", async () => {
    const t = api.org.tandems.find((x) => x.status === "paused")!;
    const r = await transition(t.mentorId, t.id, { action: "resume", cancelUpcoming: true });
    expect(r.status).toBe(400);
  });
});

describe("reopening and withdrawing: the coordinators'", () => {
  it("reopens a completed tandem for a coordinator only, with the reason in its history", async () => {
    const t = freshTandem();
    ok(await transition(t.menteeIds[0]!, t.id, { action: "complete", reason: "Goals reached" }));
    const byMentor = await transition(t.mentorId, t.id, { action: "reopen" });
    expect(byMentor.status).toBe(403);
    const reopened = ok(await transition(coordinator, t.id, { action: "reopen", reason: "Ended by mistake" }));
    expect(reopened.status).toBe("active");
    expect(reopened.completedEarly).toBeUndefined();
    expect(reopened.history.at(-1)).toMatchObject({ action: "reopen", by: coordinator, reason: "Ended by mistake" });
    expect(ok(await as(t.mentorId)("getTandem", { params: { id: t.id } })).allowedActions).toEqual(expect.arrayContaining(["pause", "complete"]));
  });

  it("withdraws a proposal for a coordinator only: its members can no longer accept it", async () => {
    const t = api.org.tandems.find((x) => x.status === "proposed")!;
    const member = t.menteeIds[0]!;
    expect(ok(await as(member)("getTandem", { params: { id: t.id } })).allowedActions).toContain("accept");
    expect((await transition(member, t.id, { action: "withdraw" })).status).toBe(403);
    const withdrawn = ok(await transition(coordinator, t.id, { action: "withdraw", reason: "The mentor is leaving" }));
    expect(withdrawn.status).toBe("withdrawn");
    const seen = ok(await as(member)("getTandem", { params: { id: t.id } }));
    expect(seen.status).toBe("withdrawn");
    expect(seen.allowedActions).toEqual([]);
    expect((await transition(member, t.id, { action: "accept" })).status).toBe(409);
  });
});

describe("held sessions", () => {
  it("counts a session whose meeting ended as held until a member says it did not take place, and again if they take it back", async () => {
    const t = freshTandem();
    const heldOf = async () =>
      ok(await as(coordinator)("programReport", { query: { period: 365 } })).tandems.find((x) => x.id === t.id)!.sessionsHeld;
    const past = (await sessionsOf(t.mentorId, t.id)).filter((s) => s.status !== "cancelled" && Date.parse(s.end) < Date.parse(NOW));
    expect(past.length).toBeGreaterThan(0);
    const before = await heldOf();
    expect(before).toBeGreaterThanOrEqual(past.length);

    const say = (status: "missed" | "held") => as(t.menteeIds[0]!)("setSessionStatus", { params: { id: t.id, sessionId: past[0]!.id }, body: { status } });
    expect(ok(await say("missed")).status).toBe("missed");
    expect(await heldOf()).toBe(before - 1);
    expect(ok(await say("held")).status).toBe("held");
    expect(await heldOf()).toBe(before);
  });

  it("lets nobody say a session to come did not take place (409)", async () => {
    const t = freshTandem(true);
    const ahead = await bookFirstSlot(t.mentorId, t.id, "2027-03-02");
    const r = await as(t.menteeIds[0]!)("setSessionStatus", { params: { id: t.id, sessionId: ahead.id }, body: { status: "missed" } });
    expect(r.status).toBe(409);
  });
});

describe("a booking's days off", () => {
  it("answers each member's working days with the suggestions when asked, as their Outlook mailbox states them", async () => {
    const t = api.org.tandems.find((x) => x.status === "active" && x.kind === "tandem")!;
    const members = [t.mentorId, ...t.menteeIds];
    graph.sim.requests.reset();
    const asked = ok(await as(t.mentorId)("suggestSessions", { params: { id: t.id }, body: { from: "2027-04-05", days: 5, workingDays: true } }));
    expect(graph.sim.requests.snapshot()).toMatchObject({ total: 2, requests: { "POST /me/findMeetingTimes": 1, "POST /me/calendar/getSchedule": 1 } });
    expect(asked.workingHours?.map((h) => h.personId).sort()).toEqual([...members].sort());
    for (const h of asked.workingHours!) {
      const person = api.org.people.find((p) => p.id === h.personId)!;
      expect(h.daysOfWeek).toEqual(person.workingHours.daysOfWeek);
      // Outlook names zones the Windows way: Montréal's comes back as New York's, the same clock.
      expect(new Date("2027-04-05T12:00:00Z").toLocaleString("en-GB", { timeZone: h.timeZone })).toBe(
        new Date("2027-04-05T12:00:00Z").toLocaleString("en-GB", { timeZone: person.timeZone }),
      );
    }
    const plain = ok(await as(t.mentorId)("suggestSessions", { params: { id: t.id }, body: { from: "2027-04-05", days: 5 } }));
    expect(plain.workingHours).toBeUndefined();
  });
});

describe("the api's own check of days off", () => {
  // 13:00 in Paris: a Friday, the part-timer's day off, and a Thursday, when everyone works.
  const friday = (day: string) => ({ start: `2027-03-${day}T12:00:00.000Z`, end: `2027-03-${day}T12:45:00.000Z` });
  const thursday = { start: "2027-03-04T12:00:00.000Z", end: "2027-03-04T12:45:00.000Z" };

  it("refuses a booking or a move onto a member's day off (409 naming the sessions and who is off) before Outlook hears of it, unless the client showed them", async () => {
    const { tandem: t, offId } = partTime;
    const booker = [t.mentorId, ...t.menteeIds].find((id) => id !== offId)!;
    const book = (body: { start: string; end: string; allowDaysOff?: boolean; recurrence?: { everyWeeks: number; occurrences: number } }) =>
      as(booker)("bookSession", { params: { id: t.id }, body, idempotencyKey: randomUUID() });

    graph.sim.requests.reset();
    const refused = await book(friday("05"));
    expect(refused.status).toBe(409);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    // Each session in the booker's own clock, as their booking is.
    expect(refused.problem).toMatchObject({ code: "conflict", daysOff: [{ personIds: [offId] }] });
    expect(Date.parse(refused.problem!.daysOff![0]!.start)).toBe(Date.parse(friday("05").start));
    expect(graph.sim.requests.snapshot().requests["POST /me/events"]).toBeUndefined();
    // A weekly series from a Thursday: every session on a working day, booked.
    const series = ok(await book({ ...thursday, recurrence: { everyWeeks: 1, occurrences: 2 } })).items;
    expect(series).toHaveLength(2);

    // A move of the first onto a Friday: refused the same way, the session keeps its time.
    const first = series[0]!;
    const onFriday = { ...friday("12"), scope: "occurrence" as const };
    const moved = await as(booker)("rescheduleSession", { params: { id: t.id, sessionId: first.id }, body: onFriday, ifMatch: first.etag });
    expect(moved.status).toBe(409);
    expect(moved.problem!.daysOff!.map((d) => [Date.parse(d.start), d.personIds])).toEqual([[Date.parse(onFriday.start), [offId]]]);
    const kept = (await sessionsOf(booker, t.id)).find((x) => x.id === first.id)!;
    expect(Date.parse(kept.start)).toBe(Date.parse(first.start));
    // Shown to the person and confirmed (what the add-in sends): booked and moved as asked.
    const done = ok(await as(booker)("rescheduleSession", { params: { id: t.id, sessionId: first.id }, body: { ...onFriday, allowDaysOff: true }, ifMatch: kept.etag }));
    expect(JSON.stringify(done)).toContain(first.id);
    expect(ok(await book({ ...friday("05"), allowDaysOff: true })).items).toHaveLength(1);
  });
});
