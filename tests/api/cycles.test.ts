import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CycleView, DemoOrganisation, MatchingRunView } from "@tandem/core";
import { castOf, ok, startTestApi, laterCycle, type Cast, type TestApi } from "../support/test-api";

/**
 * The cycle a coordinator sets before a run (issue 14): its weights and rules through PUT /cycles/{id} (If-Match),
 * enrolment per cycle (PUT|DELETE /me/enrolments/{cycleId}: a cycle with its own enrolment matches only who enrolled),
 * and a run read a page at a time (`top`, `skip`, `nextLink`). Real api, Azurite and the synced Graph simulator.
 */
let api: TestApi;
let org: DemoOrganisation;
let cast: Cast;

beforeAll(async () => {
  api = await startTestApi();
  org = api.org;
  cast = castOf(org);
});
afterAll(() => api?.close());

const as = (who: string) => api.as(who);
const named = (n: string) => org.people.find((p) => p.displayName === n)!.id;

async function openCycle(extra: Record<string, unknown> = {}): Promise<CycleView> {
  return ok(
    await as(cast.coordinator)("createCycle", {
      body: {
        name: `Cycle ${randomUUID().slice(0, 8)}`,
        ...laterCycle(),
        cadence: { everyWeeks: 2, sessionMinutes: 45 },
        matching: { maxMenteesPerMentor: 3, allowSameDepartment: false, requireCommonLanguage: true, allowCircles: true },
        ...extra,
      },
    }),
  );
}

const inputOf = ({ id: _i, etag: _e, ...input }: CycleView) => input;

async function run(cycleId: string, query?: { top: number; skip: number }): Promise<MatchingRunView> {
  const started = ok(await as(cast.coordinator)("startMatchingRun", { body: { cycleId } }));
  for (let i = 0; i < 400; i++) {
    const r = ok(await as(cast.coordinator)("getMatchingRun", { params: { runId: started.id }, query }));
    if (r.status !== "running") return r;
    await new Promise((x) => setTimeout(x, 50));
  }
  throw new Error("the run did not finish");
}

