import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Client,
  GraphError as ClientGraphError,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from "@microsoft/microsoft-graph-client";
import type { Event, MeetingTimeSuggestionsResult } from "@microsoft/microsoft-graph-types";
import { attendee, londoner, montrealer, parisian, startTestSimulator, type TestSimulator } from "./support";

let t: TestSimulator;
beforeAll(async () => {
  t = await startTestSimulator();
});
afterAll(() => t.stop());

const control = (method: string, path: string, body?: unknown) =>
  fetch(`${t.sim.url.replace(/\/v1\.0$/, "")}/_simulator/${path}`, {
    method,
    headers: body ? { "content-type": "application/json" } : {},
    body: body ? JSON.stringify(body) : undefined,
  });

const FIND = {
  attendees: [attendee(montrealer)],
  timeConstraint: {
    activityDomain: "work",
    timeSlots: [{ start: { dateTime: "2026-12-07T00:00:00", timeZone: "UTC" }, end: { dateTime: "2026-12-10T00:00:00", timeZone: "UTC" } }],
  },
  meetingDuration: "PT45M",
};

describe("$batch", () => {
  it("runs requests in dependsOn order and answers each with its status, headers and body", async () => {
    const r = await t.call(parisian, "POST", "/$batch", {
      requests: [
        { id: "3", method: "GET", url: "/me/events?$filter=subject eq 'Batched'&$select=subject", dependsOn: ["2"] },
        {
          id: "2",
          method: "POST",
          url: "/me/events",
          headers: { "Content-Type": "application/json" },
          body: {
            subject: "Batched",
            start: { dateTime: "2026-12-22T10:00:00", timeZone: "Europe/Paris" },
            end: { dateTime: "2026-12-22T10:30:00", timeZone: "Europe/Paris" },
          },
          dependsOn: ["1"],
        },
        { id: "1", method: "GET", url: "me?$select=displayName" },
        { id: "4", method: "GET", url: "/me/events/AAMkAGmissing" },
        { id: "5", method: "GET", url: "/me/manager", dependsOn: ["4"] },
      ],
    });
    expect(r.status).toBe(200);
    const responses = r.json.responses as { id: string; status: number; headers: Record<string, string>; body?: any }[];
    expect(responses.map((x) => x.id)).toEqual(["1", "2", "3", "4", "5"]);
    const byId = Object.fromEntries(responses.map((x) => [x.id, x]));
    expect(byId["1"]).toMatchObject({ status: 200, headers: { "Content-Type": "application/json" }, body: { displayName: parisian.displayName } });
    expect(byId["2"]!.status).toBe(201);
    expect(byId["3"]!.body.value).toEqual([{ "@odata.etag": byId["2"]!.body["@odata.etag"], id: byId["2"]!.body.id, subject: "Batched" }]);
    expect(byId["4"]).toMatchObject({ status: 404, body: { error: { code: "ErrorItemNotFound" } } });
    expect(byId["5"]).toMatchObject({ status: 424, body: { error: { code: "FailedDependency" } } });
  });

  it("refuses a malformed batch as a whole", async () => {
    const tooMany = await t.call(parisian, "POST", "/$batch", {
      requests: Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: "GET", url: "/me" })),
    });
    expect(tooMany.status).toBe(400);
    const twice = await t.call(parisian, "POST", "/$batch", {
      requests: [
        { id: "a", method: "GET", url: "/me" },
        { id: "A", method: "GET", url: "/me" },
      ],
    });
    expect(twice.status).toBe(400);
    const unauthenticated = await t.call(null, "POST", "/$batch", { requests: [{ id: "1", method: "GET", url: "/me" }] });
    expect(unauthenticated.status).toBe(401);
  });
});

