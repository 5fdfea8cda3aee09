import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api as contract, type DemoOrganisation, type DemoTandem, type Endpoint } from "@tandem/core";
import { apiClient, type Answer, type CallInput, type RouteId } from "@tandem/core/client";
import { castOf, idsOf, ok, pointersOf, startTestApi, type Cast, type TestApi, laterCycle } from "../support/test-api";

/**
 * "Who may see what" (DESIGN.md), checked over HTTP for every route that takes a token: what an anonymous caller,
 * a member, a non-member, a manager and a coordinator each get back.
 */

let api: TestApi;
let cast: Cast;
let org: DemoOrganisation;

const as = (personaId: string) => api.as(personaId);
/** Any endpoint by its id, for the tables that go through every route of the contract. */
const anyCall = (call: ReturnType<typeof as>, id: string, input: CallInput<RouteId>) => call(id as RouteId, input as never);
const isProblem = (r: Answer<RouteId>) => expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);

const userEndpoints = (Object.values(contract) as Endpoint[]).filter((e) => e.auth === "user");
const tandemEndpoints = userEndpoints.filter((e) => e.path.startsWith("/tandems/{id}"));

// Demo data, chosen by shape rather than by id.
let activeSkillId: string;
/** A cycle opened for the proposals these tests make: the demo's current one has every mentee matched already. */
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
const tandem = () => ({ id: cast.tandem.id });
const session = (sessionId: string) => ({ id: cast.tandem.id, sessionId });

beforeAll(async () => {
  api = await startTestApi();
  org = api.org;
  cast = castOf(org);
  activeSkillId = org.skills.find((s) => !s.retired)!.id;
  currentCycleId = ok(
    await as(cast.coordinator)("createCycle", {
      body: {
        name: "Cycle des propositions",
        ...laterCycle(),
        cadence: { everyWeeks: 2, sessionMinutes: 45 },
        matching: { maxMenteesPerMentor: 3, allowSameDepartment: false, requireCommonLanguage: true },
      },
    }),
  ).id;
  heldSession = cast.tandem.sessions.find((s) => s.status === "held" && s.daysFromNow < 0 && s.checkIns.length > 0)!;
  futureSession = cast.tandem.sessions.find((s) => s.status === "scheduled" && s.daysFromNow > 0)!;
  menteeGoalId = cast.tandem.goals.find((g) => g.menteeId === cast.mentee)!.id;
  expect(heldSession, "the cast tandem needs a past held session with check-ins").toBeDefined();
  expect(futureSession, "the cast tandem needs a future scheduled session").toBeDefined();

  const note = ok(await as(cast.mentee)("createNote", { params: session(heldSession.id), body: { body: "Note partagée du beforeAll", visibility: "shared" } }));
  sharedNoteId = note.id;
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
    runId: randomUUID(),
    cycleId: randomUUID(),
  };

  it("covers a sensible number of routes", () => {
    // Guards against the table below silently shrinking to nothing.
    expect(userEndpoints.length).toBeGreaterThanOrEqual(20);
  });

  it.each(userEndpoints.map((e) => [e.id, e] as const))("%s without a token: 401 problem+json with WWW-Authenticate", async (_, e) => {
    const r = await anyCall(api.anonymous, e.id, { params: sample as never });
    expect(r.status).toBe(401);
    isProblem(r);
    expect(r.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    expect(r.problem).toMatchObject({ status: 401, detail: expect.stringMatching(/\S/) });
  });

  it.each(userEndpoints.map((e) => [e.id, e] as const))("%s with a garbage token: 401", async (_, e) => {
    const r = await anyCall(apiClient(api.url, () => "abc"), e.id, { params: sample as never });
    expect(r.status).toBe(401);
    isProblem(r);
    expect(r.headers.get("www-authenticate")).toMatch(/^Bearer\b/);
    expect(r.problem?.status).toBe(401);
  });

  it("lets anonymous callers reach the routes that need no token", async () => {
    const r = await api.anonymous("health");
    expect(r.status).toBe(200);
  });
});

