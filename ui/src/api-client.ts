import type { Endpoint, ParamsOf, QueryOf, BodyInputOf, ResponseOf } from "@tandem/core";

/** A problem the api answered (RFC 9457), or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly fields: { pointer?: string; parameter?: string; detail: string }[] = [],
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

export type Call = <E extends Endpoint>(e: E, input?: CallInput<E>) => Promise<Result<ResponseOf<E>>>;

/**
 * Calls the api with the signed-in person's token, typed and checked by the same contracts the api uses.
 * Responses are parsed with the contract: a response that breaks it is an error, not a surprise later.
 */
export function createApiClient(baseUrl: string, getToken: () => Promise<string>): Call {
  return async (e, input = {}) => {
    const path = e.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(String((input.params as Record<string, unknown> | undefined)?.[name] ?? "")),
    );
    const query = new URLSearchParams(
      Object.entries((input.query ?? {}) as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    ).toString();
    const headers: Record<string, string> = {};
    if (e.auth === "user") headers.authorization = `Bearer ${await getToken()}`;
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
      const problem = (await res.json().catch(() => ({}))) as { code?: string; detail?: string; errors?: ApiError["fields"] };
      throw new ApiError(res.status, problem.code ?? "internal", problem.detail ?? res.statusText, problem.errors ?? []);
    }
    const etag = res.headers.get("etag");
    if (res.status === 204) return { data: {} as never, etag };
    const parsed = e.response.safeParse(await res.json());
    if (!parsed.success) throw new ApiError(500, "contract", `The api answered ${e.id} with an unexpected shape.`);
    return { data: parsed.data as never, etag };
  };
}
