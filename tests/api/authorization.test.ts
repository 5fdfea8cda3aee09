import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api as contract, type DemoOrganisation, type DemoTandem, type Endpoint } from "@tandem/core";
import { castOf, startTestApi, type Cast, type Reply, type TestApi } from "../support/test-api";

/**
 * "Who may see what" (DESIGN.md), checked over HTTP for every route that takes a token: what an anonymous caller,
 * a member, a non-member, a manager and a coordinator each get back.
 */

let api: TestApi;
let cast: Cast;
let org: DemoOrganisation;

const tokens = new Map<string, Promise<string>>();
function tokenOf(personaId: string): Promise<string> {
  let t = tokens.get(personaId);
  if (!t) {
    t = api.token(personaId);
    tokens.set(personaId, t);
  }
  return t;
}

interface Send {
  body?: unknown;
  headers?: Record<string, string>;
}
async function as(personaId: string, method: string, path: string, options: Send = {}): Promise<Reply> {
  return api.call(method, path, { ...options, token: await tokenOf(personaId) });
}

const itemIds = (r: Reply): string[] => (r.json?.items ?? []).map((i: { id: string }) => i.id);
const pointers = (r: Reply): string[] => (r.json?.errors ?? []).map((e: { pointer?: string }) => e.pointer);
const etagOf = (r: Reply) => r.headers.get("etag") ?? "";

/** Fills `{name}` in a contract path. */
const fill = (path: string, params: Record<string, string>) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`no value for {${name}} in ${path}`);
    return encodeURIComponent(v);
  });

const userEndpoints = (Object.values(contract) as Endpoint[]).filter((e) => e.auth === "user");
const tandemEndpoints = userEndpoints.filter((e) => e.path.startsWith("/tandems/{id}"));

// Demo data, chosen by shape rather than by id.
let activeSkillId: string;
let currentCycleId: string;
let heldSession: DemoTandem["sessions"][number];
let futureSession: DemoTandem["sessions"][number];
let menteeGoalId: string;
/** A shared note the mentee wrote in beforeAll, on the held session. */
let sharedNoteId: string;

const goalInput = (menteeId: string, title = "Automatiser le rapport mensuel") => ({
  menteeId,
  title,
  skillId: activeSkillId,
  successCriterion: "Le rapport part sans copier-coller.",
  targetDate: "2099-01-31",
});
const checkIn = { learned: "Les requêtes Power Query se rejouent seules.", willTry: "Refaire le rapport de mars.", rating: 4 };

const inTandem = (t: DemoTandem, personId: string) => t.mentorId === personId || t.menteeIds.includes(personId);

beforeAll(async () => {
  api = await startTestApi();
  org = api.org;
  cast = castOf(org);
  activeSkillId = org.skills.find((s) => !s.retired)!.id;
  currentCycleId = org.cycles.find((c) => c.startsInDays <= 0 && c.endsInDays > 0)!.id;
  heldSession = cast.tandem.sessions.find((s) => s.status === "held" && s.daysFromNow < 0 && s.checkIns.length > 0)!;
  futureSession = cast.tandem.sessions.find((s) => s.status === "scheduled" && s.daysFromNow > 0)!;
  menteeGoalId = cast.tandem.goals.find((g) => g.menteeId === cast.mentee)!.id;
  expect(heldSession, "the cast tandem needs a past held session with check-ins").toBeDefined();
  expect(futureSession, "the cast tandem needs a future scheduled session").toBeDefined();

  const note = await as(cast.mentee, "POST", `/tandems/${cast.tandem.id}/sessions/${heldSession.id}/notes`, {
    body: { body: "Note partagée du beforeAll", visibility: "shared" },
  });
  expect(note.status).toBe(201);
  sharedNoteId = note.json.id;
});
afterAll(() => api?.close());

