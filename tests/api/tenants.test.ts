import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer, ApiCall, RouteId } from "@tandem/core/client";
import { anotherTenant, castOf, idsOf, ok, pointersOf, startTestApi, type Cast, type TestApi } from "../support/test-api";

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

/** A fresh organisation of its own for each test: a member and a coordinator, as typed clients. */
function stranger(userId: string = randomUUID()) {
  const { tenantId } = anotherTenant();
  return { tenantId, userId, user: api.as({ tenantId, userId }), coordinator: api.as({ tenantId, userId: randomUUID(), coordinator: true }) };
}
const as = (personaId: string) => api.as(personaId);

const skillInput = (id: string, en: string) => ({
  id,
  label: { fr: `${en} (fr)`, en },
  category: "software" as const,
  retired: false,
});

describe("a token of another tenant", () => {
  it("lists no tandems, even for a coordinator asking for the whole program", async () => {
    const s = stranger();
    const mine = await s.user("listTandems");
    expect(mine.status).toBe(200);
    expect(ok(mine).items).toEqual([]);
    const all = await s.coordinator("listTandems", { query: { scope: "all" } });
    expect(all.status).toBe(200);
    expect(ok(all).items).toEqual([]);
  });

  it("finds no demo tandem, goal, session, check-in or note (404)", async () => {
    const s = stranger();
    const t = cast.tandem;
    const session = { id: t.id, sessionId: t.sessions.find((x) => x.status === "held")!.id };
    const reads: ((call: ApiCall) => Promise<Answer<RouteId>>)[] = [
      (call) => call("getTandem", { params: { id: t.id } }),
      (call) => call("listGoals", { params: { id: t.id } }),
      (call) => call("listSessions", { params: { id: t.id } }),
      (call) => call("listCheckIns", { params: session }),
      (call) => call("listNotes", { params: session }),
    ];
    for (const call of [s.user, s.coordinator]) {
      for (const read of reads) {
        const r = await read(call);
        expect(r.status).toBe(404);
        expect(JSON.stringify(r.problem)).not.toContain(t.mentorId);
      }
    }
  });

  it("cannot change a demo tandem, even as a coordinator", async () => {
    const s = stranger();
    const r = await s.coordinator("transitionTandem", { params: { id: cast.tandem.id }, body: { action: "pause" } });
    expect(r.status).toBe(404);
    expect(ok(await as(cast.mentor)("getTandem", { params: { id: cast.tandem.id } })).status).toBe("active");
  });

  it("sees an empty skill catalogue and no cycles", async () => {
    const s = stranger();
    expect(ok(await s.user("listSkills")).items).toEqual([]);
    expect(ok(await s.user("listCycles")).items).toEqual([]);
  });

  it("has no profile and no directory entry in /me", async () => {
    const s = stranger();
    const r = await s.user("getMe");
    expect(r.status).toBe(200);
    expect(ok(r)).toMatchObject({ id: s.userId, tenantId: s.tenantId, profile: null, directory: null, roles: [] });
  });

  it("borrows nothing from a demo person who happens to have the same user id", async () => {
    // Object ids are unique per tenant only as far as this api is concerned: the tenant must decide.
    const s = stranger(cast.mentee);
    expect(ok(await s.user("getMe"))).toMatchObject({ id: cast.mentee, tenantId: s.tenantId, profile: null, directory: null });
    expect(ok(await s.user("listTandems")).items).toEqual([]);

    const team = await api.as({ tenantId: s.tenantId, userId: cast.manager })("teamReport");
    expect(team.status).toBe(403);
    expect(JSON.stringify(team.problem)).not.toContain(cast.mentee);
  });

  it("cannot propose a tandem out of the demo organisation's people", async () => {
    const s = stranger();
    const cycle = api.org.cycles.find((c) => c.endsInDays > 0)!;
    const free = api.org.tandems.find((t) => t.status === "proposed")!;
    const r = await s.coordinator("proposeTandem", { body: { kind: "tandem", cycleId: cycle.id, mentorId: free.mentorId, menteeIds: free.menteeIds } });
    expect(r.status).toBe(400);
    expect(pointersOf(r)).toEqual(expect.arrayContaining(["/cycleId", "/mentorId", "/menteeIds/0"]));
  });
});