describe("tandem-scoped routes", () => {
  /** A valid request for each tandem route, so that only access decides the answer. */
  const requestFor = (e: Endpoint, tandemId: string): CallInput<RouteId> => {
    const slot = { start: "2099-01-05T10:00:00+01:00", end: "2099-01-05T10:45:00+01:00" };
    const samples: Record<string, { body?: unknown; ifMatch?: string; idempotencyKey?: string }> = {
      getTandem: {},
      transitionTandem: { body: { action: "pause" } },
      listGoals: {},
      createGoal: { body: goalInput(cast.mentee) },
      updateGoal: { body: { progress: 10 }, ifMatch: "*" },
      deleteGoal: { ifMatch: "*" },
      listSessions: {},
      setSessionStatus: { body: { status: "held" } },
      listCheckIns: {},
      putMyCheckIn: { body: checkIn },
      listNotes: {},
      createNote: { body: { body: "Une note", visibility: "shared" } },
      updateNote: { body: { body: "Une autre note" }, ifMatch: "*" },
      deleteNote: { ifMatch: "*" },
      suggestSessions: { body: {} },
      bookSession: { body: slot, idempotencyKey: "sample-booking-key" },
      rescheduleSession: { body: slot, ifMatch: "*" },
      cancelSession: { body: {} },
      getMyClosingSurvey: {},
      answerClosingSurvey: { body: { helped: true, again: true } },
    };
    const s = samples[e.id];
    if (!s) throw new Error(`no sample request for ${e.id}: add one to this table`);
    return { ...s, params: { id: tandemId, goalId: menteeGoalId, sessionId: heldSession.id, noteId: sharedNoteId } } as CallInput<RouteId>;
  };

  it("has a sample request for every tandem route of the contract", () => {
    expect(tandemEndpoints.length).toBeGreaterThanOrEqual(14);
    for (const e of tandemEndpoints) expect(() => requestFor(e, randomUUID())).not.toThrow();
  });

  for (const who of ["outsider", "manager"] as const) {
    it.each(tandemEndpoints.map((e) => [e.id, e] as const))(
      `%s by the ${who}: 404, exactly as for a tandem that does not exist`,
      async (_, e) => {
        const r = await anyCall(as(cast[who]), e.id, requestFor(e, cast.tandem.id));
        expect(r.status).toBe(404);
        isProblem(r);
        const g = await anyCall(as(cast[who]), e.id, requestFor(e, randomUUID()));
        expect(g.status).toBe(404);
        expect({ title: r.problem?.title, detail: r.problem?.detail, code: r.problem?.code }).toEqual({
          title: g.problem?.title,
          detail: g.problem?.detail,
          code: g.problem?.code,
        });
      },
    );
  }

  for (const who of ["mentee", "mentor"] as const) {
    it(`lets the ${who} read the tandem, its goals, sessions, check-ins and notes`, async () => {
      const id = cast[who];
      const read = await as(id)("getTandem", { params: tandem() });
      expect(read.status).toBe(200);
      expect(ok(read).myRelation).toBe(who);
      expect(read.etag ?? "").not.toBe("");

      expect(idsOf(ok(await as(id)("listGoals", { params: tandem() })))).toContain(menteeGoalId);
      expect(idsOf(ok(await as(id)("listSessions", { params: tandem() })))).toEqual(expect.arrayContaining(cast.tandem.sessions.map((s) => s.id)));

      const checkIns = ok(await as(id)("listCheckIns", { params: session(heldSession.id) }));
      expect(checkIns.items.length).toBeGreaterThan(0);
      for (const c of checkIns.items) expect(c).toHaveProperty("learned");

      expect(idsOf(ok(await as(id)("listNotes", { params: session(heldSession.id) })))).toContain(sharedNoteId);
    });
  }

  describe("the coordinator", () => {
    it("reads the tandem, its goals and its sessions", async () => {
      expect(ok(await as(cast.coordinator)("getTandem", { params: tandem() })).myRelation).toBe("coordinator");
      expect(idsOf(ok(await as(cast.coordinator)("listGoals", { params: tandem() })))).toContain(menteeGoalId);
      expect(idsOf(ok(await as(cast.coordinator)("listSessions", { params: tandem() })))).toContain(heldSession.id);
    });

    it("reads check-in ratings without what people learned or will try", async () => {
      const r = ok(await as(cast.coordinator)("listCheckIns", { params: session(heldSession.id) }));
      expect(r.items.length).toBeGreaterThanOrEqual(heldSession.checkIns.length);
      for (const c of r.items) {
        expect(c.rating).toBeGreaterThanOrEqual(1);
        expect(c).not.toHaveProperty("learned");
        expect(c).not.toHaveProperty("willTry");
      }
      const text = JSON.stringify(r);
      for (const c of heldSession.checkIns) {
        expect(text).not.toContain(c.learned);
        expect(text).not.toContain(c.willTry);
      }
    });

    it("may not read session notes", async () => {
      const r = await as(cast.coordinator)("listNotes", { params: session(heldSession.id) });
      expect(r.status).toBe(403);
      isProblem(r);
    });

    const writes: [string, () => Promise<Answer<RouteId>>][] = [
      ["create a goal", () => as(cast.coordinator)("createGoal", { params: tandem(), body: goalInput(cast.mentee, "Objectif du coordinateur") })],
      ["update a goal", () => as(cast.coordinator)("updateGoal", { params: { ...tandem(), goalId: menteeGoalId }, body: { progress: 90 }, ifMatch: "*" })],
      ["delete a goal", () => as(cast.coordinator)("deleteGoal", { params: { ...tandem(), goalId: menteeGoalId }, ifMatch: "*" })],
      ["write a note", () => as(cast.coordinator)("createNote", { params: session(heldSession.id), body: { body: "Note RH", visibility: "shared" } })],
      ["check in", () => as(cast.coordinator)("putMyCheckIn", { params: session(heldSession.id), body: checkIn })],
      ["cancel a session", () => as(cast.coordinator)("setSessionStatus", { params: session(futureSession.id), body: { status: "cancelled" } })],
    ];
    it.each(writes)("may not %s (403), and nothing changes", async (_, write) => {
      const before = ok(await as(cast.mentor)("listGoals", { params: tandem() }));
      expect((await write()).status).toBe(403);
      expect(ok(await as(cast.mentor)("listGoals", { params: tandem() })).items).toEqual(before.items);
      const sessions = ok(await as(cast.mentor)("listSessions", { params: tandem() }));
      expect(sessions.items.find((s) => s.id === futureSession.id)?.status).toBe("scheduled");
      const notes = ok(await as(cast.mentor)("listNotes", { params: session(heldSession.id) }));
      expect(notes.items.map((n) => n.authorId)).not.toContain(cast.coordinator);
    });
  });
});