describe("anonymous and malformed credentials", () => {
  const sample: Record<string, string> = {
    id: randomUUID(),
    goalId: randomUUID(),
    sessionId: randomUUID(),
    noteId: randomUUID(),
    skillId: "power-bi",
    entryId: randomUUID(),
    moduleId: "listening",
  };

  it("covers a sensible number of routes", () => {
    // Guards against the table below silently shrinking to nothing.
    expect(userEndpoints.length).toBeGreaterThanOrEqual(20);
  });

  it.each(userEndpoints.map((e) => [e.id, e] as const))("%s without a token: 401 problem+json with WWW-Authenticate", async (_, e) => {
    const r = await api.call(e.method, fill(e.path, sample));
    expect(r.status).toBe(401);
    expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(r.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    expect(r.json).toMatchObject({ status: 401, detail: expect.stringMatching(/\S/) });
  });

  it.each(userEndpoints.map((e) => [e.id, e] as const))("%s with a garbage token: 401", async (_, e) => {
    const r = await api.call(e.method, fill(e.path, sample), { headers: { authorization: "Bearer abc" } });
    expect(r.status).toBe(401);
    expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(r.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    expect(r.json.status).toBe(401);
  });

  it("lets anonymous callers reach the routes that need no token", async () => {
    const r = await api.call("GET", "/health");
    expect(r.status).toBe(200);
  });
});

describe("tandem-scoped routes", () => {
  /** A valid request for each tandem route, so that only access decides the answer. */
  const requestFor = (e: Endpoint, tandemId: string) => {
    const slot = { start: "2099-01-05T10:00:00+01:00", end: "2099-01-05T10:45:00+01:00" };
    const samples: Record<string, Send & { ifMatch?: true }> = {
      getTandem: {},
      transitionTandem: { body: { action: "pause" } },
      listGoals: {},
      createGoal: { body: goalInput(cast.mentee) },
      updateGoal: { body: { progress: 10 }, ifMatch: true },
      deleteGoal: { ifMatch: true },
      listSessions: {},
      setSessionStatus: { body: { status: "held" } },
      listCheckIns: {},
      putMyCheckIn: { body: checkIn },
      listNotes: {},
      createNote: { body: { body: "Une note", visibility: "shared" } },
      updateNote: { body: { body: "Une autre note" }, ifMatch: true },
      deleteNote: { ifMatch: true },
      suggestSessions: { body: {} },
      bookSession: { body: slot, headers: { "idempotency-key": "sample-booking-key" } },
      rescheduleSession: { body: slot, ifMatch: true },
      cancelSession: { body: {} },
    };
    const s = samples[e.id];
    if (!s) throw new Error(`no sample request for ${e.id}: add one to this table`);
    const path = fill(e.path, { id: tandemId, goalId: menteeGoalId, sessionId: heldSession.id, noteId: sharedNoteId });
    return {
      method: e.method,
      path,
      send: { body: s.body, headers: { ...s.headers, ...(s.ifMatch ? { "if-match": "*" } : {}) } } as Send,
    };
  };

  it("has a sample request for every tandem route of the contract", () => {
    expect(tandemEndpoints.length).toBeGreaterThanOrEqual(14);
    for (const e of tandemEndpoints) expect(() => requestFor(e, randomUUID())).not.toThrow();
  });

  for (const who of ["outsider", "manager"] as const) {
    it.each(tandemEndpoints.map((e) => [e.id, e] as const))(
      `%s by the ${who}: 404, exactly as for a tandem that does not exist`,
      async (_, e) => {
        const personId = cast[who];
        const real = requestFor(e, cast.tandem.id);
        const r = await as(personId, real.method, real.path, real.send);
        expect(r.status).toBe(404);
        expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        const ghost = requestFor(e, randomUUID());
        const g = await as(personId, ghost.method, ghost.path, ghost.send);
        expect(g.status).toBe(404);
        expect({ title: r.json.title, detail: r.json.detail, code: r.json.code }).toEqual({
          title: g.json.title,
          detail: g.json.detail,
          code: g.json.code,
        });
      },
    );
  }

  for (const who of ["mentee", "mentor"] as const) {
    it(`lets the ${who} read the tandem, its goals, sessions, check-ins and notes`, async () => {
      const id = cast[who];
      const base = `/tandems/${cast.tandem.id}`;
      const tandem = await as(id, "GET", base);
      expect(tandem.status).toBe(200);
      expect(tandem.json.myRelation).toBe(who);
      expect(etagOf(tandem)).not.toBe("");

      const goals = await as(id, "GET", `${base}/goals`);
      expect(goals.status).toBe(200);
      expect(itemIds(goals)).toContain(menteeGoalId);

      const sessions = await as(id, "GET", `${base}/sessions`);
      expect(sessions.status).toBe(200);
      expect(itemIds(sessions)).toEqual(expect.arrayContaining(cast.tandem.sessions.map((s) => s.id)));

      const checkIns = await as(id, "GET", `${base}/sessions/${heldSession.id}/checkins`);
      expect(checkIns.status).toBe(200);
      expect(checkIns.json.items.length).toBeGreaterThan(0);
      for (const c of checkIns.json.items) expect(c).toHaveProperty("learned");

      const notes = await as(id, "GET", `${base}/sessions/${heldSession.id}/notes`);
      expect(notes.status).toBe(200);
      expect(itemIds(notes)).toContain(sharedNoteId);
    });
  }

  describe("the coordinator", () => {
    const base = () => `/tandems/${cast.tandem.id}`;

    it("reads the tandem, its goals and its sessions", async () => {
      const tandem = await as(cast.coordinator, "GET", base());
      expect(tandem.status).toBe(200);
      expect(tandem.json.myRelation).toBe("coordinator");
      const goals = await as(cast.coordinator, "GET", `${base()}/goals`);
      expect(goals.status).toBe(200);
      expect(itemIds(goals)).toContain(menteeGoalId);
      const sessions = await as(cast.coordinator, "GET", `${base()}/sessions`);
      expect(sessions.status).toBe(200);
      expect(itemIds(sessions)).toContain(heldSession.id);
    });

    it("reads check-in ratings without what people learned or will try", async () => {
      const r = await as(cast.coordinator, "GET", `${base()}/sessions/${heldSession.id}/checkins`);
      expect(r.status).toBe(200);
      expect(r.json.items.length).toBeGreaterThanOrEqual(heldSession.checkIns.length);
      for (const c of r.json.items) {
        expect(c.rating).toBeGreaterThanOrEqual(1);
        expect(c).not.toHaveProperty("learned");
        expect(c).not.toHaveProperty("willTry");
      }
      const text = JSON.stringify(r.json);
      for (const c of heldSession.checkIns) {
        expect(text).not.toContain(c.learned);
        expect(text).not.toContain(c.willTry);
      }
    });

    it("may not read session notes", async () => {
      const r = await as(cast.coordinator, "GET", `${base()}/sessions/${heldSession.id}/notes`);
      expect(r.status).toBe(403);
      expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    });

    const writes: [string, string, (b: string) => string, () => Send][] = [
      ["create a goal", "POST", (b) => `${b}/goals`, () => ({ body: goalInput(cast.mentee, "Objectif du coordinateur") })],
      ["update a goal", "PATCH", (b) => `${b}/goals/${menteeGoalId}`, () => ({ body: { progress: 90 }, headers: { "if-match": "*" } })],
      ["delete a goal", "DELETE", (b) => `${b}/goals/${menteeGoalId}`, () => ({ headers: { "if-match": "*" } })],
      ["write a note", "POST", (b) => `${b}/sessions/${heldSession.id}/notes`, () => ({ body: { body: "Note RH", visibility: "shared" } })],
      ["check in", "PUT", (b) => `${b}/sessions/${heldSession.id}/checkins/me`, () => ({ body: checkIn })],
      ["cancel a session", "POST", (b) => `${b}/sessions/${futureSession.id}/status`, () => ({ body: { status: "cancelled" } })],
    ];
    it.each(writes)("may not %s (403), and nothing changes", async (_, method, path, send) => {
      const before = await as(cast.mentor, "GET", `${base()}/goals`);
      const r = await as(cast.coordinator, method, path(base()), send());
      expect(r.status).toBe(403);
      const goals = await as(cast.mentor, "GET", `${base()}/goals`);
      expect(goals.json.items).toEqual(before.json.items);
      const sessions = await as(cast.mentor, "GET", `${base()}/sessions`);
      expect(sessions.json.items.find((s: { id: string }) => s.id === futureSession.id)?.status).toBe("scheduled");
      const notes = await as(cast.mentor, "GET", `${base()}/sessions/${heldSession.id}/notes`);
      expect(notes.json.items.map((n: { authorId: string }) => n.authorId)).not.toContain(cast.coordinator);
    });
  });
});

describe("private and shared notes", () => {
  const notesPath = () => `/tandems/${cast.tandem.id}/sessions/${heldSession.id}/notes`;

  it("never shows the mentee's private note to the mentor, who cannot edit or delete it either", async () => {
    const body = `Privé : je n'ose pas encore demander ${randomUUID()}`;
    const created = await as(cast.mentee, "POST", notesPath(), { body: { body, visibility: "private" } });
    expect(created.status).toBe(201);
    const id: string = created.json.id;

    const mentorList = await as(cast.mentor, "GET", notesPath());
    expect(mentorList.status).toBe(200);
    expect(itemIds(mentorList)).not.toContain(id);
    expect(JSON.stringify(mentorList.json)).not.toContain(body);

    const patch = await as(cast.mentor, "PATCH", `${notesPath()}/${id}`, {
      body: { visibility: "shared" },
      headers: { "if-match": etagOf(created) },
    });
    expect(patch.status).toBe(404);
    const del = await as(cast.mentor, "DELETE", `${notesPath()}/${id}`, { headers: { "if-match": "*" } });
    expect(del.status).toBe(404);

    const menteeList = await as(cast.mentee, "GET", notesPath());
    const mine = menteeList.json.items.find((n: { id: string }) => n.id === id);
    expect(mine).toMatchObject({ body, visibility: "private" });
  });

  it("keeps the demo organisation's private notes from the other members", async () => {
    const found = org.tandems
      .flatMap((t) => t.sessions.flatMap((s) => s.notes.filter((n) => n.visibility === "private").map((n) => ({ t, s, n }))))
      .find(({ t, n }) => [t.mentorId, ...t.menteeIds].some((m) => m !== n.authorId));
    expect(found, "the demo organisation needs a private note").toBeDefined();
    const { t, s, n } = found!;
    const other = [t.mentorId, ...t.menteeIds].find((m) => m !== n.authorId)!;
    const path = `/tandems/${t.id}/sessions/${s.id}/notes`;
    const theirs = await as(other, "GET", path);
    expect(theirs.status).toBe(200);
    expect(itemIds(theirs)).not.toContain(n.id);
    expect(JSON.stringify(theirs.json)).not.toContain(n.body);
    const authors = await as(n.authorId, "GET", path);
    expect(itemIds(authors)).toContain(n.id);
  });

  it("shows a shared note to both members, and only its author may change it", async () => {
    const body = `Partagé : essayer les filtres avancés ${randomUUID()}`;
    const created = await as(cast.mentee, "POST", notesPath(), { body: { body, visibility: "shared" } });
    expect(created.status).toBe(201);
    const id: string = created.json.id;

    for (const who of [cast.mentee, cast.mentor]) {
      const list = await as(who, "GET", notesPath());
      expect(list.json.items.find((n: { id: string }) => n.id === id)).toMatchObject({ body, authorId: cast.mentee });
    }

    const byMentor = await as(cast.mentor, "PATCH", `${notesPath()}/${id}`, {
      body: { body: "Réécrit par le mentor" },
      headers: { "if-match": etagOf(created) },
    });
    expect(byMentor.status).toBe(403);
    const delByMentor = await as(cast.mentor, "DELETE", `${notesPath()}/${id}`, { headers: { "if-match": "*" } });
    expect(delByMentor.status).toBe(403);

    const byAuthor = await as(cast.mentee, "PATCH", `${notesPath()}/${id}`, {
      body: { body: `${body} (complété)` },
      headers: { "if-match": etagOf(created) },
    });
    expect(byAuthor.status).toBe(200);
    const mentorView = await as(cast.mentor, "GET", notesPath());
    expect(mentorView.json.items.find((n: { id: string }) => n.id === id)?.body).toBe(`${body} (complété)`);
  });
});

describe("goals", () => {
  const goalsPath = () => `/tandems/${cast.tandem.id}/goals`;

  it("lets a mentee set their own goal and the mentor update it with If-Match", async () => {
    const created = await as(cast.mentee, "POST", goalsPath(), { body: goalInput(cast.mentee, "Construire un tableau croisé") });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ menteeId: cast.mentee, title: "Construire un tableau croisé", tandemId: cast.tandem.id });
    expect(created.headers.get("location")).toBe(`/api/tandems/${cast.tandem.id}/goals/${created.json.id}`);
    expect(etagOf(created)).not.toBe("");
    expect(etagOf(created)).toBe(created.json.etag);
    const goalPath = `${goalsPath()}/${created.json.id}`;

    const withoutIfMatch = await as(cast.mentor, "PATCH", goalPath, { body: { progress: 40 } });
    expect(withoutIfMatch.status).toBe(428);

    const updated = await as(cast.mentor, "PATCH", goalPath, { body: { progress: 40 }, headers: { "if-match": etagOf(created) } });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ progress: 40, status: "in_progress" });

    const stale = await as(cast.mentor, "PATCH", goalPath, { body: { progress: 60 }, headers: { "if-match": etagOf(created) } });
    expect(stale.status).toBe(412);

    const seen = await as(cast.mentee, "GET", goalsPath());
    expect(seen.json.items.find((g: { id: string }) => g.id === created.json.id)?.progress).toBe(40);
  });

  it("does not let a mentee of a circle set or edit another mentee's goal", async () => {
    const circle = org.tandems.find((t) => t.kind === "circle" && t.status === "active" && t.goals.some((g) => g.menteeId !== t.menteeIds[0]))!;
    expect(circle, "the demo organisation needs an active circle").toBeDefined();
    const [a, ...others] = circle.menteeIds;
    const othersGoal = circle.goals.find((g) => g.menteeId !== a)!;
    const b = othersGoal.menteeId;
    expect(others).toContain(b);
    const path = `/tandems/${circle.id}/goals`;

    const forOther = await as(a!, "POST", path, { body: goalInput(b, "Objectif imposé par un pair") });
    expect(forOther.status).toBe(403);
    const editOther = await as(a!, "PATCH", `${path}/${othersGoal.id}`, { body: { progress: 5 }, headers: { "if-match": "*" } });
    expect(editOther.status).toBe(403);
    const deleteOther = await as(a!, "DELETE", `${path}/${othersGoal.id}`, { headers: { "if-match": "*" } });
    expect(deleteOther.status).toBe(403);

    const list = await as(b, "GET", path);
    const stillThere = list.json.items.find((g: { id: string }) => g.id === othersGoal.id);
    expect(stillThere).toMatchObject({ progress: othersGoal.progress });
    expect(list.json.items.map((g: { title: string }) => g.title)).not.toContain("Objectif imposé par un pair");

    // The circle's mentor may set a goal for any mentee.
    const byMentor = await as(circle.mentorId, "POST", path, { body: goalInput(b, "Objectif posé par le mentor") });
    expect(byMentor.status).toBe(201);
  });

  it("answers 404 to a non-member who tries to set a goal", async () => {
    const r = await as(cast.outsider, "POST", goalsPath(), { body: goalInput(cast.mentee) });
    expect(r.status).toBe(404);
  });

  it.each(["proposed", "declined"] as const)("refuses a goal in a %s tandem (409)", async (status) => {
    const t = org.tandems.find((x) => x.status === status)!;
    expect(t, `the demo organisation needs a ${status} tandem`).toBeDefined();
    const r = await as(t.menteeIds[0]!, "POST", `/tandems/${t.id}/goals`, { body: goalInput(t.menteeIds[0]!) });
    expect(r.status).toBe(409);
    const list = await as(t.menteeIds[0]!, "GET", `/tandems/${t.id}/goals`);
    expect(list.json.items).toHaveLength(0);
  });
});

