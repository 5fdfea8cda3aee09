import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DemoTandem } from "@tandem/core";
import { castOf, ok, startTestApi, type Cast, type CallOptions, type Reply, type TestApi } from "../support/test-api";

/**
 * Bad input gets a clear problem+json answer and leaves storage exactly as it was: no lost update, no
 * half-written row, no 500, no stack trace.
 */

let api: TestApi;
let cast: Cast;
let mentee: string;
let mentor: string;
let coordinator: string;
/** A held session of the cast's tandem, in the past: check-ins and notes are possible on it. */
let sessionId: string;
/** A second active tandem, for lifecycle transitions, so the cast's tandem stays active for the other tests. */
let other: DemoTandem;

beforeAll(async () => {
  api = await startTestApi();
  cast = castOf(api.org);
  [mentee, mentor, coordinator] = await Promise.all([api.token(cast.mentee), api.token(cast.mentor), api.token(cast.coordinator)]);
  sessionId = cast.tandem.sessions.find((s) => s.status === "held" && s.daysFromNow < 0)!.id;
  other = api.org.tandems.find(
    (t) => t.status === "active" && t.kind === "tandem" && t.id !== cast.tandem.id && !t.menteeIds.includes(cast.mentee),
  )!;
});
afterAll(() => api?.close());

const tandemPath = () => `/tandems/${cast.tandem.id}`;
const goalsPath = () => `${tandemPath()}/goals`;
const sessionPath = () => `${tandemPath()}/sessions/${sessionId}`;

