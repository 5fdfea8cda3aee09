import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer, RouteId } from "@tandem/core/client";
import { castOf, laterCycle, ok, startTestApi, type Cast, type TestApi } from "../support/test-api";

/**
 * Creates without a booking's machinery (a goal, a note, a journal entry, a cycle) take an optional Idempotency-Key:
 * sent again with the same key, as a client does after a storage timeout that may or may not have saved it, the
 * create is answered again instead of made twice; the same key for another create is 409. Without a key, as before.
 */

let api: TestApi;
let cast: Cast;

beforeAll(async () => {
  api = await startTestApi();
  cast = castOf(api.org);
});
afterAll(() => api?.close());

interface Kind {
  name: string;
  create(key: string | null, variant?: string): Promise<Answer<RouteId>>;
  count(): Promise<number>;
}

const heldSession = () => cast.tandem.sessions.find((s) => s.status === "held" && s.daysFromNow < 0)!;
const kinds = (): Kind[] => [
  {
    name: "a goal",
    create: (key, variant = "Publier le tableau de bord") =>
      api.as(cast.mentee)("createGoal", {
        params: { id: cast.tandem.id },
        body: { menteeId: cast.mentee, title: variant, skillId: api.org.skills.find((s) => !s.retired)!.id, successCriterion: "En ligne.", targetDate: "2099-01-31" },
        ...(key ? { idempotencyKey: key } : {}),
      }),
    count: async () => ok(await api.as(cast.mentee)("listGoals", { params: { id: cast.tandem.id } })).items.length,
  },
  {
    name: "a note",
    create: (key, variant = "Revoir les filtres") =>
      api.as(cast.mentee)("createNote", {
        params: { id: cast.tandem.id, sessionId: heldSession().id },
        body: { body: variant, visibility: "private" },
        ...(key ? { idempotencyKey: key } : {}),
      }),
    count: async () => ok(await api.as(cast.mentee)("listNotes", { params: { id: cast.tandem.id, sessionId: heldSession().id } })).items.length,
  },
  {
    name: "a journal entry",
    create: (key, variant = "Les raccourcis clavier") =>
      api.as(cast.mentee)("createJournalEntry", { body: { prompt: "free", body: variant }, ...(key ? { idempotencyKey: key } : {}) }),
    count: async () => ok(await api.as(cast.mentee)("listJournal", {})).items.length,
  },
  {
    name: "a cycle",
    create: (key, variant = "Cycle rejoué") =>
      api.as(cast.coordinator)("createCycle", {
        body: {
          name: variant,
          ...cycleDates,
          cadence: { everyWeeks: 2, sessionMinutes: 45 },
          matching: { maxMenteesPerMentor: 2, allowSameDepartment: false, requireCommonLanguage: true },
        },
        ...(key ? { idempotencyKey: key } : {}),
      }),
    count: async () => ok(await api.as(cast.coordinator)("listCycles", {})).items.length,
  },
];
const cycleDates = laterCycle();

describe("an optional Idempotency-Key on creates", () => {
  it.each(kinds().map((k) => [k.name, k] as const))("%s sent again with its key is answered again, not made twice", async (_, kind) => {
    const key = randomUUID();
    const before = await kind.count();
    const first = await kind.create(key);
    expect(first.status, JSON.stringify(first.problem)).toBe(201);
    const again = await kind.create(key);
    expect(again.status, JSON.stringify(again.problem)).toBe(201);
    expect((again.data as { id: string }).id).toBe((first.data as { id: string }).id);
    expect(await kind.count()).toBe(before + 1);

    // The same key for something else: refused, nothing written.
    const other = await kind.create(key, "Autre chose");
    expect(other.status).toBe(409);
    expect(other.problem?.detail).toMatch(/Idempotency-Key/);
    expect(await kind.count()).toBe(before + 1);
  });

  it.each(kinds().map((k) => [k.name, k] as const))("%s without a key is created each time, as before", async (_, kind) => {
    const before = await kind.count();
    expect((await kind.create(null)).status).toBe(201);
    expect((await kind.create(null)).status).toBe(201);
    expect(await kind.count()).toBe(before + 2);
  });

  it("refuses a key that is not one (400 naming the header)", async () => {
    const r = await api.call("POST", "/me/journal", {
      token: await api.token(cast.mentee),
      body: { prompt: "free", body: "x" },
      headers: { "idempotency-key": "short" },
    });
    expect(r.status).toBe(400);
    expect(r.json.errors).toEqual([{ header: "Idempotency-Key", detail: "not a valid key" }]);
  });
});