describe("private and shared notes", () => {
  const notes = () => session(heldSession.id);
  const note = (noteId: string) => ({ ...session(heldSession.id), noteId });

  it("never shows the mentee's private note to the mentor, who cannot edit or delete it either", async () => {
    const body = `Privé : je n'ose pas encore demander ${randomUUID()}`;
    const created = await as(cast.mentee)("createNote", { params: notes(), body: { body, visibility: "private" } });
    expect(created.status).toBe(201);
    const id = ok(created).id;

    const mentorList = ok(await as(cast.mentor)("listNotes", { params: notes() }));
    expect(idsOf(mentorList)).not.toContain(id);
    expect(JSON.stringify(mentorList)).not.toContain(body);

    const patch = await as(cast.mentor)("updateNote", { params: note(id), body: { visibility: "shared" }, ifMatch: created.etag! });
    expect(patch.status).toBe(404);
    const del = await as(cast.mentor)("deleteNote", { params: note(id), ifMatch: "*" });
    expect(del.status).toBe(404);

    const mine = ok(await as(cast.mentee)("listNotes", { params: notes() })).items.find((n) => n.id === id);
    expect(mine).toMatchObject({ body, visibility: "private" });
  });

  it("keeps the demo organisation's private notes from the other members", async () => {
    const found = org.tandems
      .flatMap((t) => t.sessions.flatMap((s) => s.notes.filter((n) => n.visibility === "private").map((n) => ({ t, s, n }))))
      .find(({ t, n }) => [t.mentorId, ...t.menteeIds].some((m) => m !== n.authorId));
    expect(found, "the demo organisation needs a private note").toBeDefined();
    const { t, s, n } = found!;
    const other = [t.mentorId, ...t.menteeIds].find((m) => m !== n.authorId)!;
    const params = { id: t.id, sessionId: s.id };
    const theirs = ok(await as(other)("listNotes", { params }));
    expect(idsOf(theirs)).not.toContain(n.id);
    expect(JSON.stringify(theirs)).not.toContain(n.body);
    expect(idsOf(ok(await as(n.authorId)("listNotes", { params })))).toContain(n.id);
  });

  it("shows a shared note to both members, and only its author may change it", async () => {
    const body = `Partagé : essayer les filtres avancés ${randomUUID()}`;
    const created = await as(cast.mentee)("createNote", { params: notes(), body: { body, visibility: "shared" } });
    expect(created.status).toBe(201);
    const id = ok(created).id;

    for (const who of [cast.mentee, cast.mentor]) {
      const list = ok(await as(who)("listNotes", { params: notes() }));
      expect(list.items.find((n) => n.id === id)).toMatchObject({ body, authorId: cast.mentee });
    }

    const byMentor = await as(cast.mentor)("updateNote", { params: note(id), body: { body: "Réécrit par le mentor" }, ifMatch: created.etag! });
    expect(byMentor.status).toBe(403);
    const delByMentor = await as(cast.mentor)("deleteNote", { params: note(id), ifMatch: "*" });
    expect(delByMentor.status).toBe(403);

    const byAuthor = await as(cast.mentee)("updateNote", { params: note(id), body: { body: `${body} (complété)` }, ifMatch: created.etag! });
    expect(byAuthor.status).toBe(200);
    const mentorView = ok(await as(cast.mentor)("listNotes", { params: notes() }));
    expect(mentorView.items.find((n) => n.id === id)?.body).toBe(`${body} (complété)`);
  });
});