describe("a coordinator sets a cycle's weights and rules", () => {
  it("replaces them over the ETag read (200 with a new ETag), and every later run uses them", async () => {
    const cycle = await openCycle();
    const input = inputOf(cycle);
    const weights = { skill: 10, urgency: 0, crossDepartment: 0, language: 0, overlap: 90 };
    const changed = { ...input, matching: { ...input.matching, weights, allowCircles: false, allowRepeatPairs: true, minWeeklyOverlapHours: 3, maxMenteesPerMentor: 1 } };
    const saved = await as(cast.coordinator)("replaceCycle", { params: { cycleId: cycle.id }, body: changed, ifMatch: cycle.etag });
    expect(saved.status).toBe(200);
    expect(saved.headers.get("etag")).toBe(saved.data!.etag);
    expect(saved.data!.etag).not.toBe(cycle.etag);
    expect(ok(await as(cast.mentee)("listCycles")).items.find((c) => c.id === cycle.id)!.matching).toMatchObject(changed.matching);

    // A run reads the rules saved: no circle, and no mentor with more than one mentee.
    const r = await run(cycle.id);
    expect(r.status).toBe("done");
    expect(r.proposals.every((p) => p.kind === "tandem")).toBe(true);
    expect(new Set(r.proposals.map((p) => p.mentorId)).size).toBe(r.proposals.length);

    // The run, made before a change of its rules, is no longer publishable: the cycle changed.
    const latest = ok(await as(cast.coordinator)("listCycles")).items.find((c) => c.id === cycle.id)!;
    ok(await as(cast.coordinator)("replaceCycle", { params: { cycleId: cycle.id }, body: { ...changed, matching: { ...changed.matching, allowSameDepartment: true } }, ifMatch: latest.etag }));
    const publish = await as(cast.coordinator)("publishMatchingRun", { params: { runId: r.id }, idempotencyKey: randomUUID() });
    expect(publish.status).toBe(409);
    expect(publish.problem!.changes!.map((c) => c.what)).toEqual(["cycle"]);
  });

  it("refuses a stale ETag (412), no If-Match (428), bad rules (400), an unknown cycle (404) and a participant (403), all problem+json", async () => {
    const cycle = await openCycle();
    const input = inputOf(cycle);
    ok(await as(cast.coordinator)("replaceCycle", { params: { cycleId: cycle.id }, body: { ...input, name: `${input.name} bis` }, ifMatch: cycle.etag }));

    const stale = await as(cast.coordinator)("replaceCycle", { params: { cycleId: cycle.id }, body: input, ifMatch: cycle.etag });
    expect(stale.status).toBe(412);
    const none = await api.call("PUT", `/cycles/${cycle.id}`, { token: await api.token(cast.coordinator), body: input });
    expect(none.status).toBe(428);
    const zero = { ...input, matching: { ...input.matching, weights: { skill: 0, urgency: 0, crossDepartment: 0, language: 0, overlap: 0 } } };
    const bad = await as(cast.coordinator)("replaceCycle", { params: { cycleId: cycle.id }, body: zero, ifMatch: cycle.etag });
    expect(bad.status).toBe(400);
    expect(bad.problem!.errors!.map((e) => e.pointer)).toContain("/matching/weights");
    const overlap = await as(cast.coordinator)("replaceCycle", { params: { cycleId: cycle.id }, body: { ...input, matching: { ...input.matching, minWeeklyOverlapHours: 61 } }, ifMatch: cycle.etag });
    expect(overlap.status).toBe(400);
    const missing = await as(cast.coordinator)("replaceCycle", { params: { cycleId: randomUUID() }, body: input, ifMatch: cycle.etag });
    expect(missing.status).toBe(404);
    const participant = await as(cast.mentee)("replaceCycle", { params: { cycleId: cycle.id }, body: input, ifMatch: cycle.etag });
    expect(participant.status).toBe(403);
    for (const r of [stale, none, bad, missing, participant]) expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(ok(await as(cast.coordinator)("listCycles")).items.find((c) => c.id === cycle.id)!.name).toBe(`${input.name} bis`);
  });
});

