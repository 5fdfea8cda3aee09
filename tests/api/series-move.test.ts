import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DemoTandem } from "@tandem/core";
import type { CallInput } from "@tandem/core/client";
import { MARK_ID } from "../../api/src/adapters/graph/shapes";
import { ok, startTestApi, type TestApi, type TestGraph } from "../support/test-api";

/**
 * A series move either completes or is undone (ADR 0006): when Outlook refuses to end the old series after the new
 * one was created, the new one is cancelled again and the sessions keep their times; should that fail too, the
 * orphan sweep (on the next read, or the timer's) cancels what carries Tandem's mark and no session. A move holds
 * its new times as a booking does: onto another session's time, or racing a booking of it, one of them gets 409.
 */

const NOW = "2026-12-01T08:00:00.000Z";
let api: TestApi;
let graph: TestGraph;

beforeAll(async () => {
  // No grace: a meeting without a session is an orphan at once (the clock stands still in these tests).
  api = await startTestApi({ graph: true, clock: { now: () => NOW }, env: { ORPHAN_GRACE_MINUTES: "0", ORPHAN_SWEEP_INTERVAL_SECONDS: "0" } });
  graph = api.graph!;
});
afterAll(() => api?.close());
beforeEach(() => graph.sim.faults.clear());

const tandems = () => api.org.tandems.filter((t) => t.status === "active" && t.kind === "tandem");
const book = (who: string, t: DemoTandem, body: CallInput<"bookSession">["body"]) =>
  api.as(who)("bookSession", { params: { id: t.id }, body, idempotencyKey: randomUUID() });
const move = (t: DemoTandem, s: { id: string; etag: string }, body: CallInput<"rescheduleSession">["body"]) =>
  api.as(t.mentorId)("rescheduleSession", { params: { id: t.id, sessionId: s.id }, body, ifMatch: s.etag });
const sessionsOf = async (t: DemoTandem) => ok(await api.as(t.mentorId)("listSessions", { params: { id: t.id } })).items;
const firstSlot = async (t: DemoTandem, from: string) => {
  const { slots } = ok(await api.as(t.mentorId)("suggestSessions", { params: { id: t.id }, body: { from, days: 10 } }));
  expect(slots.length).toBeGreaterThan(0);
  return { start: slots[0]!.start, end: slots[0]!.end };
};
const shift = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();
const HOUR = 3600_000;
const WEEK = 7 * 24 * HOUR;

/** An occurrence's iCalUId without its date: what every item of one series shares in every calendar. */
const seriesKey = (iCalUId: string) => `${iCalUId.slice(0, 32)}00000000${iCalUId.slice(40)}`.toUpperCase();

interface Item {
  iCalUId: string;
  isCancelled: boolean;
  categories: string[];
  subject: string;
  organizer: { emailAddress: { address: string } };
}

/**
 * The distinct Tandem meetings (a series counts once) each member's calendar shows over a span, not cancelled: the
 * organizer's carry the Tandem category, attendees' copies are the sessions' subject from the mentor.
 */
async function meetingsOf(t: DemoTandem, from: string, to: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const mentor = api.org.people.find((p) => p.id === t.mentorId)!;
  for (const who of [t.mentorId, ...t.menteeIds]) {
    const r = await graph.call(who, "GET", `/me/calendarView?startDateTime=${encodeURIComponent(from)}&endDateTime=${encodeURIComponent(to)}&$top=1000&$select=iCalUId,isCancelled,categories,subject,organizer`);
    expect(r.status).toBe(200);
    const tandems = (e: Item) =>
      who === t.mentorId
        ? e.categories.includes("Tandem")
        : e.organizer.emailAddress.address.toLowerCase() === mentor.mail!.toLowerCase() && e.subject.includes(` · ${mentor.displayName} `);
    const keys = (r.json.value as Item[])
      .filter((e) => !e.isCancelled && tandems(e))
      .map((e) => seriesKey(e.iCalUId));
    out[who] = [...new Set(keys)].sort();
  }
  return out;
}
/** Every member sees exactly these meetings. */
const everyoneSees = (t: DemoTandem, keys: string[]) => Object.fromEntries([t.mentorId, ...t.menteeIds].map((w) => [w, [...keys].sort()]));

