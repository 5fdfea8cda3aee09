import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { castOf, startTestApi, type Cast, type TestApi, type TestGraph } from "../support/test-api";

/**
 * The add-in's meeting view when Microsoft Graph fails, and ids that are not Graph's: Graph's failures are answered
 * as on every other route (503 with Retry-After, 401 to sign in again), never 500; an id outside Graph's alphabet is
 * a 400 before any Graph call.
 */

let api: TestApi;
let graph: TestGraph;
let cast: Cast;

beforeAll(async () => {
  api = await startTestApi({ graph: true });
  graph = api.graph!;
  cast = castOf(api.org);
});
afterEach(() => graph.sim.faults.clear());
afterAll(() => api?.close());

/** An id Tandem never indexed: the view asks Graph for that event (an attendee's own copy, say). */
const unknownEvent = "AAMkAGQ5NzI4YzVkLTk1ZmEtNDNiYy1hNGE4LTU0ZDBhYTZmOTVkZgBGAAAAAAB=";
const view = (eventId: string) => api.as(cast.mentee)("meetingContext", { query: { eventId } });

describe("the meeting view when Graph fails", () => {
  it.each([
    ["a 503 storm", 503],
    ["a 429 storm", 429],
    ["504s", 504],
  ] as const)("answers %s with 503 problem+json and Retry-After", async (_, status) => {
    graph.sim.faults.inject({ method: "GET", pathPattern: "^/me/events/", status, times: 50, retryAfterSeconds: 0 });
    const r = await view(unknownEvent);
    expect(r.status, JSON.stringify(r.problem)).toBe(503);
    expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(r.problem).toMatchObject({ code: "unavailable" });
    expect(r.problem!.detail).toMatch(/Outlook/);
  });

  it("answers Graph's 401 with 401 and a challenge, to sign in again", async () => {
    graph.sim.faults.inject({ method: "GET", pathPattern: "^/me/events/", status: 401 });
    const r = await view(unknownEvent);
    expect(r.status, JSON.stringify(r.problem)).toBe(401);
    expect(r.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(r.problem).toMatchObject({ code: "unauthenticated" });
  });

  it("answers 404 for a meeting Graph does not have, once Graph answers", async () => {
    const r = await view(unknownEvent);
    expect(r.status, JSON.stringify(r.problem)).toBe(404);
  });
});

describe("ids outside Graph's alphabet", () => {
  it.each([".", "..", "../users", "a/../../users", "id with space", "é", "a%2e"])("refuses eventId %j with 400 before any Graph call", async (eventId) => {
    graph.sim.requests.reset();
    const r = await view(eventId);
    expect(r.status, JSON.stringify(r.problem)).toBe(400);
    expect(r.problem).toMatchObject({ code: "validation", errors: [expect.objectContaining({ parameter: "eventId" })] });
    expect(graph.sim.requests.snapshot().total).toBe(0);
  });
});