describe("goals", () => {
  const goal = (goalId: string) => ({ ...tandem(), goalId });

  it("lets a mentee set their own goal and the mentor update it with If-Match", async () => {
    const created = await as(cast.mentee)("createGoal", { params: tandem(), body: goalInput(cast.mentee, "Construire un tableau croisé") });
    expect(created.status).toBe(201);
    const { id, etag } = ok(created);
    expect(ok(created)).toMatchObject({ menteeId: cast.mentee, title: "Construire un tableau croisé", tandemId: cast.tandem.id });
    expect(created.headers.get("location")).toBe(`/api/tandems/${cast.tandem.id}/goals/${id}`);
    expect(created.etag ?? "").not.toBe("");
    expect(created.etag).toBe(etag);

    const withoutIfMatch = await as(cast.mentor)("updateGoal", { params: goal(id), body: { progress: 40 } });
    expect(withoutIfMatch.status).toBe(428);

    const updated = await as(cast.mentor)("updateGoal", { params: goal(id), body: { progress: 40 }, ifMatch: etag });
    expect(updated.status).toBe(200);
    expect(ok(updated)).toMatchObject({ progress: 40, status: "in_progress" });

    const stale = await as(cast.mentor)("updateGoal", { params: goal(id), body: { progress: 60 }, ifMatch: etag });
    expect(stale.status).toBe(412);

    const seen = ok(await as(cast.mentee)("listGoals", { params: tandem() }));
    expect(seen.items.find((g) => g.id === id)?.progress).toBe(40);
  });

  it("does not let a mentee of a circle set or edit another mentee's goal", async () => {
    const circle = org.tandems.find((t) => t.kind === "circle" && t.status === "active" && t.goals.some((g) => g.menteeId !== t.menteeIds[0]))!;
    expect(circle, "the demo organisation needs an active circle").toBeDefined();
    const [a, ...others] = circle.menteeIds;
    const othersGoal = circle.goals.find((g) => g.menteeId !== a)!;
    const b = othersGoal.menteeId;
    expect(others).toContain(b);
    const params = { id: circle.id };
    const theirs = { id: circle.id, goalId: othersGoal.id };

    expect((await as(a!)("createGoal", { params, body: goalInput(b, "Objectif imposé par un pair") })).status).toBe(403);
    expect((await as(a!)("updateGoal", { params: theirs, body: { progress: 5 }, ifMatch: "*" })).status).toBe(403);
    expect((await as(a!)("deleteGoal", { params: theirs, ifMatch: "*" })).status).toBe(403);

    const list = ok(await as(b)("listGoals", { params }));
    expect(list.items.find((g) => g.id === othersGoal.id)).toMatchObject({ progress: othersGoal.progress });
    expect(list.items.map((g) => g.title)).not.toContain("Objectif imposé par un pair");

    // The circle's mentor may set a goal for any mentee.
    expect((await as(circle.mentorId)("createGoal", { params, body: goalInput(b, "Objectif posé par le mentor") })).status).toBe(201);
  });

  it("answers 404 to a non-member who tries to set a goal", async () => {
    expect((await as(cast.outsider)("createGoal", { params: tandem(), body: goalInput(cast.mentee) })).status).toBe(404);
  });

  it.each(["proposed", "declined"] as const)("refuses a goal in a %s tandem (409)", async (status) => {
    const t = org.tandems.find((x) => x.status === status)!;
    expect(t, `the demo organisation needs a ${status} tandem`).toBeDefined();
    const mentee = t.menteeIds[0]!;
    expect((await as(mentee)("createGoal", { params: { id: t.id }, body: goalInput(mentee) })).status).toBe(409);
    expect(ok(await as(mentee)("listGoals", { params: { id: t.id } })).items).toHaveLength(0);
  });
});

