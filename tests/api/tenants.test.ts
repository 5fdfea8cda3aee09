import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anotherTenant, castOf, startTestApi, type Cast, type Reply, type TestApi } from "../support/test-api";

/**
 * "Nobody: another tenant's data." Every query is scoped by the tenant of the validated token, so a perfectly
 * valid token from another organisation sees an empty program, and what it writes stays in its own tenant.
 */

let api: TestApi;
let cast: Cast;

beforeAll(async () => {
  api = await startTestApi();
  cast = castOf(api.org);
});
afterAll(() => api?.close());

/** A fresh organisation of its own for each test: a member and a coordinator. */
async function stranger(userId: string = randomUUID()) {
  const { tenantId } = anotherTenant();
  const user = await api.token({ tenantId, userId });
  const coordinator = await api.token({ tenantId, userId: randomUUID(), coordinator: true });
  return { tenantId, userId, user, coordinator };
}

const get = (token: string, path: string) => api.call("GET", path, { token });
const ids = (r: Reply): string[] => r.json.items.map((i: { id: string }) => i.id);

const skillInput = (id: string, en: string) => ({
  id,
  label: { fr: `${en} (fr)`, en },
  category: "software",
  retired: false,
});

describe("a token of another tenant", () => {
  it("lists no tandems, even for a coordinator asking for the whole program", async () => {
    const s = await stranger();
    const mine = await get(s.user, "/tandems");
    expect(mine.status).toBe(200);
    expect(mine.json.items).toEqual([]);
    const all = await get(s.coordinator, "/tandems?scope=all");
    expect(all.status).toBe(200);
    expect(all.json.items).toEqual([]);
  });

  it("finds no demo tandem, goal, session, check-in or note (404)", async () => {
    const s = await stranger();
    const t = cast.tandem;
    const session = t.sessions.find((x) => x.status === "held")!;
    const paths = [
      `/tandems/${t.id}`,
      `/tandems/${t.id}/goals`,
      `/tandems/${t.id}/sessions`,
      `/tandems/${t.id}/sessions/${session.id}/checkins`,
      `/tandems/${t.id}/sessions/${session.id}/notes`,
    ];
    for (const token of [s.user, s.coordinator]) {
      for (const path of paths) {
        const r = await get(token, path);
        expect(r.status, `${path}`).toBe(404);
        expect(JSON.stringify(r.json)).not.toContain(t.mentorId);
      }
    }
  });

  it("cannot change a demo tandem, even as a coordinator", async () => {
    const s = await stranger();
    const r = await api.call("POST", `/tandems/${cast.tandem.id}/transitions`, {
      token: s.coordinator,
      body: { action: "pause" },
    });
    expect(r.status).toBe(404);
    const seen = await get(await api.token(cast.mentor), `/tandems/${cast.tandem.id}`);
    expect(seen.json.status).toBe("active");
  });

  it("sees an empty skill catalogue and no cycles", async () => {
    const s = await stranger();
    for (const path of ["/skills", "/cycles"]) {
      const r = await get(s.user, path);
      expect(r.status).toBe(200);
      expect(r.json.items).toEqual([]);
    }
  });

  it("has no profile and no directory entry in /me", async () => {
    const s = await stranger();
    const r = await get(s.user, "/me");
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: s.userId, tenantId: s.tenantId, profile: null, directory: null, roles: [] });
  });

  it("borrows nothing from a demo person who happens to have the same user id", async () => {
    // Object ids are unique per tenant only as far as this api is concerned: the tenant must decide.
    const s = await stranger(cast.mentee);
    const me = await get(s.user, "/me");
    expect(me.json).toMatchObject({ id: cast.mentee, tenantId: s.tenantId, profile: null, directory: null });
    expect((await get(s.user, "/tandems")).json.items).toEqual([]);

    const asManager = await api.token({ tenantId: s.tenantId, userId: cast.manager });
    const team = await get(asManager, "/team/participation");
    expect(team.status).toBe(403);
    expect(JSON.stringify(team.json)).not.toContain(cast.mentee);
  });

  it("cannot propose a tandem out of the demo organisation's people", async () => {
    const s = await stranger();
    const cycle = api.org.cycles.find((c) => c.endsInDays > 0)!;
    const free = api.org.tandems.find((t) => t.status === "proposed")!;
    const r = await api.call("POST", "/tandems", {
      token: s.coordinator,
      body: { kind: "tandem", cycleId: cycle.id, mentorId: free.mentorId, menteeIds: free.menteeIds },
    });
    expect(r.status).toBe(400);
    const pointers = r.json.errors.map((e: { pointer: string }) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(["/cycleId", "/mentorId", "/menteeIds/0"]));
  });
});