describe("goals of a finished tandem", () => {
  it("can no longer be changed or removed once the tandem is completed (409, goal intact)", async () => {
    const t = org.tandems.find((x) => x.status === "completed" && x.goals.length > 0)!;
    expect(t, "the demo organisation needs a completed tandem with goals").toBeDefined();
    const goal = t.goals[0]!;
    const path = `/tandems/${t.id}/goals/${goal.id}`;
    const patch = await as(goal.menteeId, "PATCH", path, { body: { progress: 5 }, headers: { "if-match": "*" } });
    expect(patch.status).toBe(409);
    const del = await as(goal.menteeId, "DELETE", path, { headers: { "if-match": "*" } });
    expect(del.status).toBe(409);
    const list = await as(goal.menteeId, "GET", `/tandems/${t.id}/goals`);
    expect(list.json.items.find((g: { id: string }) => g.id === goal.id)).toMatchObject({ progress: goal.progress });
  });
});

describe("check-ins", () => {
  const checkInPath = (sessionId: string) => `/tandems/${cast.tandem.id}/sessions/${sessionId}/checkins`;

  it("takes a member's check-in after a held session, with its text for members only", async () => {
    const learned = `Les segments de données ${randomUUID()}`;
    const r = await as(cast.mentee, "PUT", `${checkInPath(heldSession.id)}/me`, { body: { ...checkIn, learned } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ personId: cast.mentee, learned, rating: 4 });

    const forMentor = await as(cast.mentor, "GET", checkInPath(heldSession.id));
    expect(forMentor.json.items.find((c: { personId: string }) => c.personId === cast.mentee)?.learned).toBe(learned);
    const forCoordinator = await as(cast.coordinator, "GET", checkInPath(heldSession.id));
    const seen = forCoordinator.json.items.find((c: { personId: string }) => c.personId === cast.mentee);
    expect(seen).toMatchObject({ rating: 4 });
    expect(JSON.stringify(forCoordinator.json)).not.toContain(learned);
  });

  it("refuses a check-in before a scheduled session has started (409)", async () => {
    const r = await as(cast.mentor, "PUT", `${checkInPath(futureSession.id)}/me`, { body: checkIn });
    expect(r.status).toBe(409);
    const list = await as(cast.mentor, "GET", checkInPath(futureSession.id));
    expect(list.json.items).toHaveLength(0);
  });

  it("refuses a check-in by the coordinator (403)", async () => {
    const r = await as(cast.coordinator, "PUT", `${checkInPath(heldSession.id)}/me`, { body: checkIn });
    expect(r.status).toBe(403);
    const list = await as(cast.mentor, "GET", checkInPath(heldSession.id));
    expect(list.json.items.map((c: { personId: string }) => c.personId)).not.toContain(cast.coordinator);
  });
});

