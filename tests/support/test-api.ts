import { randomBytes, randomUUID } from "node:crypto";
import { expect, inject } from "vitest";
import type { Clock, DemoOrganisation, DemoTandem } from "@tandem/core";
import { apiClient, type Answer, type ApiCall, type RouteId } from "@tandem/core/client";
import { runApi, type RunningApi } from "../../api/src/main";
import { seedDemo } from "../../api/src/features/dev/seed";
import { freePort } from "../../scripts/lib/azurite";
import { startGraphSimulator, type GraphSimulator, type GraphSimulatorOptions } from "@tandem/graph-simulator";
import { copyTemplate, seedNeutral, templateFits, testConfig } from "./seed-template";

export interface Reply {
  status: number;
  headers: Headers;
  /** Parsed JSON (or problem+json), undefined when there is no body; the text of anything else (CSV). */
  json: any;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, instead of JSON.stringify(body). */
  raw?: string | Buffer;
  headers?: Record<string, string>;
}

/** The Graph simulator the api talks to, and Graph calls straight to it (as someone changing Outlook would). */
export interface TestGraph {
  sim: GraphSimulator;
  /** A Graph call as a persona, with their development token; paths are relative to /v1.0. */
  call(personaId: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
}

/** A demo persona's id, or anyone in any tenant. */
export type Who = string | { tenantId: string; userId: string; coordinator?: boolean; displayName?: string };

export interface TestApi {
  url: string;
  running: RunningApi;
  org: DemoOrganisation;
  /** With `graph: true` only. */
  graph?: TestGraph;
  /** A raw HTTP call, for what a typed client cannot send: malformed requests, foreign headers. */
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  /** A development token for a demo persona, or for anyone in any tenant (tenant isolation tests). */
  token(who: Who): Promise<string>;
  /** The typed api client (core/src/client.ts) signed in as a demo persona, or as anyone in any tenant; tokens are kept. */
  as(who: Who): ApiCall;
  /** The typed api client with no token. */
  anonymous: ApiCall;
  close(): Promise<void>;
}

/**
 * Starts the real api on a free port against the shared Azurite, with tables of its own, seeded with the demo
 * organisation. Everything goes over HTTP.
 */
export async function startTestApi(
  options: {
    env?: Record<string, string>;
    clock?: Clock;
    seed?: boolean;
    corsOrigins?: string[];
    /**
     * Every test api talks to a Graph simulator in-process (same clock), whose directory it syncs when seeded;
     * `graph: true` also exposes it to the test (`api.graph`) to call or fault it.
     */
    graph?: boolean;
    /** Options of that simulator (a smaller page of the directory's delta, for instance). */
    simulator?: Partial<GraphSimulatorOptions>;
  } = {},
): Promise<TestApi> {
  const prefix = `t${randomBytes(6).toString("hex")}`;
  // The simulator trusts the api's development issuer, whose keys exist once the api runs: its port comes first.
  const graphPort = await freePort();
  const connectionString = inject("azuriteConnectionString");
  const config = testConfig(connectionString, prefix, graphPort, options.env);
  const errors: string[] = [];
  const running = await runApi(config, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
    log: (line) => {
      if (line.includes("failed")) errors.push(line);
    },
  });
  const org = running.app.demo!;
  const simulator = await startGraphSimulator({
    port: graphPort,
    organisation: org,
    jwks: running.app.devIssuer!.jwks(),
    ...(options.clock ? { clock: options.clock } : {}),
    ...options.simulator,
  });
  const sim = options.graph ? simulator : undefined;
  const template = inject("seedTemplate");
  // The run's template when this api would seed the very same rows; a seed of its own otherwise.
  const same = !options.clock && !options.simulator && !options.graph && seedNeutral(options.env);
  if (options.seed !== false && template && same && templateFits(template, org)) {
    await copyTemplate(
      { ...template, connectionString },
      { connectionString: options.env?.STORAGE_CONNECTION_STRING ?? connectionString, prefix, graphOrigin: new URL(simulator.url).origin },
    );
  } else if (options.seed !== false) {
    await seedDemo(running.app, org, options.clock ? new Date(options.clock.now()) : undefined);
    // The organisation reaches Tandem as in a real tenant: the simulator serves it, the directory sync reads it.
    const synced = await running.app.directorySync.sync(org.tenantId, "start");
    if (synced?.status !== "done") throw new Error(`the directory sync did not finish: ${JSON.stringify(synced)}`);
  }