describe("writing in another tenant", () => {
  it("keeps my profile in my tenant: the demo person with my id still has none", async () => {
    const newcomer = api.org.people.find((p) => !p.profile && !p.coordinator)!;
    const s = stranger(newcomer.id);
    const profile = {
      programRoles: ["mentee" as const],
      offers: [],
      requests: [],
      languages: ["en" as const],
      timeZone: "America/Toronto",
      capacity: 0,
      paused: false,
    };
    expect((await s.user("putMyProfile", { body: profile })).status).toBe(200);
    expect(ok(await s.user("getMe")).profile).toMatchObject({ programRoles: ["mentee"], timeZone: "America/Toronto" });

    const demo = ok(await as(newcomer.id)("getMe"));
    expect(demo.tenantId).toBe(api.org.tenantId);
    expect(demo.profile).toBeNull();

    // Nor does the demo coordinator see a mentee they could propose.
    const cycle = api.org.cycles.find((c) => c.endsInDays > 0)!;
    // A mentor with room: only finished tandems behind them.
    const mentor = api.org.people.find(
      (p) => p.profile?.programRoles.includes("mentor") && !api.org.tandems.some((t) => t.mentorId === p.id && t.status !== "completed" && t.status !== "declined"),
    )!;
    const proposal = await as(cast.coordinator)("proposeTandem", {
      body: { kind: "tandem", cycleId: cycle.id, mentorId: mentor.id, menteeIds: [newcomer.id] },
    });
    expect(proposal.status).toBe(400);
    expect(pointersOf(proposal)).toContain("/menteeIds/0");
  });

  it("keeps another tenant's new skill out of the demo catalogue", async () => {
    const s = stranger();
    const id = `other-${randomUUID().slice(0, 8)}`;
    expect((await s.coordinator("createSkill", { body: skillInput(id, "Somebody else's skill") })).status).toBe(201);
    expect(idsOf(ok(await s.user("listSkills")))).toEqual([id]);

    const demo = await as(cast.coordinator)("listSkills");
    expect(demo.status).toBe(200);
    expect(idsOf(ok(demo))).not.toContain(id);
    expect(idsOf(ok(demo))).toHaveLength(api.org.skills.length);
  });

  it("keeps the demo tenant's new skill out of another tenant's catalogue", async () => {
    const s = stranger();
    const id = `demo-${randomUUID().slice(0, 8)}`;
    expect((await as(cast.coordinator)("createSkill", { body: skillInput(id, "A Brisemer skill") })).status).toBe(201);
    expect(idsOf(ok(await as(cast.mentee)("listSkills")))).toContain(id);
    expect(ok(await s.user("listSkills")).items).toEqual([]);
  });

  it("lets two tenants use the same skill id without touching each other", async () => {
    const s = stranger();
    const demoSkill = api.org.skills[0]!;
    const created = await s.coordinator("createSkill", { body: skillInput(demoSkill.id, "Not the demo label") });
    expect(created.status).toBe(201);

    const replaced = await s.coordinator("replaceSkill", {
      params: { skillId: demoSkill.id },
      body: { label: { fr: "Renommée ailleurs", en: "Renamed elsewhere" }, category: "ai", retired: true },
      ifMatch: created.etag!,
    });
    expect(replaced.status).toBe(200);

    const demo = ok(await as(cast.mentee)("listSkills"));
    expect(demo.items.find((x) => x.id === demoSkill.id)).toMatchObject({
      label: demoSkill.label,
      category: demoSkill.category,
      retired: demoSkill.retired,
    });
  });

  it("keeps another tenant's cycle out of the demo program", async () => {
    const s = stranger();
    const name = `Cycle d'ailleurs ${randomUUID().slice(0, 8)}`;
    const created = await s.coordinator("createCycle", {
      body: {
        name,
        startsOn: "2099-01-01",
        endsOn: "2099-03-31",
        cadence: { everyWeeks: 1, sessionMinutes: 30 },
        matching: { maxMenteesPerMentor: 1, allowSameDepartment: true, requireCommonLanguage: false },
      },
    });
    expect(created.status).toBe(201);
    expect(ok(await s.user("listCycles")).items.map((c) => c.name)).toEqual([name]);

    const demo = ok(await as(cast.mentee)("listCycles"));
    expect(demo.items.map((c) => c.name)).not.toContain(name);
    expect(demo.items).toHaveLength(api.org.cycles.length);
  });
});