/** Stack frames ("at fn (file:1:2)") or file-system paths in a response would leak the server's insides. */
const LEAKS = [/\bat \S+ \(/, /\bat .+:\d+:\d+/, /\/work\//, /node_modules/, /file:\/\//, /\.ts:\d+/, /\/home\//, /\/tmp\//];

/** Every error response, whatever the route, is a complete RFC 9457 problem that leaks nothing. */
function expectProblem(r: Reply, status: number, code?: string) {
  expect(r.status, JSON.stringify(r.json)).toBe(status);
  expect(r.headers.get("content-type")).toMatch(/^application\/problem\+json/);
  expect(r.json).toMatchObject({
    type: expect.stringMatching(/^https?:\/\/\S+$/),
    title: expect.any(String),
    status,
    detail: expect.any(String),
  });
  expect(r.json.title.length).toBeGreaterThan(0);
  expect(r.json.detail.length).toBeGreaterThan(0);
  if (code) expect(r.json.code).toBe(code);
  const text = JSON.stringify(r.json);
  for (const leak of LEAKS) expect(text).not.toMatch(leak);
}

/** api.call, with the rule that holds for every answer in this file: never a 500, errors are problems. */
async function call(method: string, path: string, options?: CallOptions): Promise<Reply> {
  const r = await api.call(method, path, options);
  expect(r.status, `${method} ${path}: ${JSON.stringify(r.json)}`).toBeLessThan(500);
  if (r.status >= 400) expectProblem(r, r.status);
  return r;
}

const pointers = (r: Reply): string[] => (r.json.errors ?? []).map((e: { pointer?: string }) => e.pointer);

/** Reads go through the typed client; what this file sends on purpose wrong goes raw, through `call`. */
async function goals() {
  return ok(await api.as(cast.mentee)("listGoals", { params: { id: cast.tandem.id } })).items;
}

async function myGoal() {
  return (await goals()).find((g) => g.menteeId === cast.mentee)!;
}

/** The mentee's profile (the demo's mentees have one). */
async function myProfile() {
  const profile = ok(await api.as(cast.mentee)("getMe")).profile;
  expect(profile).not.toBeNull();
  return profile!;
}

const profileInput = (p: Record<string, unknown>) => ({
  programRoles: p.programRoles,
  offers: p.offers,
  requests: p.requests,
  languages: p.languages,
  timeZone: p.timeZone,
  capacity: p.capacity,
  paused: p.paused,
});

async function notes(who = cast.mentee) {
  return ok(await api.as(who)("listNotes", { params: { id: cast.tandem.id, sessionId } })).items;
}

describe("ETags keep concurrent edits from overwriting each other", () => {
  it("refuses a goal change based on a stale ETag with 412, and the other person's change survives", async () => {
    const before = await myGoal();
    const byMentor = await call("PATCH", `${goalsPath()}/${before.id}`, {
      token: mentor,
      headers: { "if-match": before.etag },
      body: { progress: before.progress === 70 ? 75 : 70 },
    });
    expect(byMentor.status).toBe(200);

    const stale = await call("PATCH", `${goalsPath()}/${before.id}`, {
      token: mentee,
      headers: { "if-match": before.etag },
      body: { title: "An edit made on an old copy of the goal" },
    });
    expectProblem(stale, 412, "precondition_failed");

    const after = (await goals()).find((g) => g.id === before.id)!;
    expect(after.progress).toBe(byMentor.json.progress);
    expect(after.title).toBe(before.title);
    expect(after.etag).toBe(byMentor.headers.get("etag"));
  });

  it("accepts a goal change with the current ETag and answers with a new ETag", async () => {
    const before = await myGoal();
    const r = await call("PATCH", `${goalsPath()}/${before.id}`, {
      token: mentee,
      headers: { "if-match": before.etag },
      body: { title: "Read the campaign dashboard alone every Monday" },
    });
    expect(r.status).toBe(200);
    const etag = r.headers.get("etag");
    expect(etag).toBeTruthy();
    expect(etag).not.toBe(before.etag);
    expect(r.json.etag).toBe(etag);
    expect(r.json.title).toBe("Read the campaign dashboard alone every Monday");
    expect((await goals()).find((g) => g.id === before.id)).toMatchObject({ etag, title: r.json.title });
  });

  it("asks for If-Match (428) when a goal change comes without one, and changes nothing", async () => {
    const before = await goals();
    const g = before.find((x) => x.menteeId === cast.mentee)!;
    const r = await call("PATCH", `${goalsPath()}/${g.id}`, { token: mentee, body: { progress: 5 } });
    expectProblem(r, 428, "precondition_required");
    expect(r.json.errors).toContainEqual(expect.objectContaining({ header: "If-Match" }));
    expect(await goals()).toEqual(before);
  });

  it("refuses a malformed If-Match with 400, and changes nothing", async () => {
    const before = await goals();
    const g = before.find((x) => x.menteeId === cast.mentee)!;
    const r = await call("PATCH", `${goalsPath()}/${g.id}`, { token: mentee, headers: { "if-match": "abc" }, body: { progress: 5 } });
    expectProblem(r, 400, "validation");
    expect(r.json.errors).toContainEqual(expect.objectContaining({ header: "If-Match" }));
    expect(await goals()).toEqual(before);
  });

  it("refuses to delete a goal with a stale ETag (412): the goal and its newer change stay", async () => {
    const before = await myGoal();
    const changed = await call("PATCH", `${goalsPath()}/${before.id}`, {
      token: mentor,
      headers: { "if-match": before.etag },
      body: { successCriterion: "Comment the dashboard in the marketing committee" },
    });
    expect(changed.status).toBe(200);
    const r = await call("DELETE", `${goalsPath()}/${before.id}`, { token: mentee, headers: { "if-match": before.etag } });
    expectProblem(r, 412, "precondition_failed");
    expect((await goals()).find((g) => g.id === before.id)).toMatchObject({
      etag: changed.headers.get("etag"),
      successCriterion: "Comment the dashboard in the marketing committee",
    });
  });

  it("refuses a profile replacement based on a stale ETag with 412, keeping the newer profile", async () => {
    const first = await myProfile();
    const old = first.etag;
    const input = profileInput(first);
    const newer = await call("PUT", "/me/profile", {
      token: mentee,
      headers: { "if-match": old },
      body: { ...input, paused: !first.paused },
    });
    expect(newer.status).toBe(200);
    expect(newer.headers.get("etag")).toBeTruthy();
    expect(newer.headers.get("etag")).not.toBe(old);

    const stale = await call("PUT", "/me/profile", {
      token: mentee,
      headers: { "if-match": old },
      body: { ...input, capacity: 0, languages: ["en"] },
    });
    expectProblem(stale, 412, "precondition_failed");
    const now = (await myProfile());
    expect(now.paused).toBe(!first.paused);
    expect(now.languages).toEqual(first.languages);
    expect(now.etag).toBe(newer.headers.get("etag"));
  });

  it("refuses a skill relabelling based on a stale ETag with 412 (coordinator)", async () => {
    const list = await call("GET", "/skills", { token: coordinator });
    const skill = list.json.items.find((s: { id: string }) => s.id === cast.tandem.goals[0]!.skillId);
    const { id, etag: old, ...input } = skill;
    const relabelled = { ...input, label: { ...input.label, en: `${input.label.en} (v2)` } };
    const first = await call("PUT", `/skills/${id}`, { token: coordinator, headers: { "if-match": old }, body: relabelled });
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).not.toBe(old);

    const stale = await call("PUT", `/skills/${id}`, {
      token: coordinator,
      headers: { "if-match": old },
      body: { ...input, retired: true },
    });
    expectProblem(stale, 412, "precondition_failed");
    const without = await call("PUT", `/skills/${id}`, { token: coordinator, body: { ...input, retired: true } });
    expectProblem(without, 428, "precondition_required");

    const after = (await call("GET", "/skills", { token: coordinator })).json.items.find((s: { id: string }) => s.id === id);
    expect(after).toEqual({ ...relabelled, id, etag: first.headers.get("etag") });
  });

  it("refuses a lifecycle transition based on a stale ETag with 412, and the tandem keeps its status", async () => {
    const token = await api.token(other.mentorId);
    const path = `/tandems/${other.id}`;
    const read = await call("GET", path, { token });
    expect(read.json.status).toBe("active");
    const old = read.headers.get("etag")!;
    expect(old).toBeTruthy();

    const paused = await call("POST", `${path}/transitions`, { token, headers: { "if-match": old }, body: { action: "pause" } });
    expect(paused.status).toBe(200);
    expect(paused.json.status).toBe("paused");
    expect(paused.headers.get("etag")).not.toBe(old);

    const stale = await call("POST", `${path}/transitions`, { token, headers: { "if-match": old }, body: { action: "resume" } });
    expectProblem(stale, 412, "precondition_failed");
    const still = await call("GET", path, { token });
    expect(still.json.status).toBe("paused");
    expect(still.json.history).toEqual(paused.json.history);

    const resumed = await call("POST", `${path}/transitions`, {
      token,
      headers: { "if-match": paused.headers.get("etag")! },
      body: { action: "resume" },
    });
    expect(resumed.status).toBe(200);
    expect(resumed.json.status).toBe("active");
  });

  it("refuses a note edit based on a stale ETag with 412, keeping the newer text", async () => {
    const created = await call("POST", `${sessionPath()}/notes`, {
      token: mentee,
      body: { body: "First thoughts after the session", visibility: "private" },
    });
    expect(created.status).toBe(201);
    const old = created.headers.get("etag")!;
    const url = `${sessionPath()}/notes/${created.json.id}`;

    const edited = await call("PATCH", url, { token: mentee, headers: { "if-match": old }, body: { body: "Second thoughts" } });
    expect(edited.status).toBe(200);
    expect(edited.headers.get("etag")).not.toBe(old);

    const stale = await call("PATCH", url, { token: mentee, headers: { "if-match": old }, body: { visibility: "shared" } });
    expectProblem(stale, 412, "precondition_failed");
    const note = (await notes()).find((n) => n.id === created.json.id)!;
    expect(note).toMatchObject({ body: "Second thoughts", visibility: "private", etag: edited.headers.get("etag") });
    // Nobody else saw a shared version appear.
    expect((await notes(cast.mentor)).map((n) => n.id)).not.toContain(created.json.id);
  });
});

interface WriteRoute {
  name: string;
  method: string;
  path: () => string;
  token: () => string;
  /** Headers a valid request would carry (a current If-Match where the route needs one). */
  headers: () => Promise<Record<string, string>>;
  /** A body that would be accepted: every hostile variant starts from it. */
  valid: () => Promise<Record<string, unknown>>;
  /** What a client can read back to see whether anything was written. */
  snapshot: () => Promise<unknown>;
  wrongType: { body: Record<string, unknown>; pointer: string };
  tooLong: { body: Record<string, unknown>; pointer: string };
  control: { body: Record<string, unknown>; pointer: string };
}

const long = (n: number) => "x".repeat(n);

const writeRoutes: WriteRoute[] = [
  {
    name: "POST goal",
    method: "POST",
    path: goalsPath,
    token: () => mentee,
    headers: async () => ({}),
    valid: async () => ({
      menteeId: cast.mentee,
      title: "Build a report from the agency's file",
      skillId: cast.tandem.goals[0]!.skillId,
      successCriterion: "A report published in the Marketing workspace",
      targetDate: "2031-01-15",
    }),
    snapshot: goals,
    wrongType: { body: { progress: "50" }, pointer: "/progress" },
    tooLong: { body: { title: long(121) }, pointer: "/title" },
    control: { body: { title: "Bell\u0007 in the title" }, pointer: "/title" },
  },
  {
    name: "PATCH goal",
    method: "PATCH",
    path: () => `${goalsPath()}/${cast.tandem.goals.find((g) => g.menteeId === cast.mentee)!.id}`,
    token: () => mentee,
    // The current ETag of that very goal: were validation skipped, the change would be written.
    headers: async () => {
      const id = cast.tandem.goals.find((g) => g.menteeId === cast.mentee)!.id;
      return { "if-match": (await goals()).find((g) => g.id === id)!.etag };
    },
    valid: async () => ({ progress: 90 }),
    snapshot: goals,
    wrongType: { body: { progress: "high" }, pointer: "/progress" },
    tooLong: { body: { title: long(121) }, pointer: "/title" },
    control: { body: { successCriterion: "null\u0000byte" }, pointer: "/successCriterion" },
  },
  {
    name: "PUT profile",
    method: "PUT",
    path: () => "/me/profile",
    token: () => mentee,
    // If-Match is optional here: without it, anything that got past validation would be written.
    headers: async () => ({}),
    valid: async () => ({ ...profileInput((await myProfile())), capacity: 3 }),
    snapshot: async () => (await myProfile()),
    wrongType: { body: { capacity: "3" }, pointer: "/capacity" },
    tooLong: {
      body: { requests: [{ skillId: "power-bi-dashboards", why: long(501), urgency: "high" }] },
      pointer: "/requests/0/why",
    },
    control: {
      body: { requests: [{ skillId: "power-bi-dashboards", why: "escape\u001b[31m", urgency: "high" }] },
      pointer: "/requests/0/why",
    },
  },
  {
    name: "POST note",
    method: "POST",
    path: () => `${sessionPath()}/notes`,
    token: () => mentee,
    headers: async () => ({}),
    valid: async () => ({ body: "A note", visibility: "private" }),
    snapshot: () => notes(),
    wrongType: { body: { visibility: 3 }, pointer: "/visibility" },
    tooLong: { body: { body: long(4001) }, pointer: "/body" },
    control: { body: { body: "form\u000cfeed" }, pointer: "/body" },
  },
  {
    name: "PUT check-in",
    method: "PUT",
    path: () => `${sessionPath()}/checkins/me`,
    token: () => mentee,
    headers: async () => ({}),
    valid: async () => ({ learned: "Slicers", willTry: "Open the report first", rating: 2 }),
    snapshot: async () => (await call("GET", `${sessionPath()}/checkins`, { token: mentee })).json,
    wrongType: { body: { rating: "5" }, pointer: "/rating" },
    tooLong: { body: { learned: long(2001) }, pointer: "/learned" },
    control: { body: { willTry: "delete\u007f" }, pointer: "/willTry" },
  },
  {
    name: "POST transition",
    method: "POST",
    path: () => `${tandemPath()}/transitions`,
    token: () => mentee,
    headers: async () => ({}),
    valid: async () => ({ action: "pause" }),
    snapshot: async () => {
      const r = await call("GET", tandemPath(), { token: mentee });
      return { body: r.json, etag: r.headers.get("etag") };
    },
    wrongType: { body: { action: 5 }, pointer: "/action" },
    tooLong: { body: { action: "decline", reason: long(501) }, pointer: "/reason" },
    control: { body: { reason: "\u0008backspace" }, pointer: "/reason" },
  },
  {
    name: "POST skill",
    method: "POST",
    path: () => "/skills",
    token: () => coordinator,
    headers: async () => ({}),
    valid: async () => ({ id: "spreadsheet-macros", label: { fr: "Macros de tableur", en: "Spreadsheet macros" }, category: "software" }),
    snapshot: skills,
    wrongType: { body: { category: 5 }, pointer: "/category" },
    tooLong: { body: { label: { fr: "Macros", en: long(121) } }, pointer: "/label/en" },
    control: { body: { label: { fr: "Macros\u0000", en: "Macros" } }, pointer: "/label/fr" },
  },
  {
    name: "PUT skill",
    method: "PUT",
    path: () => `/skills/${api.org.skills[0]!.id}`,
    token: () => coordinator,
    headers: async () => ({ "if-match": (await skills()).find((k) => k.id === api.org.skills[0]!.id)!.etag }),
    valid: async () => {
      const { id: _, ...skill } = api.org.skills[0]!;
      return { ...skill, label: { fr: "Renommée", en: "Renamed" } };
    },
    snapshot: skills,
    wrongType: { body: { retired: "no" }, pointer: "/retired" },
    tooLong: { body: { label: { fr: long(121), en: "Renamed" } }, pointer: "/label/fr" },
    control: { body: { label: { fr: "Renommée", en: "Bell\u0007" } }, pointer: "/label/en" },
  },
];

async function skills() {
  return ok(await api.as(cast.coordinator)("listSkills")).items;
}

describe("skill labels follow the text rules of every field a person types", () => {
  it.each([
    ["a lone high surrogate", "Excel \ud800"],
    ["a lone low surrogate", "\udc00 Excel"],
    ["NUL", "Ex\u0000cel"],
    ["BEL", "Excel\u0007"],
    ["escape", "\u001b[31mExcel"],
  ])("refuses %s in a label, on create and on replace, and writes nothing", async (_, bad) => {
    const before = await skills();
    const created = await call("POST", "/skills", {
      token: coordinator,
      raw: JSON.stringify({ id: "bad-label-skill", label: { fr: "Tableur", en: bad }, category: "software" }),
      headers: { "content-type": "application/json" },
    });
    expectProblem(created, 400, "validation");
    expect(pointers(created)).toContain("/label/en");
    const { id, ...skill } = api.org.skills[0]!;
    const etag = before.find((k) => k.id === id)!.etag;
    const replaced = await call("PUT", `/skills/${id}`, {
      token: coordinator,
      raw: JSON.stringify({ ...skill, label: { fr: bad, en: "Spreadsheet" } }),
      headers: { "content-type": "application/json", "if-match": etag },
    });
    expectProblem(replaced, 400, "validation");
    expect(pointers(replaced)).toContain("/label/fr");
    expect(await skills()).toEqual(before);
  });

  it("trims a label as every text field is trimmed", async () => {
    const created = ok(
      await api.as(cast.coordinator)("createSkill", {
        body: { id: "trimmed-label-skill", label: { fr: "  Tableur  ", en: "\tSpreadsheet " }, category: "software" },
      }),
    );
    expect(created.label).toEqual({ fr: "Tableur", en: "Spreadsheet" });
  });
});

/** A JSON object text that starts with a key JSON.stringify could not write as an own property. */
const withLeadingKey = (key: string, value: unknown, rest: Record<string, unknown>) =>
  `{${JSON.stringify(key)}:${JSON.stringify(value)},${JSON.stringify(rest).slice(1)}`;

const notPolluted = () => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty("polluted");
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain("polluted");
};