describe("listing tandems", () => {
  it("gives the coordinator the whole program with scope=all", async () => {
    const r = await as(cast.coordinator, "GET", "/tandems?scope=all");
    expect(r.status).toBe(200);
    expect(itemIds(r)).toEqual(expect.arrayContaining(org.tandems.map((t) => t.id)));
  });

  it.each(["mentor", "mentee", "manager", "outsider"] as const)("refuses scope=all to the %s (403)", async (who) => {
    const r = await as(cast[who], "GET", "/tandems?scope=all");
    expect(r.status).toBe(403);
    expect(r.json).toBeDefined();
    expect(r.json.items).toBeUndefined();
  });

  it("lists only my own tandems by default", async () => {
    const r = await as(cast.mentee, "GET", "/tandems");
    expect(r.status).toBe(200);
    const expected = org.tandems.filter((t) => inTandem(t, cast.mentee)).map((t) => t.id);
    expect(itemIds(r)).toEqual(expect.arrayContaining(expected));
    for (const t of r.json.items) expect(t.members.map((m: { id: string }) => m.id)).toContain(cast.mentee);
  });

  it("gives an empty list to a person in no tandem", async () => {
    const loner = org.people.find((p) => !p.coordinator && !org.tandems.some((t) => inTandem(t, p.id)))!;
    expect(loner).toBeDefined();
    const r = await as(loner.id, "GET", "/tandems");
    expect(r.status).toBe(200);
    expect(r.json.items).toEqual([]);
  });
});

