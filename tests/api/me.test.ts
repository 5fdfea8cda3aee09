import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { trainingModules, type DemoPerson } from "@tandem/core";
import { castOf, startTestApi, type Cast, type CallOptions, type Reply, type TestApi } from "../support/test-api";

/**
 * What a person does for themselves under /me: mentor training, and the "take stock" journal that nobody but
 * its author ever reads, whoever asks.
 */

let api: TestApi;
let cast: Cast;
const tokens = new Map<string, Promise<string>>();

beforeAll(async () => {
  api = await startTestApi();
  cast = castOf(api.org);
});
afterAll(() => api?.close());

function tokenOf(personId: string): Promise<string> {
  let t = tokens.get(personId);
  if (!t) {
    t = api.token(personId);
    tokens.set(personId, t);
  }
  return t;
}

async function as(personId: string, method: string, path: string, options: Omit<CallOptions, "token"> = {}): Promise<Reply> {
  const r = await api.call(method, path, { ...options, token: await tokenOf(personId) });
  expect(r.status, `${method} ${path}: ${JSON.stringify(r.json)}`).toBeLessThan(500);
  return r;
}

const etagOf = (r: Reply) => r.headers.get("etag") ?? "";
const pointers = (r: Reply): string[] => (r.json?.errors ?? []).map((e: { pointer?: string; parameter?: string }) => e.pointer ?? e.parameter);
const person = (predicate: (p: DemoPerson) => boolean, what: string) => {
  const found = api.org.people.find((p) => !p.coordinator && predicate(p));
  if (!found) throw new Error(`the demo organisation has no ${what}`);
  return found;
};

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
    const before = await as(mentor.id, "GET", "/me");
    expect(before.json.profile.trainingCompleted).not.toContain(todo);

    const r = await as(mentor.id, "PUT", `/me/training/${todo}`);
    expect(r.status).toBe(200);
    expect(r.json.trainingCompleted).toContain(todo);
    expect(etagOf(r)).not.toBe("");
    expect(r.json.etag).toBe(etagOf(r));
    // The rest of the profile is untouched.
    expect(r.json).toMatchObject({
      offers: before.json.profile.offers,
      requests: before.json.profile.requests,
      capacity: before.json.profile.capacity,
    });

    const after = await as(mentor.id, "GET", "/me");
    expect(after.json.profile.trainingCompleted).toEqual([...before.json.profile.trainingCompleted, todo]);
  });

  it("is idempotent: a module done twice is listed once, and nothing is written the second time", async () => {
    const module = trainingModules.find((m) => !mentor.profile!.trainingCompleted.includes(m) && m !== todo)!;
    const first = await as(mentor.id, "PUT", `/me/training/${module}`);
    expect(first.status).toBe(200);
    const second = await as(mentor.id, "PUT", `/me/training/${module}`);
    expect(second.status).toBe(200);
    expect(second.json.trainingCompleted.filter((m: string) => m === module)).toHaveLength(1);
    expect(etagOf(second)).toBe(etagOf(first));
    const me = await as(mentor.id, "GET", "/me");
    expect(me.json.profile.trainingCompleted.filter((m: string) => m === module)).toHaveLength(1);
  });

  it("changes the profile's ETag, so a profile save based on the older version gets 412 and the module stays done", async () => {
    const me = await as(mentor.id, "GET", "/me");
    const { id, displayName, trainingCompleted, createdAt, updatedAt, etag, ...input } = me.json.profile;
    const module = trainingModules.find((m) => !trainingCompleted.includes(m));
    expect(module, "a module left to do").toBeDefined();
    const done = await as(mentor.id, "PUT", `/me/training/${module}`);
    expect(done.status).toBe(200);
    expect(etagOf(done)).not.toBe(etag);

    const stale = await as(mentor.id, "PUT", "/me/profile", { body: { ...input, capacity: 1 }, headers: { "if-match": etag } });
    expect(stale.status).toBe(412);
    const fresh = await as(mentor.id, "PUT", "/me/profile", { body: { ...input, capacity: 1 }, headers: { "if-match": etagOf(done) } });
    expect(fresh.status).toBe(200);
    expect(fresh.json.trainingCompleted).toContain(module);
  });

  it("refuses a mentee who does not mentor (403), and their profile keeps no module", async () => {
    const mentee = person((p) => p.profile?.programRoles.join() === "mentee", "mentee who does not mentor");
    const r = await as(mentee.id, "PUT", "/me/training/listening");
    expect(r.status).toBe(403);
    expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const me = await as(mentee.id, "GET", "/me");
    expect(me.json.profile.trainingCompleted).not.toContain("listening");
  });

  it("asks someone without a profile to join the program first (404), and creates no profile", async () => {
    const newcomer = person((p) => !p.profile, "person without a profile");
    const r = await as(newcomer.id, "PUT", "/me/training/privacy");
    expect(r.status).toBe(404);
    expect(r.json.detail).toBe("Join the program first: save your profile.");
    const me = await as(newcomer.id, "GET", "/me");
    expect(me.json.profile).toBeNull();
  });

  it("refuses a module that does not exist (400, naming the parameter)", async () => {
    const r = await as(mentor.id, "PUT", "/me/training/excel-macros");
    expect(r.status).toBe(400);
    expect(pointers(r)).toContain("moduleId");
    const me = await as(mentor.id, "GET", "/me");
    expect(me.json.profile.trainingCompleted).not.toContain("excel-macros");
  });

  it("needs a signed-in caller (401)", async () => {
    const r = await api.call("PUT", "/me/training/listening");
    expect(r.status).toBe(401);
  });
});