describe("faults", () => {
  it("answers 429 with Retry-After the given number of times, then succeeds", async () => {
    t.sim.faults.inject({ method: "POST", pathPattern: /^\/me\/findMeetingTimes$/, status: 429, times: 2, retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const r = await t.call(parisian, "POST", "/me/findMeetingTimes", FIND);
      expect(r.status).toBe(429);
      expect(r.headers.get("retry-after")).toBe("7");
      expect(r.json.error).toMatchObject({ code: "TooManyRequests", innerError: { "request-id": expect.any(String) } });
    }
    const ok = await t.call(parisian, "POST", "/me/findMeetingTimes", FIND);
    expect(ok.status).toBe(200);
  });

  it("fails requests inside a batch one by one, as Graph throttles them", async () => {
    t.sim.faults.inject({ pathPattern: "^/me/manager$", status: 503 });
    const r = await t.call(parisian, "POST", "/$batch", {
      requests: [
        { id: "1", method: "GET", url: "/me/manager" },
        { id: "2", method: "GET", url: "/me" },
      ],
    });
    expect(r.json.responses.map((x: { status: number }) => x.status)).toEqual([503, 200]);
    expect(r.json.responses[0].body.error.code).toBe("serviceNotAvailable");
  });

  it("can be set, listed and cleared over HTTP, and counts requests since a reset", async () => {
    expect((await control("DELETE", "requests")).status).toBe(204);
    const created = await control("POST", "faults", { method: "GET", pathPattern: "^/me$", status: 503, times: 1, retryAfterSeconds: 3 });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ pathPattern: "^/me$", status: 503, remaining: 1 });
    expect(((await (await control("GET", "faults")).json()) as { value: unknown[] }).value).toHaveLength(1);

    const failed = await t.call(parisian, "GET", "/me");
    expect(failed.status).toBe(503);
    expect(failed.headers.get("retry-after")).toBe("3");
    expect((await t.call(parisian, "GET", "/me")).status).toBe(200);
    await t.call(parisian, "POST", "/$batch", { requests: [{ id: "1", method: "GET", url: "/me/manager" }] });

    const counts = (await (await control("GET", "requests")).json()) as { total: number; requests: Record<string, number>; batched: Record<string, number> };
    expect(counts).toEqual({ total: 3, requests: { "GET /me": 2, "POST /$batch": 1 }, batched: { "GET /me/manager": 1 } });
    expect(t.sim.requests.count("GET", "/me")).toBe(2);

    await control("POST", "faults", { pathPattern: "x", status: 500, times: 5 });
    expect((await control("DELETE", "faults")).status).toBe(204);
    expect(t.sim.faults.list()).toEqual([]);
  });
});

/** Sets the Authorization header itself: the SDK's own handler sends tokens to https Graph hosts only. */
class BearerToken implements Middleware {
  private next?: Middleware;
  constructor(private readonly token: () => Promise<string>) {}
  async execute(context: Context): Promise<void> {
    const options = (context.options ??= {});
    const value = `Bearer ${await this.token()}`;
    if (options.headers instanceof Headers) options.headers.set("Authorization", value);
    else options.headers = { ...(options.headers as Record<string, string> | undefined), Authorization: value };
    return this.next!.execute(context);
  }
  setNext(next: Middleware) {
    this.next = next;
  }
}