describe("writing in another tenant", () => {
  it("keeps my profile in my tenant: the demo person with my id still has none", async () => {
    const newcomer = api.org.people.find((p) => !p.profile && !p.coordinator)!;
    const s = await stranger(newcomer.id);
    const profile = {
      programRoles: ["mentee"],
      offers: [],
      requests: [],
      languages: ["en"],
      timeZone: "America/Toronto",
      capacity: 0,
      paused: false,
    };
    const put = await api.call("PUT", "/me/profile", { token: s.user, body: profile });
    expect(put.status).toBe(200);
    const mine = await get(s.user, "/me");
    expect(mine.json.profile).toMatchObject({ programRoles: ["mentee"], timeZone: "America/Toronto" });

    const demo = await get(await api.token(newcomer.id), "/me");
    expect(demo.json.tenantId).toBe(api.org.tenantId);
    expect(demo.json.profile).toBeNull();

    // Nor does the demo coordinator see a mentee they could propose.
    const cycle = api.org.cycles.find((c) => c.endsInDays > 0)!;
    const mentor = api.org.people.find((p) => p.profile?.programRoles.includes("mentor") && !api.org.tandems.some((t) => t.mentorId === p.id))!;
    const proposal = await api.call("POST", "/tandems", {
      token: await api.token(cast.coordinator),
      body: { kind: "tandem", cycleId: cycle.id, mentorId: mentor.id, menteeIds: [newcomer.id] },
    });
    expect(proposal.status).toBe(400);
    expect(proposal.json.errors.map((e: { pointer: string }) => e.pointer)).toContain("/menteeIds/0");
  });

  it("keeps another tenant's new skill out of the demo catalogue", async () => {
    const s = await stranger();
    const id = `other-${randomUUID().slice(0, 8)}`;
    const created = await api.call("POST", "/skills", { token: s.coordinator, body: skillInput(id, "Somebody else's skill") });
    expect(created.status).toBe(201);
    expect(ids(await get(s.user, "/skills"))).toEqual([id]);

    const demo = await get(await api.token(cast.coordinator), "/skills");
    expect(demo.status).toBe(200);
    expect(ids(demo)).not.toContain(id);
    expect(ids(demo)).toHaveLength(api.org.skills.length);
  });

  it("keeps the demo tenant's new skill out of another tenant's catalogue", async () => {
    const s = await stranger();
    const id = `demo-${randomUUID().slice(0, 8)}`;
    const created = await api.call("POST", "/skills", {
      token: await api.token(cast.coordinator),
      body: skillInput(id, "A Brisemer skill"),
    });
    expect(created.status).toBe(201);
    expect(ids(await get(await api.token(cast.mentee), "/skills"))).toContain(id);
    expect((await get(s.user, "/skills")).json.items).toEqual([]);
  });

  it("lets two tenants use the same skill id without touching each other", async () => {
    const s = await stranger();
    const demoSkill = api.org.skills[0]!;
    const created = await api.call("POST", "/skills", { token: s.coordinator, body: skillInput(demoSkill.id, "Not the demo label") });
    expect(created.status).toBe(201);

    const etag = created.headers.get("etag")!;
    const replaced = await api.call("PUT", `/skills/${demoSkill.id}`, {
      token: s.coordinator,
      body: { label: { fr: "Renommée ailleurs", en: "Renamed elsewhere" }, category: "ai", retired: true },
      headers: { "if-match": etag },
    });
    expect(replaced.status).toBe(200);

    const demo = await get(await api.token(cast.mentee), "/skills");
    expect(demo.json.items.find((x: { id: string }) => x.id === demoSkill.id)).toMatchObject({
      label: demoSkill.label,
      category: demoSkill.category,
      retired: demoSkill.retired,
    });
  });

  it("keeps another tenant's cycle out of the demo program", async () => {
    const s = await stranger();
    const name = `Cycle d'ailleurs ${randomUUID().slice(0, 8)}`;
    const created = await api.call("POST", "/cycles", {
      token: s.coordinator,
      body: {
        name,
        startsOn: "2099-01-01",
        endsOn: "2099-03-31",
        cadence: { everyWeeks: 1, sessionMinutes: 30 },
        matching: { maxMenteesPerMentor: 1, allowSameDepartment: true, requireCommonLanguage: false },
      },
    });
    expect(created.status).toBe(201);
    expect((await get(s.user, "/cycles")).json.items.map((c: { name: string }) => c.name)).toEqual([name]);

    const demo = await get(await api.token(cast.mentee), "/cycles");
    expect(demo.json.items.map((c: { name: string }) => c.name)).not.toContain(name);
    expect(demo.json.items).toHaveLength(api.org.cycles.length);
  });
});
