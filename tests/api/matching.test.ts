import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoOrganisation, DemoPerson, MatchingRunView } from "@tandem/core";
import { castOf, ok, startTestApi, untilPublished, type Cast, type TestApi, laterCycle } from "../support/test-api";
import { tandemIdOf } from "../../api/src/features/matching/publish";

/**
 * The coordinator runs a cycle (issue 14): matching runs as jobs over HTTP, against the real api, Azurite and the
 * Graph simulator whose directory the api synced. Each test opens a cycle of its own, so that what one publishes does
 * not change what another matches.
 */
let api: TestApi;
let org: DemoOrganisation;
let cast: Cast;
let coordinator: string;
/** A mentee who manages someone: a participant and a manager. */
let managerMentee: string;

const byId = (id: string) => org.people.find((p) => p.id === id)!;
const chainOf = (id: string) => {
  const out: string[] = [];
  for (let m = byId(id).managerId; m; m = byId(m).managerId) out.push(m);
  return out;
};
const inChain = (a: string, b: string) => chainOf(a).includes(b) || chainOf(b).includes(a);

beforeAll(async () => {
  api = await startTestApi();
  org = api.org;
  cast = castOf(org);
  coordinator = cast.coordinator;
  managerMentee = org.people.find((p) => p.profile?.programRoles.includes("mentee") && org.people.some((q) => q.managerId === p.id) && !p.coordinator)!.id;
});
afterAll(() => api?.close());

const as = (who: string) => api.as(who);

async function openCycle(matching: Record<string, unknown> = {}) {
  const name = `Cycle ${randomUUID().slice(0, 8)}`;
  return ok(
    await as(coordinator)("createCycle", {
      body: {
        name,
        ...laterCycle(),
        cadence: { everyWeeks: 2, sessionMinutes: 45 },
        matching: { maxMenteesPerMentor: 3, allowSameDepartment: false, requireCommonLanguage: true, allowCircles: true, ...matching },
      },
    }),
  );
}

/** Starts a run and follows its Location until it is done. */
async function run(cycleId: string, extra: { pins?: { mentorId: string; menteeId: string }[]; removals?: { mentorId: string; menteeId: string }[] } = {}): Promise<MatchingRunView> {
  const started = await as(coordinator)("startMatchingRun", { body: { cycleId, ...extra } });
  expect(started.status).toBe(202);
  const body = ok(started);
  expect(body).toMatchObject({ status: "running", cycleId });
  expect(started.headers.get("location")).toBe(`/api/matching/runs/${body.id}`);
  for (let i = 0; i < 600; i++) {
    const r = ok(await as(coordinator)("getMatchingRun", { params: { runId: body.id } }));
    if (r.status !== "running") {
      expect(r.status, r.error ?? "").toBe("done");
      return r;
    }
    await new Promise((x) => setTimeout(x, 50));
  }
  throw new Error("the run did not finish");
}

/** Declines what a test published, so that the mentors' places are free again for the next test's cycle. */
async function giveBack(cycleId: string) {
  for (const t of await tandemsOfCycle(cycleId)) {
    if (t.status === "proposed") ok(await as(t.menteeIds[0]!)("transitionTandem", { params: { id: t.id }, body: { action: "decline", reason: "Fin du test." } }));
  }
}

/** Publishes a run (202 with the run's Location) and waits for its job to write every tandem. */
async function publish(runId: string, key: string = randomUUID()) {
  const accepted = await as(coordinator)("publishMatchingRun", { params: { runId }, idempotencyKey: key });
  expect(accepted.status, JSON.stringify(accepted.problem)).toBe(202);
  expect(accepted.headers.get("location")).toBe(`/api/matching/runs/${runId}`);
  const publication = await untilPublished(as(coordinator), runId);
  return { ...ok(accepted), publishedAt: publication.publishedAt, written: publication.written };
}

const tandemsOfCycle = async (cycleId: string) => ok(await as(coordinator)("listTandems", { query: { scope: "all" } })).items.filter((t) => t.cycleId === cycleId);