describe("enrolment per cycle", () => {
  it("matches only the people enrolled in a cycle that has its own enrolment; the others are counted as not enrolled", async () => {
    const cycle = await openCycle({ enrolment: "cycle" });
    const empty = await run(cycle.id);
    expect(empty.proposals).toEqual([]);
    expect(empty.notEnrolled).toBeGreaterThan(20);

    // Two of the Cycle 3 newcomers enrol here: a mentor of AI meeting recaps and a senior who asks for them.
    const mentor = named("Nina Lopez");
    const mentee = named("Heather Collins");
    expect(ok(await as(mentor)("enrolInCycle", { params: { cycleId: cycle.id }, body: { roles: ["mentor"] } }))).toEqual({ cycleId: cycle.id, roles: ["mentor"] });
    ok(await as(mentee)("enrolInCycle", { params: { cycleId: cycle.id }, body: { roles: ["mentee"] } }));
    expect(ok(await as(mentee)("getMe")).enrolments).toContainEqual({ cycleId: cycle.id, roles: ["mentee"] });
    // Enrolling again changes nothing.
    ok(await as(mentee)("enrolInCycle", { params: { cycleId: cycle.id }, body: { roles: ["mentee"] } }));

    const r = await run(cycle.id);
    expect(r.proposals.map((p) => [p.mentorId, p.menteeIds])).toEqual([[mentor, [mentee]]]);
    expect(r.notEnrolled).toBe(empty.notEnrolled - 2);
    expect(ok(await as(cast.coordinator)("programDemand", { query: { cycleId: cycle.id } })).totals).toMatchObject({ mentors: 1 });

    // She withdraws: she is no longer matched, and a pair with her is ruled out for that reason.
    const left = await as(mentee)("leaveCycle", { params: { cycleId: cycle.id } });
    expect(left.status).toBe(204);
    expect(ok(await as(mentee)("getMe")).enrolments.some((e) => e.cycleId === cycle.id)).toBe(false);
    const after = await run(cycle.id);
    expect(after.proposals).toEqual([]);
    const why = ok(await as(cast.coordinator)("whyNotPair", { params: { runId: after.id }, query: { mentorId: mentor, menteeId: mentee } }));
    expect(why.answer).toMatchObject({ status: "ruled_out", rules: expect.arrayContaining(["not_enrolled"]) });

    // A hand-made proposal keeps the rule too.
    const hand = await as(cast.coordinator)("proposeTandem", { body: { kind: "tandem", cycleId: cycle.id, mentorId: mentor, menteeIds: [mentee] } });
    expect(hand.status).toBe(409);
    expect(hand.problem!.rules!.map((x) => x.rule)).toContain("not_enrolled");
  });

  it("refuses a role the profile does not hold (409), an unknown cycle (404), and keeps enrolments across a profile save", async () => {
    const cycle = await openCycle({ enrolment: "cycle" });
    const mentee = named("Heather Collins");
    const wrong = await as(mentee)("enrolInCycle", { params: { cycleId: cycle.id }, body: { roles: ["mentor"] } });
    expect(wrong.status).toBe(409);
    expect(wrong.problem!.errors![0]!.pointer).toBe("/roles/0");
    expect((await as(mentee)("enrolInCycle", { params: { cycleId: randomUUID() }, body: { roles: ["mentee"] } })).status).toBe(404);
    expect((await as(mentee)("enrolInCycle", { params: { cycleId: cycle.id }, body: { roles: [] } })).status).toBe(400);

    ok(await as(mentee)("enrolInCycle", { params: { cycleId: cycle.id }, body: { roles: ["mentee"] } }));
    const me = ok(await as(mentee)("getMe"));
    const { id: _i, displayName: _d, trainingCompleted: _t, createdAt: _c, updatedAt: _u, etag, ...input } = me.profile!;
    ok(await as(mentee)("putMyProfile", { body: { ...input, paused: false }, ifMatch: etag }));
    expect(ok(await as(mentee)("getMe")).enrolments).toContainEqual({ cycleId: cycle.id, roles: ["mentee"] });
  });
});

describe("a run, a page at a time", () => {
  it("answers `top` proposals and unmatched from `skip`, with the people they name and the next page's link", async () => {
    const cycle = org.cycles.find((c) => c.name.startsWith("Cycle 3"))!;
    const whole = await run(cycle.id);
    expect(whole.nextLink).toBeNull();
    expect(whole.totals).toEqual({ proposals: whole.proposals.length, unmatched: whole.unmatched.length });
    expect(whole.proposals.length).toBeGreaterThan(3);

    const seen: MatchingRunView[] = [];
    let link: string | null = `/api/matching/runs/${whole.id}?top=2`;
    while (link) {
      // Like Graph's @odata.nextLink, the whole path from the host: the test's `call` is relative to /api.
      expect(link.startsWith("/api/")).toBe(true);
      const page = await api.call("GET", link.slice("/api".length), { token: await api.token(cast.coordinator) });
      expect(page.status).toBe(200);
      const body = page.json as MatchingRunView;
      expect(body.proposals.length).toBeLessThanOrEqual(2);
      expect(body.unmatched.length).toBeLessThanOrEqual(2);
      expect(body.totals).toEqual(whole.totals);
      const names = new Set(body.people.map((p) => p.id));
      for (const p of body.proposals) for (const id of [p.mentorId, ...p.menteeIds]) expect(names.has(id)).toBe(true);
      seen.push(body);
      link = body.nextLink;
    }
    expect(seen.length).toBe(Math.ceil(Math.max(whole.totals.proposals, whole.totals.unmatched) / 2));
    expect(seen.flatMap((p) => p.proposals)).toEqual(whole.proposals);
    expect(seen.flatMap((p) => p.unmatched)).toEqual(whole.unmatched);

    const bad = await api.call("GET", `/matching/runs/${whole.id}?top=0`, { token: await api.token(cast.coordinator) });
    expect(bad.status).toBe(400);
    expect((await api.call("GET", `/matching/runs/${whole.id}?top=1001`, { token: await api.token(cast.coordinator) })).status).toBe(400);
  });
});
