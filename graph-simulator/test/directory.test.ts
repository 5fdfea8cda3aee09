import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_AUDIENCE, DEV_ISSUER as API_DEV_ISSUER } from "../../api/src/config";
import { DEV_AUDIENCES, DEV_ISSUER } from "../src/index";
import { londoner, montrealer, org, parisian, startTestSimulator, type TestSimulator } from "./support";

let t: TestSimulator;
beforeAll(async () => {
  t = await startTestSimulator();
});
afterAll(() => t.stop());

const ceo = org.people.find((p) => p.managerId === null)!;

describe("authentication", () => {
  it("refuses a request without a token, in Graph's error shape", async () => {
    const r = await t.call(null, "GET", "/me");
    expect(r.status).toBe(401);
    expect(r.json.error).toMatchObject({ code: "InvalidAuthenticationToken", message: "Access token is empty." });
    expect(r.json.error.innerError).toEqual({ date: expect.any(String), "request-id": expect.any(String), "client-request-id": expect.any(String) });
  });

  it("refuses a forged, an expired and another tenant's token", async () => {
    const forged = (await t.token(parisian)).replace(/\.[^.]+$/, ".c2lnbmF0dXJl");
    expect((await t.call(forged, "GET", "/me")).status).toBe(401);
    const expired = await t.token(parisian, { lifetimeSeconds: -120 });
    const r = await t.call(expired, "GET", "/me");
    expect(r.status).toBe(401);
    expect(r.json.error.message).toMatch(/expired/);
    const elsewhere = await t.token(parisian, { tenantId: "11111111-2222-4333-8444-555555555555" });
    expect((await t.call(elsewhere, "GET", "/me")).status).toBe(401);
  });

  it("trusts the api's development issuer and audience", () => {
    expect(DEV_ISSUER).toBe(API_DEV_ISSUER);
    expect(DEV_AUDIENCES).toContain(DEV_AUDIENCE);
    expect(DEV_AUDIENCES).toContain("https://graph.microsoft.com");
  });
});

describe("users", () => {
  it("answers /me with the token's user and Graph's default properties", async () => {
    const r = await t.call(parisian, "GET", "/me");
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      "@odata.context": `${t.sim.url}/$metadata#users/$entity`,
      businessPhones: [],
      displayName: parisian.displayName,
      givenName: parisian.givenName,
      jobTitle: parisian.jobTitle,
      mail: parisian.mail,
      mobilePhone: null,
      officeLocation: parisian.officeLocation,
      preferredLanguage: parisian.preferredLanguage === "fr" ? "fr-FR" : "en-GB",
      surname: parisian.surname,
      userPrincipalName: parisian.mail,
      id: parisian.id,
    });
  });

  it("finds a user by id or userPrincipalName, with $select", async () => {
    const byId = await t.call(parisian, "GET", `/users/${montrealer.id}?$select=displayName,department,mailboxSettings`);
    expect(byId.json).toMatchObject({ displayName: montrealer.displayName, department: montrealer.department });
    expect(byId.json.mailboxSettings.timeZone).toBe("Eastern Standard Time");
    expect(byId.json).not.toHaveProperty("mail");
    const byUpn = await t.call(parisian, "GET", `/users/${encodeURIComponent(montrealer.mail.toUpperCase())}`);
    expect(byUpn.json.id).toBe(montrealer.id);
    const missing = await t.call(parisian, "GET", "/users/00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe("Request_ResourceNotFound");
  });

  it("walks the manager tree: manager and directReports", async () => {
    const manager = await t.call(parisian, "GET", "/me/manager");
    expect(manager.status).toBe(200);
    expect(manager.json).toMatchObject({ "@odata.type": "#microsoft.graph.user", id: parisian.managerId });

    const reports = await t.call(parisian, "GET", `/users/${ceo.id}/directReports`);
    const expected = org.people.filter((p) => p.managerId === ceo.id).map((p) => p.id);
    expect(reports.json.value.map((u: { id: string }) => u.id).sort()).toEqual([...expected].sort());
    expect(reports.json.value.every((u: Record<string, unknown>) => u["@odata.type"] === "#microsoft.graph.user")).toBe(true);

    const top = await t.call(ceo, "GET", "/me/manager");
    expect(top.status).toBe(404);
  });

  it("filters users by a list of ids and pages with $top", async () => {
    const ids = [parisian.id, montrealer.id, londoner.id];
    const r = await t.call(parisian, "GET", `/users?$filter=id in (${ids.map((i) => `'${i}'`).join(",")})&$select=id,displayName`);
    expect(r.json.value.map((u: { id: string }) => u.id).sort()).toEqual([...ids].sort());
    expect(Object.keys(r.json.value[0]).sort()).toEqual(["displayName", "id"]);

    const first = await t.call(parisian, "GET", "/users?$top=20");
    expect(first.json.value).toHaveLength(20);
    const next = first.json["@odata.nextLink"] as string;
    expect(next).toMatch(/\$skiptoken=/);
    const rest = await t.call(parisian, "GET", next.slice(t.sim.url.length));
    expect(rest.json.value[0].id).toBe(org.people[20]!.id);

    const bad = await t.call(parisian, "GET", "/users?$filter=city eq 'Paris'");
    expect(bad.status).toBe(400);
  });
});

describe("mailbox settings", () => {
  it("gives the time zone and working hours in Windows names, as Outlook does by default", async () => {
    const r = await t.call(montrealer, "GET", "/me/mailboxSettings");
    expect(r.json.timeZone).toBe("Eastern Standard Time");
    expect(r.json.workingHours).toEqual({
      daysOfWeek: montrealer.workingHours.daysOfWeek,
      startTime: `${montrealer.workingHours.startTime}:00.0000000`,
      endTime: `${montrealer.workingHours.endTime}:00.0000000`,
      timeZone: { name: "Eastern Standard Time" },
    });
    const paris = await t.call(parisian, "GET", "/me/mailboxSettings/timeZone");
    expect(paris.json.value).toBe("Romance Standard Time");
    const hours = await t.call(parisian, "GET", "/me/mailboxSettings/workingHours");
    expect(hours.json.startTime).toBe("09:00:00.0000000");
  });

  it("keeps another user's mailbox private", async () => {
    const r = await t.call(parisian, "GET", `/users/${montrealer.id}/mailboxSettings`);
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe("ErrorAccessDenied");
  });
});

describe("routing", () => {
  it("answers unknown segments and methods as Graph does", async () => {
    const r = await t.call(parisian, "GET", "/me/nothingHere");
    expect(r.status).toBe(400);
    expect(r.json.error).toMatchObject({ code: "BadRequest", message: "Resource not found for the segment 'nothingHere'." });
    expect((await t.call(parisian, "DELETE", "/me/manager")).status).toBe(405);
  });
});
