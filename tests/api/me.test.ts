import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trainingModules, type DemoPerson, type TrainingModuleId } from "@tandem/core";
import type { ApiCall, CallInput } from "@tandem/core/client";
import { castOf, ok, pointersOf, startTestApi, type Cast, type TestApi, type Who } from "../support/test-api";

/**
 * What a person does for themselves under /me: mentor training, and the "take stock" journal that nobody but
 * its author ever reads, whoever asks.
 */

let api: TestApi;
let cast: Cast;

beforeAll(async () => {
  api = await startTestApi();
  cast = castOf(api.org);
});
afterAll(() => api?.close());

/** The typed client as this person; nothing here may ever answer a 5xx. */
const as = (who: Who): ApiCall => {
  const call = api.as(who);
  return async (id, input) => {
    const r = await call(id, input);
    expect(r.status, `${id}: ${JSON.stringify(r.problem)}`).toBeLessThan(500);
    return r;
  };
};

const person = (predicate: (p: DemoPerson) => boolean, what: string) => {
  const found = api.org.people.find((p) => !p.coordinator && predicate(p));
  if (!found) throw new Error(`the demo organisation has no ${what}`);
  return found;
};
const profileOf = async (who: string) => ok(await as(who)("getMe")).profile;
const train = (who: string, moduleId: string) => as(who)("completeTrainingModule", { params: { moduleId: moduleId as TrainingModuleId } });

describe("mentor training: PUT /me/training/{moduleId}", () => {
  /** A mentor with modules left to do. */
  let mentor: DemoPerson;
  let todo: string;

  beforeAll(() => {
    mentor = person(
      (p) => !!p.profile?.programRoles.includes("mentor") && p.profile.trainingCompleted.length < trainingModules.length - 1,
      "mentor with at least two modules left",
    );
    todo = trainingModules.find((m) => !mentor.profile!.trainingCompleted.includes(m))!;
  });

  it("adds the module to the mentor's profile, which /me then lists", async () => {
    const before = (await profileOf(mentor.id))!;
    expect(before.trainingCompleted).not.toContain(todo);

    const r = await train(mentor.id, todo);
    expect(r.status).toBe(200);
    expect(ok(r).trainingCompleted).toContain(todo);
    expect(r.etag ?? "").not.toBe("");
    expect(ok(r).etag).toBe(r.etag);
    // The rest of the profile is untouched.
    expect(ok(r)).toMatchObject({ offers: before.offers, requests: before.requests, capacity: before.capacity });

    expect((await profileOf(mentor.id))!.trainingCompleted).toEqual([...before.trainingCompleted, todo]);
  });

  it("is idempotent: a module done twice is listed once, and nothing is written the second time", async () => {
    const module = trainingModules.find((m) => !mentor.profile!.trainingCompleted.includes(m) && m !== todo)!;
    const first = await train(mentor.id, module);
    expect(first.status).toBe(200);
    const second = await train(mentor.id, module);
    expect(second.status).toBe(200);
    expect(ok(second).trainingCompleted.filter((m) => m === module)).toHaveLength(1);
    expect(second.etag).toBe(first.etag);
    expect((await profileOf(mentor.id))!.trainingCompleted.filter((m) => m === module)).toHaveLength(1);
  });

  it("changes the profile's ETag, so a profile save based on the older version gets 412 and the module stays done", async () => {
    const { id: _id, displayName: _n, trainingCompleted, createdAt: _c, updatedAt: _u, etag, ...input } = (await profileOf(mentor.id))!;
    const module = trainingModules.find((m) => !trainingCompleted.includes(m));
    expect(module, "a module left to do").toBeDefined();
    const done = await train(mentor.id, module!);
    expect(done.status).toBe(200);
    expect(done.etag).not.toBe(etag);

    const stale = await as(mentor.id)("putMyProfile", { body: { ...input, capacity: 1 }, ifMatch: etag });
    expect(stale.status).toBe(412);
    const fresh = await as(mentor.id)("putMyProfile", { body: { ...input, capacity: 1 }, ifMatch: done.etag! });
    expect(fresh.status).toBe(200);
    expect(ok(fresh).trainingCompleted).toContain(module);
  });

  it("refuses a mentee who does not mentor (403), and their profile keeps no module", async () => {
    const mentee = person((p) => p.profile?.programRoles.join() === "mentee", "mentee who does not mentor");
    const r = await train(mentee.id, "listening");
    expect(r.status).toBe(403);
    expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect((await profileOf(mentee.id))!.trainingCompleted).not.toContain("listening");
  });

  it("asks someone without a profile to join the program first (404), and creates no profile", async () => {
    const newcomer = person((p) => !p.profile, "person without a profile");
    const r = await train(newcomer.id, "privacy");
    expect(r.status).toBe(404);
    expect(r.problem?.detail).toBe("Join the program first: save your profile.");
    expect(await profileOf(newcomer.id)).toBeNull();
  });

  it("refuses a module that does not exist (400, naming the parameter)", async () => {
    const r = await train(mentor.id, "excel-macros");
    expect(r.status).toBe(400);
    expect(pointersOf(r)).toContain("moduleId");
    expect((await profileOf(mentor.id))!.trainingCompleted).not.toContain("excel-macros");
  });

  it("needs a signed-in caller (401)", async () => {
    const r = await api.anonymous("completeTrainingModule", { params: { moduleId: "listening" } });
    expect(r.status).toBe(401);
  });
});