/** Mentors with room for one more mentee, and mentees free to be proposed, outside the cast. */
function proposalFor(index: number) {
  const busy = (id: string) =>
    org.tandems
      .filter((t) => t.mentorId === id && ["proposed", "accepted", "active", "paused"].includes(t.status))
      .reduce((n, t) => n + t.menteeIds.length, 0);
  const castIds = new Set([cast.mentor, cast.mentee, cast.outsider, cast.manager, cast.coordinator]);
  const mentors = org.people.filter(
    (p) => p.profile?.programRoles.includes("mentor") && !p.profile.paused && p.profile.capacity - busy(p.id) >= 1 && !castIds.has(p.id),
  );
  const mentees = org.people.filter(
    (p) => p.profile?.programRoles.includes("mentee") && !p.profile.paused && !p.profile.programRoles.includes("mentor") && !castIds.has(p.id),
  );
  const mentor = mentors[index];
  const mentee = mentees[index];
  if (!mentor || !mentee) throw new Error("the demo organisation has too few free mentors or mentees");
  return { kind: "tandem" as const, cycleId: currentCycleId, mentorId: mentor.id, menteeIds: [mentee.id] };
}

describe("coordinator-only writes", () => {
  it("lets the coordinator propose a tandem, not the mentor or the mentee", async () => {
    const proposal = proposalFor(2);
    for (const who of [cast.mentor, cast.mentee]) {
      const r = await as(who, "POST", "/tandems", { body: proposal });
      expect(r.status).toBe(403);
    }
    const r = await as(cast.coordinator, "POST", "/tandems", { body: proposal });
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ status: "proposed", mentorId: proposal.mentorId, menteeIds: proposal.menteeIds });
    const all = await as(cast.coordinator, "GET", "/tandems?scope=all");
    expect(all.json.items.filter((t: { mentorId: string }) => t.mentorId === proposal.mentorId).length).toBe(
      org.tandems.filter((t) => t.mentorId === proposal.mentorId).length + 1,
    );
  });

  it("refuses a mentor who has not joined as a mentor (400 at /mentorId)", async () => {
    const notMentor = org.people.find((p) => p.profile && !p.profile.programRoles.includes("mentor"))!;
    const mentee = proposalFor(3).menteeIds;
    const r = await as(cast.coordinator, "POST", "/tandems", {
      body: { kind: "tandem", cycleId: currentCycleId, mentorId: notMentor.id, menteeIds: mentee },
    });
    expect(r.status).toBe(400);
    expect(pointers(r)).toContain("/mentorId");
  });

  it("lets the coordinator add and change skills, not the mentor or the mentee", async () => {
    const skill = { id: "teams-approvals", label: { fr: "Approbations Teams", en: "Teams approvals" }, category: "collaboration", retired: false };
    for (const who of [cast.mentor, cast.mentee]) {
      expect((await as(who, "POST", "/skills", { body: skill })).status).toBe(403);
    }
    const created = await as(cast.coordinator, "POST", "/skills", { body: skill });
    expect(created.status).toBe(201);
    expect(etagOf(created)).not.toBe("");

    const { id: _id, ...input } = skill;
    const relabel = { ...input, label: { fr: "Approbations dans Teams", en: "Approvals in Teams" } };
    for (const who of [cast.mentor, cast.mentee]) {
      const r = await as(who, "PUT", `/skills/${skill.id}`, { body: relabel, headers: { "if-match": etagOf(created) } });
      expect(r.status).toBe(403);
    }
    const replaced = await as(cast.coordinator, "PUT", `/skills/${skill.id}`, { body: relabel, headers: { "if-match": etagOf(created) } });
    expect(replaced.status).toBe(200);
    const list = await as(cast.mentee, "GET", "/skills");
    expect(list.json.items.find((s: { id: string }) => s.id === skill.id)?.label.en).toBe("Approvals in Teams");
  });

  it("lets the coordinator open a cycle, not the mentor or the mentee", async () => {
    const cycle = {
      name: `Cycle 3 ${randomUUID().slice(0, 8)}`,
      startsOn: "2099-01-01",
      endsOn: "2099-06-30",
      cadence: { everyWeeks: 2, sessionMinutes: 45 },
      matching: { maxMenteesPerMentor: 2, allowSameDepartment: false, requireCommonLanguage: true },
    };
    for (const who of [cast.mentor, cast.mentee]) {
      expect((await as(who, "POST", "/cycles", { body: cycle })).status).toBe(403);
    }
    const created = await as(cast.coordinator, "POST", "/cycles", { body: cycle });
    expect(created.status).toBe(201);
    const list = await as(cast.mentee, "GET", "/cycles");
    expect(list.json.items.filter((c: { name: string }) => c.name === cycle.name)).toHaveLength(1);
  });
});

