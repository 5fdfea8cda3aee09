import type { Api, Endpoint, ParamsOf, QueryOf, BodyInputOf, ResponseOf } from "@tandem/core";
import { routes, type RouteId } from "@tandem/core/client";

/**
 * Why the api could not act on the person's behalf (a 401 after Microsoft Entra refused its on-behalf-of
 * exchange): Entra's error (`consent_required`, `interaction_required`...) and, for a Conditional Access claims
 * challenge, the claims the next token must carry.
 */
export interface SignInChallenge {
  error: string;
  claims: string | null;
}

/** Gives a token for the api; with a challenge, a new one from an interactive sign-in that answers it. */
export type GetToken = (challenge?: SignInChallenge) => Promise<string>;

/** What some 409s add to the problem (ApiProblem in @tandem/core/client): each item with French and English words. */
export interface ProblemParticulars {
  rules?: { menteeId: string | null; mentorId?: string; rule: string; words: { fr: string; en: string } }[];
  changes?: { what: string; ids: string[]; words: { fr: string; en: string } }[];
  /** A booking's 409: the session already holding one of the times asked for. */
  slot?: { sessionId: string; start: string; end: string; inProgress: boolean };
  /** A booking's or a move's 409: the sessions on a member's day off, with who is off. */
  daysOff?: { start: string; personIds: string[] }[];
}

/** A problem the api answered (RFC 9457), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    /** The fields at fault, with the kind of problem (zod's issue code, a size's bound, a format) to word it from. */
    readonly fields: { pointer?: string; parameter?: string; detail: string; code?: string; limit?: number; origin?: string; format?: string }[] = [],
    /** With 401 only: what the person must do to sign in again, as Entra said it. */
    readonly challenge: SignInChallenge | null = null,
    /** A 409's particulars, in words: the hard rules a proposal breaks, what changed since a matching run read its inputs. */
    readonly particulars: ProblemParticulars = {},
  ) {
    super(detail);
    this.name = "ApiError";
  }
  get isConflict() {
    return this.status === 412;
  }
}

export interface CallInput<E extends Endpoint> {
  params?: ParamsOf<E>;
  query?: Partial<QueryOf<E>>;
  body?: BodyInputOf<E>;
  ifMatch?: string;
  /** For endpoints that take one (booking): a retry with the same key books once. */
  idempotencyKey?: string;
}

export interface Result<T> {
  data: T;
  etag: string | null;
}

/** `call("listGoals", { params: { id } })`: one endpoint of the api by its id, typed by its zod contract. */
export type Call = <K extends RouteId>(id: K, input?: CallInput<Api[K]>) => Promise<Result<ResponseOf<Api[K]>>>;

/**
 * Calls the api with the signed-in person's token. Calls and answers are typed by the contracts the api uses,
 * but travel through the plain route table: the api parses every request and checks every answer against its
 * contract before sending it (a broken answer is a 500 there, where it is logged), so the browser does not
 * load and build zod again before its first screen. Forms still validate input with the contracts (ADR 0007).
 */
export function createApiClient(baseUrl: string, getToken: GetToken): Call {
  const once = async (id: RouteId, input: CallInput<Endpoint>, challenge?: SignInChallenge): Promise<Result<never>> => {
    const e = routes[id];
    const path = e.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(String((input.params as Record<string, unknown> | undefined)?.[name] ?? "")),
    );
    const query = new URLSearchParams(
      Object.entries((input.query ?? {}) as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    ).toString();
    const headers: Record<string, string> = {};
    if (e.auth === "user") headers.authorization = `Bearer ${await getToken(challenge)}`;
    if (input.body !== undefined) headers["content-type"] = "application/json";
    if (input.ifMatch) headers["if-match"] = input.ifMatch;
    if (input.idempotencyKey) headers["idempotency-key"] = input.idempotencyKey;
    let res: Response;
    try {
      res = await fetch(`${baseUrl}${path}${query ? `?${query}` : ""}`, {
        method: e.method,
        headers,
        body: input.body === undefined ? undefined : JSON.stringify(input.body),
      });
    } catch {
      throw new ApiError(0, "network", "network");
    }
    if (!res.ok) {
      const problem = (await res.json().catch(() => ({}))) as { code?: string; detail?: string; errors?: ApiError["fields"]; authError?: string; claims?: string } & ProblemParticulars;
      const asked = res.status === 401 && problem.authError ? { error: problem.authError, claims: problem.claims ?? null } : null;
      const particulars = {
        ...(problem.rules ? { rules: problem.rules } : {}),
        ...(problem.changes ? { changes: problem.changes } : {}),
        ...(problem.slot ? { slot: problem.slot } : {}),
        ...(problem.daysOff ? { daysOff: problem.daysOff } : {}),
      };
      throw new ApiError(res.status, problem.code ?? "internal", problem.detail ?? res.statusText, problem.errors ?? [], asked, particulars);
    }
    const etag = res.headers.get("etag");
    if (res.status === 204) return { data: {} as never, etag };
    // An export (CSV) is its text, byte order mark kept: Excel reads it to know the file is UTF-8.
    if (!/json/.test(res.headers.get("content-type") ?? "json")) {
      return { data: new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer()) as never, etag };
    }
    let data: unknown;
    try {
      data = await res.json();
    } catch {
      throw new ApiError(502, "not_json", `The api answered ${id} with something that is not JSON.`);
    }
    return { data: data as never, etag };
  };
  // Entra wants the person to sign in again, consent, or meet a Conditional Access policy: the host asks them
  // (with the claims, if any), then the call is made once more with the new token.
  return async (id, input = {}) => {
    try {
      return await once(id, input as CallInput<Endpoint>);
    } catch (e) {
      if (!(e instanceof ApiError) || !e.challenge) throw e;
      return await once(id, input as CallInput<Endpoint>, e.challenge);
    }
  };
}