describe("the journal: /me/journal", () => {
  type Entry = NonNullable<CallInput<"createJournalEntry">["body"]>;
  const entry = (body: string, prompt: Entry["prompt"] = "learn-from-young"): Entry => ({ prompt, body });
  const write = (who: Who, body: Entry) => as(who)("createJournalEntry", { body });
  const edit = (who: Who, entryId: string, body: CallInput<"updateJournalEntry">["body"], ifMatch?: string) =>
    as(who)("updateJournalEntry", { params: { entryId }, body, ...(ifMatch ? { ifMatch } : {}) });
  const remove = (who: Who, entryId: string, ifMatch?: string) => as(who)("deleteJournalEntry", { params: { entryId }, ...(ifMatch ? { ifMatch } : {}) });
  const list = async (who: Who) => ok(await as(who)("listJournal")).items;

  it("creates an entry: 201 with Location, ETag and the entry as written", async () => {
    const body = `Apprendre à résumer une réunion Teams avec Copilot ${randomUUID()}`;
    const r = await write(cast.mentee, entry(`  ${body}  `));
    expect(r.status).toBe(201);
    const created = ok(r);
    expect(r.headers.get("location")).toBe(`/api/me/journal/${created.id}`);
    expect(r.etag ?? "").not.toBe("");
    expect(created).toMatchObject({ prompt: "learn-from-young", body, etag: r.etag });
    expect(created.updatedAt).toBe(created.createdAt);
    expect((await list(cast.mentee)).map((e) => e.id)).toContain(created.id);
  });

  it("lists the author's entries newest first", async () => {
    const created: string[] = [];
    for (const [prompt, body] of [
      ["benefits", "Pour moi : moins d'e-mails. Pour l'équipe : des réunions plus courtes."],
      ["tried", "J'ai partagé mon écran dans Teams sans aide."],
      ["free", "Je me sens moins gêné de poser des questions."],
    ] as const) {
      const r = await write(cast.mentee, entry(body, prompt));
      expect(r.status).toBe(201);
      created.push(ok(r).id);
    }
    const items = await list(cast.mentee);
    const order = items.map((e) => e.id).filter((id) => created.includes(id));
    expect(order).toEqual([...created].reverse());
    const stamps = items.map((e) => e.createdAt);
    expect(stamps).toEqual([...stamps].sort().reverse());
  });

  it("updates an entry with If-Match; a stale ETag gets 412 and changes nothing", async () => {
    const created = await write(cast.mentee, entry("Première version", "tried"));
    const { id, createdAt } = ok(created);

    const updated = await edit(cast.mentee, id, { body: "Deuxième version" }, created.etag!);
    expect(updated.status).toBe(200);
    expect(ok(updated)).toMatchObject({ id, prompt: "tried", body: "Deuxième version", createdAt });
    expect(updated.etag).not.toBe(created.etag);
    expect(Date.parse(ok(updated).updatedAt)).toBeGreaterThanOrEqual(Date.parse(createdAt));

    const stale = await edit(cast.mentee, id, { body: "Version écrasée" }, created.etag!);
    expect(stale.status).toBe(412);
    expect(stale.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const missing = await edit(cast.mentee, id, { body: "Sans If-Match" });
    expect(missing.status).toBe(428);

    const stored = (await list(cast.mentee)).find((e) => e.id === id);
    expect(stored).toMatchObject({ body: "Deuxième version", etag: updated.etag });
  });

  it("deletes an entry: gone from the list, and a second delete finds nothing", async () => {
    const created = await write(cast.mentee, entry("À effacer", "free"));
    const { id } = ok(created);
    expect((await remove(cast.mentee, id, '"not-the-etag"')).status).toBe(412);
    expect((await list(cast.mentee)).map((e) => e.id)).toContain(id);

    expect((await remove(cast.mentee, id, created.etag!)).status).toBe(204);
    expect((await list(cast.mentee)).map((e) => e.id)).not.toContain(id);
    expect((await remove(cast.mentee, id)).status).toBe(404);
    expect((await edit(cast.mentee, id, { body: "Revenu ?" }, "*")).status).toBe(404);
  });

  describe("nobody else ever reads or touches it", () => {
    let secret: string;
    let id: string;
    let etag: string;

    beforeAll(async () => {
      secret = `Je n'ose pas dire à mon manager que je ne sais pas utiliser SharePoint ${randomUUID()}`;
      const r = await write(cast.mentee, entry(secret, "free"));
      expect(r.status).toBe(201);
      id = ok(r).id;
      etag = r.etag!;
    });

    const others: Record<string, () => Who> = {
      "the tandem partner (mentor)": () => cast.mentor,
      "the mentee's manager": () => cast.manager,
      "a coordinator": () => cast.coordinator,
      "the same person id in another tenant": () => ({ tenantId: randomUUID(), userId: cast.mentee }),
      "a coordinator of another tenant": () => ({ tenantId: randomUUID(), userId: randomUUID(), coordinator: true }),
    };

    it.each(Object.keys(others))("%s gets their own, empty journal, and 404 for the author's entry", async (who) => {
      const other = others[who]!();
      const mine = await as(other)("listJournal");
      expect(mine.status, who).toBe(200);
      expect(ok(mine).items, who).toEqual([]);
      expect(JSON.stringify(mine.data), who).not.toContain(secret);

      for (const ifMatch of ["*", etag]) {
        const patch = await edit(other, id, { body: "Réécrit par quelqu'un d'autre" }, ifMatch);
        expect(patch.status, who).toBe(404);
        expect(JSON.stringify(patch.problem), who).not.toContain(secret);
        expect((await remove(other, id, ifMatch)).status, who).toBe(404);
      }
      const authors = await list(cast.mentee);
      expect(authors.find((e) => e.id === id), who).toMatchObject({ body: secret, etag });
    });

    it("keeps the partner's own entries apart from the author's, both ways", async () => {
      const r = await write(cast.mentor, entry("Mon mentoré apprend vite.", "free"));
      expect(r.status).toBe(201);
      const { id: theirs } = ok(r);
      expect((await list(cast.mentor)).map((e) => e.id)).toEqual([theirs]);
      expect((await list(cast.mentee)).map((e) => e.id)).not.toContain(theirs);
      expect((await remove(cast.mentee, theirs)).status).toBe(404);
      expect((await list(cast.mentor)).map((e) => e.id)).toEqual([theirs]);
    });

    it("is not reachable through any other route either: /me and the tandem's notes do not carry it", async () => {
      const answers = [
        await as(cast.mentor)("listNotes", { params: { id: cast.tandem.id, sessionId: cast.tandem.sessions[0]!.id } }),
        await as(cast.coordinator)("listTandems", { query: { scope: "all" } }),
        await as(cast.manager)("teamReport"),
        await as(cast.manager)("teamReportCsv"),
        await as(cast.coordinator)("programReport"),
        await as(cast.mentee)("getMe"),
      ];
      for (const r of answers) expect(JSON.stringify(r.data ?? r.problem)).not.toContain(secret);
    });
  });

  describe("hostile bodies get 400 and change nothing", () => {
    let id: string;
    let etag: string;
    beforeAll(async () => {
      const r = await write(cast.mentee, entry("Intact", "benefits"));
      id = ok(r).id;
      etag = r.etag!;
    });

    const cases: [string, "POST" | "PATCH", unknown, string][] = [
      ["an unknown field", "POST", { prompt: "free", body: "Bonjour", authorId: randomUUID() }, "/authorId"],
      ["a body over 4000 characters", "POST", { prompt: "free", body: "x".repeat(4001) }, "/body"],
      ["an empty body", "POST", { prompt: "free", body: "   " }, "/body"],
      ["an unknown prompt", "POST", { prompt: "what-my-boss-thinks", body: "Bonjour" }, "/prompt"],
      ["a control character", "POST", { prompt: "free", body: "Bon\u0007jour" }, "/body"],
      ["an unknown field in an edit", "PATCH", { body: "Autre", visibility: "shared" }, "/visibility"],
      ["an edit over 4000 characters", "PATCH", { body: "é".repeat(4001) }, "/body"],
      ["an edit that changes nothing", "PATCH", {}, "/"],
    ];
    it.each(cases)("%s", async (_, method, body, pointer) => {
      const before = await list(cast.mentee);
      const r = method === "POST" ? await write(cast.mentee, body as Entry) : await edit(cast.mentee, id, body as never, etag);
      expect(r.status).toBe(400);
      expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(pointersOf(r)).toContain(pointer);
      expect(await list(cast.mentee)).toEqual(before);
    });

    it("an entry id that is not an id: 400 naming the parameter", async () => {
      const r = await edit(cast.mentee, "not-an-id", { body: "Bonjour" }, "*");
      expect(r.status).toBe(400);
      expect(pointersOf(r)).toContain("entryId");
    });
  });

  it("needs a signed-in caller (401) for every journal route", async () => {
    const anonymous = [
      await api.anonymous("listJournal"),
      await api.anonymous("createJournalEntry", { body: { prompt: "free", body: "x" } }),
      await api.anonymous("updateJournalEntry", { params: { entryId: randomUUID() }, body: { body: "x" } }),
      await api.anonymous("deleteJournalEntry", { params: { entryId: randomUUID() } }),
    ];
    for (const r of anonymous) expect(r.status).toBe(401);
  });
});
