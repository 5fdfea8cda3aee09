import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoTandem } from "@tandem/core";
import type { CallInput } from "@tandem/core/client";
import { ok, startTestApi, type TestApi, type TestGraph } from "../support/test-api";

/**
 * One booking per slot (ADR 0006): a tandem never has two sessions that overlap, whoever books and whatever the
 * Idempotency-Keys, even when both bookings arrive at the same instant; the loser is told which session holds the
 * slot, and no Outlook meeting is created for it.
 */

const NOW = "2026-12-01T08:00:00.000Z";
let api: TestApi;
let graph: TestGraph;

beforeAll(async () => {
  api = await startTestApi({ graph: true, clock: { now: () => NOW } });
  graph = api.graph!;
});
afterAll(() => api?.close());

const tandems = () => api.org.tandems.filter((t) => t.status === "active" && t.kind === "tandem");
const book = (who: string, t: DemoTandem, body: CallInput<"bookSession">["body"]) =>
  api.as(who)("bookSession", { params: { id: t.id }, body, idempotencyKey: randomUUID() });
const firstSlot = async (t: DemoTandem, from: string) => {
  const { slots } = ok(await api.as(t.mentorId)("suggestSessions", { params: { id: t.id }, body: { from, days: 10 } }));
  expect(slots.length).toBeGreaterThan(0);
  return { start: slots[0]!.start, end: slots[0]!.end };
};
const sessionsOf = async (t: DemoTandem) => ok(await api.as(t.mentorId)("listSessions", { params: { id: t.id } })).items;

/** The distinct Outlook meetings in the members' calendars over a span (each copy of one meeting shares its iCalUId). */
async function meetingsOf(t: DemoTandem, from: string, to: string): Promise<Set<string>> {
  const found = new Set<string>();
  for (const who of [t.mentorId, ...t.menteeIds]) {
    const r = await graph.call(who, "GET", `/me/calendarView?startDateTime=${encodeURIComponent(from)}&endDateTime=${encodeURIComponent(to)}&$top=1000&$select=iCalUId,isCancelled,categories`);
    expect(r.status).toBe(200);
    for (const e of r.json.value as { iCalUId: string; isCancelled: boolean; categories: string[] }[]) {
      if (!e.isCancelled && e.categories.includes("Tandem")) found.add(e.iCalUId);
    }
  }
  return found;
}

describe("one booking per slot", () => {
  it("of two bookings of one slot at the same instant, by the mentor and the mentee, one books and the other gets 409 naming its session; one meeting", async () => {
    const t = tandems()[0]!;
    const slot = await firstSlot(t, "2026-12-08");
    const [a, b] = await Promise.all([book(t.mentorId, t, slot), book(t.menteeIds[0]!, t, slot)]);
    const statuses = [a.status, b.status].sort();
    expect(statuses, JSON.stringify([a.problem, b.problem])).toEqual([201, 409]);
    const won = (a.ok ? a : b).data!.items[0]!;
    const lost = a.ok ? b : a;
    expect(lost.problem).toMatchObject({ code: "conflict", slot: { sessionId: won.id } });
    expect(lost.headers.get("content-type")).toMatch(/^application\/problem\+json/);

    const inSlot = (await sessionsOf(t)).filter((s) => s.start < slot.end && slot.start < s.end && s.status !== "cancelled");
    expect(inSlot.map((s) => s.id)).toEqual([won.id]);
    expect(await meetingsOf(t, slot.start, slot.end)).toEqual(new Set([won.iCalUId]));
  });

  it("refuses a booking that overlaps a session already booked (a series' later occurrence too) before any Graph call", async () => {
    const t = tandems()[1]!;
    const slot = await firstSlot(t, "2026-12-15");
    const series = ok(await book(t.mentorId, t, { ...slot, recurrence: { everyWeeks: 1, occurrences: 3 } })).items;
    const third = series[2]!;
    const halfHour = 30 * 60_000;
    const overlapping = {
      start: new Date(Date.parse(third.start) + halfHour / 2).toISOString(),
      end: new Date(Date.parse(third.end) + halfHour).toISOString(),
    };
    const before = await meetingsOf(t, slot.start, third.end);
    graph.sim.requests.reset();
    const refused = await book(t.menteeIds[0]!, t, overlapping);
    expect(refused.status, JSON.stringify(refused.problem)).toBe(409);
    expect(refused.problem).toMatchObject({ code: "conflict", slot: { sessionId: third.id, inProgress: false } });
    expect(graph.sim.requests.count("POST", /\/events$/)).toBe(0);
    expect(await meetingsOf(t, slot.start, third.end)).toEqual(before);

    // Right after a session ends is free; and a cancelled session gives its slot back.
    const after = ok(await book(t.menteeIds[0]!, t, { start: series[0]!.end, end: new Date(Date.parse(series[0]!.end) + halfHour).toISOString() }));
    expect(after.items).toHaveLength(1);
    ok(await api.as(t.mentorId)("cancelSession", { params: { id: t.id, sessionId: third.id }, body: { scope: "occurrence" } }));
    expect((await book(t.menteeIds[0]!, t, overlapping)).status).toBe(201);
  });

  it("refuses to move one session onto another's time, before Outlook hears of it", async () => {
    const t = tandems()[2]!;
    const slot = await firstSlot(t, "2026-12-21");
    const first = ok(await book(t.mentorId, t, slot)).items[0]!;
    const later = { start: new Date(Date.parse(slot.start) + 2 * 3_600_000).toISOString(), end: new Date(Date.parse(slot.end) + 2 * 3_600_000).toISOString() };
    const second = ok(await book(t.mentorId, t, later)).items[0]!;
    graph.sim.requests.reset();
    const moved = await api.as(t.mentorId)("rescheduleSession", {
      params: { id: t.id, sessionId: second.id },
      body: { start: first.start, end: first.end },
      ifMatch: second.etag,
    });
    expect(moved.status, JSON.stringify(moved.problem)).toBe(409);
    expect(moved.problem).toMatchObject({ code: "conflict", slot: { sessionId: first.id } });
    expect(graph.sim.requests.snapshot().total).toBe(0);
    expect((await sessionsOf(t)).find((x) => x.id === second.id)).toMatchObject({ start: second.start, status: "scheduled" });
  });
});