describe.each(writeRoutes)("$name refuses hostile or malformed bodies and writes nothing", (route) => {
  /** Sends a refused request and checks that a client reading back sees exactly what was there before. */
  async function refused(
    status: number,
    code: string | undefined,
    o: { body?: unknown; raw?: string | Buffer; contentType?: string | null },
  ) {
    const before = await route.snapshot();
    const headers: Record<string, string> = { ...(await route.headers()) };
    if (o.contentType !== null) headers["content-type"] = o.contentType ?? "application/json";
    const r = await call(route.method, route.path(), {
      token: route.token(),
      headers,
      ...(o.raw !== undefined ? { raw: o.raw } : { raw: JSON.stringify(o.body) }),
    });
    expectProblem(r, status, code);
    expect(await route.snapshot()).toEqual(before);
    return r;
  }

  it("malformed JSON → 400 validation", async () => {
    const valid = JSON.stringify(await route.valid());
    await refused(400, "validation", { raw: valid.slice(0, -1) + ',"' });
  });

  it("a field of the wrong type → 400 pointing at the field", async () => {
    const r = await refused(400, "validation", { body: { ...(await route.valid()), ...route.wrongType.body } });
    expect(pointers(r)).toContain(route.wrongType.pointer);
    expect(r.json.detail).toContain(route.wrongType.pointer);
  });

  it("an unknown field → 400 naming it", async () => {
    const r = await refused(400, "validation", { body: { ...(await route.valid()), favouriteColour: "teal" } });
    expect(pointers(r)).toContain("/favouriteColour");
    expect(JSON.stringify(r.json.errors)).toContain("favouriteColour");
  });

  it("an over-long string → 400 pointing at it, with the kind of problem and its bound for the client to word", async () => {
    const r = await refused(400, "validation", { body: { ...(await route.valid()), ...route.tooLong.body } });
    expect(pointers(r)).toContain(route.tooLong.pointer);
    expect(r.json.errors).toContainEqual(expect.objectContaining({ pointer: route.tooLong.pointer, code: "too_big", origin: "string", limit: expect.any(Number) }));
  });

  it("control characters in free text → 400 pointing at it", async () => {
    const r = await refused(400, "validation", { body: { ...(await route.valid()), ...route.control.body } });
    expect(pointers(r)).toContain(route.control.pointer);
  });

  it("a __proto__ key → 400 unknown field, and no object gets polluted", async () => {
    const raw = withLeadingKey("__proto__", { polluted: "yes", isCoordinator: true }, await route.valid());
    const r = await refused(400, "validation", { raw });
    expect(pointers(r)).toContain("/__proto__");
    notPolluted();
  });

  it("a constructor.prototype key → 400 unknown field, and no object gets polluted", async () => {
    const raw = withLeadingKey("constructor", { prototype: { polluted: "yes" } }, await route.valid());
    const r = await refused(400, "validation", { raw });
    expect(pointers(r)).toContain("/constructor");
    notPolluted();
  });

  it("an empty body → 400", async () => {
    await refused(400, "validation", { raw: "" });
  });

  it("a whitespace-only body → 400", async () => {
    await refused(400, "validation", { raw: " \n\t " });
  });

  it("JSON sent as text/plain → 415", async () => {
    await refused(415, "unsupported_media_type", { body: await route.valid(), contentType: "text/plain" });
  });

  it("a body without Content-Type → 415", async () => {
    // A Buffer, because fetch labels a string body text/plain on its own.
    await refused(415, "unsupported_media_type", { raw: Buffer.from(JSON.stringify(await route.valid())), contentType: null });
  });

  it("a 70 KiB body → 413", async () => {
    const valid = await route.valid();
    await refused(413, "payload_too_large", { body: { ...valid, padding: long(70 * 1024) } });
  });

  it.each([
    ["an array", "[]"],
    ["an array of the right object", "ARRAY"],
    ["a number", "42"],
    ["a string", '"pause"'],
    ["true", "true"],
    ["null", "null"],
  ])("%s instead of an object → 400", async (_, raw) => {
    const text = raw === "ARRAY" ? JSON.stringify([await route.valid()]) : raw;
    const r = await refused(400, "validation", { raw: text });
    expect(pointers(r)).toContain("/");
  });

  it("10 000 levels of nested arrays → 400, not 500", async () => {
    await refused(400, "validation", { raw: "[".repeat(10_000) + "]".repeat(10_000) });
  });

  it("10 000 levels of nested objects → 400, not 500", async () => {
    await refused(400, "validation", { raw: '{"a":'.repeat(10_000) + "1" + "}".repeat(10_000) });
  });
});