describe("goals of a finished tandem", () => {
  it("can no longer be changed or removed once the tandem is completed (409, goal intact)", async () => {
    const t = org.tandems.find((x) => x.status === "completed" && x.goals.length > 0)!;
    expect(t, "the demo organisation needs a completed tandem with goals").toBeDefined();
    const goal = t.goals[0]!;
    const params = { id: t.id, goalId: goal.id };
    expect((await as(goal.menteeId)("updateGoal", { params, body: { progress: 5 }, ifMatch: "*" })).status).toBe(409);
    expect((await as(goal.menteeId)("deleteGoal", { params, ifMatch: "*" })).status).toBe(409);
    const list = ok(await as(goal.menteeId)("listGoals", { params: { id: t.id } }));
    expect(list.items.find((g) => g.id === goal.id)).toMatchObject({ progress: goal.progress });
  });
});

describe("check-ins", () => {
  it("takes a member's check-in after a held session, with its text for members only", async () => {
    const learned = `Les segments de données ${randomUUID()}`;
    const r = await as(cast.mentee)("putMyCheckIn", { params: session(heldSession.id), body: { ...checkIn, learned } });
    expect(r.status).toBe(200);
    expect(ok(r)).toMatchObject({ personId: cast.mentee, learned, rating: 4 });

    const forMentor = ok(await as(cast.mentor)("listCheckIns", { params: session(heldSession.id) }));
    expect(forMentor.items.find((c) => c.personId === cast.mentee)?.learned).toBe(learned);
    const forCoordinator = ok(await as(cast.coordinator)("listCheckIns", { params: session(heldSession.id) }));
    expect(forCoordinator.items.find((c) => c.personId === cast.mentee)).toMatchObject({ rating: 4 });
    expect(JSON.stringify(forCoordinator)).not.toContain(learned);
  });

  it("refuses a check-in before a scheduled session has started (409)", async () => {
    expect((await as(cast.mentor)("putMyCheckIn", { params: session(futureSession.id), body: checkIn })).status).toBe(409);
    expect(ok(await as(cast.mentor)("listCheckIns", { params: session(futureSession.id) })).items).toHaveLength(0);
  });

  it("refuses a check-in by the coordinator (403)", async () => {
    expect((await as(cast.coordinator)("putMyCheckIn", { params: session(heldSession.id), body: checkIn })).status).toBe(403);
    const list = ok(await as(cast.mentor)("listCheckIns", { params: session(heldSession.id) }));
    expect(list.items.map((c) => c.personId)).not.toContain(cast.coordinator);
  });
});

describe("listing tandems", () => {
  it("gives the coordinator the whole program with scope=all", async () => {
    const r = await as(cast.coordinator)("listTandems", { query: { scope: "all" } });
    expect(r.status).toBe(200);
    expect(idsOf(ok(r))).toEqual(expect.arrayContaining(org.tandems.map((t) => t.id)));
  });

  it.each(["mentor", "mentee", "manager", "outsider"] as const)("refuses scope=all to the %s (403)", async (who) => {
    const r = await as(cast[who])("listTandems", { query: { scope: "all" } });
    expect(r.status).toBe(403);
    expect(r.problem).toBeDefined();
    expect(r.problem).not.toHaveProperty("items");
  });

  it("lists only my own tandems by default", async () => {
    const r = ok(await as(cast.mentee)("listTandems"));
    const expected = org.tandems.filter((t) => inTandem(t, cast.mentee)).map((t) => t.id);
    expect(idsOf(r)).toEqual(expect.arrayContaining(expected));
    for (const t of r.items) expect(t.members.map((m) => m.id)).toContain(cast.mentee);
  });

  it("gives an empty list to a person in no tandem", async () => {
    const loner = org.people.find((p) => !p.coordinator && !org.tandems.some((t) => inTandem(t, p.id)))!;
    expect(loner).toBeDefined();
    const r = await as(loner.id)("listTandems");
    expect(r.status).toBe(200);
    expect(ok(r).items).toEqual([]);
  });
});