describe("the journal: /me/journal", () => {
  const entry = (body: string, prompt = "learn-from-young") => ({ body: { prompt, body } });
  const list = async (personId: string) => {
    const r = await as(personId, "GET", "/me/journal");
    expect(r.status).toBe(200);
    return r.json.items as { id: string; prompt: string; body: string; etag: string; createdAt: string; updatedAt: string }[];
  };

  it("creates an entry: 201 with Location, ETag and the entry as written", async () => {
    const body = `Apprendre à résumer une réunion Teams avec Copilot ${randomUUID()}`;
    const r = await as(cast.mentee, "POST", "/me/journal", entry(`  ${body}  `));
    expect(r.status).toBe(201);
    expect(r.headers.get("location")).toBe(`/api/me/journal/${r.json.id}`);
    expect(etagOf(r)).not.toBe("");
    expect(r.json).toMatchObject({ prompt: "learn-from-young", body, etag: etagOf(r) });
    expect(r.json.updatedAt).toBe(r.json.createdAt);
    expect((await list(cast.mentee)).map((e) => e.id)).toContain(r.json.id);
  });

  it("lists the author's entries newest first", async () => {
    const created: string[] = [];
    for (const [prompt, body] of [
      ["benefits", "Pour moi : moins d'e-mails. Pour l'équipe : des réunions plus courtes."],
      ["tried", "J'ai partagé mon écran dans Teams sans aide."],
      ["free", "Je me sens moins gêné de poser des questions."],
    ] as const) {
      const r = await as(cast.mentee, "POST", "/me/journal", entry(body, prompt));
      expect(r.status).toBe(201);
      created.push(r.json.id);
    }
    const items = await list(cast.mentee);
    const order = items.map((e) => e.id).filter((id) => created.includes(id));
    expect(order).toEqual([...created].reverse());
    const stamps = items.map((e) => e.createdAt);
    expect(stamps).toEqual([...stamps].sort().reverse());
  });

  it("updates an entry with If-Match; a stale ETag gets 412 and changes nothing", async () => {
    const created = await as(cast.mentee, "POST", "/me/journal", entry("Première version", "tried"));
    const path = `/me/journal/${created.json.id}`;

    const updated = await as(cast.mentee, "PATCH", path, { body: { body: "Deuxième version" }, headers: { "if-match": etagOf(created) } });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ id: created.json.id, prompt: "tried", body: "Deuxième version", createdAt: created.json.createdAt });
    expect(etagOf(updated)).not.toBe(etagOf(created));
    expect(Date.parse(updated.json.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.json.createdAt));

    const stale = await as(cast.mentee, "PATCH", path, { body: { body: "Version écrasée" }, headers: { "if-match": etagOf(created) } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    const missing = await as(cast.mentee, "PATCH", path, { body: { body: "Sans If-Match" } });
    expect(missing.status).toBe(428);

    const stored = (await list(cast.mentee)).find((e) => e.id === created.json.id);
    expect(stored).toMatchObject({ body: "Deuxième version", etag: etagOf(updated) });
  });

  it("deletes an entry: gone from the list, and a second delete finds nothing", async () => {
    const created = await as(cast.mentee, "POST", "/me/journal", entry("À effacer", "free"));
    const path = `/me/journal/${created.json.id}`;
    const stale = await as(cast.mentee, "DELETE", path, { headers: { "if-match": '"not-the-etag"' } });
    expect(stale.status).toBe(412);
    expect((await list(cast.mentee)).map((e) => e.id)).toContain(created.json.id);

    const r = await as(cast.mentee, "DELETE", path, { headers: { "if-match": etagOf(created) } });
    expect(r.status).toBe(204);
    expect((await list(cast.mentee)).map((e) => e.id)).not.toContain(created.json.id);
    expect((await as(cast.mentee, "DELETE", path)).status).toBe(404);
    expect((await as(cast.mentee, "PATCH", path, { body: { body: "Revenu ?" }, headers: { "if-match": "*" } })).status).toBe(404);
  });

  describe("nobody else ever reads or touches it", () => {
    let secret: string;
    let id: string;
    let etag: string;

    beforeAll(async () => {
      secret = `Je n'ose pas dire à mon manager que je ne sais pas utiliser SharePoint ${randomUUID()}`;
      const r = await as(cast.mentee, "POST", "/me/journal", entry(secret, "free"));
      expect(r.status).toBe(201);
      id = r.json.id;
      etag = etagOf(r);
    });

    const others: Record<string, () => Promise<string>> = {
      "the tandem partner (mentor)": () => tokenOf(cast.mentor),
      "the mentee's manager": () => tokenOf(cast.manager),
      "a coordinator": () => tokenOf(cast.coordinator),
      "the same person id in another tenant": () => api.token({ tenantId: randomUUID(), userId: cast.mentee }),
      "a coordinator of another tenant": () => api.token({ tenantId: randomUUID(), userId: randomUUID(), coordinator: true }),
    };

    it.each(Object.keys(others))("%s gets their own, empty journal, and 404 for the author's entry", async (who) => {
      const t = await others[who]!();
      const mine = await api.call("GET", "/me/journal", { token: t });
      expect(mine.status, who).toBe(200);
      expect(mine.json.items, who).toEqual([]);
      expect(JSON.stringify(mine.json), who).not.toContain(secret);

      const path = `/me/journal/${id}`;
      for (const ifMatch of ["*", etag]) {
        const patch = await api.call("PATCH", path, { token: t, body: { body: "Réécrit par quelqu'un d'autre" }, headers: { "if-match": ifMatch } });
        expect(patch.status, who).toBe(404);
        expect(JSON.stringify(patch.json), who).not.toContain(secret);
        const del = await api.call("DELETE", path, { token: t, headers: { "if-match": ifMatch } });
        expect(del.status, who).toBe(404);
      }
      const authors = await list(cast.mentee);
      expect(authors.find((e) => e.id === id), who).toMatchObject({ body: secret, etag });
    });

    it("keeps the partner's own entries apart from the author's, both ways", async () => {
      const r = await as(cast.mentor, "POST", "/me/journal", entry("Mon mentoré apprend vite.", "free"));
      expect(r.status).toBe(201);
      const partner = await list(cast.mentor);
      expect(partner.map((e) => e.id)).toEqual([r.json.id]);
      expect((await list(cast.mentee)).map((e) => e.id)).not.toContain(r.json.id);
      expect((await as(cast.mentee, "DELETE", `/me/journal/${r.json.id}`)).status).toBe(404);
      expect((await list(cast.mentor)).map((e) => e.id)).toEqual([r.json.id]);
    });

    it("is not reachable through any other route either: /me and the tandem's notes do not carry it", async () => {
      for (const [personId, path] of [
        [cast.mentor, `/tandems/${cast.tandem.id}/sessions/${cast.tandem.sessions[0]!.id}/notes`],
        [cast.coordinator, "/tandems?scope=all"],
        [cast.manager, "/team/participation"],
        [cast.mentee, "/me"],
      ] as const) {
        const r = await as(personId, "GET", path);
        expect(JSON.stringify(r.json ?? {}), path).not.toContain(secret);
      }
    });
  });

  describe("hostile bodies get 400 and change nothing", () => {
    let id: string;
    let etag: string;
    beforeAll(async () => {
      const r = await as(cast.mentee, "POST", "/me/journal", entry("Intact", "benefits"));
      id = r.json.id;
      etag = etagOf(r);
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
      const r =
        method === "POST"
          ? await as(cast.mentee, "POST", "/me/journal", { body })
          : await as(cast.mentee, "PATCH", `/me/journal/${id}`, { body, headers: { "if-match": etag } });
      expect(r.status).toBe(400);
      expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect(pointers(r)).toContain(pointer);
      expect(await list(cast.mentee)).toEqual(before);
    });

    it("an entry id that is not an id: 400 naming the parameter", async () => {
      const r = await as(cast.mentee, "PATCH", "/me/journal/not-an-id", { body: { body: "Bonjour" }, headers: { "if-match": "*" } });
      expect(r.status).toBe(400);
      expect(pointers(r)).toContain("entryId");
    });
  });

  it("needs a signed-in caller (401) for every journal route", async () => {
    for (const [method, path] of [
      ["GET", "/me/journal"],
      ["POST", "/me/journal"],
      ["PATCH", `/me/journal/${randomUUID()}`],
      ["DELETE", `/me/journal/${randomUUID()}`],
    ] as const) {
      const r = await api.call(method, path, method === "POST" || method === "PATCH" ? { body: { prompt: "free", body: "x" } } : {});
      expect(r.status, `${method} ${path}`).toBe(401);
    }
  });
});