describe("the demo's cycle open for matching", () => {
  it("shows every rule: a pair inside a reporting chain ruled out, a circle where requests outnumber mentors, people unmatched for a stated reason", async () => {
    const cycle = org.cycles.find((c) => c.name.startsWith("Cycle 3"))!;
    const enrolledFree = org.people.filter((p) => p.profile?.programRoles.length && !org.tandems.some((t) => [t.mentorId, ...t.menteeIds].includes(p.id)));
    expect(enrolledFree.length).toBeGreaterThanOrEqual(20);
    const result = await run(cycle.id);
    const named = (n: string) => org.people.find((p) => p.displayName === n)!.id;

    const circle = result.proposals.find((p) => p.kind === "circle" && p.mentorId === named("Nina Lopez"))!;
    expect(circle).toMatchObject({ skillId: "ai-meeting-recap" });
    expect(circle.menteeIds.length).toBeGreaterThanOrEqual(2);

    const why = ok(await as(coordinator)("whyNotPair", { params: { runId: result.id }, query: { mentorId: named("Sacha Morel"), menteeId: named("Laurence Bonnet") } }));
    expect(why.answer).toMatchObject({ status: "ruled_out", rules: expect.arrayContaining(["reporting_chain"]) });

    expect(result.unmatched.find((u) => u.personId === named("Karim Belkacem"))).toMatchObject({
      role: "mentee",
      reasons: [{ code: "no_mentor_offers_skill", skillId: "online-reviews", words: { en: "Managing online reviews: no mentor teaches it this cycle." } }],
    });
    expect(result.unmatched.find((u) => u.personId === named("Emily Carter"))).toMatchObject({ reasons: [{ code: "no_common_language" }] });
    expect(result.unmatched.find((u) => u.personId === named("Denis Fabre"))).toMatchObject({ reasons: [{ code: "mentors_full", skillId: "ai-meeting-recap" }] });
    // The cycle has its own enrolment: only its newcomers enrolled. The others are counted, not listed, and a pair
    // with one of them is ruled out as not enrolled.
    const enrolled = new Set(cycle.enrolled);
    expect(enrolled.size).toBe(enrolledFree.length);
    expect(result.notEnrolled).toBe(org.people.filter((p) => p.profile?.programRoles.length && !enrolled.has(p.id)).length);
    expect(result.unmatched.some((u) => !enrolled.has(u.personId))).toBe(false);
    const outsider = ok(await as(coordinator)("whyNotPair", { params: { runId: result.id }, query: { mentorId: named("Nina Lopez"), menteeId: cast.mentee } }));
    expect(outsider.answer).toMatchObject({ status: "ruled_out", rules: expect.arrayContaining(["not_enrolled"]) });
    expect(result.people.find((p) => p.id === circle.mentorId)).toMatchObject({ displayName: "Nina Lopez", department: "Digital & IT" });
  });
});

describe("matching runs: only coordinators", () => {
  it("refuses a participant and a manager (403, problem+json) to run, read, ask why not, publish and read demand", async () => {
    const cycle = await openCycle();
    const done = await run(cycle.id);
    for (const who of [cast.mentee, cast.mentor, managerMentee, cast.manager]) {
      const calls = [
        await as(who)("startMatchingRun", { body: { cycleId: cycle.id } }),
        await as(who)("listMatchingRuns", { query: { cycleId: cycle.id } }),
        await as(who)("getMatchingRun", { params: { runId: done.id } }),
        await as(who)("whyNotPair", { params: { runId: done.id }, query: { mentorId: cast.mentor, menteeId: cast.mentee } }),
        await as(who)("publishMatchingRun", { params: { runId: done.id }, idempotencyKey: randomUUID() }),
        await as(who)("programDemand", { query: { cycleId: cycle.id } }),
      ];
      for (const r of calls) {
        expect(r.status, `${who}: ${JSON.stringify(r.problem)}`).toBe(403);
        expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      }
    }
    expect(ok(await as(coordinator)("listMatchingRuns", { query: { cycleId: cycle.id } })).items.map((r) => r.id)).toEqual([done.id]);
  });
});

