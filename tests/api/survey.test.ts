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
});