interface Streamed {
  status?: number;
  body?: string;
  error?: string;
  /** Bytes handed to the socket before the answer came. */
  sent: number;
}

/**
 * Streams `total` bytes of a JSON-looking body, and stops as soon as an answer comes. With `end: false` the body
 * never ends: only a host that refuses without waiting for the whole body can answer at all.
 */
function streamBody(path: string, token: string, total: number, end: boolean): Promise<Streamed> {
  const url = new URL(`${api.running.url}${path}`);
  return new Promise((resolve) => {
    let sent = 0;
    let answered = false;
    const req = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...(end ? { "content-length": String(total) } : {}) },
    });
    req.on("response", (res) => {
      answered = true;
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, body, sent }));
      res.on("error", (e) => resolve({ status: res.statusCode!, body, error: String(e), sent }));
      req.on("error", () => undefined);
    });
    req.on("error", (e) => {
      // The host may close the connection once it has answered; before an answer, a reset is all we get.
      if (!answered) resolve({ error: (e as NodeJS.ErrnoException).code ?? String(e), sent });
    });
    const chunk = Buffer.from(`{"title":"${"x".repeat(16 * 1024 - 11)}`.slice(0, 16 * 1024));
    const pump = () => {
      while (sent < total && !answered && !req.destroyed) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        if (!req.write(chunk.subarray(0, n))) {
          req.once("drain", pump);
          return;
        }
      }
      if (end && sent >= total && !answered) req.end();
    };
    pump();
  });
}

