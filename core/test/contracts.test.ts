import { describe, it, expect } from "vitest";
import { z } from "zod";
import { ProfileInput, TimeZone, accessLevels, api, isTandemAccess, type Endpoint } from "../src/index";
import { routes } from "../src/client";
import { devApi } from "../src/contracts/dev";
import { devRoutes } from "../src/contracts/dev-routes";

const endpoints = Object.entries(api as Record<string, Endpoint>);

const pathParams = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
const paramKeys = (e: Endpoint) => (e.params ? Object.keys((e.params as z.ZodObject).shape) : []);

describe("api contracts", () => {
  it("has endpoints", () => {
    expect(endpoints.length).toBeGreaterThan(10);
  });

  it("names each endpoint once, under the same key as its id", () => {
    const ids = endpoints.map(([, e]) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [key, e] of endpoints) expect(e.id).toBe(key);
  });

  it("has one plain route per endpoint, for the browser apps, with the same id, method, path and auth", () => {
    expect(Object.keys(routes).sort()).toEqual(Object.keys(api).sort());
    for (const [key, e] of [...endpoints, ...Object.entries(devApi as Record<string, Endpoint>)]) {
      const route = (routes as Record<string, unknown>)[key] ?? (devRoutes as Record<string, unknown>)[key];
      expect(route).toEqual({ id: e.id, method: e.method, path: e.path, auth: e.auth });
    }
  });

  it("says who may call every endpoint: anyone exactly when no token is needed", () => {
    for (const [, e] of [...endpoints, ...Object.entries(devApi as Record<string, Endpoint>)]) {
      expect(Object.keys(accessLevels), e.id).toContain(e.access);
      expect(e.access === "anyone", e.id).toBe(e.auth === "none");
    }
  });

  it("opens an endpoint to a tandem's members only where a tandem is named: in the path, or behind the meeting asked about", () => {
    for (const [, e] of endpoints) {
      if (isTandemAccess(e.access) && e.id !== "meetingContext") expect(pathParams(e.path), e.id).toContain("id");
      if (e.path.startsWith("/tandems/{id}")) expect(isTandemAccess(e.access), e.id).toBe(true);
    }
    expect(api.meetingContext.access).toBe("member-or-coordinator");
  });

  it("never gives two endpoints the same method and route", () => {
    // Routes that differ only by parameter names are the same route to Azure Functions.
    const routes = endpoints.map(([, e]) => `${e.method} ${e.path.replace(/\{[^}]+\}/g, "{}")}`);
    const repeated = routes.filter((r, i) => routes.indexOf(r) !== i);
    expect(repeated).toEqual([]);
  });

  it.each(endpoints)("%s: the parameters in its path are exactly those of its params schema", (_, e) => {
    expect(paramKeys(e).sort()).toEqual(pathParams(e.path).sort());
  });

  it.each(endpoints)("%s: its path is a clean route below /api", (_, e) => {
    expect(e.path).toMatch(/^(\/([a-z0-9.-]+|\{[A-Za-z]+\}))+$/);
    expect(e.path).not.toMatch(/^\/api\//);
  });

  it("sends a body only with methods that carry one", () => {
    for (const [, e] of endpoints) {
      if (e.method === "GET" || e.method === "DELETE") expect(e.body, e.id).toBeUndefined();
    }
  });

  it("requires a token everywhere except on the platform and local development endpoints", () => {
    for (const [, e] of endpoints) {
      if (e.auth === "none") expect(e.tag === "platform" || e.localOnly === true, e.id).toBe(true);
    }
  });

  it("requires If-Match on every PATCH, so concurrent edits are not lost", () => {
    for (const [, e] of endpoints) if (e.method === "PATCH") expect(e.ifMatch, e.id).toBe("required");
  });
});

describe("ProfileInput", () => {
  const valid = {
    programRoles: ["mentee"],
    offers: [{ skillId: "excel", level: "expert" }],
    requests: [{ skillId: "copilot", why: "Draft my board reports faster", urgency: "high" }],
    languages: ["fr", "en"],
    timeZone: "Europe/Paris",
    capacity: 2,
    paused: false,
  };
  const ok = (patch: Record<string, unknown>) => ProfileInput.safeParse({ ...valid, ...patch }).success;

  it("accepts a complete profile", () => {
    expect(ok({})).toBe(true);
  });

  it("refuses unknown fields, at the top and inside offers and requests", () => {
    expect(ok({ trainingCompleted: ["module-1"] })).toBe(false);
    expect(ok({ offers: [{ skillId: "excel", level: "expert", verified: true }] })).toBe(false);
    expect(ok({ requests: [{ skillId: "copilot", why: "x", urgency: "low", priority: 1 }] })).toBe(false);
  });

  it.each(["Mars/Base", "Paris", "EST", ""])("refuses the time zone %j", (timeZone) => {
    expect(ok({ timeZone })).toBe(false);
  });

  it("refuses a skill offered twice or requested twice", () => {
    const dupOffers = ProfileInput.safeParse({
      ...valid,
      offers: [
        { skillId: "excel", level: "expert" },
        { skillId: "excel", level: "beginner" },
      ],
    });
    expect(dupOffers.success).toBe(false);
    expect(dupOffers.error?.issues[0]?.path).toEqual(["offers", 1]);
    expect(
      ok({
        requests: [
          { skillId: "copilot", why: "a", urgency: "low" },
          { skillId: "copilot", why: "b", urgency: "high" },
        ],
      }),
    ).toBe(false);
  });

  it("lets a skill be both offered and requested", () => {
    expect(ok({ requests: [{ skillId: "excel", why: "Learn the new functions", urgency: "low" }] })).toBe(true);
  });

  it("refuses a role or a language listed twice", () => {
    expect(ok({ programRoles: ["mentor", "mentor"] })).toBe(false);
    expect(ok({ languages: ["fr", "fr"] })).toBe(false);
  });

  it("accepts a capacity from 0 to 10 and refuses 11, negatives and fractions", () => {
    expect(ok({ capacity: 0 })).toBe(true);
    expect(ok({ capacity: 10 })).toBe(true);
    expect(ok({ capacity: 11 })).toBe(false);
    expect(ok({ capacity: -1 })).toBe(false);
    expect(ok({ capacity: 2.5 })).toBe(false);
  });

  it("needs at least one language", () => {
    expect(ok({ languages: [] })).toBe(false);
  });

  it("trims what people typed", () => {
    const p = ProfileInput.parse({
      ...valid,
      requests: [{ skillId: "copilot", why: "  Draft my board reports faster \n", urgency: "high" }],
    });
    expect(p.requests[0]!.why).toBe("Draft my board reports faster");
  });

  it("refuses control characters in what people typed", () => {
    expect(ok({ requests: [{ skillId: "copilot", why: "null\u0000byte", urgency: "high" }] })).toBe(false);
  });
});

describe("TimeZone", () => {
  it.each(["Europe/Paris", "America/Toronto", "Asia/Kolkata", "UTC"])("accepts %s", (tz) => {
    expect(TimeZone.safeParse(tz).success).toBe(true);
  });

  it.each(["Mars/Base", "Europe/Atlantis", "not a zone", ""])("refuses %j", (tz) => {
    expect(TimeZone.safeParse(tz).success).toBe(false);
  });
});