describe("tandem transitions", () => {
  const transitions = (id: string) => `/tandems/${id}/transitions`;

  it("becomes accepted once the last member accepts", async () => {
    const proposal = proposalFor(0);
    const created = await as(cast.coordinator, "POST", "/tandems", { body: proposal });
    expect(created.status).toBe(201);
    const id: string = created.json.id;
    const mentee = proposal.menteeIds[0]!;

    const first = await as(mentee, "POST", transitions(id), { body: { action: "accept" } });
    expect(first.status).toBe(200);
    expect(first.json.status).toBe("proposed");
    expect(first.json.acceptedBy).toEqual([mentee]);

    const last = await as(proposal.mentorId, "POST", transitions(id), { body: { action: "accept" } });
    expect(last.status).toBe(200);
    expect(last.json.status).toBe("accepted");
    expect((await as(mentee, "GET", `/tandems/${id}`)).json.status).toBe("accepted");
  });

  it("declines only with a reason", async () => {
    const proposal = proposalFor(1);
    const created = await as(cast.coordinator, "POST", "/tandems", { body: proposal });
    expect(created.status).toBe(201);
    const id: string = created.json.id;
    const mentee = proposal.menteeIds[0]!;

    const noReason = await as(mentee, "POST", transitions(id), { body: { action: "decline" } });
    expect(noReason.status).toBe(400);
    expect(pointers(noReason)).toContain("/reason");
    expect((await as(mentee, "GET", `/tandems/${id}`)).json.status).toBe("proposed");

    const reason = "Trop de déplacements ce trimestre.";
    const declined = await as(mentee, "POST", transitions(id), { body: { action: "decline", reason } });
    expect(declined.status).toBe(200);
    expect(declined.json).toMatchObject({ status: "declined", declineReason: reason });
  });

  it("refuses an illegal transition (409) and leaves the tandem as it was", async () => {
    const r = await as(cast.mentor, "POST", transitions(cast.tandem.id), { body: { action: "resume" } });
    expect(r.status).toBe(409);
    expect((await as(cast.mentor, "GET", `/tandems/${cast.tandem.id}`)).json.status).toBe("active");
  });

  it("answers 404 to a non-member", async () => {
    const r = await as(cast.outsider, "POST", transitions(cast.tandem.id), { body: { action: "pause" } });
    expect(r.status).toBe(404);
    expect((await as(cast.mentor, "GET", `/tandems/${cast.tandem.id}`)).json.status).toBe("active");
  });

  it("lets the coordinator pause an active tandem", async () => {
    const other = org.tandems.find((t) => t.status === "active" && t.kind === "tandem" && t.id !== cast.tandem.id && !inTandem(t, cast.coordinator))!;
    const r = await as(cast.coordinator, "POST", transitions(other.id), { body: { action: "pause" } });
    expect(r.status).toBe(200);
    expect(r.json.status).toBe("paused");
    expect((await as(other.mentorId, "GET", `/tandems/${other.id}`)).json.status).toBe("paused");
  });

  it("does not let the coordinator accept on the members' behalf (403)", async () => {
    const proposed = org.tandems.find((t) => t.status === "proposed" && !inTandem(t, cast.coordinator))!;
    const r = await as(cast.coordinator, "POST", transitions(proposed.id), { body: { action: "accept" } });
    expect(r.status).toBe(403);
    const after = await as(cast.coordinator, "GET", `/tandems/${proposed.id}`);
    expect(after.json).toMatchObject({ status: "proposed", acceptedBy: [] });
  });
});

