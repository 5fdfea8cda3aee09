import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import type { z } from "zod";
import { TandemError, type BodyOf, type Endpoint, type FieldProblem, type ParamsOf, type QueryOf, type ResponseOf } from "@tandem/core";
import { problemResponse } from "./problem";
import type { Caller, TokenVerifier } from "./auth";

export interface Route {
  endpoint: Endpoint;
  handler: HttpHandler;
}

export interface RouteInput<E extends Endpoint> {
  caller: E["auth"] extends "user" ? Caller : null;
  params: ParamsOf<E>;
  query: QueryOf<E>;
  body: BodyOf<E>;
  /** The If-Match header, when the endpoint takes one. */
  ifMatch: string | null;
  /** The Idempotency-Key header, when the endpoint takes one. */
  idempotencyKey: string | null;
  request: HttpRequest;
}

/** What an implementation returns: the body, and the version of the single resource it returns. */
export interface Reply<T> {
  body: T;
  etag?: string;
  location?: string;
}

export interface HttpOptions {
  verify: TokenVerifier;
  maxBodyBytes: number;
  log?: (message: string, error: unknown) => void;
}

const issuesToProblems = (issues: z.core.$ZodIssue[], where?: "path" | "query"): FieldProblem[] =>
  issues.map((i) => {
    const path = i.path.map(String);
    const message =
      i.code === "unrecognized_keys" ? `unknown field${i.keys.length > 1 ? "s" : ""}: ${i.keys.join(", ")}` : i.message;
    if (where) return { in: where, pointer: path[0] ?? (i.code === "unrecognized_keys" ? i.keys[0]! : ""), message };
    const pointer = "/" + path.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
    return {
      pointer: i.code === "unrecognized_keys" && i.keys.length === 1 ? `${pointer === "/" ? "" : pointer}/${i.keys[0]}` : pointer,
      message,
    };
  });

function parse<S extends z.ZodType>(schema: S, value: unknown, where?: "path" | "query"): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const problems = issuesToProblems(r.error.issues, where);
    const first = problems[0]!;
    const what = where ? `${where} parameter ${first.pointer}` : first.pointer === "/" ? "the body" : first.pointer;
    throw new TandemError("validation", `Check ${what}: ${first.message}.`, problems);
  }
  return r.data;
}

const ETAG = /^(\*|(W\/)?"[^"\u0000-\u001f]{1,200}")$/;

function readIfMatch(req: HttpRequest, e: Endpoint): string | null {
  if (!e.ifMatch) return null;
  const value = req.headers.get("if-match");
  if (value === null) {
    if (e.ifMatch === "required") {
      throw new TandemError("precondition_required", "Send If-Match with the ETag you last read, so no change is lost.", [
        { in: "header", pointer: "If-Match", message: "required" },
      ]);
    }
    return null;
  }
  if (!ETAG.test(value.trim())) {
    throw new TandemError("validation", "If-Match must be an ETag as this api returned it.", [
      { in: "header", pointer: "If-Match", message: "not an ETag" },
    ]);
  }
  return value.trim();
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._~:-]{8,128}$/;

/** draft-ietf-httpapi-idempotency-key-header: a client-chosen key per logical operation, sent with every retry. */
function readIdempotencyKey(req: HttpRequest, e: Endpoint): string | null {
  if (!e.idempotencyKey) return null;
  const value = req.headers.get("idempotency-key")?.trim();
  if (!value || !IDEMPOTENCY_KEY.test(value)) {
    throw new TandemError(
      "validation",
      "Send an Idempotency-Key header (8 to 128 letters, digits, dashes; a new UUID per booking, the same on retries).",
      [{ in: "header", pointer: "Idempotency-Key", message: value ? "not a valid key" : "required" }],
    );
  }
  return value;
}

async function readBody(req: HttpRequest, maxBytes: number): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/([a-z.+-]*\+)?json\s*(;|$)/i.test(type)) {
    throw new TandemError("unsupported_media_type", "Send the body as JSON, with Content-Type: application/json.");
  }
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await req.text();
  if (Buffer.byteLength(text) > maxBytes) throw tooLarge(maxBytes);
  if (text.trim() === "") throw new TandemError("validation", "The request body is empty: send a JSON object.");
  try {
    return JSON.parse(text);
  } catch {
    throw new TandemError("validation", "The request body is not well-formed JSON.", [{ pointer: "/", message: "malformed JSON" }]);
  }
}

const tooLarge = (max: number) =>
  new TandemError("payload_too_large", `The request body is larger than ${Math.floor(max / 1024)} KiB.`);

/**
 * Wraps an implementation into an Azure Functions handler: checks the caller, parses path, query, headers
 * and body against the endpoint's contract, checks the response against it too, and turns every error into
 * problem+json. Handlers stay thin: parse, call a service, map the result.
 */
export function route<E extends Endpoint>(
  e: E,
  options: HttpOptions,
  impl: (input: RouteInput<E>) => Promise<Reply<ResponseOf<E>>>,
): Route {
  const handler = async (req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const instance = new URL(req.url).pathname;
    try {
      const caller = e.auth === "user" ? await options.verify(req.headers.get("authorization")) : null;
      const params = e.params ? parse(e.params, { ...req.params }, "path") : {};
      const query = e.query ? parse(e.query, Object.fromEntries(req.query.entries()), "query") : {};
      const ifMatch = readIfMatch(req, e);
      const idempotencyKey = readIdempotencyKey(req, e);
      const body = e.body ? parse(e.body, await readBody(req, options.maxBodyBytes)) : undefined;
      const reply = await impl({ caller, params, query, body, ifMatch, idempotencyKey, request: req } as RouteInput<E>);
      const headers: Record<string, string> = { "cache-control": "no-store" };
      if (e.etag && reply.etag) headers.etag = reply.etag;
      if (reply.location) headers.location = reply.location;
      if (e.status === 204) return { status: 204, headers };
      const checked = e.response.safeParse(reply.body);
      if (!checked.success) {
        throw new Error(`Response of ${e.id} breaks its contract: ${checked.error.message}`);
      }
      headers["content-type"] = "application/json; charset=utf-8";
      return { status: e.status, headers, body: JSON.stringify(checked.data) };
    } catch (err) {
      if (!(err instanceof TandemError) || err.code === "internal") {
        (options.log ?? ((m, x) => context.error(m, x)))(`${e.id} failed`, err);
      }
      return problemResponse(err, instance, req.headers.has("authorization"));
    }
  };
  return { endpoint: e, handler };
}
