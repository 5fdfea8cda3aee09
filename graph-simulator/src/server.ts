import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { TokenIdentity } from "./auth";
import type { CalendarSettings, GraphResponse, Simulator, UserRequest } from "./context";
import { GraphError, accessDenied, badRequest, resourceNotFound } from "./errors";
import { findMeetingTimes, getSchedule } from "./features/availability";
import {
  calendarView,
  cancelEvent,
  createEvent,
  created,
  deleteEvent,
  findInstance,
  instances,
  listEvents,
  onlineMeetingProviders,
  respond,
  singleEvent,
  updateEvent,
} from "./features/calendar";
import { usersDelta } from "./features/delta";
import { hasMailbox, type DirectoryUser, type NewUser, type UserPatch } from "./features/directory";
import type { FaultSpec, Faults, RequestLog } from "./features/faults";
import { directoryObject, mailboxSettings, parseTop, user, userFilter } from "./features/users";
import { ianaZone, preferredTimeZone } from "./time";

export interface ServerDeps {
  sim: Simulator;
  verify: (authorization: string | undefined) => Promise<TokenIdentity>;
  faults: Faults;
  requests: RequestLog;
}

interface Incoming {
  method: string;
  /** Path and query after /v1.0, starting with "/". */
  url: string;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  body: unknown;
}

const JSON_TYPE = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_BATCH = 20;

// ---------------------------------------------------------------------------------------------------------------
// One Graph request, over HTTP or inside a $batch.
// ---------------------------------------------------------------------------------------------------------------

async function execute(deps: ServerDeps, req: Incoming, identity: TokenIdentity | null, inBatch: boolean): Promise<GraphResponse> {
  const url = new URL(req.url, "http://simulator");
  const path = url.pathname;
  try {
    const who = identity ?? (await deps.verify(req.headers.authorization));
    const fault = deps.faults.take(req.method, path);
    if (fault && !fault.afterEffect) throw fault.error;
    let caller: DirectoryUser | null = null;
    if (who.kind === "user") {
      caller = deps.sim.dir.find(who.userId) ?? null;
      if (!caller) throw resourceNotFound(who.userId);
    }
    const prefer = preferredTimeZone(req.headers.prefer);
    if (prefer) ianaZone(prefer);
    const response = await route(deps, { ...req, url: url.pathname + url.search }, caller, prefer ?? "UTC", who, inBatch);
    if (prefer && response.status < 300) response.headers = { ...response.headers, "Preference-Applied": `outlook.timezone="${prefer}"` };
    if (fault) throw fault.error;
    return response;
  } catch (e) {
    return errorResponse(e, req.headers["client-request-id"]);
  }
}

function errorResponse(e: unknown, clientRequestId: string | undefined): GraphResponse {
  const error = e instanceof GraphError ? e : new GraphError(500, "generalException", "An unspecified error has occurred.");
  if (!(e instanceof GraphError)) console.error("Graph simulator:", e);
  const requestId = randomUUID();
  return {
    status: error.status,
    headers: error.headers,
    body: {
      error: {
        code: error.code,
        message: error.message,
        innerError: {
          date: new Date().toISOString().slice(0, 19),
          "request-id": requestId,
          "client-request-id": clientRequestId ?? requestId,
        },
      },
    },
  };
}

const segmentNotFound = (segment: string) => new GraphError(400, "BadRequest", `Resource not found for the segment '${segment}'.`);
const methodNotAllowed = () => new GraphError(405, "Request_BadRequest", "Specified HTTP method is not allowed for the request target.");
const mailboxNotEnabled = () =>
  new GraphError(404, "MailboxNotEnabledForRESTAPI", "The mailbox is either inactive, soft-deleted, or is hosted on-premise.");

/** Application permissions that read users: any of them lets an app-only token list and read the directory. */
const DIRECTORY_READ = new Set(["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"]);

function requireDirectoryRead(who: TokenIdentity) {
  if (who.kind === "app" && !who.roles.some((r) => DIRECTORY_READ.has(r))) {
    throw new GraphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
  }
}

