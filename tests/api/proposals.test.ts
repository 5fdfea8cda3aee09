import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoOrganisation, DemoPerson } from "@tandem/core";
import { ok, startTestApi, untilPublished, type TestApi, laterCycle } from "../support/test-api";

/**
 * A coordinator's own proposals keep the engine's hard rules (issue 14, point 3), and a mentor's places hold when
 * proposals, acceptances and a publication race for them (point 4): truly concurrent requests over HTTP against the
 * real api and Azurite.
 */
let api: TestApi;
let org: DemoOrganisation;
let coordinator: string;

beforeAll(async () => {
  api = await startTestApi();
  org = api.org;
  coordinator = org.people.find((p) => p.coordinator)!.id;
});
afterAll(() => api?.close());

const as = (who: string) => api.as(who);
const byId = (id: string) => org.people.find((p) => p.id === id)!;
const chainOf = (id: string) => {
  const out: string[] = [];
  for (let m = byId(id).managerId; m; m = byId(m).managerId) out.push(m);
  return out;
};
const OPEN = ["proposed", "accepted", "active", "paused"];
const mentors = () => org.people.filter((p) => p.profile?.programRoles.includes("mentor") && !p.profile.paused && p.profile.offers.length > 0);
const mentees = () => org.people.filter((p) => p.profile?.programRoles.includes("mentee") && !p.profile.paused && !p.profile.programRoles.includes("mentor"));
const speaks = (a: DemoPerson, b: DemoPerson) => a.profile!.languages.some((l) => b.profile!.languages.includes(l));
const met = (mentor: string, mentee: string) => org.tandems.some((t) => t.mentorId === mentor && t.menteeIds.includes(mentee) && ["active", "paused", "completed"].includes(t.status));
/** Whether the demo's data let this pair be proposed in a cycle of its own (other departments, a common language). */
const fits = (mentor: DemoPerson, mentee: DemoPerson) =>
  mentor.id !== mentee.id && !chainOf(mentor.id).includes(mentee.id) && !chainOf(mentee.id).includes(mentor.id) && mentor.department !== mentee.department && speaks(mentor, mentee) && !met(mentor.id, mentee.id);
const openMentees = (mentorId: string) => org.tandems.filter((t) => t.mentorId === mentorId && OPEN.includes(t.status)).reduce((n, t) => n + t.menteeIds.length, 0);
const freePlaces = (m: DemoPerson) => Math.min(m.profile!.capacity, 3) - openMentees(m.id);

async function openCycle(matching: Record<string, unknown> = {}) {
  return ok(
    await as(coordinator)("createCycle", {
      body: {
        name: `Cycle ${randomUUID().slice(0, 8)}`,
        ...laterCycle(),
        cadence: { everyWeeks: 2, sessionMinutes: 45 },
        matching: { maxMenteesPerMentor: 3, allowSameDepartment: false, requireCommonLanguage: true, ...matching },
      },
    }),
  ).id;
}

const propose = (cycleId: string, mentorId: string, menteeIds: string[]) =>
  as(coordinator)("proposeTandem", { body: { kind: menteeIds.length > 1 ? "circle" : "tandem", cycleId, mentorId, menteeIds } });
const mentorsOpen = async (mentorId: string) =>
  ok(await as(coordinator)("listTandems", { query: { scope: "all" } })).items.filter((t) => t.mentorId === mentorId && OPEN.includes(t.status));
const taken = new Set<string>();
/** Mentors no earlier test of this file used: every test changes someone's places. */
const fresh = (m: DemoPerson) => !taken.has(m.id);

describe("a hand-made proposal keeps every hard rule (409 naming it, in French and English)", () => {
  it("refuses a pair inside a reporting chain: a mentor proposed to their own manager", async () => {
    const cycleId = await openCycle({ allowSameDepartment: true });
    const pair = mentors()
      .map((m) => ({ m, boss: mentees().find((x) => x.id === m.managerId && speaks(m, x)) }))
      .find((x) => x.boss)!;
    const r = await propose(cycleId, pair.m.id, [pair.boss!.id]);
    expect(r.status).toBe(409);
    expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(r.problem!.rules).toEqual([{ menteeId: pair.boss!.id, rule: "reporting_chain", words: { fr: expect.stringContaining("ligne hiérarchique"), en: expect.stringContaining("reporting chain") } }]);
  });

  it("refuses a same-department pair where the cycle forbids it, and lets it be where the cycle allows it", async () => {
    const pair = mentors()
      .flatMap((m) => mentees().map((x) => ({ m, x })))
      .find(({ m, x }) => m.department === x.department && !chainOf(m.id).includes(x.id) && !chainOf(x.id).includes(m.id) && speaks(m, x) && !met(m.id, x.id) && freePlaces(m) > 0)!;
    const forbids = await openCycle();
    const r = await propose(forbids, pair.m.id, [pair.x.id]);
    expect(r.status).toBe(409);
    expect(r.problem!.rules!.map((x) => x.rule)).toEqual(["same_department"]);
    expect(r.problem!.rules![0]!.words.en).toBe("Same department, and the cycle asks for different ones.");
    taken.add(pair.m.id);
    expect((await propose(await openCycle({ allowSameDepartment: true }), pair.m.id, [pair.x.id])).status).toBe(201);
  });

  it("refuses a pair with no common language where the cycle requires one", async () => {
    const pair = mentors()
      .flatMap((m) => mentees().map((x) => ({ m, x })))
      .find(({ m, x }) => !speaks(m, x) && m.department !== x.department && !chainOf(m.id).includes(x.id) && !chainOf(x.id).includes(m.id))!;
    const r = await propose(await openCycle(), pair.m.id, [pair.x.id]);
    expect(r.status).toBe(409);
    expect(r.problem!.rules).toEqual([expect.objectContaining({ menteeId: pair.x.id, rule: "no_common_language" })]);
  });

  it("refuses a mentee already in a tandem of the cycle", async () => {
    const cycleId = await openCycle();
    const mentee = mentees().find((x) => mentors().filter((m) => fresh(m) && freePlaces(m) > 0 && fits(m, x)).length >= 2)!;
    const [first, second] = mentors().filter((m) => fresh(m) && freePlaces(m) > 0 && fits(m, mentee));
    taken.add(first!.id);
    expect((await propose(cycleId, first!.id, [mentee.id])).status).toBe(201);
    const r = await propose(cycleId, second!.id, [mentee.id]);
    expect(r.status).toBe(409);
    expect(r.problem!.rules!.map((x) => x.rule)).toEqual(["already_matched"]);
  });
});

