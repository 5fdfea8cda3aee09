import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_APP } from "../../api/src/platform/dev-issuer";
import { attendee, org, parisian, startTestSimulator, type TestSimulator } from "./support";

let t: TestSimulator;
beforeAll(async () => {
  t = await startTestSimulator();
});
afterAll(() => t.stop());

const manager = org.people.find((p) => p.id === parisian.managerId)!;

describe("app-only tokens (client credentials)", () => {
  it("read the directory with User.Read.All or Directory.Read.All", async () => {
    for (const role of ["User.Read.All", "Directory.Read.All"]) {
      const app = await t.appToken([role]);
      const list = await t.call(app, "GET", "/users?$select=id&$top=999");
      expect(list.status).toBe(200);
      expect(list.json.value).toHaveLength(org.people.length);
      const one = await t.call(app, "GET", `/users/${parisian.id}?$select=displayName,accountEnabled`);
      expect(one.json).toMatchObject({ displayName: parisian.displayName, accountEnabled: true });
      expect((await t.call(app, "GET", `/users/${parisian.id}/manager`)).json.id).toBe(parisian.managerId);
      const reports = await t.call(app, "GET", `/users/${manager.id}/directReports?$select=id`);
      expect(reports.json.value.map((u: { id: string }) => u.id)).toContain(parisian.id);
      expect((await t.call(app, "GET", "/users/delta?$select=id")).status).toBe(200);
    }
  });

  it("are refused the directory without a directory permission, as Graph refuses them", async () => {
    const app = await t.appToken(["Calendars.Read"]);
    for (const path of ["/users", "/users/delta", `/users/${parisian.id}`, `/users/${parisian.id}/manager`, `/users/${manager.id}/directReports`]) {
      const r = await t.call(app, "GET", path);
      expect(r.status, path).toBe(403);
      expect(r.json.error).toMatchObject({ code: "Authorization_RequestDenied", message: "Insufficient privileges to complete the operation." });
    }
    const none = await t.call(await t.appToken([]), "GET", "/users/microsoft.graph.delta()");
    expect(none.status).toBe(403);
  });

  it("have no /me: the service principal is nobody in the directory", async () => {
    const app = await t.appToken(["User.Read.All"]);
    for (const path of ["/me", "/me/calendar/events", "/me/mailboxSettings"]) {
      const r = await t.call(app, "GET", path);
      expect(r.status, path).toBe(400);
      expect(r.json.error).toMatchObject({ code: "BadRequest", message: "/me request is only valid with delegated authentication flow." });
    }
    const sp = await t.call(app, "GET", `/users/${DEV_APP.servicePrincipalId}`);
    expect(sp.status).toBe(404);
    expect(sp.json.error.code).toBe("Request_ResourceNotFound");
  });

  it("reach no mailbox without an application calendar permission", async () => {
    const app = await t.appToken(["User.Read.All"]);
    for (const [method, path] of [
      ["GET", `/users/${parisian.id}/mailboxSettings`],
      ["GET", `/users/${parisian.id}/calendar/events`],
      ["GET", `/users/${parisian.id}/calendarView?startDateTime=2026-12-01T00:00:00Z&endDateTime=2026-12-02T00:00:00Z`],
      ["POST", `/users/${parisian.id}/calendar/getSchedule`],
    ] as const) {
      const r = await t.call(app, method, path, method === "POST" ? { schedules: [parisian.mail] } : undefined);
      expect(r.status, path).toBe(403);
      expect(r.json.error.code).toBe("ErrorAccessDenied");
    }
  });

  it("reach any member's calendar items with Calendars.ReadWrite (read only with Calendars.Read), and nothing else of the mailbox", async () => {
    const writer = await t.appToken(["Calendars.ReadWrite"]);
    const reader = await t.appToken(["Calendars.Read"]);
    const me = await t.call(parisian, "POST", "/me/events", {
      subject: "Swept",
      start: { dateTime: "2027-03-01T09:00:00", timeZone: "UTC" },
      end: { dateTime: "2027-03-01T09:30:00", timeZone: "UTC" },
      attendees: [attendee(manager)],
    });
    expect(me.status).toBe(201);
    const view = `/users/${parisian.id}/calendarView?startDateTime=2027-03-01T00:00:00Z&endDateTime=2027-03-02T00:00:00Z&$select=subject`;
    for (const app of [writer, reader]) {
      const r = await t.call(app, "GET", view);
      expect(r.status).toBe(200);
      expect(r.json.value.map((e: { subject: string }) => e.subject)).toContain("Swept");
    }
    expect((await t.call(reader, "POST", `/users/${parisian.id}/events/${me.json.id}/cancel`, {})).status).toBe(403);
    for (const [method, path] of [
      ["GET", `/users/${parisian.id}/mailboxSettings`],
      ["POST", `/users/${parisian.id}/calendar/getSchedule`],
    ] as const) {
      expect((await t.call(writer, method, path, method === "POST" ? { schedules: [parisian.mail] } : undefined)).status, path).toBe(403);
    }
    expect((await t.call(writer, "POST", `/users/${parisian.id}/events/${me.json.id}/cancel`, {})).status).toBe(202);
    expect((await t.call(parisian, "GET", `/me/events/${me.json.id}`)).status).toBe(404);
  });

  it("work inside $batch, request by request", async () => {
    const app = await t.appToken(["User.Read.All"]);
    const r = await t.call(app, "POST", "/$batch", {
      requests: [
        { id: "1", method: "GET", url: `/users/${parisian.id}?$select=displayName` },
        { id: "2", method: "GET", url: "/me" },
        { id: "3", method: "GET", url: `/users/${parisian.id}/events` },
      ],
    });
    expect(r.json.responses.map((x: { status: number }) => x.status)).toEqual([200, 400, 403]);
  });

  it("leave delegated tokens as they were: a person's own mailbox, and 404 for a person the tenant lacks", async () => {
    expect((await t.call(parisian, "GET", "/me/mailboxSettings")).status).toBe(200);
    expect((await t.call(parisian, "GET", "/users/delta?$select=id")).status).toBe(200);
    const stranger = { ...parisian, id: "00000000-0000-4000-8000-000000000001" };
    const r = await t.call(stranger, "GET", "/me");
    expect(r.status).toBe(404);
  });
});
