import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api as contracts } from "@tandem/core";
import type { CallInput, RouteId } from "@tandem/core/client";
import { castOf, ok, startTestApi, type Cast, type TestApi } from "../support/test-api";

/**
 * An If-Match that Tandem did not issue is a stale version (412), and a value that is not an ETag at all is a bad
 * request (400): never a storage outage (503), which clients retry forever. One rule, on every route that takes
 * If-Match: the list comes from the contracts, so a new route fails here until it has a fixture.
 */

let api: TestApi;
let cast: Cast;
/** A held session of the cast's tandem, in the past: check-ins and notes are possible on it. */
let held: string;
/** A session of the cast's tandem still to come. */
let upcoming: string;
let journalEntryId: string;
let noteId: string;
/** A real ETag, as Tandem issues them (weak). */
let realEtag: string;

beforeAll(async () => {
  api = await startTestApi();
  cast = castOf(api.org, (t) => t.status === "active" && t.kind === "tandem" && t.sessions.some((s) => s.daysFromNow > 1 && s.status === "scheduled"));
  held = cast.tandem.sessions.find((s) => s.status === "held" && s.daysFromNow < 0)!.id;
  upcoming = cast.tandem.sessions.find((s) => s.status === "scheduled" && s.daysFromNow > 1)!.id;
  journalEntryId = ok(await api.as(cast.mentee)("createJournalEntry", { body: { prompt: "learn-from-young", body: "Ask about Copilot" } })).id;
  noteId = ok(
    await api.as(cast.mentee)("createNote", { params: { id: cast.tandem.id, sessionId: held }, body: { body: "A note", visibility: "private" } }),
  ).id;
  realEtag = (await api.as(cast.mentee)("getTandem", { params: { id: cast.tandem.id } })).etag!;
  expect(realEtag).toMatch(/^W\/"/);
});
afterAll(() => api?.close());

const inDays = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};

interface Fixture {
  who: () => string;
  input: () => Promise<CallInput<RouteId>>;
  /** What a client reads back to see that nothing was written. */
  snapshot: () => Promise<unknown>;
}

const tandem = () => ({ id: cast.tandem.id });
const goal = () => cast.tandem.goals.find((g) => g.menteeId === cast.mentee)!.id;
const goals = async () => ok(await api.as(cast.mentee)("listGoals", { params: tandem() }));
const sessions = async () => ok(await api.as(cast.mentee)("listSessions", { params: tandem() }));
const notes = async () => ok(await api.as(cast.mentee)("listNotes", { params: { ...tandem(), sessionId: held } }));
const me = async () => ok(await api.as(cast.mentee)("getMe"));
const journal = async () => ok(await api.as(cast.mentee)("listJournal"));

const fixtures: Partial<Record<RouteId, Fixture>> = {
  putMyProfile: {
    who: () => cast.mentee,
    input: async () => {
      const p = (await me()).profile!;
      const { programRoles, offers, requests, languages, timeZone, capacity, paused } = p;
      return { body: { programRoles, offers, requests, languages, timeZone, capacity, paused: !paused } };
    },
    snapshot: me,
  },
  updateJournalEntry: {
    who: () => cast.mentee,
    input: async () => ({ params: { entryId: journalEntryId }, body: { body: "Changed" } }),
    snapshot: journal,
  },
  deleteJournalEntry: {
    who: () => cast.mentee,
    input: async () => ({ params: { entryId: journalEntryId } }),
    snapshot: journal,
  },
  replaceCycle: {
    who: () => cast.coordinator,
    input: async () => {
      const { id, etag: _, ...cycle } = ok(await api.as(cast.coordinator)("listCycles")).items[0]!;
      return { params: { cycleId: id }, body: { ...cycle, name: `${cycle.name} (renamed)` } };
    },
    snapshot: async () => ok(await api.as(cast.coordinator)("listCycles")),
  },
  replaceSkill: {
    who: () => cast.coordinator,
    input: async () => {
      const { id, ...skill } = api.org.skills[0]!;
      return { params: { skillId: id }, body: { ...skill, label: { ...skill.label, en: "Relabelled" } } };
    },
    snapshot: async () => ok(await api.as(cast.coordinator)("listSkills")),
  },
  transitionTandem: {
    who: () => cast.mentee,
    input: async () => ({ params: tandem(), body: { action: "pause" } }),
    snapshot: async () => ok(await api.as(cast.mentee)("getTandem", { params: tandem() })),
  },
  updateGoal: {
    who: () => cast.mentee,
    input: async () => ({ params: { ...tandem(), goalId: goal() }, body: { progress: 77 } }),
    snapshot: goals,
  },
  deleteGoal: {
    who: () => cast.mentee,
    input: async () => ({ params: { ...tandem(), goalId: goal() } }),
    snapshot: goals,
  },
  setSessionStatus: {
    who: () => cast.mentee,
    input: async () => ({ params: { ...tandem(), sessionId: upcoming }, body: { status: "cancelled" } }),
    snapshot: sessions,
  },
  putMyCheckIn: {
    who: () => cast.mentee,
    input: async () => ({ params: { ...tandem(), sessionId: held }, body: { learned: "Slicers", willTry: "Filters", rating: 4 } }),
    snapshot: async () => ok(await api.as(cast.mentee)("listCheckIns", { params: { ...tandem(), sessionId: held } })),
  },
  updateNote: {
    who: () => cast.mentee,
    input: async () => ({ params: { ...tandem(), sessionId: held, noteId }, body: { body: "Changed" } }),
    snapshot: notes,
  },
  deleteNote: {
    who: () => cast.mentee,
    input: async () => ({ params: { ...tandem(), sessionId: held, noteId } }),
    snapshot: notes,
  },
  rescheduleSession: {
    who: () => cast.mentee,
    input: async () => ({ params: { ...tandem(), sessionId: upcoming }, body: { start: inDays(20, 14), end: inDays(20, 15) } }),
    snapshot: sessions,
  },
};

const withIfMatch = Object.values(contracts)
  .filter((e) => e.ifMatch)
  .map((e) => ({ id: e.id as RouteId, name: `${e.method} ${e.path}` }));

describe("a bad If-Match, on every route that takes one", () => {
  it("covers every route whose contract takes If-Match", () => {
    expect(withIfMatch.length).toBeGreaterThanOrEqual(12);
    expect(withIfMatch.filter((r) => !fixtures[r.id]).map((r) => r.id)).toEqual([]);
  });

  describe.each(withIfMatch)("$name", ({ id }) => {
    async function refused(ifMatch: string, status: number, code: string) {
      const f = fixtures[id]!;
      const before = await f.snapshot();
      const answer = await api.as(f.who())(id, { ...(await f.input()), ifMatch });
      expect(answer.status, JSON.stringify(answer.problem)).toBe(status);
      expect(answer.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(answer.headers.get("retry-after")).toBeNull();
      expect(answer.problem).toMatchObject({ status, code });
      expect(await f.snapshot()).toEqual(before);
      return answer.problem!;
    }

    it('an ETag Tandem never issued ("a") is 412, and nothing is written', async () => {
      await refused('"a"', 412, "precondition_failed");
    });

    it("a real ETag without its W/ is 412, and nothing is written", async () => {
      await refused(realEtag.slice(2), 412, "precondition_failed");
    });

    it("a value that is not an ETag is 400 naming the header, and nothing is written", async () => {
      const problem = await refused("a", 400, "validation");
      expect(problem.errors).toContainEqual(expect.objectContaining({ header: "If-Match" }));
    });
  });
});