describe("oversized bodies", () => {
  it("a 5 MiB body → 413 (or the connection is closed on it), nothing written, the api still answers", async () => {
    const before = await goals();
    const r = await streamBody(goalsPath(), mentee, 5 * 1024 * 1024, true);
    if (r.status !== undefined) {
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body!)).toMatchObject({ status: 413, code: "payload_too_large" });
    } else {
      expect(["ECONNRESET", "EPIPE"]).toContain(r.error);
    }
    expect(await goals()).toEqual(before);
    expect((await call("GET", "/health")).status).toBe(200);
  });

  it("the host refuses an endless body with 413 once it passes the limit, without waiting for its end", async () => {
    const r = await streamBody(goalsPath(), mentee, 512 * 1024, false);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(413);
    const problem = JSON.parse(r.body!);
    expect(problem).toMatchObject({ status: 413, code: "payload_too_large", type: expect.any(String), title: expect.any(String) });
    expect(problem.detail).toMatch(/64 KiB/);
  });

  it("a declared Content-Length above the limit → 413 problem+json", async () => {
    const before = await goals();
    const r = await call("POST", goalsPath(), {
      token: mentee,
      headers: { "content-type": "application/json" },
      raw: JSON.stringify({ title: long(66 * 1024) }),
    });
    expectProblem(r, 413, "payload_too_large");
    expect(await goals()).toEqual(before);
  });
});