describe("a mentor's places hold under concurrency", () => {
  it("two proposals for the last place at once: one is made, the other gets 409", async () => {
    const cycleId = await openCycle();
    const mentor = mentors().find((m) => fresh(m) && freePlaces(m) === 1 && mentees().filter((x) => fits(m, x)).length >= 2)!;
    taken.add(mentor.id);
    const [a, b] = mentees().filter((x) => fits(mentor, x));
    const answers = await Promise.all([propose(cycleId, mentor.id, [a!.id]), propose(cycleId, mentor.id, [b!.id])]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = answers.find((r) => r.status === 409)!;
    expect(loser.problem!.rules).toEqual([expect.objectContaining({ rule: "mentor_full", mentorId: mentor.id })]);
    const open = await mentorsOpen(mentor.id);
    expect(open.reduce((n, t) => n + t.menteeIds.length, 0)).toBe(Math.min(mentor.profile!.capacity, 3));
  });

  it("two mentees accepting the last place at once (their mentor took fewer mentees since): one is accepted, the other gets 409", async () => {
    const cycleId = await openCycle();
    const mentor = mentors().find((m) => fresh(m) && openMentees(m.id) === 0 && m.profile!.capacity >= 2 && mentees().filter((x) => fits(m, x)).length >= 2)!;
    taken.add(mentor.id);
    const [a, b] = mentees().filter((x) => fits(mentor, x));
    const ta = ok(await propose(cycleId, mentor.id, [a!.id]));
    const tb = ok(await propose(cycleId, mentor.id, [b!.id]));

    const me = ok(await as(mentor.id)("getMe")).profile!;
    const { id: _i, displayName: _d, trainingCompleted: _t, createdAt: _c, updatedAt: _u, etag, ...input } = me;
    ok(await as(mentor.id)("putMyProfile", { body: { ...input, capacity: 1 }, ifMatch: etag }));
    for (const t of [ta, tb]) expect(ok(await as(mentor.id)("transitionTandem", { params: { id: t.id }, body: { action: "accept" } })).status).toBe("proposed");

    const answers = await Promise.all([
      as(a!.id)("transitionTandem", { params: { id: ta.id }, body: { action: "accept" } }),
      as(b!.id)("transitionTandem", { params: { id: tb.id }, body: { action: "accept" } }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = answers.find((r) => r.status === 409)!;
    expect(loser.problem).toMatchObject({ code: "conflict", rules: [{ rule: "mentor_full", mentorId: mentor.id }] });
    const statuses = (await mentorsOpen(mentor.id)).map((t) => t.status).sort();
    expect(statuses).toEqual(["accepted", "proposed"]);
  });

  it("a publication racing a hand-made proposal for a mentor's last place: one of them is refused (409), never both written", async () => {
    const cycleId = await openCycle({ allowCircles: false });
    const started = ok(await as(coordinator)("startMatchingRun", { body: { cycleId } }));
    let run = ok(await as(coordinator)("getMatchingRun", { params: { runId: started.id } }));
    for (let i = 0; i < 600 && run.status === "running"; i++) {
      await new Promise((x) => setTimeout(x, 50));
      run = ok(await as(coordinator)("getMatchingRun", { params: { runId: started.id } }));
    }
    expect(run.status).toBe("done");
    const proposed = new Set(run.proposals.flatMap((p) => p.menteeIds));
    // A mentor the run fills up, and a mentee the run leaves out whom the coordinator would rather give them.
    const candidates = run.proposals
      .map((p) => byId(p.mentorId))
      .filter((m) => fresh(m) && run.proposals.filter((p) => p.mentorId === m.id).length === freePlaces(m));
    const pick = candidates.map((m) => ({ m, x: mentees().find((x) => !proposed.has(x.id) && fits(m, x)) })).find((c) => c.x)!;
    expect(pick, "a mentor the run fills, and a mentee it leaves out who fits them").toBeDefined();
    taken.add(pick.m.id);

    const [published, handMade] = await Promise.all([
      as(coordinator)("publishMatchingRun", { params: { runId: run.id }, idempotencyKey: randomUUID() }),
      propose(cycleId, pick.m.id, [pick.x!.id]),
    ]);
    // Published (202, its tandems then written by a job) and the proposal refused, or the proposal made (201) and the
    // publication refused: the places are taken before the 202.
    expect([[202, 409], [409, 201]]).toContainEqual([published.status, handMade.status]);
    if (published.ok) await untilPublished(as(coordinator), run.id);
    const loser = published.ok ? handMade : published;
    expect(loser.status).toBe(409);
    expect(loser.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const open = await mentorsOpen(pick.m.id);
    expect(open.reduce((n, t) => n + t.menteeIds.length, 0)).toBeLessThanOrEqual(Math.min(pick.m.profile!.capacity, 3));
  });
});