/**
 * An app-only token reaches any mailbox's calendar (events and calendarView) with the application permission
 * Calendars.ReadWrite, or reads it with Calendars.Read: Tandem's orphan sweep cancels meetings this way. Nothing else
 * of a mailbox (mailbox settings, findMeetingTimes, getSchedule) is open to an app here.
 */
function requireCalendarApp(who: TokenIdentity, method: string, rest: string[]) {
  const head = rest[0]?.toLowerCase() === "calendar" ? rest[1]?.toLowerCase() : rest[0]?.toLowerCase();
  const calendarItems = head === "events" || head === "calendarview";
  const roles = who.kind === "app" ? who.roles : [];
  const allowed = roles.includes("Calendars.ReadWrite") || (method === "GET" && roles.includes("Calendars.Read"));
  if (!calendarItems || !allowed) throw accessDenied();
}

const DELTA_SEGMENTS = new Set(["delta", "delta()", "microsoft.graph.delta", "microsoft.graph.delta()"]);

async function route(
  deps: ServerDeps,
  req: Incoming,
  caller: DirectoryUser | null,
  zone: string,
  who: TokenIdentity,
  inBatch: boolean,
): Promise<GraphResponse> {
  const { sim } = deps;
  const url = new URL(req.url, "http://simulator");
  const segments = url.pathname
    .split("/")
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  const head = segments[0]?.toLowerCase();

  if (head === "$batch" && segments.length === 1) {
    if (req.method !== "POST") throw methodNotAllowed();
    if (inBatch) throw badRequest("A $batch can't contain another $batch.", "BadRequest");
    return batch(deps, req, who);
  }
  if (head === "users" && segments.length === 1) {
    if (req.method !== "GET") throw methodNotAllowed();
    requireDirectoryRead(who);
    return listUsers(sim, url.searchParams);
  }
  if (head === "users" && segments.length === 2 && DELTA_SEGMENTS.has(segments[1]!.toLowerCase())) {
    requireDirectoryRead(who);
    return usersDelta(sim, req.method, url.searchParams, req.headers.prefer);
  }
  let rest: string[];
  let id: string | null;
  if (head === "me") {
    if (!caller) throw new GraphError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
    id = null;
    rest = segments.slice(1);
  } else if (head === "users" && segments.length >= 2) {
    id = segments[1]!;
    rest = segments.slice(2);
  } else {
    throw segmentNotFound(segments[0] ?? "");
  }
  const directoryRoute = rest.length === 0 || is(rest, "manager") || is(rest, "directreports");
  if (directoryRoute) requireDirectoryRead(who);
  else if (!caller) requireCalendarApp(who, req.method, rest);
  const target = id === null ? caller! : sim.dir.find(id);
  if (!target) throw resourceNotFound(id!);
  return userRoute(sim, { method: req.method, rest, query: url.searchParams, body: req.body, caller, target, zone });
}

interface DirectoryRequest {
  method: string;
  rest: string[];
  query: URLSearchParams;
  body: unknown;
  /** The signed-in user; null for an app-only token. */
  caller: DirectoryUser | null;
  target: DirectoryUser;
  zone: string;
}

function listUsers(sim: Simulator, query: URLSearchParams): GraphResponse {
  const keep = userFilter(query.get("$filter"));
  const top = parseTop(query.get("$top"), 100, 999);
  const token = query.get("$skiptoken");
  const skip = token ? Number(Buffer.from(token, "base64url").toString()) : 0;
  if (!Number.isInteger(skip) || skip < 0) throw badRequest("The $skiptoken is not valid.", "Request_BadRequest");
  const select = query.get("$select");
  const matching = query.get("$filter") ? sim.dir.people.filter(keep) : sim.dir.people;
  const body: Record<string, unknown> = {
    "@odata.context": `${sim.baseUrl()}/$metadata#users${select ? `(${select})` : ""}`,
    value: matching.slice(skip, skip + top).map((p) => user(sim.dir, p, select)),
  };
  if (skip + top < matching.length) {
    const next = new URLSearchParams(query);
    next.set("$skiptoken", Buffer.from(String(skip + top)).toString("base64url"));
    body["@odata.nextLink"] = `${sim.baseUrl()}/users?${next.toString().replaceAll("%24", "$")}`;
  }
  return { status: 200, body };
}

