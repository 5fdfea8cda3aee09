import { api, type Endpoint } from "@tandem/core";
import { ApiError, type Call, type CallInput, type Result } from "../src/api/api-client";

/**
 * A thin fake of the api client for the component tests of the tab and the add-in: it records every call with
 * its options (Idempotency-Key, If-Match), answers from handlers keyed by endpoint id, and holds both sides to
 * the contract: the request as the api would parse it, the answer as the api would check it before sending.
 * Real HTTP is covered by the api and browser tests.
 */
type Answer = unknown | { data: unknown; etag?: string | null };
export type Handler = (input: CallInput<Endpoint>) => Answer | Promise<Answer>;
export type EndpointId = keyof typeof api;
export interface Recorded {
  id: EndpointId;
  input: CallInput<Endpoint>;
}
export interface FakeApi {
  call: Call;
  calls: Recorded[];
  /** Replaces or adds a handler. */
  on(id: EndpointId, handler: Handler): void;
  callsTo(id: EndpointId): Recorded[];
}

const isReply = (a: unknown): a is { data: unknown; etag?: string | null } =>
  typeof a === "object" && a !== null && "data" in a && Object.keys(a).every((k) => k === "data" || k === "etag");

export function fakeApi(handlers: Partial<Record<EndpointId, Handler>> = {}): FakeApi {
  const table = new Map<string, Handler>(Object.entries(handlers) as [string, Handler][]);
  const calls: Recorded[] = [];
  const call = (async (id: EndpointId, input: CallInput<Endpoint> = {}) => {
    const e: Endpoint = api[id];
    calls.push({ id, input });
    const handler = table.get(id);
    if (!handler) throw new Error(`the fake api has no answer for ${id}`);
    for (const [part, schema] of [
      ["body", e.body],
      ["query", e.query],
    ] as const) {
      if (!schema) continue;
      // A query travels in the URL: the api parses its values as the strings they become.
      const sent =
        part === "query"
          ? Object.fromEntries(Object.entries((input.query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]))
          : input[part];
      const parsed = schema.safeParse(sent);
      if (!parsed.success) {
        throw new ApiError(
          400,
          "validation",
          `The request ${part} is not valid`,
          parsed.error.issues.map((i) => ({ pointer: `/${i.path.join("/")}`, detail: i.message })),
        );
      }
    }
    if (e.idempotencyKey === "required" && !input.idempotencyKey) throw new ApiError(400, "validation", "Idempotency-Key required");
    if (e.ifMatch === "required" && !input.ifMatch) throw new ApiError(428, "precondition_required", "If-Match required");
    const answer = await handler(input);
    const { data, etag } = isReply(answer) ? answer : { data: answer, etag: undefined };
    if (e.status === 204) return { data: {}, etag: null } satisfies Result<unknown>;
    const checked = e.response.parse(data);
    return { data: checked, etag: etag ?? (checked as { etag?: string }).etag ?? null } satisfies Result<unknown>;
  }) as Call;
  return {
    call,
    calls,
    on: (id, handler) => void table.set(id, handler),
    callsTo: (id) => calls.filter((c) => c.id === id),
  };
}