describe("the Microsoft Graph JavaScript client against the simulator", () => {
  const clientFor = (who: typeof parisian) => {
    const auth = new BearerToken(() => t.token(who));
    const retry = new RetryHandler(new RetryHandlerOptions(1, 3));
    auth.setNext(retry);
    retry.setNext(new HTTPMessageHandler());
    return Client.initWithMiddleware({ middleware: auth, baseUrl: t.sim.url.replace(/\/v1\.0$/, ""), defaultVersion: "v1.0" });
  };

  it("finds meeting times and books one, with Prefer headers and typed results", async () => {
    const client = clientFor(parisian);
    const result: MeetingTimeSuggestionsResult = await client
      .api("/me/findMeetingTimes")
      .header("Prefer", 'outlook.timezone="Europe/Paris"')
      .post(FIND);
    expect(result.meetingTimeSuggestions!.length).toBeGreaterThan(0);
    const slot = result.meetingTimeSuggestions![0]!.meetingTimeSlot!;
    expect(slot.start!.timeZone).toBe("Romance Standard Time");

    const event: Event = await client.api("/me/events").post({
      subject: "Booked through the SDK",
      start: slot.start,
      end: slot.end,
      attendees: [attendee(montrealer)],
      isOnlineMeeting: true,
      onlineMeetingProvider: "teamsForBusiness",
      transactionId: "sdk-booking-1",
    });
    expect(event.onlineMeeting!.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    const again: Event = await client.api(`/me/events/${event.id}`).select(["subject", "iCalUId"]).get();
    expect(again).toMatchObject({ subject: "Booked through the SDK", iCalUId: event.iCalUId });
  });

  it("retries a 429 after Retry-After with RetryHandler, in two round trips", async () => {
    const client = clientFor(londoner);
    t.sim.requests.reset();
    t.sim.faults.inject({ method: "POST", pathPattern: "^/me/findMeetingTimes$", status: 429, times: 1, retryAfterSeconds: 1 });
    const started = Date.now();
    const result: MeetingTimeSuggestionsResult = await client.api("/me/findMeetingTimes").post(FIND);
    expect(result.emptySuggestionsReason).toBe("");
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(t.sim.requests.count("POST", "/me/findMeetingTimes")).toBe(2);
  });

  it("surfaces Graph's error code once retries are exhausted", async () => {
    const client = clientFor(londoner);
    t.sim.faults.inject({ pathPattern: "^/me/manager$", status: 429, times: 4, retryAfterSeconds: 0 });
    const error = await client.api("/me/manager").get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientGraphError);
    expect(error).toMatchObject({ statusCode: 429, code: "TooManyRequests" });
  });
});

describe("persistence", () => {
  it("keeps booked events across a restart when given a state file", async () => {
    const dir = await mkdtemp(join(tmpdir(), "graph-simulator-"));
    const stateFile = join(dir, "state.json");
    try {
      const first = await startTestSimulator({ stateFile }, t.issuer);
      const created = await first.call(parisian, "POST", "/me/events", {
        subject: "Survives a restart",
        start: { dateTime: "2026-12-23T10:00:00", timeZone: "UTC" },
        end: { dateTime: "2026-12-23T11:00:00", timeZone: "UTC" },
        attendees: [attendee(montrealer)],
      });
      const seeded = (await first.call(londoner, "GET", "/me/calendarView?startDateTime=2026-12-01T00:00:00Z&endDateTime=2026-12-02T00:00:00Z&$top=100")).json.value as Event[];
      const lunch = seeded.find((e) => e.type === "occurrence" && /Lunch|Déjeuner/.test(e.subject!))!;
      const lunchMaster = lunch.seriesMasterId!;
      expect((await first.call(londoner, "DELETE", `/me/events/${lunchMaster}`)).status).toBe(204);
      await first.stop();
      expect(JSON.parse(await readFile(stateFile, "utf8")).events.length).toBeGreaterThan(0);

      const second = await startTestSimulator({ stateFile }, t.issuer);
      try {
        const again = await second.call(parisian, "GET", `/me/events/${created.json.id}`);
        expect(again.json).toMatchObject({ subject: "Survives a restart", iCalUId: created.json.iCalUId });
        const view = await second.call(montrealer, "GET", "/me/calendarView?startDateTime=2026-12-23T00:00:00Z&endDateTime=2026-12-24T00:00:00Z&$top=100");
        expect(view.json.value.some((e: Event) => e.iCalUId === created.json.iCalUId)).toBe(true);
        expect((await second.call(londoner, "GET", `/me/events/${lunchMaster}`)).status).toBe(404);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