  const call = async (method: string, path: string, o: CallOptions = {}): Promise<Reply> => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: string | Buffer | undefined;
    if (o.raw !== undefined) body = o.raw;
    else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers["content-type"] ??= "application/json";
    }
    const res = await fetch(`${running.url}${path}`, { method, headers, body: body as BodyInit | undefined });
    // As bytes: fetch's text() would drop a byte order mark, which CSV exports carry on purpose.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    const json = /json/.test(res.headers.get("content-type") ?? "json") ? (text ? JSON.parse(text) : undefined) : text;
    return { status: res.status, headers: res.headers, json };
  };

  const tokenOf = async (personaId: string) => {
    const r = await call("POST", "/dev/token", { body: { personaId } });
    if (r.status !== 200) throw new Error(`no token for ${personaId}: ${JSON.stringify(r.json)}`);
    return r.json.token as string;
  };
  const graph: TestGraph | undefined = sim && {
    sim,
    async call(personaId, method, path, body, headers = {}) {
      const h: Record<string, string> = { ...headers, authorization: `Bearer ${await tokenOf(personaId)}` };
      if (body !== undefined) h["content-type"] ??= "application/json";
      const res = await fetch(`${sim.url}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
    },
  };

  const token = async (who: Who) => {
    if (typeof who === "string") return tokenOf(who);
    const signed = await running.app.devIssuer!.sign({
      tenantId: who.tenantId,
      userId: who.userId,
      displayName: who.displayName ?? "Someone Else",
      username: "someone@else.example",
      coordinator: who.coordinator ?? false,
    });
    return signed.token;
  };
  const kept = new Map<string, Promise<string>>();
  const as = (who: Who): ApiCall =>
    apiClient(running.url, () => {
      const key = JSON.stringify(who);
      let t = kept.get(key);
      if (!t) kept.set(key, (t = token(who)));
      return t;
    });

  return {
    url: running.url,
    running,
    org,
    ...(graph ? { graph } : {}),
    call,
    token,
    as,
    anonymous: apiClient(running.url, () => null),
    async close() {
      await running.close();
      await simulator.stop();
    },
  };
}

/** People of the demo organisation by the part they play around one tandem. */
export interface Cast {
  tandem: DemoTandem;
  mentor: string;
  mentee: string;
  /** In the program, not in this tandem, not a coordinator, not the mentee's manager. */
  outsider: string;
  /** The mentee's manager: sees aggregates, never the tandem. */
  manager: string;
  coordinator: string;
}

export function castOf(org: DemoOrganisation, predicate: (t: DemoTandem) => boolean = (t) => t.status === "active" && t.kind === "tandem"): Cast {
  const people = new Map(org.people.map((p) => [p.id, p]));
  for (const tandem of org.tandems.filter(predicate)) {
    const mentee = tandem.menteeIds[0]!;
    const manager = people.get(mentee)?.managerId;
    const members = [tandem.mentorId, ...tandem.menteeIds];
    if (!manager || members.includes(manager) || people.get(manager)?.coordinator) continue;
    const coordinator = org.people.find((p) => p.coordinator && !members.includes(p.id))?.id;
    const outsider = org.people.find(
      (p) => p.profile && !p.coordinator && !members.includes(p.id) && p.id !== manager,
    )?.id;
    if (coordinator && outsider) return { tandem, mentor: tandem.mentorId, mentee, outsider, manager, coordinator };
  }
  throw new Error("the demo organisation has no tandem fit for this cast");
}

export const anotherTenant = () => ({ tenantId: randomUUID(), userId: randomUUID() });

/** The data of a successful answer, typed by its contract; a failed one fails the test with the api's problem. */
export function ok<K extends RouteId>(answer: Answer<K>): Extract<Answer<K>, { ok: true }>["data"] {
  expect(answer.ok, `${answer.status}: ${JSON.stringify(answer.problem)}`).toBe(true);
  return answer.data!;
}

/** The ids of a list's items. */
export const idsOf = (list: { items: { id: string }[] }) => list.items.map((i) => i.id);

/** Where a 400 says the request is wrong: the body's JSON pointers, or the parameters and headers named. */
export const pointersOf = (answer: { problem?: { errors?: { pointer?: string; parameter?: string; header?: string }[] } }) =>
  (answer.problem?.errors ?? []).map((e) => e.pointer ?? e.parameter ?? e.header);

let cyclesOpened = 0;
/**
 * A cycle after the demo's own have ended, and after every cycle an earlier call gave: a mentee in an open tandem of
 * a cycle that overlaps another is matched for it, so each test's cycle starts with everyone free.
 */
export function laterCycle(): { startsOn: string; endsOn: string } {
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const start = 400 + 200 * cyclesOpened++;
  return { startsOn: day(start), endsOn: day(start + 180) };
}

/**
 * Follows a publication (202, written by a job: ADR 0010) on its run until it is published, and answers the run's
 * publication then; fails the test with its error if its job stopped.
 */
export async function untilPublished(call: ApiCall, runId: string) {
  for (let i = 0; i < 1200; i++) {
    const pub = ok(await call("getMatchingRun", { params: { runId } })).publication;
    if (pub?.error) throw new Error(`the publication stopped: ${pub.error}`);
    if (pub?.publishedAt) return pub;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the publication did not finish");
}