describe("routes, methods and parameters", () => {
  it("an invalid tandem id in the path → 400 naming the parameter", async () => {
    const r = await call("GET", "/tandems/not-a-uuid", { token: mentee });
    expectProblem(r, 400, "validation");
    expect(r.json.errors).toContainEqual(expect.objectContaining({ parameter: "id", in: "path" }));
    expect(r.json.detail).toContain("id");
  });

  it("an invalid goal id in the path of a write → 400 naming goalId, and nothing changes", async () => {
    const before = await goals();
    const r = await call("PATCH", `${goalsPath()}/42`, {
      token: mentee,
      headers: { "if-match": before[0]!.etag },
      body: { progress: 10 },
    });
    expectProblem(r, 400, "validation");
    expect(r.json.errors).toContainEqual(expect.objectContaining({ parameter: "goalId", in: "path" }));
    expect(await goals()).toEqual(before);
  });

  it("an invalid skill id in the path → 400 naming skillId", async () => {
    const r = await call("PUT", "/skills/Not_A_Skill", {
      token: coordinator,
      headers: { "if-match": "*" },
      body: { label: { fr: "x", en: "x" }, category: "ai", retired: false },
    });
    expectProblem(r, 400, "validation");
    expect(r.json.errors).toContainEqual(expect.objectContaining({ parameter: "skillId", in: "path" }));
  });

  it("an invalid or unknown query parameter → 400 naming it", async () => {
    const bad = await call("GET", "/tandems?scope=everything", { token: mentee });
    expectProblem(bad, 400, "validation");
    expect(bad.json.errors).toContainEqual(expect.objectContaining({ parameter: "scope", in: "query" }));
    const unknown = await call("GET", "/tandems?colour=teal", { token: mentee });
    expectProblem(unknown, 400, "validation");
    expect(unknown.json.errors).toContainEqual(expect.objectContaining({ parameter: "colour", in: "query" }));
  });

  it("a well-formed id that does not exist → 404", async () => {
    const r = await call("GET", "/tandems/00000000-0000-4000-8000-000000000000", { token: mentee });
    expectProblem(r, 404, "not_found");
  });

  it.each(["/nowhere", "/tandems/" + "a".repeat(8) + "/nothing/here", "/me/profile/extra"])(
    "an unknown route %s → 404 problem+json",
    async (path) => {
      const r = await call("GET", path, { token: mentee });
      expectProblem(r, 404, "not_found");
    },
  );

  it("a path outside /api → 404 problem+json", async () => {
    const res = await fetch(new URL("/nowhere", api.running.url));
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({ status: 404, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  });

  it.each([
    ["DELETE", "/me", ["GET"]],
    ["PUT", "/tandems", ["GET", "POST"]],
    ["PUT", "/health", ["GET"]],
    ["PATCH", "/tandems/00000000-0000-4000-8000-000000000000/goals", ["GET", "POST"]],
    ["POST", "/me/profile", ["PUT"]],
  ])("%s %s → 405 with an Allow header", async (method, path, allowed) => {
    const r = await call(method, path, { token: mentee, body: {} });
    expectProblem(r, 405, "method_not_allowed");
    const allow = (r.headers.get("allow") ?? "").split(",").map((m) => m.trim()).sort();
    expect(allow).toEqual([...allowed].sort());
  });

  it("a path parameter with broken percent-encoding → a 4xx problem, not 500", async () => {
    // "%E0%A4%A" is not valid UTF-8 percent-encoding: decodeURIComponent throws on it.
    const res = await fetch(`${api.running.url}/tandems/%E0%A4%A`, { headers: { authorization: `Bearer ${mentee}` } });
    const body = await res.text();
    expect(res.status, body).toBeGreaterThanOrEqual(400);
    expect(res.status, body).toBeLessThan(500);
  });
});