describe("a run's result", () => {
  let cycleId: string;
  let result: MatchingRunView;
  beforeAll(async () => {
    cycleId = (await openCycle()).id;
    result = await run(cycleId);
  });

  it("proposes tandems and circles with their score and parts in words, and never breaks a hard rule", async () => {
    expect(result.progress).toBe(1);
    expect(result.proposals.length).toBeGreaterThan(0);
    expect(result.summary!.matched).toBe(result.proposals.reduce((n, p) => n + p.menteeIds.length, 0));
    const load = new Map<string, number>();
    for (const p of result.proposals) {
      const mentor = byId(p.mentorId);
      load.set(p.mentorId, (load.get(p.mentorId) ?? 0) + p.menteeIds.length);
      for (const pair of p.pairs) {
        const mentee = byId(pair.menteeId);
        expect(inChain(mentor.id, mentee.id), `${mentor.displayName} and ${mentee.displayName}`).toBe(false);
        expect(mentor.department).not.toBe(mentee.department);
        expect(mentor.profile!.languages.some((l) => mentee.profile!.languages.includes(l))).toBe(true);
        expect(mentee.profile!.paused).toBe(false);
        expect(pair.breakdown.map((b) => b.part)).toEqual(["skill", "urgency", "crossDepartment", "language", "overlap"]);
        expect(pair.score).toBeCloseTo(pair.breakdown.reduce((s, b) => s + b.points, 0), 5);
        for (const b of pair.breakdown) expect(b.words.fr.length * b.words.en.length).toBeGreaterThan(0);
      }
      expect(result.people.map((x) => x.id)).toContain(p.mentorId);
    }
    // Places: the profile's capacity and the cycle's maximum, less the tandems already open in other cycles.
    for (const [mentorId, n] of load) {
      const open = org.tandems.filter((t) => t.mentorId === mentorId && ["proposed", "accepted", "active", "paused"].includes(t.status)).reduce((s, t) => s + t.menteeIds.length, 0);
      expect(n + open).toBeLessThanOrEqual(Math.min(byId(mentorId).profile!.capacity, 3));
    }
  });

  it("says why each person is left without a proposal, in French and English", async () => {
    const paused = org.people.find((p) => p.profile?.paused && p.profile.programRoles.includes("mentee"))!;
    expect(result.unmatched.find((u) => u.personId === paused.id)).toMatchObject({ role: "mentee", reasons: [{ code: "paused", words: { en: "Paused." } }] });
    for (const u of result.unmatched) {
      expect(u.reasons.length).toBeGreaterThan(0);
      for (const r of u.reasons) expect(r.words.fr && r.words.en).toBeTruthy();
    }
  });

  it("answers why a pair inside a reporting chain was not made, and why a proposed one was", async () => {
    const mentor = org.people.find((p) => p.profile?.programRoles.includes("mentor") && !p.profile.paused && chainOf(p.id).some((m) => byId(m).profile?.programRoles.includes("mentee")))!;
    const boss = chainOf(mentor.id).find((m) => byId(m).profile?.programRoles.includes("mentee"))!;
    const r = ok(await as(coordinator)("whyNotPair", { params: { runId: result.id }, query: { mentorId: mentor.id, menteeId: boss } }));
    expect(r.answer.status).toBe("ruled_out");
    if (r.answer.status === "ruled_out") expect(r.answer.rules).toContain("reporting_chain");
    expect(r.words.en).toContain("reporting chain");
    expect(r.words.fr).toContain("ligne hiérarchique");

    const proposed = result.proposals[0]!;
    const p = ok(await as(coordinator)("whyNotPair", { params: { runId: result.id }, query: { mentorId: proposed.mentorId, menteeId: proposed.menteeIds[0]! } }));
    expect(p.answer).toMatchObject({ status: "proposed", kind: proposed.kind });
  });

  it("keeps a pin and never brings back a removed pair", async () => {
    const first = result.proposals.find((p) => p.kind === "tandem")!;
    const again = await run(cycleId, { removals: [{ mentorId: first.mentorId, menteeId: first.menteeIds[0]! }] });
    expect(again.proposals.some((p) => p.mentorId === first.mentorId && p.menteeIds.includes(first.menteeIds[0]!))).toBe(false);
    expect(again.removals).toEqual([{ mentorId: first.mentorId, menteeId: first.menteeIds[0]! }]);
    const why = ok(await as(coordinator)("whyNotPair", { params: { runId: again.id }, query: { mentorId: first.mentorId, menteeId: first.menteeIds[0]! } }));
    expect(why.answer).toMatchObject({ status: "ruled_out", rules: ["removed"] });

    const pinned = await run(cycleId, { pins: [{ mentorId: first.mentorId, menteeId: first.menteeIds[0]! }] });
    const kept = pinned.proposals.flatMap((p) => p.pairs.map((x) => ({ ...x, mentorId: p.mentorId }))).find((x) => x.menteeId === first.menteeIds[0]);
    expect(kept).toMatchObject({ mentorId: first.mentorId, pinned: true });
  });
});