const is = (rest: string[], ...names: (string | null)[]) =>
  rest.length === names.length && names.every((n, i) => n === null || n === rest[i]!.toLowerCase());

function userRoute(sim: Simulator, d: DirectoryRequest): GraphResponse {
  const { method } = d;
  // /calendar/events and /calendar/calendarView are the default calendar's: the same as /events and /calendarView.
  const rest =
    d.rest[0]?.toLowerCase() === "calendar" && ["events", "calendarview"].includes(d.rest[1]?.toLowerCase() ?? "")
      ? d.rest.slice(1)
      : d.rest;
  const only = (m: string) => {
    if (method !== m) throw methodNotAllowed();
  };
  const base = sim.baseUrl();

  if (rest.length === 0) {
    only("GET");
    return { status: 200, body: { "@odata.context": `${base}/$metadata#users/$entity`, ...user(sim.dir, d.target, d.query.get("$select")) } };
  }
  if (is(rest, "manager")) {
    only("GET");
    const manager = sim.dir.managerOf(d.target);
    if (!manager) throw resourceNotFound("manager");
    return { status: 200, body: { "@odata.context": `${base}/$metadata#directoryObjects/$entity`, ...directoryObject(sim.dir, manager, d.query.get("$select")) } };
  }
  if (is(rest, "directreports")) {
    only("GET");
    return {
      status: 200,
      body: {
        "@odata.context": `${base}/$metadata#directoryObjects`,
        value: sim.dir.reportsOf(d.target).map((p) => directoryObject(sim.dir, p, d.query.get("$select"))),
      },
    };
  }

  // Delegated permissions reach the signed-in user's own mailbox only; an app-only token got here through
  // requireCalendarApp.
  if (d.caller && d.target.id !== d.caller.id) throw accessDenied();
  if (!hasMailbox(d.target)) throw mailboxNotEnabled();
  const req: UserRequest = { method, rest, query: d.query, body: d.body, user: d.target, zone: d.zone };
  const context = `${base}/$metadata#users('${req.user.id}')`;

  if (is(rest, "mailboxsettings")) {
    only("GET");
    return { status: 200, body: { "@odata.context": `${context}/mailboxSettings`, ...mailboxSettings(sim.dir, req.user) } };
  }
  if (is(rest, "mailboxsettings", null)) {
    only("GET");
    const settings = mailboxSettings(sim.dir, req.user) as Record<string, unknown>;
    const name = Object.keys(settings).find((k) => k.toLowerCase() === rest[1]!.toLowerCase());
    if (!name) throw segmentNotFound(rest[1]!);
    const value = settings[name];
    const body = typeof value === "object" && value !== null ? value : { value };
    return { status: 200, body: { "@odata.context": `${context}/mailboxSettings/${name}`, ...body } };
  }
  if (is(rest, "calendar")) {
    only("GET");
    return {
      status: 200,
      body: {
        "@odata.context": `${context}/calendar/$entity`,
        id: `AAMkAGCalendar${Buffer.from(req.user.id).toString("base64url").slice(0, 32)}`,
        name: "Calendar",
        color: "auto",
        hexColor: "",
        isDefaultCalendar: true,
        canShare: true,
        canViewPrivateItems: true,
        canEdit: true,
        allowedOnlineMeetingProviders: onlineMeetingProviders(sim, req.user),
        defaultOnlineMeetingProvider: onlineMeetingProviders(sim, req.user).includes("teamsForBusiness") ? "teamsForBusiness" : "unknown",
        isTallyingResponses: true,
        isRemovable: false,
        owner: { name: req.user.displayName, address: req.user.mail },
      },
    };
  }
  if (is(rest, "events")) {
    if (method === "GET") return { status: 200, body: listEvents(sim, req) };
    only("POST");
    const { event } = createEvent(sim, req.user, req.body);
    return created(sim, req, event);
  }
  if (is(rest, "events", null)) {
    const id = rest[1]!;
    if (method === "GET") return { status: 200, body: singleEvent(sim, req, findInstance(sim, req.user, id)) };
    if (method === "PATCH") return { status: 200, body: singleEvent(sim, req, updateEvent(sim, req.user, id, req.body)) };
    if (method === "DELETE") {
      deleteEvent(sim, req.user, id);
      return { status: 204 };
    }
    throw methodNotAllowed();
  }
  if (is(rest, "events", null, "instances")) {
    only("GET");
    return { status: 200, body: instances(sim, req, rest[1]!) };
  }
  if (is(rest, "events", null, null)) {
    const action = rest[2]!.toLowerCase();
    only("POST");
    if (action === "cancel") cancelEvent(sim, req.user, rest[1]!);
    else if (action === "accept") respond(sim, req.user, rest[1]!, "accept");
    else if (action === "tentativelyaccept") respond(sim, req.user, rest[1]!, "tentativelyAccept");
    else if (action === "decline") respond(sim, req.user, rest[1]!, "decline");
    else throw segmentNotFound(rest[2]!);
    return { status: 202 };
  }
  if (is(rest, "calendarview")) {
    only("GET");
    return { status: 200, body: calendarView(sim, req) };
  }
  if (is(rest, "calendar", "getschedule")) {
    only("POST");
    return { status: 200, body: getSchedule(sim, req) };
  }
  if (is(rest, "findmeetingtimes")) {
    only("POST");
    return { status: 200, body: findMeetingTimes(sim, req) };
  }
  throw segmentNotFound(rest.at(-1)!);
}