describe("team participation", () => {
  /** Everything a manager must never read: goal text, notes, check-in answers. */
  const privateTexts = () =>
    org.tandems.flatMap((t) => [
      ...t.goals.flatMap((g) => [g.title, g.successCriterion]),
      ...t.sessions.flatMap((s) => [...s.checkIns.flatMap((c) => [c.learned, c.willTry]), ...s.notes.map((n) => n.body)]),
    ]);

  it("gives the mentee's manager numbers about their reports, never goal, note or check-in text", async () => {
    // Fresh text of each kind, written just now, must not leak either.
    const marker = `marqueur-${randomUUID()}`;
    const base = `/tandems/${cast.tandem.id}`;
    expect((await as(cast.mentee, "POST", `${base}/goals`, { body: goalInput(cast.mentee, `Objectif ${marker}`) })).status).toBe(201);
    expect(
      (await as(cast.mentee, "POST", `${base}/sessions/${heldSession.id}/notes`, { body: { body: `Note ${marker}`, visibility: "shared" } })).status,
    ).toBe(201);
    expect(
      (await as(cast.mentor, "PUT", `${base}/sessions/${heldSession.id}/checkins/me`, { body: { ...checkIn, learned: `Appris ${marker}` } })).status,
    ).toBe(200);

    const r = await as(cast.manager, "GET", "/team/participation");
    expect(r.status).toBe(200);
    const row = r.json.reports.find((p: { personId: string }) => p.personId === cast.mentee);
    const counted = org.tandems.filter((t) => inTandem(t, cast.mentee) && t.status !== "proposed" && t.status !== "declined");
    expect(row).toMatchObject({
      enrolled: true,
      tandems: counted.length,
      sessionsHeld: counted.flatMap((t) => t.sessions).filter((s) => s.status === "held").length,
    });
    for (const report of r.json.reports) {
      for (const key of ["tandems", "sessionsHeld", "hours", "goalsAchieved"]) expect(typeof report[key]).toBe("number");
    }

    const text = JSON.stringify(r.json);
    expect(text).not.toContain(marker);
    for (const t of privateTexts()) expect(text).not.toContain(t);
  });

  it("gives the top of the organisation everyone's numbers and still no text", async () => {
    const top = org.people.find((p) => p.managerId === null)!;
    const r = await as(top.id, "GET", "/team/participation");
    expect(r.status).toBe(200);
    expect(r.json.reports).toHaveLength(org.people.length - 1);
    expect(r.json.totals.sessionsHeld).toBeGreaterThan(0);
    const text = JSON.stringify(r.json);
    for (const t of privateTexts()) expect(text).not.toContain(t);
  });

  it("refuses a person without reports (403)", async () => {
    const managers = new Set(org.people.map((p) => p.managerId));
    const nobodysManager = [cast.mentor, cast.mentee, cast.outsider].find((id) => !managers.has(id)) ?? org.people.find((p) => !managers.has(p.id))!.id;
    const r = await as(nobodysManager, "GET", "/team/participation");
    expect(r.status).toBe(403);
    expect(r.json.reports).toBeUndefined();
  });

  it("refuses an anonymous caller (401)", async () => {
    const r = await api.call("GET", "/team/participation");
    expect(r.status).toBe(401);
  });
});