describe("publishing a run", () => {
  it("shows participants their proposals only once published, with why; publishes once per Idempotency-Key", async () => {
    const cycle = await openCycle();
    const result = await run(cycle.id);
    const proposal = result.proposals.find((p) => p.kind === "tandem")!;
    const mentee = proposal.menteeIds[0]!;
    const mine = async () => ok(await as(mentee)("listTandems")).items.filter((t) => t.cycleId === cycle.id);
    expect(await mine()).toEqual([]);

    const key = randomUUID();
    const published = await publish(result.id, key);
    expect(published.tandemIds).toHaveLength(result.proposals.length);
    expect(published.written).toBe(result.proposals.length);
    expect(published.tandems + published.circles).toBe(result.proposals.length);

    const seen = await mine();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ status: "proposed", mentorId: proposal.mentorId, menteeIds: [mentee], allowedActions: ["accept", "decline"] });
    expect(seen[0]!.why).toHaveLength(1);
    expect(seen[0]!.why![0]).toMatchObject({ menteeId: mentee, score: proposal.score });
    expect(seen[0]!.why![0]!.breakdown[0]!.words.en).toMatch(/^Teaches /);

    // A circle's mentee sees their own pair only; its mentor sees each one.
    const circle = result.proposals.find((p) => p.kind === "circle");
    if (circle) {
      const asMentee = ok(await as(circle.menteeIds[0]!)("listTandems")).items.find((t) => t.cycleId === cycle.id)!;
      expect(asMentee.why!.map((w) => w.menteeId)).toEqual([circle.menteeIds[0]]);
      const asMentor = ok(await as(circle.mentorId)("listTandems")).items.find((t) => t.cycleId === cycle.id && t.kind === "circle")!;
      expect(asMentor.why!.map((w) => w.menteeId).sort()).toEqual([...circle.menteeIds].sort());
    }

    const before = await tandemsOfCycle(cycle.id);
    expect(before).toHaveLength(result.proposals.length);
    const retry = ok(await as(coordinator)("publishMatchingRun", { params: { runId: result.id }, idempotencyKey: key }));
    expect(retry).toEqual(published);
    expect(await tandemsOfCycle(cycle.id)).toHaveLength(before.length);

    const other = await as(coordinator)("publishMatchingRun", { params: { runId: result.id }, idempotencyKey: randomUUID() });
    expect(other.status).toBe(409);
    expect(other.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await tandemsOfCycle(cycle.id)).toHaveLength(before.length);
    expect(ok(await as(coordinator)("getMatchingRun", { params: { runId: result.id } })).publication).toMatchObject({ tandemIds: published.tandemIds });
    await giveBack(cycle.id);
  });

  it("publishes the same set of tandems when the same key is sent twice at once", async () => {
    const cycle = await openCycle();
    const result = await run(cycle.id);
    const key = randomUUID();
    const answers = await Promise.all([0, 1].map(() => as(coordinator)("publishMatchingRun", { params: { runId: result.id }, idempotencyKey: key })));
    const published = answers.filter((a) => a.ok);
    expect(published.length).toBeGreaterThanOrEqual(1);
    for (const a of answers) if (!a.ok) expect(a.status).toBe(409);
    await untilPublished(as(coordinator), result.id);
    const tandems = await tandemsOfCycle(cycle.id);
    expect(tandems.map((t) => t.id).sort()).toEqual([...published[0]!.data!.tandemIds].sort());
    // The one that lost the race, retried, answers the publication.
    expect(ok(await as(coordinator)("publishMatchingRun", { params: { runId: result.id }, idempotencyKey: key })).tandemIds).toEqual(published[0]!.data!.tandemIds);
    await giveBack(cycle.id);
  });

  it("finishes a publication cut short after its first tandem, when retried with its key: every tandem once", async () => {
    const cycle = await openCycle({ allowCircles: false });
    const result = await run(cycle.id);
    expect(result.proposals.length).toBeGreaterThanOrEqual(2);
    // The state a process leaves when it dies mid-publication: the key claimed and committed, the mentors' places
    // taken, one tandem written of all. Written with the api's own storage, as the publication would have.
    const { repos } = api.running.app;
    const tenant = org.tenantId;
    const key = randomUUID();
    const ids = result.proposals.map((p) => tandemIdOf(result.id, p));
    const stored = (await repos.runs.get(tenant, result.id))!;
    await repos.runs.put(tenant, { ...stored.value, publication: { key, startedAt: new Date().toISOString(), publishedAt: null, by: coordinator, tandemIds: ids, committed: true, written: 0, error: null } }, stored.etag);
    const first = result.proposals[0]!;
    const now = new Date().toISOString();
    await repos.tandems.create(tenant, { id: ids[0]!, kind: first.kind, cycleId: cycle.id, mentorId: first.mentorId, menteeIds: first.menteeIds, status: "proposed", acceptedBy: [], history: [{ at: now, by: coordinator, action: "propose" }], createdAt: now, updatedAt: now });
    expect(ok(await as(coordinator)("getMatchingRun", { params: { runId: result.id } })).publication).toMatchObject({ publishedAt: null });

    const other = await as(coordinator)("publishMatchingRun", { params: { runId: result.id }, idempotencyKey: randomUUID() });
    expect(other.status).toBe(409);
    const done = await publish(result.id, key);
    expect(done.tandemIds).toEqual(ids);
    expect((await tandemsOfCycle(cycle.id)).map((t) => t.id).sort()).toEqual([...ids].sort());
    await giveBack(cycle.id);
  });

  it("refuses a run whose inputs changed since it ran (409 saying what), and writes nothing", async () => {
    const cycle = await openCycle();
    const result = await run(cycle.id);
    const mentee = result.proposals[0]!.menteeIds[0]!;
    const me = ok(await as(mentee)("getMe"));
    const { id: _i, displayName: _d, trainingCompleted: _t, createdAt: _c, updatedAt: _u, etag, ...input } = me.profile!;
    ok(await as(mentee)("putMyProfile", { body: { ...input, requests: input.requests.map((r) => ({ ...r, urgency: r.urgency === "high" ? ("low" as const) : ("high" as const) })) }, ifMatch: etag }));

    const r = await as(coordinator)("publishMatchingRun", { params: { runId: result.id }, idempotencyKey: randomUUID() });
    expect(r.status).toBe(409);
    expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(r.problem!.changes).toEqual([expect.objectContaining({ what: "people", ids: [mentee] })]);
    expect(r.problem!.changes![0]!.words.fr).toContain("1 personne a changé");
    expect(await tandemsOfCycle(cycle.id)).toEqual([]);
    // A new run of the same cycle publishes.
    const fresh = await run(cycle.id);
    await publish(fresh.id);
    expect(await tandemsOfCycle(cycle.id)).toHaveLength(fresh.proposals.length);
    await giveBack(cycle.id);
  });

  it("re-matches after declines: the accepted stay, the declined pair is not proposed again, places are counted", async () => {
    const cycle = await openCycle({ allowCircles: false });
    const result = await run(cycle.id);
    await publish(result.id);
    const tandems = await tandemsOfCycle(cycle.id);
    const [kept, declined] = tandems;
    for (const who of [kept!.mentorId, kept!.menteeIds[0]!]) ok(await as(who)("transitionTandem", { params: { id: kept!.id }, body: { action: "accept" } }));
    ok(await as(declined!.menteeIds[0]!)("transitionTandem", { params: { id: declined!.id }, body: { action: "decline", reason: "Pas le bon moment." } }));

    const again = await run(cycle.id);
    const pairs = again.proposals.flatMap((p) => p.menteeIds.map((m) => `${p.mentorId} ${m}`));
    expect(pairs).not.toContain(`${declined!.mentorId} ${declined!.menteeIds[0]}`);
    // Everyone still proposed or accepted in the cycle is left as they are, and not proposed again.
    const open = tandems.filter((t) => t.id !== declined!.id);
    for (const t of open) expect(again.proposals.some((p) => p.menteeIds.includes(t.menteeIds[0]!))).toBe(false);
    expect(again.unmatched.find((u) => u.personId === kept!.menteeIds[0])).toMatchObject({ reasons: [{ code: "already_matched" }] });
    const published = await publish(again.id);
    const after = await tandemsOfCycle(cycle.id);
    expect(after.find((t) => t.id === kept!.id)).toMatchObject({ status: "accepted" });
    expect(after).toHaveLength(tandems.length + published.tandemIds.length);
  });
});

describe("demand and supply", () => {
  it("gives coordinators, per skill, the open requests by urgency, the mentors offering it, their free places and the gap", async () => {
    const cycle = await openCycle();
    const d = ok(await as(coordinator)("programDemand", { query: { cycleId: cycle.id } }));
    const skill = "copilot-in-m365";
    const askers = org.people.filter((p) => p.profile && !p.profile.paused && p.profile.programRoles.includes("mentee") && p.profile.requests.some((r) => r.skillId === skill));
    const row = d.skills.find((s) => s.skillId === skill)!;
    expect(row.requests.count).toBe(askers.length);
    expect(row.requests.urgency.low + row.requests.urgency.medium + row.requests.urgency.high).toBe(askers.length);
    expect(row.mentors).toBe(org.people.filter((p: DemoPerson) => p.profile && !p.profile.paused && p.profile.programRoles.includes("mentor") && p.profile.offers.some((o) => o.skillId === skill)).length);
    expect(row.gap).toBe(row.requests.count - row.freeCapacity);
    expect(row.label).toMatchObject({ en: expect.any(String), fr: expect.any(String) });
    expect((await as(coordinator)("programDemand", { query: { cycleId: randomUUID() } })).status).toBe(404);
  });
});
