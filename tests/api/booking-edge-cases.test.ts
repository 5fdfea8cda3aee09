import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoTandem } from "@tandem/core";
import type { CallInput } from "@tandem/core/client";
import { transactionIdFor } from "../../api/src/features/sessions/idempotency";
import { ok, startTestApi, type TestApi, type TestGraph } from "../support/test-api";

/**
 * Where Microsoft Graph refuses a booking or behaves oddly, and what a member sees then: over HTTP, against the
 * Graph simulator doing as Graph does. "Now" is Tuesday 1 December 2026, 09:00 in Paris.
 */

const NOW = "2026-12-01T08:00:00.000Z";
let api: TestApi;
let graph: TestGraph;

const as = (id: string) => api.as(id);
const zoneOf = (id: string) => api.org.people.find((p) => p.id === id)!.timeZone;
const tandems = (mentorZone: string, menteeZone: string) =>
  api.org.tandems.filter(
    (x) => x.status === "active" && x.kind === "tandem" && zoneOf(x.mentorId) === mentorZone && zoneOf(x.menteeIds[0]!) === menteeZone,
  );
const book = (who: string, t: DemoTandem, body: CallInput<"bookSession">["body"], key = randomUUID()) =>
  as(who)("bookSession", { params: { id: t.id }, body, idempotencyKey: key });
const slotsOf = async (who: string, t: DemoTandem, from: string) => {
  const { slots } = ok(await as(who)("suggestSessions", { params: { id: t.id }, body: { from, days: 10 } }));
  expect(slots.length).toBeGreaterThan(0);
  return slots.map((s) => ({ start: s.start, end: s.end }));
};
const eventsOfKey = async (organizer: string, t: DemoTandem, key: string) =>
  (await graph.call(organizer, "GET", `/me/events?$filter=transactionId eq '${transactionIdFor(api.org.tenantId, t.id, key)}'`)).json.value as any[];
const sessionsOf = async (who: string, t: DemoTandem) => ok(await as(who)("listSessions", { params: { id: t.id } })).items;

beforeAll(async () => {
  api = await startTestApi({ graph: true, clock: { now: () => NOW } });
  graph = api.graph!;
});
afterAll(() => api?.close());

describe("a booking whose answer was lost", () => {
  it("finds the meeting Outlook created when the booking is sent again, even after the agenda changed (ErrorDuplicateTransactionId): one meeting, one session", async () => {
    const [t] = tandems("Europe/Paris", "America/Toronto");
    const slot = (await slotsOf(t!.mentorId, t!, "2026-12-08"))[0]!;
    const key = randomUUID();
    // Outlook creates the meeting every time, but every answer is lost on the way back.
    graph.sim.faults.inject({ method: "POST", pathPattern: "^/me/events$", status: 504, times: 4, afterEffect: true, retryAfterSeconds: 0 });
    const lost = await book(t!.mentorId, t!, slot, key);
    graph.sim.faults.clear();
    expect(lost.status).toBe(503);
    expect(lost.problem?.detail).toMatch(/same Idempotency-Key is safe/);
    expect(await eventsOfKey(t!.mentorId, t!, key)).toHaveLength(1);

    // Meanwhile the mentee adds a goal: the agenda, so the body of the create, is not the same any more.
    const mentee = t!.menteeIds[0]!;
    ok(
      await as(mentee)("createGoal", {
        params: { id: t!.id },
        body: { menteeId: mentee, title: "Préparer un webinaire", skillId: api.org.skills.find((s) => !s.retired)!.id, successCriterion: "Un webinaire donné", targetDate: "2027-03-31" },
      }),
    );
    graph.sim.requests.reset();
    const again = ok(await book(t!.mentorId, t!, slot, key)).items;
    // The create was refused as a duplicate, and the meeting found by its transactionId.
    expect(graph.sim.requests.count("POST", "/me/events")).toBe(1);
    expect(graph.sim.requests.count("GET", "/me/events")).toBe(1);
    const found = await eventsOfKey(t!.mentorId, t!, key);
    expect(found).toHaveLength(1);
    const event = found[0];
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ graphEventId: event.id, start: slot.start, status: "scheduled" });
    expect((await sessionsOf(mentee, t!)).filter((s) => s.graphEventId === event.id)).toHaveLength(1);
  });
});