describe("a series move that Outlook refuses half-way", () => {
  it("is undone when cancelling the old series fails: 503 problem+json, one series in both mailboxes, the sessions as they were; then it can be done", async () => {
    const t = tandems()[0]!;
    const slot = await firstSlot(t, "2027-01-11");
    const items = ok(await book(t.mentorId, t, { ...slot, recurrence: { everyWeeks: 1, occurrences: 3 } })).items;
    const span = [shift(slot.start, -WEEK), shift(slot.end, 4 * WEEK)] as const;
    const oldKey = seriesKey(items[0]!.iCalUId!);
    expect(await meetingsOf(t, ...span)).toEqual(everyoneSees(t, [oldKey]));

    graph.sim.faults.inject({ method: "POST", pathPattern: `/events/${items[0]!.graphEventId}/cancel$`, status: 500, times: 1 });
    const refused = await move(t, items[0]!, { start: shift(slot.start, HOUR), end: shift(slot.end, HOUR), scope: "series" });
    expect(refused.status, JSON.stringify(refused.problem)).toBe(503);
    expect(refused.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(refused.problem?.detail).toMatch(/undone.*cancelled in everyone's calendar.*keep their times/);
    expect(graph.sim.faults.list()).toEqual([]);

    expect(await meetingsOf(t, ...span)).toEqual(everyoneSees(t, [oldKey]));
    const after = await sessionsOf(t);
    expect(items.map((s) => after.find((x) => x.id === s.id)).map((s) => [s?.status, s?.start])).toEqual(items.map((s) => [s.status, s.start]));

    // The same move, now that Outlook answers: done, with one series again, the new one.
    const again = after.find((s) => s.id === items[0]!.id)!;
    const moved = ok(await move(t, again, { start: shift(slot.start, HOUR), end: shift(slot.end, HOUR), scope: "series" })).items;
    expect(moved.map((s) => s.status)).toEqual(["moved", "moved", "moved"]);
    const newKey = seriesKey(moved[0]!.iCalUId!);
    expect(newKey).not.toBe(oldKey);
    expect(await meetingsOf(t, ...span)).toEqual(everyoneSees(t, [newKey]));
  });

  it("leaves no second series when both ending the old one and undoing fail: the next read of the sessions cancels the orphan", async () => {
    const t = tandems()[1]!;
    const slot = await firstSlot(t, "2027-01-18");
    const items = ok(await book(t.mentorId, t, { ...slot, recurrence: { everyWeeks: 1, occurrences: 3 } })).items;
    const span = [shift(slot.start, -WEEK), shift(slot.end, 4 * WEEK)] as const;
    const oldKey = seriesKey(items[0]!.iCalUId!);

    // From the second session on: the old series would be cut (PATCH), the undoing is a cancel. Both fail.
    graph.sim.faults.inject({ method: "PATCH", pathPattern: `/events/${items[0]!.graphEventId}$`, status: 500, times: 1 });
    graph.sim.faults.inject({ method: "POST", pathPattern: "/cancel$", status: 500, times: 1 });
    const refused = await move(t, items[1]!, { start: shift(items[1]!.start, -HOUR), end: shift(items[1]!.end, -HOUR), scope: "series" });
    expect(refused.status, JSON.stringify(refused.problem)).toBe(503);
    expect(refused.problem?.detail).toMatch(/cancels them by itself/);
    const left = await graph.call(t.mentorId, "GET", `/me/events?$filter=categories/any(c:c eq 'Tandem')&$top=100&$select=iCalUId`);
    const orphanKeys = (left.json.value as { iCalUId: string }[]).map((e) => seriesKey(e.iCalUId)).filter((k) => k !== oldKey);

    // The mentor's read of the sessions brings the orphan along with their meetings, and cancels it.
    const after = await sessionsOf(t);
    expect(await meetingsOf(t, ...span)).toEqual(everyoneSees(t, [oldKey]));
    expect(orphanKeys.length).toBeGreaterThan(0);
    expect(items.map((s) => after.find((x) => x.id === s.id)).map((s) => [s?.status, s?.start])).toEqual(items.map((s) => [s.status, s.start]));
  });
});

describe("the orphan sweep (the timer's job, run on demand)", () => {
  it("cancels a marked meeting no session knows, in every calendar, reports it, and finds nothing more when run again", async () => {
    const t = tandems()[2]!;
    const mentee = api.org.people.find((p) => p.id === t.menteeIds[0])!;
    const day = "2027-02-10";
    const create = async (subject: string, hour: number, mark: string | null) => {
      const r = await graph.call(t.mentorId, "POST", "/me/events", {
        subject,
        start: { dateTime: `${day}T${String(hour).padStart(2, "0")}:00:00`, timeZone: "UTC" },
        end: { dateTime: `${day}T${String(hour).padStart(2, "0")}:45:00`, timeZone: "UTC" },
        attendees: [{ type: "required", emailAddress: { address: mentee.mail, name: mentee.displayName } }],
        categories: ["Tandem"],
        ...(mark ? { singleValueExtendedProperties: [{ id: MARK_ID, value: mark }] } : {}),
      });
      expect(r.status).toBe(201);
      return r.json as { id: string; iCalUId: string };
    };
    const orphan = await create("Tandem orphan", 9, t.id);
    // Left alone: a meeting someone filed under the Tandem category themselves, and another installation's mark.
    const ownCategory = await create("Not Tandem's", 11, null);
    const otherInstallation = await create("Another Tandem", 13, randomUUID());

    const sweep = api.running.app.sweepOrphans!;
    const first = await sweep(api.org.tenantId);
    expect(first.mailboxesFailed).toEqual([]);
    expect(first.mailboxesRead).toBeGreaterThan(1);
    expect(first.orphans).toEqual([
      expect.objectContaining({ tandemId: t.id, organizerId: t.mentorId, eventId: orphan.id, iCalUId: orphan.iCalUId, cancelled: true }),
    ]);
    const mentorCopy = await graph.call(t.mentorId, "GET", `/me/events/${orphan.id}`);
    expect(mentorCopy.status).toBe(404);
    const menteeCopy = await graph.call(mentee.id, "GET", `/me/events?$filter=iCalUId eq '${orphan.iCalUId}'&$select=isCancelled`);
    expect(menteeCopy.json.value).toEqual([expect.objectContaining({ isCancelled: true })]);
    for (const kept of [ownCategory, otherInstallation]) expect((await graph.call(t.mentorId, "GET", `/me/events/${kept.id}`)).status).toBe(200);

    graph.sim.requests.reset();
    const second = await sweep(api.org.tenantId);
    expect(second.orphans).toEqual([]);
    expect(graph.sim.requests.count("POST", /\/cancel$/)).toBe(0);
  });
});

describe("a move holds its new times as a booking does", () => {
  it("refuses a series moved onto another session's time with 409 naming it, before Outlook hears of it", async () => {
    const t = tandems()[3]!;
    const slot = await firstSlot(t, "2027-01-25");
    const series = ok(await book(t.mentorId, t, { ...slot, recurrence: { everyWeeks: 1, occurrences: 3 } })).items;
    const later = { start: shift(series[2]!.start, 2 * HOUR), end: shift(series[2]!.end, 2 * HOUR) };
    const single = ok(await book(t.mentorId, t, later)).items[0]!;

    graph.sim.requests.reset();
    const refused = await move(t, series[0]!, { start: shift(slot.start, 2 * HOUR), end: shift(slot.end, 2 * HOUR), scope: "series" });
    expect(refused.status, JSON.stringify(refused.problem)).toBe(409);
    expect(refused.problem).toMatchObject({ code: "conflict", slot: { sessionId: single.id, inProgress: false } });
    expect(graph.sim.requests.count("POST", /\/events$/)).toBe(0);
    expect(graph.sim.requests.count("PATCH", /\/events\//)).toBe(0);
  });

  it("lets a series move overlap its own old times", async () => {
    const t = tandems()[4]!;
    const slot = await firstSlot(t, "2027-02-01");
    const series = ok(await book(t.mentorId, t, { ...slot, recurrence: { everyWeeks: 1, occurrences: 2 } })).items;
    const moved = ok(await move(t, series[0]!, { start: shift(slot.start, 15 * 60_000), end: shift(slot.end, 15 * 60_000), scope: "series" })).items;
    expect(moved.map((s) => Date.parse(s.start))).toEqual(series.map((s) => Date.parse(s.start) + 15 * 60_000));
  });

  it("of two moves of one series to the same time at once, one is done and the other refused; one new series", async () => {
    const t = tandems()[6]!;
    const slot = await firstSlot(t, "2027-03-01");
    const series = ok(await book(t.mentorId, t, { ...slot, recurrence: { everyWeeks: 1, occurrences: 2 } })).items;
    const target = { start: shift(slot.start, 3 * HOUR), end: shift(slot.end, 3 * HOUR), scope: "series" as const };
    const answers = await Promise.all([move(t, series[0]!, target), move(t, series[0]!, target)]);
    expect(answers.filter((a) => a.ok), JSON.stringify(answers.map((a) => a.problem))).toHaveLength(1);
    expect([409, 412]).toContain(answers.find((a) => !a.ok)!.status);
    const moved = answers.find((a) => a.ok)!.data!.items;
    expect(await meetingsOf(t, shift(slot.start, -WEEK), shift(slot.end, 3 * WEEK))).toEqual(everyoneSees(t, [seriesKey(moved[0]!.iCalUId!)]));
  });

  it("of a move and a booking of the same time at once, one is done and the other gets 409; one meeting there", async () => {
    const t = tandems()[5]!;
    const slot = await firstSlot(t, "2027-02-15");
    const booked = ok(await book(t.mentorId, t, slot)).items[0]!;
    const target = { start: shift(slot.start, 2 * WEEK), end: shift(slot.end, 2 * WEEK) };
    const [moved, other] = await Promise.all([move(t, booked, target), book(t.menteeIds[0]!, t, target)]);
    expect([moved.ok, other.ok].filter(Boolean), JSON.stringify([moved.problem, other.problem])).toHaveLength(1);
    const lost = moved.ok ? other : moved;
    expect(lost.status).toBe(409);
    expect(lost.problem).toMatchObject({ code: "conflict" });

    const overlaps = (s: { start: string; end: string }) => Date.parse(s.start) < Date.parse(target.end) && Date.parse(target.start) < Date.parse(s.end);
    const there = (await sessionsOf(t)).filter((s) => s.status !== "cancelled" && overlaps(s));
    expect(there).toHaveLength(1);
    const meetings = await meetingsOf(t, target.start, target.end);
    expect(meetings).toEqual(everyoneSees(t, [seriesKey(there[0]!.iCalUId!)]));
  });
});
