import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { castOf, ok, startTestApi, type Cast, type TestApi } from "../support/test-api";

/**
 * The closing survey of a completed tandem (issue 14, point 7), over HTTP against the real api and Azurite: each member
 * answers once, reads their own answer back, nobody else reads it; an open tandem has no survey yet.
 */
let api: TestApi;
let done: Cast;
let open: Cast;

beforeAll(async () => {
  api = await startTestApi();
  done = castOf(api.org, (t) => t.status === "completed" && t.kind === "tandem");
  open = castOf(api.org);
});
afterAll(() => api?.close());

describe("the closing survey", () => {
  it("takes each member's answer once, and gives it back to them alone", async () => {
    const params = { id: done.tandem.id };
    expect(ok(await api.as(done.mentee)("getMyClosingSurvey", { params }))).toEqual({ answer: null });

    const answer = { helped: true, again: false, learned: "Copilot résume mes réunions ; je gagne une heure par semaine." };
    const saved = ok(await api.as(done.mentee)("answerClosingSurvey", { params, body: answer }));
    expect(saved).toMatchObject({ ...answer, tandemId: done.tandem.id, personId: done.mentee });
    expect(ok(await api.as(done.mentee)("getMyClosingSurvey", { params })).answer).toEqual(saved);

    // Once: a second answer is refused and the first one kept.
    const again = await api.as(done.mentee)("answerClosingSurvey", { params, body: { helped: false, again: true } });
    expect(again.status).toBe(409);
    expect(again.problem?.code).toBe("conflict");
    expect(ok(await api.as(done.mentee)("getMyClosingSurvey", { params })).answer).toEqual(saved);

    // The mentor answers their own; neither reads the other's.
    expect(ok(await api.as(done.mentor)("getMyClosingSurvey", { params }))).toEqual({ answer: null });
    ok(await api.as(done.mentor)("answerClosingSurvey", { params, body: { helped: true, again: true } }));
    expect(ok(await api.as(done.mentor)("getMyClosingSurvey", { params })).answer).toMatchObject({ personId: done.mentor, learned: "" });

    // Nobody outside the tandem reaches it, the coordinator included: no route gives what someone learned.
    for (const who of [done.outsider, done.manager, done.coordinator]) {
      expect((await api.as(who)("getMyClosingSurvey", { params })).status).not.toBe(200);
      expect((await api.as(who)("answerClosingSurvey", { params, body: answer })).status).not.toBe(201);
    }
  });

  it("opens only once the tandem is completed", async () => {
    const r = await api.as(open.mentee)("answerClosingSurvey", { params: { id: open.tandem.id }, body: { helped: true, again: true } });
    expect(r.status).toBe(409);
    expect(r.problem?.code).toBe("illegal_transition");
  });

  it("counts the answers in the program report (how many, helped, again), hidden below the minimum group size", async () => {
    const report = async () => ok(await api.as(done.coordinator)("programReport", { query: { period: 90 } })).surveys;
    const before = await report();
    // Members of the demo's completed tandems, not the first test's: each answers once.
    const members = api.org.tandems
      .filter((t) => t.status === "completed" && t.id !== done.tandem.id)
      .flatMap((t) => [t.mentorId, ...t.menteeIds].map((person) => ({ tandem: t.id, person })));
    const expected = { ...before, helped: 0, again: 0 };
    let i = 0;
    for (; before.answered + i < 4; i++) {
      const m = members[i]!;
      ok(await api.as(m.person)("answerClosingSurvey", { params: { id: m.tandem }, body: { helped: i % 2 === 0, again: true, learned: "secret" } }));
    }
    // Four answers: how many answered is known, not what they said.
    expect(await report()).toEqual({ answered: 4, helped: null, again: null, hidden: "fewer_than_minimum" });
    for (; i < 10; i++) {
      const m = members[i]!;
      ok(await api.as(m.person)("answerClosingSurvey", { params: { id: m.tandem }, body: { helped: i % 2 === 0, again: i < 7, learned: "secret" } }));
    }
    const answers = members.slice(0, i);
    expected.answered = before.answered + i;
    const after = await report();
    expect(after.answered).toBe(expected.answered);
    expect(after.hidden).toBeNull();
    // The first test's answers (if it ran first) are in the counts too: helped and again as they answered.
    const earlier = before.answered === 2 ? { helped: 2, again: 1 } : { helped: 0, again: 0 };
    expect(after.helped).toBe(earlier.helped + answers.filter((_, k) => k % 2 === 0).length);
    expect(after.again).toBe(earlier.again + answers.filter((_, k) => k < 7).length);
    expect(JSON.stringify(await api.as(done.coordinator)("programReport", { query: { period: 90 } }))).not.toContain("secret");
  });
});