describe("$batch and Outlook's MailboxConcurrency", () => {
  it("reads six meetings in one batch although Outlook answers only four at once: the others are sent again after their Retry-After", async () => {
    const [, t] = tandems("Europe/Paris", "Europe/Paris");
    const slots = (await slotsOf(t!.mentorId, t!, "2026-12-14")).slice(0, 6);
    expect(slots).toHaveLength(6);
    const booked = [];
    for (const slot of slots) booked.push(ok(await book(t!.mentorId, t!, slot)).items[0]!);
    // The organizer deletes all six in Outlook: only a batch of the missing ids tells them gone.
    for (const s of booked) expect((await graph.call(t!.mentorId, "DELETE", `/me/events/${encodeURIComponent(s.graphEventId!)}`)).status).toBe(204);

    graph.sim.requests.reset();
    const listed = await sessionsOf(t!.mentorId, t!);
    for (const s of booked) expect(listed.find((x) => x.id === s.id)?.status).toBe("cancelled");
    const log = graph.sim.requests.snapshot();
    expect(log.requests["POST /$batch"]).toBe(2);
    expect(Object.values(log.batched).reduce((n, c) => n + c, 0)).toBe(8);
  });
});

describe("a calendar without Teams meetings", () => {
  it("books the meeting without a Teams link, and the session says so to every member instead of showing a link", async () => {
    const [, , t] = tandems("Europe/Paris", "Europe/Paris");
    graph.sim.setCalendar(t!.mentorId, { allowedOnlineMeetingProviders: ["skypeForBusiness"] });
    try {
      const slot = (await slotsOf(t!.mentorId, t!, "2026-12-21"))[0]!;
      const [session] = ok(await book(t!.mentorId, t!, slot)).items;
      expect(session).toMatchObject({ joinUrl: null, teamsMeetingUnavailable: true });
      const event = (await graph.call(t!.mentorId, "GET", `/me/events/${encodeURIComponent(session!.graphEventId!)}`)).json;
      expect(event).toMatchObject({ isOnlineMeeting: false, onlineMeeting: null });
      const seenByMentee = (await sessionsOf(t!.menteeIds[0]!, t!)).find((s) => s.id === session!.id);
      expect(seenByMentee).toMatchObject({ joinUrl: null, teamsMeetingUnavailable: true });
    } finally {
      graph.sim.setCalendar(t!.mentorId, null);
    }
    const [withTeams] = ok(await book(t!.mentorId, t!, (await slotsOf(t!.mentorId, t!, "2026-12-28"))[0]!)).items;
    expect(withTeams).toMatchObject({ joinUrl: expect.stringMatching(/^https:\/\/teams\.microsoft\.com\//), teamsMeetingUnavailable: false });
  });
});

describe("a token Graph no longer takes", () => {
  it("reaches the member as 401 (sign in again), not 503 (try later), and nothing is booked", async () => {
    const [t] = tandems("America/New_York", "Europe/Paris");
    const slot = (await slotsOf(t!.menteeIds[0]!, t!, "2026-12-09"))[0]!;
    const before = await sessionsOf(t!.menteeIds[0]!, t!);
    graph.sim.faults.inject({ method: "POST", pathPattern: "^/me/events$", status: 401 });
    const key = randomUUID();
    const r = await book(t!.menteeIds[0]!, t!, slot, key);
    expect(r.status).toBe(401);
    expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(r.problem).toMatchObject({ status: 401, code: "unauthenticated" });
    expect(r.problem?.detail).toMatch(/Sign in again/);
    expect(await sessionsOf(t!.menteeIds[0]!, t!)).toEqual(before);
    expect(await eventsOfKey(t!.menteeIds[0]!, t!, key)).toHaveLength(0);
  });
});
