import { randomUUID } from "node:crypto";
import azf from "@azure/functions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TandemError, accessLevels, api as contracts, type Access, type DemoOrganisation, type Endpoint } from "@tandem/core";
import { route, type RouteSpec } from "../src/platform/http";
import { castOf, startTestApi, type Cast, type TestApi } from "../../tests/support/test-api";

/**
 * Access declared once: for each access level the contracts use, route() lets in the callers it names and refuses
 * the others before the handler runs. The handlers here only say that they ran; the token verifier and the gate
 * are those of a running test api (`app.http`), over the seeded demo organisation in Azurite.
 */

let api: TestApi;
let org: DemoOrganisation;
let cast: Cast;

beforeAll(async () => {
  api = await startTestApi();
  org = api.org;
  cast = castOf(org);
});
afterAll(() => api?.close());

interface Call {
  who: string | null;
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls `e` through route() with a handler that only records what it was handed, and answers 409 when it runs. */
async function through(e: Endpoint, call: Call, spec: Partial<RouteSpec<Endpoint, unknown, unknown>> = {}) {
  const handed: unknown[] = [];
  const { handler } = route(e, api.running.app.http, {
    ...spec,
    handle: async (input) => {
      handed.push(input);
      throw new TandemError("illegal_transition", "the handler ran");
    },
  });
  const headers: Record<string, string> = { ...call.headers };
  if (call.who) headers.authorization = `Bearer ${await api.token(call.who)}`;
  if (call.body !== undefined) headers["content-type"] = "application/json";
  const path = e.path.replace(/\{(\w+)\}/g, (_, n: string) => call.params![n]!);
  const response = await handler(
    new azf.HttpRequest({
      method: e.method,
      url: `http://localhost/api${path}?${new URLSearchParams(call.query).toString()}`,
      headers,
      params: call.params ?? {},
      query: call.query ?? {},
      ...(call.body !== undefined ? { body: { string: JSON.stringify(call.body) } } : {}),
    }),
    new azf.InvocationContext({ invocationId: randomUUID(), functionName: e.id }),
  );
  const problem = typeof response.body === "string" ? (JSON.parse(response.body) as { detail: string; code: string }) : undefined;
  return { status: response.status, ran: handed.length === 1, handed: handed[0] as Record<string, unknown> | undefined, problem };
}

const slot = { start: "2099-01-05T10:00:00+01:00", end: "2099-01-05T10:45:00+01:00" };
const booking = (tandemId: string): Omit<Call, "who"> => ({ params: { id: tandemId }, body: slot, headers: { "idempotency-key": "access-test-key" } });

describe("route() lets in whom the contract's access names, and refuses the others before the handler runs", () => {
  it("has a case below for every access level the contracts use", () => {
    const used = new Set((Object.values(contracts) as Endpoint[]).map((e) => e.access));
    expect([...used].sort()).toEqual((Object.keys(accessLevels) as Access[]).sort());
  });

  it("anyone: no token needed (health)", async () => {
    expect(await through(contracts.health, { who: null })).toMatchObject({ status: 409, ran: true });
  });

  it.each([
    ["self", contracts.getMe],
    ["signed-in", contracts.listSkills],
  ] as const)("%s: any signed-in person; no token is a 401, before the handler", async (_, e) => {
    expect(await through(e, { who: null })).toMatchObject({ status: 401, ran: false });
    const r = await through(e, { who: cast.outsider });
    expect(r).toMatchObject({ status: 409, ran: true });
    expect(r.handed).toMatchObject({ caller: { userId: cast.outsider }, access: undefined });
  });

  it("coordinator: a mentor is refused (403) before the handler; a coordinator gets in", async () => {
    const skill = { id: "access-test", label: { fr: "Test", en: "Test" }, category: "software", retired: false };
    expect(await through(contracts.createSkill, { who: cast.mentor, body: skill })).toMatchObject({ status: 403, ran: false });
    expect(await through(contracts.createSkill, { who: cast.coordinator, body: skill })).toMatchObject({ status: 409, ran: true });
  });

  it("coordinator, when the query asks for the whole program: scope=all is refused to a member, scope=mine is not", async () => {
    expect(await through(contracts.listTandems, { who: cast.mentor, query: { scope: "all" } })).toMatchObject({ status: 403, ran: false });
    expect(await through(contracts.listTandems, { who: cast.mentor, query: { scope: "mine" } })).toMatchObject({ status: 409, ran: true });
    expect(await through(contracts.listTandems, { who: cast.coordinator, query: { scope: "all" } })).toMatchObject({ status: 409, ran: true });
  });

  it("manager: a person without reports is refused (403) before the handler; a manager gets in with their reports", async () => {
    const managers = new Set(org.people.map((p) => p.managerId));
    const nobodysManager = org.people.find((p) => !managers.has(p.id))!.id;
    expect(await through(contracts.teamReport, { who: nobodysManager })).toMatchObject({ status: 403, ran: false });
    const r = await through(contracts.teamReport, { who: cast.manager });
    expect(r).toMatchObject({ status: 409, ran: true });
    const access = r.handed!.access as { reports: { id: string }[]; path: string; placed: { path: string; person: { id: string } }[] };
    expect(access.reports.map((p) => p.id)).toContain(cast.mentee);
    // Each report's place in the tree is below the manager's: what their report rows are kept by.
    for (const p of access.placed) expect(p.path.startsWith(`${access.path}|`)).toBe(true);
  });

  it("member: a coordinator is refused (403), an outsider and a manager get the 404 of a tandem that does not exist", async () => {
    const t = cast.tandem.id;
    const coordinator = await through(contracts.bookSession, { who: cast.coordinator, ...booking(t) });
    expect(coordinator).toMatchObject({ status: 403, ran: false });
    const ghost = await through(contracts.bookSession, { who: cast.outsider, ...booking(randomUUID()) });
    expect(ghost).toMatchObject({ status: 404, ran: false });
    for (const who of [cast.outsider, cast.manager]) {
      const r = await through(contracts.bookSession, { who, ...booking(t) });
      expect(r).toMatchObject({ status: 404, ran: false, problem: { code: ghost.problem!.code, detail: ghost.problem!.detail } });
    }
    const mentee = await through(contracts.bookSession, { who: cast.mentee, ...booking(t) });
    expect(mentee).toMatchObject({ status: 409, ran: true });
    expect(mentee.handed!.access).toMatchObject({ relation: "mentee", tandem: { value: { id: t } } });
  });

  it("member-or-coordinator: members and coordinators get in with the tandem read once; an outsider and a manager get 404", async () => {
    const t = cast.tandem.id;
    for (const who of [cast.outsider, cast.manager]) {
      expect(await through(contracts.listGoals, { who, params: { id: t } })).toMatchObject({ status: 404, ran: false });
    }
    for (const [who, relation] of [
      [cast.mentor, "mentor"],
      [cast.coordinator, "coordinator"],
    ] as const) {
      const r = await through(contracts.listGoals, { who, params: { id: t } });
      expect(r).toMatchObject({ status: 409, ran: true });
      expect(r.handed!.access).toMatchObject({ relation, tandem: { value: { id: t, mentorId: cast.mentor } } });
    }
  });

  it("hands what prefetch read to a caller let in only, and a refused caller gets only the refusal", async () => {
    const spec = { prefetch: async () => "read alongside the check" };
    expect(await through(contracts.listGoals, { who: cast.outsider, params: { id: cast.tandem.id } }, spec)).toMatchObject({ status: 404, ran: false });
    const r = await through(contracts.listGoals, { who: cast.mentee, params: { id: cast.tandem.id } }, spec);
    expect(r.handed!.prefetched).toBe("read alongside the check");
  });

  it("a tandem found elsewhere than in the path (the meeting behind an event): refused callers get the same answer as for nothing found", async () => {
    const hidden = () => new TandemError("not_found", "Nothing of the kind here.");
    const locate = (tandemId: string | null) => ({ locate: { tandemOf: async () => (tandemId ? { tandemId } : null), hidden } });
    const query = { eventId: "AAMkAG-an-event" };
    const nothing = await through(contracts.meetingContext, { who: cast.outsider, query }, locate(null));
    expect(nothing).toMatchObject({ status: 404, ran: false, problem: { detail: "Nothing of the kind here." } });
    const notTheirs = await through(contracts.meetingContext, { who: cast.outsider, query }, locate(cast.tandem.id));
    expect(notTheirs).toMatchObject({ status: 404, ran: false, problem: { code: "not_found", detail: nothing.problem!.detail } });
    const member = await through(contracts.meetingContext, { who: cast.mentor, query }, locate(cast.tandem.id));
    expect(member).toMatchObject({ status: 409, ran: true });
    expect(member.handed).toMatchObject({ located: { tandemId: cast.tandem.id }, access: { relation: "mentor" } });
  });

  it("parses the request first: a bad request is a 400 for everyone, whoever they are", async () => {
    const r = await through(contracts.bookSession, { who: cast.outsider, params: { id: cast.tandem.id }, body: { start: "tomorrow" }, headers: { "idempotency-key": "access-test-key" } });
    expect(r).toMatchObject({ status: 400, ran: false });
  });
});