/**
 * Mentors with room for one more mentee, and mentees free to be proposed, outside the cast: pairs that keep the
 * matching's hard rules in the current cycle (other departments, a common language, neither in the other's reporting
 * chain, not paired before, the mentee not yet in a tandem of the cycle), which a hand-made proposal must keep too.
 */
function proposalFor(index: number) {
  const open = ["proposed", "accepted", "active", "paused"];
  const busy = (id: string) =>
    org.tandems.filter((t) => t.mentorId === id && open.includes(t.status)).reduce((n, t) => n + t.menteeIds.length, 0);
  const castIds = new Set([cast.mentor, cast.mentee, cast.outsider, cast.manager, cast.coordinator]);
  const person = (id: string) => org.people.find((p) => p.id === id)!;
  const chain = (id: string) => {
    const out: string[] = [];
    for (let m = person(id).managerId; m; m = person(m).managerId) out.push(m);
    return out;
  };
  const matched = new Set(org.tandems.filter((t) => t.cycleId === currentCycleId && open.includes(t.status)).flatMap((t) => t.menteeIds));
  const mentors = org.people.filter(
    (p) => p.profile?.programRoles.includes("mentor") && !p.profile.paused && p.profile.capacity - busy(p.id) >= 1 && !castIds.has(p.id),
  );
  const mentees = org.people.filter(
    (p) => p.profile?.programRoles.includes("mentee") && !p.profile.paused && !p.profile.programRoles.includes("mentor") && !castIds.has(p.id) && !matched.has(p.id),
  );
  const fits = (m: (typeof org.people)[number], x: (typeof org.people)[number]) =>
    m.department !== x.department &&
    m.profile!.languages.some((l) => x.profile!.languages.includes(l)) &&
    !chain(m.id).includes(x.id) &&
    !chain(x.id).includes(m.id) &&
    !org.tandems.some((t) => t.mentorId === m.id && t.menteeIds.includes(x.id));
  const pairs: { mentor: string; mentee: string }[] = [];
  const used = new Set<string>();
  for (const m of mentors) {
    const x = mentees.find((x) => !used.has(x.id) && fits(m, x));
    if (!x) continue;
    used.add(x.id);
    pairs.push({ mentor: m.id, mentee: x.id });
  }
  const pair = pairs[index];
  if (!pair) throw new Error("the demo organisation has too few free mentors or mentees");
  return { kind: "tandem" as const, cycleId: currentCycleId, mentorId: pair.mentor, menteeIds: [pair.mentee] };
}

describe("coordinator-only writes", () => {
  it("lets the coordinator propose a tandem, not the mentor or the mentee", async () => {
    const proposal = proposalFor(2);
    for (const who of [cast.mentor, cast.mentee]) {
      expect((await as(who)("proposeTandem", { body: proposal })).status).toBe(403);
    }
    const r = await as(cast.coordinator)("proposeTandem", { body: proposal });
    expect(r.status).toBe(201);
    expect(ok(r)).toMatchObject({ status: "proposed", mentorId: proposal.mentorId, menteeIds: proposal.menteeIds });
    const all = ok(await as(cast.coordinator)("listTandems", { query: { scope: "all" } }));
    expect(all.items.filter((t) => t.mentorId === proposal.mentorId).length).toBe(org.tandems.filter((t) => t.mentorId === proposal.mentorId).length + 1);
  });

  it("refuses a mentor who has not joined as a mentor (400 at /mentorId)", async () => {
    const notMentor = org.people.find((p) => p.profile && !p.profile.programRoles.includes("mentor"))!;
    const mentee = proposalFor(3).menteeIds;
    const r = await as(cast.coordinator)("proposeTandem", { body: { kind: "tandem", cycleId: currentCycleId, mentorId: notMentor.id, menteeIds: mentee } });
    expect(r.status).toBe(400);
    expect(pointersOf(r)).toContain("/mentorId");
  });

  it("lets the coordinator add and change skills, not the mentor or the mentee", async () => {
    const skill = { id: "teams-approvals", label: { fr: "Approbations Teams", en: "Teams approvals" }, category: "collaboration" as const, retired: false };
    for (const who of [cast.mentor, cast.mentee]) {
      expect((await as(who)("createSkill", { body: skill })).status).toBe(403);
    }
    const created = await as(cast.coordinator)("createSkill", { body: skill });
    expect(created.status).toBe(201);
    expect(created.etag ?? "").not.toBe("");

    const { id: _id, ...input } = skill;
    const relabel = { ...input, label: { fr: "Approbations dans Teams", en: "Approvals in Teams" } };
    for (const who of [cast.mentor, cast.mentee]) {
      expect((await as(who)("replaceSkill", { params: { skillId: skill.id }, body: relabel, ifMatch: created.etag! })).status).toBe(403);
    }
    const replaced = await as(cast.coordinator)("replaceSkill", { params: { skillId: skill.id }, body: relabel, ifMatch: created.etag! });
    expect(replaced.status).toBe(200);
    const list = ok(await as(cast.mentee)("listSkills"));
    expect(list.items.find((s) => s.id === skill.id)?.label.en).toBe("Approvals in Teams");
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
      expect((await as(who)("createCycle", { body: cycle })).status).toBe(403);
    }
    expect((await as(cast.coordinator)("createCycle", { body: cycle })).status).toBe(201);
    const list = ok(await as(cast.mentee)("listCycles"));
    expect(list.items.filter((c) => c.name === cycle.name)).toHaveLength(1);
  });
});