describe("/me", () => {
  it("tells a coordinator they are one", async () => {
    const r = await as(cast.coordinator, "GET", "/me");
    expect(r.status).toBe(200);
    expect(r.json.roles).toContain("coordinator");
  });

  it("tells a manager they are one", async () => {
    const r = await as(cast.manager, "GET", "/me");
    expect(r.status).toBe(200);
    expect(r.json.roles).toContain("manager");
  });

  it("gives a plain mentor neither role", async () => {
    const managers = new Set(org.people.map((p) => p.managerId));
    const mentor = org.people.find((p) => p.profile?.programRoles.includes("mentor") && !p.coordinator && !managers.has(p.id))!;
    const r = await as(mentor.id, "GET", "/me");
    expect(r.json.roles).toContain("mentor");
    expect(r.json.roles).not.toContain("manager");
    expect(r.json.roles).not.toContain("coordinator");
  });

  it("has no profile for a person who has not joined", async () => {
    const newcomer = org.people.find((p) => !p.profile)!;
    const r = await as(newcomer.id, "GET", "/me");
    expect(r.status).toBe(200);
    expect(r.json.profile).toBeNull();
    expect(r.json.id).toBe(newcomer.id);
    expect(r.json.displayName).toBe(newcomer.displayName);
  });

  it("creates, then updates my profile", async () => {
    const newcomer = org.people.filter((p) => !p.profile && !p.coordinator)[1]!;
    const profile = {
      programRoles: ["mentee"],
      offers: [],
      requests: [{ skillId: activeSkillId, why: "Gagner du temps le lundi.", urgency: "high" }],
      languages: ["fr"],
      timeZone: "Europe/Paris",
      capacity: 0,
      paused: false,
    };
    const created = await as(newcomer.id, "PUT", "/me/profile", { body: profile });
    expect(created.status).toBe(200);
    expect(etagOf(created)).not.toBe("");
    let me = await as(newcomer.id, "GET", "/me");
    expect(me.json.profile).toMatchObject({ programRoles: ["mentee"], requests: profile.requests });
    expect(me.json.roles).toContain("mentee");

    const updated = await as(newcomer.id, "PUT", "/me/profile", {
      body: { ...profile, programRoles: ["mentee", "mentor"], capacity: 1 },
      headers: { "if-match": etagOf(created) },
    });
    expect(updated.status).toBe(200);
    me = await as(newcomer.id, "GET", "/me");
    expect(me.json.profile).toMatchObject({ programRoles: ["mentee", "mentor"], capacity: 1, createdAt: created.json.createdAt });
    expect(me.json.roles).toEqual(expect.arrayContaining(["mentee", "mentor"]));

    const stale = await as(newcomer.id, "PUT", "/me/profile", { body: profile, headers: { "if-match": etagOf(created) } });
    expect(stale.status).toBe(412);
  });
});
