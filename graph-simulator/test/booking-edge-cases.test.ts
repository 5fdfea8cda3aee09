import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attendee, londoner, parisian, startTestSimulator, type TestSimulator } from "./support";

/** Where Graph refuses or behaves oddly when a client books: the simulator does the same. */
let t: TestSimulator;
beforeAll(async () => {
  t = await startTestSimulator();
});
afterAll(() => t.stop());

const meeting = (day: number, extra: Record<string, unknown> = {}) => ({
  subject: "Point mensuel",
  start: { dateTime: `2026-12-${day}T10:00:00`, timeZone: "Romance Standard Time" },
  end: { dateTime: `2026-12-${day}T10:45:00`, timeZone: "Romance Standard Time" },
  attendees: [attendee(londoner)],
  ...extra,
});
const withTransaction = async (transactionId: string) =>
  (await t.call(parisian, "GET", `/me/events?$filter=transactionId eq '${transactionId}'`)).json.value as { id: string }[];

describe("transactionId", () => {
  it("answers a create sent again with the event of the first one, and refuses another create under the same transactionId (400 ErrorDuplicateTransactionId)", async () => {
    const transactionId = randomUUID();
    const first = await t.call(parisian, "POST", "/me/events", meeting(21, { transactionId }));
    expect(first.status).toBe(201);
    const again = await t.call(parisian, "POST", "/me/events", meeting(21, { transactionId }));
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(first.json.id);

    const other = await t.call(parisian, "POST", "/me/events", meeting(21, { transactionId, subject: "Point mensuel (ordre du jour revu)" }));
    expect(other.status).toBe(400);
    expect(other.json.error.code).toBe("ErrorDuplicateTransactionId");
    expect(await withTransaction(transactionId)).toHaveLength(1);
  });

  it("can lose the answer of a create that happened: a retry of the same create finds it", async () => {
    const transactionId = randomUUID();
    t.sim.faults.inject({ method: "POST", pathPattern: "^/me/events$", status: 504, afterEffect: true });
    const lost = await t.call(parisian, "POST", "/me/events", meeting(22, { transactionId }));
    expect(lost.status).toBe(504);
    const created = await withTransaction(transactionId);
    expect(created).toHaveLength(1);
    const retry = await t.call(parisian, "POST", "/me/events", meeting(22, { transactionId }));
    expect(retry.status).toBe(201);
    expect(retry.json.id).toBe(created[0]!.id);
  });
});

describe("$batch and Outlook's MailboxConcurrency", () => {
  it("runs 4 requests of a batch against one mailbox at once and answers the others 429 with Retry-After, inside a 200", async () => {
    const ids: string[] = [];
    for (let n = 0; n < 6; n++) ids.push((await t.call(parisian, "POST", "/me/events", meeting(23, { subject: `Atelier ${n}` }))).json.id);
    const r = await t.call(parisian, "POST", "/$batch", {
      requests: [
        ...ids.map((id, n) => ({ id: String(n), method: "GET", url: `/me/events/${id}?$select=subject` })),
        // The directory is not a mailbox: not counted.
        { id: "manager", method: "GET", url: "/me/manager" },
      ],
    });
    expect(r.status).toBe(200);
    const byId = new Map((r.json.responses as any[]).map((x) => [x.id, x]));
    const statuses = ids.map((_, n) => byId.get(String(n)).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    const throttled = ids.map((_, n) => byId.get(String(n))).find((x) => x.status === 429);
    expect(throttled.headers["Retry-After"]).toBe("1");
    expect(throttled.body.error).toMatchObject({ code: "ApplicationThrottled", message: expect.stringContaining("MailboxConcurrency") });
    expect(byId.get("manager").status).toBe(200);

    // Requests that dependsOn orders do not run at once: six in a chain all answer.
    const chained = await t.call(parisian, "POST", "/$batch", {
      requests: ids.map((id, n) => ({ id: String(n), method: "GET", url: `/me/events/${id}`, ...(n ? { dependsOn: [String(n - 1)] } : {}) })),
    });
    expect((chained.json.responses as any[]).map((x) => x.status)).toEqual(ids.map(() => 200));

    // Switched off, everything runs.
    t.sim.limits.mailboxConcurrency = 0;
    try {
      const free = await t.call(parisian, "POST", "/$batch", { requests: ids.map((id, n) => ({ id: String(n), method: "GET", url: `/me/events/${id}` })) });
      expect((free.json.responses as any[]).every((x) => x.status === 200)).toBe(true);
    } finally {
      t.sim.limits.mailboxConcurrency = 4;
    }
  });
});

describe("a calendar without Teams", () => {
  it("creates an online meeting without a Teams link when the calendar's allowedOnlineMeetingProviders lacks teamsForBusiness", async () => {
    const set = await t.control("PUT", `calendars/${parisian.id}`, { allowedOnlineMeetingProviders: [] });
    expect(set.status).toBe(204);
    try {
      const calendar = await t.call(parisian, "GET", "/me/calendar");
      expect(calendar.json).toMatchObject({ allowedOnlineMeetingProviders: [], defaultOnlineMeetingProvider: "unknown" });
      const r = await t.call(parisian, "POST", "/me/events", meeting(24, { isOnlineMeeting: true, onlineMeetingProvider: "teamsForBusiness" }));
      expect(r.status).toBe(201);
      expect(r.json).toMatchObject({ isOnlineMeeting: false, onlineMeeting: null });
    } finally {
      t.sim.setCalendar(parisian.id, null);
    }
    const r = await t.call(parisian, "POST", "/me/events", meeting(24, { isOnlineMeeting: true, onlineMeetingProvider: "teamsForBusiness" }));
    expect(r.json.onlineMeeting.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);
  });
});

describe("a token Graph no longer takes", () => {
  it("answers 401 InvalidAuthenticationToken with where to sign in again", async () => {
    t.sim.faults.inject({ pathPattern: "^/me/events$", status: 401 });
    const r = await t.call(parisian, "POST", "/me/events", meeting(25));
    expect(r.status).toBe(401);
    expect(r.json.error.code).toBe("InvalidAuthenticationToken");
    expect(r.headers.get("www-authenticate")).toMatch(/^Bearer /);
  });
});