describe("tandem transitions", () => {
  const transition = (who: string, id: string, body: CallInput<"transitionTandem">["body"]) => as(who)("transitionTandem", { params: { id }, body });
  const statusOf = async (who: string, id: string) => ok(await as(who)("getTandem", { params: { id } })).status;

  it("becomes accepted once the last member accepts", async () => {
    const proposal = proposalFor(0);
    const { id } = ok(await as(cast.coordinator)("proposeTandem", { body: proposal }));
    const mentee = proposal.menteeIds[0]!;

    const first = ok(await transition(mentee, id, { action: "accept" }));
    expect(first.status).toBe("proposed");
    expect(first.acceptedBy).toEqual([mentee]);

    const last = ok(await transition(proposal.mentorId, id, { action: "accept" }));
    expect(last.status).toBe("accepted");
    expect(await statusOf(mentee, id)).toBe("accepted");
  });

  it("declines only with a reason", async () => {
    const proposal = proposalFor(1);
    const { id } = ok(await as(cast.coordinator)("proposeTandem", { body: proposal }));
    const mentee = proposal.menteeIds[0]!;

    const noReason = await transition(mentee, id, { action: "decline" });
    expect(noReason.status).toBe(400);
    expect(pointersOf(noReason)).toContain("/reason");
    expect(await statusOf(mentee, id)).toBe("proposed");

    const reason = "Trop de déplacements ce trimestre.";
    expect(ok(await transition(mentee, id, { action: "decline", reason }))).toMatchObject({ status: "declined", declineReason: reason });
  });

  it("refuses an illegal transition (409) and leaves the tandem as it was", async () => {
    expect((await transition(cast.mentor, cast.tandem.id, { action: "resume" })).status).toBe(409);
    expect(await statusOf(cast.mentor, cast.tandem.id)).toBe("active");
  });

  it("answers 404 to a non-member", async () => {
    expect((await transition(cast.outsider, cast.tandem.id, { action: "pause" })).status).toBe(404);
    expect(await statusOf(cast.mentor, cast.tandem.id)).toBe("active");
  });

  it("lets the coordinator pause an active tandem", async () => {
    const other = org.tandems.find((t) => t.status === "active" && t.kind === "tandem" && t.id !== cast.tandem.id && !inTandem(t, cast.coordinator))!;
    expect(ok(await transition(cast.coordinator, other.id, { action: "pause" })).status).toBe("paused");
    expect(await statusOf(other.mentorId, other.id)).toBe("paused");
  });

  it("does not let the coordinator accept on the members' behalf (403)", async () => {
    const proposed = org.tandems.find((t) => t.status === "proposed" && !inTandem(t, cast.coordinator))!;
    expect((await transition(cast.coordinator, proposed.id, { action: "accept" })).status).toBe(403);
    const after = ok(await as(cast.coordinator)("getTandem", { params: { id: proposed.id } }));
    expect(after).toMatchObject({ status: "proposed", acceptedBy: [] });
  });
});

