import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { azuriteConnectionString } from "../../scripts/lib/azurite";
import { pausableProxy, type PausableProxy } from "../../scripts/lib/pausable-proxy";
import { castOf, ok, startTestApi, type Cast, type TestApi } from "../support/test-api";

/**
 * A storage that stops answering (accepts connections, says nothing) must not hold requests: each storage call has a
 * deadline, past which the request answers 503 problem+json with Retry-After; /health says so within its own; and
 * everything answers again by itself once storage does. The api talks to Azurite through a proxy that can stop
 * forwarding; the deadline is short here, and nothing asserts how long anything took.
 */

let proxy: PausableProxy;
let api: TestApi;
let cast: Cast;

beforeAll(async () => {
  const port = Number(/TableEndpoint=http:\/\/[^:]+:(\d+)/.exec(inject("azuriteConnectionString"))![1]);
  const queuePort = Number(/QueueEndpoint=http:\/\/[^:]+:(\d+)/.exec(inject("azuriteConnectionString"))![1]);
  proxy = await pausableProxy(port);
  api = await startTestApi({
    env: { STORAGE_CONNECTION_STRING: azuriteConnectionString(proxy.port, queuePort), STORAGE_TIMEOUT_SECONDS: "0.5", HEALTH_TIMEOUT_SECONDS: "0.2" },
  });
  cast = castOf(api.org);
});
afterAll(async () => {
  proxy?.resume();
  await api?.close();
  await proxy?.close();
});

const expectUnavailable = (r: { status: number; headers: Headers; json?: any; problem?: any }) => {
  expect(r.status).toBe(503);
  expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
  expect(r.json ?? r.problem).toMatchObject({ status: 503, code: "unavailable" });
};

const goals = async () => ok(await api.as(cast.mentee)("listGoals", { params: { id: cast.tandem.id } })).items;

describe("a storage that stalls", () => {
  it("answers 503 with Retry-After to reads, writes and /health while storage says nothing, and recovers by itself", async () => {
    expect((await api.call("GET", "/health")).status).toBe(200);
    const goal = (await goals()).find((g) => g.menteeId === cast.mentee)!;
    const progress = goal.progress === 42 ? 43 : 42;

    proxy.pause();
    try {
      const health = await api.call("GET", "/health");
      expectUnavailable(health);
      expect(health.json.detail).toMatch(/storage/i);
      expectUnavailable(await api.as(cast.mentee)("getMe"));
      expectUnavailable(await api.as(cast.mentee)("listTandems"));
      const write = await api.as(cast.mentee)("updateGoal", {
        params: { id: cast.tandem.id, goalId: goal.id },
        body: { progress },
        ifMatch: goal.etag,
      });
      expectUnavailable(write);
      expect(write.problem!.detail).toMatch(/same If-Match/);
    } finally {
      proxy.resume();
    }

    expect((await api.call("GET", "/health")).status).toBe(200);
    expect(ok(await api.as(cast.mentee)("getMe")).id).toBe(cast.mentee);
    // The write that got no answer either happened or not; sending it again with the same ETag is safe either way.
    const again = await api.as(cast.mentee)("updateGoal", {
      params: { id: cast.tandem.id, goalId: goal.id },
      body: { progress },
      ifMatch: goal.etag,
    });
    expect([200, 412]).toContain(again.status);
    expect((await goals()).find((g) => g.id === goal.id)!.progress).toBe(progress);
  });
});
