import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { inject } from "vitest";
import { castOf, startTestApi, type Cast, type TestApi } from "../support/test-api";
import {
  differences,
  operationsOf,
  poolsOf,
  requestsOf,
  send,
  snapshot,
  describeRequest,
  validators,
  type Operation,
  type Who,
} from "../support/openapi-fuzz";

/**
 * A property-based test generated from GET /api/openapi.json: every route gets valid requests (built from its
 * schemas, with the seeded tenant's ids) and invalid ones (one thing broken), as a member and as a coordinator.
 * No answer is a 5xx; each has a status the route documents and a body its schema takes; an invalid request gets a
 * 4xx problem, and all of them together change nothing stored. A small budget here (FUZZ_RUNS per route and kind);
 * `npm run bench -- fuzz` sends about 10,000.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);


let api: TestApi;
let doc: Record<string, any>;
let operations: Operation[];
let cast: Cast;
let tokens: Record<Who, string>;
let check: ReturnType<typeof validators>;

beforeAll(async () => {
  api = await startTestApi();
  doc = (await api.call("GET", "/openapi.json")).json;
  operations = operationsOf(doc);
  check = validators(doc);
  cast = castOf(api.org);
  tokens = { member: await api.token(cast.mentee), coordinator: await api.token(cast.coordinator) };
});
afterAll(() => api?.close());

async function fuzz(valid: boolean) {
  const pools = poolsOf(api.org, cast.tandem.id);
  const sent = { requests: 0, byStatus: new Map<number, number>() };
  for (const operation of operations) {
    const requests = requestsOf(doc, operation, pools, valid, check.refuses);
    if (!requests) continue;
    await fc.assert(
      fc.asyncProperty(requests, async (r) => {
        const answer = await send(api.url, r, tokens);
        sent.requests++;
        sent.byStatus.set(answer.status, (sent.byStatus.get(answer.status) ?? 0) + 1);
        const wrong = check.check(r, answer);
        expect(wrong, describeRequest(r)).toBeNull();
      }),
      { numRuns: RUNS },
    );
  }
  return sent;
}

describe("every route of openapi.json, fuzzed", () => {
  it("answers invalid requests with a documented 4xx problem, and none of them changes anything stored", async () => {
    const before = await snapshot(inject("azuriteConnectionString"), api.running.app.config.tablePrefix);
    const sent = await fuzz(false);
    expect(sent.requests).toBeGreaterThanOrEqual(operations.length - 4);
    expect([...sent.byStatus.keys()].every((s) => s >= 400 && s < 500)).toBe(true);
    expect(differences(before, await snapshot(inject("azuriteConnectionString"), api.running.app.config.tablePrefix))).toEqual([]);
  }, 180_000);

  it("answers valid requests, a member's and a coordinator's, with a documented status and a body its schema takes, never a 5xx", async () => {
    const sent = await fuzz(true);
    expect(sent.requests).toBeGreaterThanOrEqual(operations.length);
    // Valid requests reach past validation: many succeed.
    expect([...sent.byStatus].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(operations.length);
  }, 180_000);
});