// ---------------------------------------------------------------------------------------------------------------
// JSON batching (https://learn.microsoft.com/graph/json-batching).
// ---------------------------------------------------------------------------------------------------------------

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

/** A batch request's url as a path after /v1.0. */
function relativeOf(url: string): string {
  const relative = url.replace(/^https?:\/\/[^/]+\/v1\.0/i, "");
  return relative.startsWith("/") ? relative : `/${relative}`;
}

/** Outlook's resources of a user: what a mailbox serves, and what its concurrency limit counts. */
const MAILBOX_SEGMENTS = new Set(["events", "calendar", "calendars", "calendarview", "calendargroups", "mailboxsettings", "findmeetingtimes", "messages", "mailfolders"]);

/** The mailbox a batch request reaches (`/me/...` the caller's, `/users/{id}/...` that user's), or null. */
function mailboxOf(url: string, who: TokenIdentity): string | null {
  const segments = new URL(relativeOf(url), "http://simulator").pathname.split("/").filter(Boolean).map((s) => decodeURIComponent(s).toLowerCase());
  if (segments[0] === "me" && MAILBOX_SEGMENTS.has(segments[1] ?? "")) return who.kind === "user" ? who.userId.toLowerCase() : null;
  if (segments[0] === "users" && segments[1] && MAILBOX_SEGMENTS.has(segments[2] ?? "")) return segments[1];
  return null;
}