describe("reports", () => {
  /** Everything a manager must never read: goal text, notes, check-in answers. */
  const privateTexts = () =>
    org.tandems.flatMap((t) => [
      ...t.goals.flatMap((g) => [g.title, g.successCriterion]),
      ...t.sessions.flatMap((s) => [...s.checkIns.flatMap((c) => [c.learned, c.willTry]), ...s.notes.map((n) => n.body)]),
    ]);

  it("give the mentee's manager their team, per person only enrolled and as what, and no goal, note or check-in text", async () => {
    const r = ok(await as(cast.manager)("teamReport"));
    expect(r.people.find((p) => p.personId === cast.mentee)).toMatchObject({ enrolled: true, roles: expect.arrayContaining(["mentee"]) });
    for (const p of r.people) expect(Object.keys(p).sort()).toEqual(["department", "displayName", "enrolled", "personId", "roles"]);
    const text = JSON.stringify(r);
    for (const t of privateTexts()) expect(text).not.toContain(t);
  });

  it("refuse a person without reports (403), and a manager the program (403)", async () => {
    const managers = new Set(org.people.map((p) => p.managerId));
    const nobodysManager = [cast.mentor, cast.mentee, cast.outsider].find((id) => !managers.has(id)) ?? org.people.find((p) => !managers.has(p.id))!.id;
    for (const id of ["teamReport", "teamReportCsv"] as const) {
      const r = await as(nobodysManager)(id);
      expect(r.status).toBe(403);
      expect(r.problem).not.toHaveProperty("people");
    }
    for (const id of ["programReport", "programReportCsv", "rebuildReports"] as const) expect((await as(cast.manager)(id)).status).toBe(403);
  });

  it("refuse an anonymous caller (401)", async () => {
    for (const id of ["teamReport", "teamReportCsv", "programReport", "programReportCsv", "rebuildReports"] as const) {
      expect((await api.anonymous(id)).status).toBe(401);
    }
  });
});

describe("/me", () => {
  it("tells a coordinator they are one", async () => {
    expect(ok(await as(cast.coordinator)("getMe")).roles).toContain("coordinator");
  });

  it("tells a manager they are one", async () => {
    expect(ok(await as(cast.manager)("getMe")).roles).toContain("manager");
  });

  it("gives a plain mentor neither role", async () => {
    const managers = new Set(org.people.map((p) => p.managerId));
    const mentor = org.people.find((p) => p.profile?.programRoles.includes("mentor") && !p.coordinator && !managers.has(p.id))!;
    const { roles } = ok(await as(mentor.id)("getMe"));
    expect(roles).toContain("mentor");
    expect(roles).not.toContain("manager");
    expect(roles).not.toContain("coordinator");
  });

  it("has no profile for a person who has not joined", async () => {
    const newcomer = org.people.find((p) => !p.profile)!;
    const r = await as(newcomer.id)("getMe");
    expect(r.status).toBe(200);
    expect(ok(r)).toMatchObject({ profile: null, id: newcomer.id, displayName: newcomer.displayName });
  });

  it("creates, then updates my profile", async () => {
    const newcomer = org.people.filter((p) => !p.profile && !p.coordinator)[1]!;
    const profile = {
      programRoles: ["mentee" as const],
      offers: [],
      requests: [{ skillId: activeSkillId, why: "Gagner du temps le lundi.", urgency: "high" as const }],
      languages: ["fr" as const],
      timeZone: "Europe/Paris",
      capacity: 0,
      paused: false,
    };
    const me = as(newcomer.id);
    const created = await me("putMyProfile", { body: profile });
    expect(created.status).toBe(200);
    expect(created.etag ?? "").not.toBe("");
    let read = ok(await me("getMe"));
    expect(read.profile).toMatchObject({ programRoles: ["mentee"], requests: profile.requests });
    expect(read.roles).toContain("mentee");

    const updated = await me("putMyProfile", { body: { ...profile, programRoles: ["mentee", "mentor"], capacity: 1 }, ifMatch: created.etag! });
    expect(updated.status).toBe(200);
    read = ok(await me("getMe"));
    expect(read.profile).toMatchObject({ programRoles: ["mentee", "mentor"], capacity: 1, createdAt: ok(created).createdAt });
    expect(read.roles).toEqual(expect.arrayContaining(["mentee", "mentor"]));

    const stale = await me("putMyProfile", { body: profile, ifMatch: created.etag! });
    expect(stale.status).toBe(412);
  });
});
