import type { Api } from "./contracts/api";
import type { BodyInputOf, HttpMethod, ParamsOf, QueryOf, ResponseOf } from "./contracts/endpoint";
import { routes, type RouteId } from "./contracts/routes";

/**
 * What the browser apps need before their first screen, without zod: the api's route table and plain constants,
 * and the typed client that calls the api through that table. The zod contracts (`@tandem/core`) load with the
 * forms that validate input, after the first screen; here they only lend their types.
 */
export { routes, type Route, type RouteId } from "./contracts/routes";
export { trainingModules } from "./domain/training-modules";
export * from "./domain/session-times";

export interface CallInput<K extends RouteId> {
  params?: ParamsOf<Api[K]>;
  query?: Partial<QueryOf<Api[K]>>;
  body?: BodyInputOf<Api[K]>;
  ifMatch?: string;
  /** For endpoints that take one (booking): a retry with the same key books once. */
  idempotencyKey?: string;
}

/** RFC 9457 problem details, as the api answers every error. */
export interface ApiProblem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  /** What is wrong with the request, field by field: a body's JSON pointer, a parameter or a header. */
  errors?: { pointer?: string; parameter?: string; in?: string; header?: string; detail: string; code?: string; limit?: number; origin?: string; format?: string }[];
  /**
   * 409 of a hand-made proposal: each hard rule a pair breaks, in words (BrokenRule); `mentor_full` (a proposal, an
   * acceptance or a publication that found no place left) names the mentor and no mentee.
   */
  rules?: { menteeId: string | null; mentorId?: string; rule: string; words: { fr: string; en: string } }[];
  /** 409 of a publish: what changed since the run read its inputs (RunInputChange). */
  changes?: { what: string; ids: string[]; words: { fr: string; en: string } }[];
  /** 409 of a booking: the session that holds the slot (`inProgress`: its booking is being made right now). */
  slot?: { sessionId: string; start: string; end: string; inProgress: boolean };
  /** 409 of a booking or a move without `allowDaysOff`: the sessions on a member's day off, with who is off. */
  daysOff?: { start: string; personIds: string[] }[];
}

/** The api's answer to one call: the typed body of a success, or the problem it answered. */
export type Answer<K extends RouteId> = { status: number; headers: Headers; etag: string | null } & (
  | { ok: true; data: ResponseOf<Api[K]>; problem?: undefined }
  | { ok: false; data?: undefined; problem: ApiProblem }
);

export type ApiCall = <K extends RouteId>(id: K, input?: CallInput<K>) => Promise<Answer<K>>;

/** What one call sends: the route's method and path with its parameters filled in, the query, headers and body. */
export function requestOf<K extends RouteId>(
  id: K,
  input: CallInput<K> = {},
  token?: string | null,
): { method: HttpMethod; path: string; headers: Record<string, string>; body?: string } {
  const route = routes[id];
  const params = (input.params ?? {}) as Record<string, unknown>;
  const query = new URLSearchParams(
    Object.entries((input.query ?? {}) as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  ).toString();
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (input.body !== undefined) headers["content-type"] = "application/json";
  if (input.ifMatch) headers["if-match"] = input.ifMatch;
  if (input.idempotencyKey) headers["idempotency-key"] = input.idempotencyKey;
  return {
    method: route.method,
    path: route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name] ?? ""))) + (query ? `?${query}` : ""),
    headers,
    ...(input.body !== undefined ? { body: JSON.stringify(input.body) } : {}),
  };
}

/**
 * Calls the api at `baseUrl`, with the token `token()` gives for the routes that need one. Calls and answers are
 * typed by the contracts the api uses; the api itself parses every request and checks every answer against them.
 */
export function apiClient(baseUrl: string, token: () => string | null | Promise<string | null>): ApiCall {
  return async (id, input = {}) => {
    const r = requestOf(id, input, routes[id].auth === "user" ? await token() : null);
    const res = await fetch(`${baseUrl}${r.path}`, { method: r.method, headers: r.headers, ...(r.body !== undefined ? { body: r.body } : {}) });
    const text = await res.text();
    // An export (CSV) is its text; everything else is JSON.
    const document = res.ok && !/json/.test(res.headers.get("content-type") ?? "json");
    const json: unknown = document ? text : text ? JSON.parse(text) : res.ok ? {} : { status: res.status, title: res.statusText, detail: res.statusText, code: "internal" };
    const answer = { status: res.status, headers: res.headers, etag: res.headers.get("etag") };
    return res.ok ? { ...answer, ok: true, data: json as never } : { ...answer, ok: false, problem: json as ApiProblem };
  };
}