async function batch(deps: ServerDeps, req: Incoming, who: TokenIdentity): Promise<GraphResponse> {
  const requests = (req.body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) throw badRequest("The batch needs a non-empty 'requests' collection.", "BadRequest");
  if (requests.length > MAX_BATCH) throw badRequest(`A batch holds at most ${MAX_BATCH} requests.`, "BadRequest");
  const items = requests as BatchItem[];
  const ids = new Map<string, BatchItem>();
  for (const r of items) {
    if (!r || typeof r.id !== "string" || !r.id || typeof r.method !== "string" || typeof r.url !== "string") {
      throw badRequest("Every request of a batch needs an id, a method and a url.", "BadRequest");
    }
    if (ids.has(r.id.toLowerCase())) throw badRequest(`The batch has two requests with id '${r.id}'.`, "BadRequest");
    ids.set(r.id.toLowerCase(), r);
  }
  for (const r of items) {
    for (const d of r.dependsOn ?? []) {
      if (!ids.has(String(d).toLowerCase())) throw badRequest(`Request '${r.id}' depends on '${d}', which is not in the batch.`, "BadRequest");
    }
  }

  // dependsOn decides the order; requests without it keep theirs.
  const order: BatchItem[] = [];
  const state = new Map<BatchItem, "visiting" | "done">();
  const visit = (r: BatchItem) => {
    if (state.get(r) === "done") return;
    if (state.get(r) === "visiting") throw badRequest("The dependsOn of the batch's requests form a cycle.", "BadRequest");
    state.set(r, "visiting");
    for (const d of r.dependsOn ?? []) visit(ids.get(String(d).toLowerCase())!);
    state.set(r, "done");
    order.push(r);
  };
  items.forEach(visit);

  // Requests run at once unless dependsOn orders them: a request runs in the round after its last dependency.
  // Outlook runs at most `mailboxConcurrency` of one round against one mailbox; the others answer 429.
  const round = new Map<BatchItem, number>();
  for (const r of order) round.set(r, Math.max(-1, ...(r.dependsOn ?? []).map((d) => round.get(ids.get(String(d).toLowerCase())!)!)) + 1);
  const running = new Map<string, number>();
  const limit = deps.sim.limits.mailboxConcurrency;

  const statuses = new Map<string, number>();
  const responses: { id: string; status: number; headers: Record<string, string>; body?: unknown }[] = [];
  for (const r of order) {
    const failed = (r.dependsOn ?? []).find((d) => (statuses.get(String(d).toLowerCase()) ?? 0) >= 400);
    const mailbox = mailboxOf(r.url, who);
    const slot = mailbox ? `${round.get(r)}|${mailbox}` : null;
    let response: GraphResponse;
    if (failed !== undefined) {
      response = errorResponse(new GraphError(424, "FailedDependency", `The request depends on '${failed}', which failed.`), undefined);
    } else if (slot && limit > 0 && (running.get(slot) ?? 0) >= limit) {
      deps.requests.record(r.method, new URL(relativeOf(r.url), "http://simulator").pathname, true);
      const retryAfter = String(deps.sim.limits.mailboxConcurrencyRetryAfterSeconds);
      response = errorResponse(
        new GraphError(429, "ApplicationThrottled", "Application is over its MailboxConcurrency limit.", { "Retry-After": retryAfter }),
        undefined,
      );
    } else {
      if (slot) running.set(slot, (running.get(slot) ?? 0) + 1);
      const headers = Object.fromEntries(Object.entries(r.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
      const url = relativeOf(r.url);
      deps.requests.record(r.method, new URL(url, "http://simulator").pathname, true);
      if (r.body !== undefined && !headers["content-type"]) {
        response = errorResponse(badRequest("A request of a batch with a body needs a Content-Type header.", "BadRequest"), undefined);
      } else {
        response = await execute(
          deps,
          { method: r.method.toUpperCase(), url, headers, body: r.body },
          who,
          true,
        );
      }
    }
    statuses.set(r.id.toLowerCase(), response.status);
    responses.push({
      id: r.id,
      status: response.status,
      headers: { ...(response.body !== undefined ? { "Content-Type": "application/json" } : {}), ...response.headers },
      ...(response.body !== undefined ? { body: response.body } : {}),
    });
  }
  return { status: 200, body: { responses } };
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP.
// ---------------------------------------------------------------------------------------------------------------

const CONTROL_CODES: Record<number, string> = { 400: "BadRequest", 403: "Forbidden", 404: "NotFound", 409: "Conflict" };
const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

function readRaw(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new GraphError(413, "RequestEntityTooLarge", "The request body is too large."));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, response: GraphResponse, extra: Record<string, string> = {}) {
  const headers: Record<string, string> = { ...extra, ...response.headers };
  let payload: string | undefined;
  if (response.body !== undefined) {
    payload = JSON.stringify(response.body);
    headers["Content-Type"] = JSON_TYPE;
  }
  res.writeHead(response.status, headers);
  res.end(payload);
}

function cors(req: IncomingMessage): Record<string, string> {
  return {
    "Access-Control-Allow-Origin": req.headers.origin ?? "*",
    "Access-Control-Allow-Methods": "GET, POST, PATCH, PUT, DELETE, OPTIONS",
    "Access-Control-Allow-Headers":
      "Authorization, Content-Type, Prefer, client-request-id, ConsistencyLevel, SdkVersion, Retry-Attempt, If-Match",
    "Access-Control-Expose-Headers": "Retry-After, request-id, client-request-id, Preference-Applied, Location",
    Vary: "Origin",
  };
}

async function control(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, url: URL) {
  const path = url.pathname;
  const fail = (status: number, message: string) =>
    send(res, { status, body: { error: { code: CONTROL_CODES[status] ?? "BadRequest", message } } }, cors(req));
  if (!LOOPBACK.has(req.socket.remoteAddress ?? "")) return fail(403, "The simulator's controls answer loopback callers only.");
  if (path === "/_simulator/faults") {
    if (req.method === "GET") return send(res, { status: 200, body: { value: deps.faults.list() } }, cors(req));
    if (req.method === "DELETE") {
      deps.faults.clear();
      return send(res, { status: 204 }, cors(req));
    }
    if (req.method === "POST") {
      try {
        const spec = JSON.parse(await readRaw(req)) as FaultSpec;
        if (typeof spec.pathPattern !== "string") return fail(400, "pathPattern must be a string (a regular expression).");
        return send(res, { status: 201, body: deps.faults.inject(spec) }, cors(req));
      } catch (e) {
        return fail(400, (e as Error).message);
      }
    }
  }
  const calendar = /^\/_simulator\/calendars\/([^/]+)$/.exec(path);
  if (calendar && req.method === "PUT") {
    try {
      const body = asObject(await readJson(req)) as Partial<CalendarSettings>;
      setCalendar(deps.sim, decodeURIComponent(calendar[1]!), body.allowedOnlineMeetingProviders ? { allowedOnlineMeetingProviders: body.allowedOnlineMeetingProviders } : null);
      return send(res, { status: 204 }, cors(req));
    } catch (e) {
      if (e instanceof GraphError) return send(res, { status: e.status, body: { error: { code: e.code, message: e.message } } }, cors(req));
      throw e;
    }
  }
  if (path === "/_simulator/requests") {
    if (req.method === "GET") return send(res, { status: 200, body: deps.requests.snapshot() }, cors(req));
    if (req.method === "DELETE") {
      deps.requests.reset();
      return send(res, { status: 204 }, cors(req));
    }
  }
  if (path === "/_simulator/directory" || path.startsWith("/_simulator/directory/")) {
    try {
      const answer = await directoryControl(deps.sim, req.method ?? "GET", path.slice("/_simulator/directory".length), url, () => readJson(req));
      if (answer) return send(res, answer, cors(req));
    } catch (e) {
      if (e instanceof GraphError) return send(res, { status: e.status, body: { error: { code: e.code, message: e.message } } }, cors(req));
      throw e;
    }
  }
  return fail(404, `No simulator control at ${req.method} ${path}.`);
}

const PROVIDER_NAMES = new Set(["unknown", "skypeForBusiness", "skypeForConsumer", "teamsForBusiness"]);

/** A mailbox's calendar settings (null: back to the default, Teams allowed). */
export function setCalendar(sim: Simulator, userId: string, settings: CalendarSettings | null): void {
  const user = sim.dir.find(userId);
  if (!user) throw new GraphError(404, "NotFound", `No user '${userId}' in the simulated directory.`);
  if (settings === null) {
    sim.calendarSettings.delete(user.id.toLowerCase());
    return;
  }
  const providers = settings.allowedOnlineMeetingProviders;
  if (!Array.isArray(providers) || !providers.every((p) => PROVIDER_NAMES.has(p))) {
    throw new GraphError(400, "BadRequest", `allowedOnlineMeetingProviders is a list of ${[...PROVIDER_NAMES].join(", ")}.`);
  }
  sim.calendarSettings.set(user.id.toLowerCase(), { allowedOnlineMeetingProviders: [...providers] });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readRaw(req);
  if (!raw.trim()) return {};
  try {
    return JSON.parse(raw);
  } catch {
    throw new GraphError(400, "BadRequest", "The body is not JSON.");
  }
}

const asObject = (body: unknown): Record<string, unknown> => {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new GraphError(400, "BadRequest", "The body must be a JSON object.");
  return body as Record<string, unknown>;
};

/**
 * The directory's controls (ADR 0005): hire, change, remove and restore users, expire delta tokens. The same as the
 * GraphSimulator's methods, for browser tests and `npm start`.
 */
async function directoryControl(
  sim: Simulator,
  method: string,
  path: string,
  url: URL,
  body: () => Promise<unknown>,
): Promise<GraphResponse | undefined> {
  const dir = sim.dir;
  const segments = path.split("/").filter(Boolean).map((s) => decodeURIComponent(s));
  if (segments.length === 0 && method === "GET") {
    return { status: 200, body: { version: dir.version, generation: dir.generation, users: dir.people.length } };
  }
  if (segments[0] === "expire-delta-tokens" && segments.length === 1 && method === "POST") {
    const reset = asObject(await body()).reset === true;
    dir.expireDeltaTokens({ reset });
    return { status: 200, body: { generation: dir.generation, answer: reset ? 410 : 400 } };
  }
  if (segments[0] !== "users") return undefined;
  if (segments.length === 1 && method === "POST") return { status: 201, body: dir.add(asObject(await body()) as NewUser) };
  const id = segments[1];
  if (!id) return undefined;
  if (segments.length === 2 && method === "GET") {
    const u = dir.find(id);
    if (!u) throw new GraphError(404, "NotFound", `No user '${id}' in the simulated directory.`);
    return { status: 200, body: u };
  }
  if (segments.length === 2 && method === "PATCH") return { status: 200, body: dir.update(id, asObject(await body()) as UserPatch) };
  if (segments.length === 2 && method === "DELETE") {
    const permanent = url.searchParams.get("permanent") === "true";
    return { status: 200, body: { ...dir.remove(id, { permanent }), version: dir.version } };
  }
  if (segments.length === 3 && segments[2] === "restore" && method === "POST") return { status: 200, body: dir.restore(id) };
  return undefined;
}

async function handle(deps: ServerDeps, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", "http://simulator");
  const method = (req.method ?? "GET").toUpperCase();
  if (method === "OPTIONS") return send(res, { status: 204 }, cors(req));
  if (url.pathname.startsWith("/_simulator/")) return control(deps, req, res, url);
  if (!/^\/v1\.0(\/|$)/i.test(url.pathname)) {
    return send(res, errorResponse(segmentNotFound(url.pathname.split("/")[1] ?? ""), undefined), cors(req));
  }
  const path = url.pathname.slice("/v1.0".length) || "/";
  deps.requests.record(method, path);
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(", ") : v;
  const clientRequestId = headers["client-request-id"] ?? randomUUID();
  let response: GraphResponse;
  try {
    const raw = method === "GET" || method === "DELETE" ? "" : await readRaw(req);
    let body: unknown;
    if (raw.trim()) {
      try {
        body = JSON.parse(raw);
      } catch {
        throw new GraphError(
          400,
          "BadRequest",
          "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
        );
      }
    }
    response = await execute(deps, { method, url: path + url.search, headers, body }, null, false);
  } catch (e) {
    response = errorResponse(e, clientRequestId);
  }
  send(res, response, { ...cors(req), "request-id": randomUUID(), "client-request-id": clientRequestId, "OData-Version": "4.0" });
}

export function startServer(deps: ServerDeps, port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    handle(deps, req, res).catch((e) => {
      console.error("Graph simulator:", e);
      if (!res.headersSent) send(res, errorResponse(e, undefined));
      else res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server);
    });
  });
}
