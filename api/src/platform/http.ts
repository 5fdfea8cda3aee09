import type { HttpHandler, HttpRequest, HttpResponseInit, InvocationContext } from "@azure/functions";
import type { z } from "zod";
import {
  TandemError,
  isTandemAccess,
  type Access,
  type BodyOf,
  type Endpoint,
  type FieldProblem,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
} from "@tandem/core";
import { problemResponse } from "./problem";
import type { Caller, TokenVerifier } from "./auth";
import type { Gate, Grant, Reads } from "./access";

export interface Route {
  endpoint: Endpoint;
  handler: HttpHandler;
}

/** A request as its contract reads it. */
export interface Parsed<E extends Endpoint> {
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

export interface RouteInput<E extends Endpoint, P = undefined, L = undefined> extends Parsed<E> {
  /** What the access check read to let the caller in: the tandem and their relation to it, or a manager's reports. */
  access: Grant<E["access"]>;
  /** What `prefetch` read while access was being decided. */
  prefetched: P;
  /** What `locate` found. */
  located: L;
}

export type Handler<E extends Endpoint, P = undefined, L = undefined> = (input: RouteInput<E, P, L>) => Promise<Reply<ResponseOf<E>>>;

export interface RouteSpec<E extends Endpoint, P, L> {
  /**
   * Reads that need no permission to start, run alongside the access check to save a round trip. Their result
   * reaches the handler only once the caller is let in; a refused caller gets the refusal and nothing else.
   */
  prefetch?: (reads: Reads, input: Parsed<E>) => Promise<P>;
  /** For a tandem level when the path names no tandem: where the request's tandem is (the meeting behind an event). */
  locate?: {
    tandemOf(input: Parsed<E>): Promise<(L & { tandemId: string }) | null>;
    /** What both "there is none" and "not yours" answer, so that a refused caller learns no more than an unknown one. */
    hidden(): TandemError;
  };
  handle: Handler<E, P, L>;
}

/** What an implementation returns: the body, and the version of the single resource it returns. */
export interface Reply<T> {
  body: T;
  etag?: string;
  location?: string;
  /** A document to save (CSV): the name a browser saves it under. */
  filename?: string;
}

export interface HttpOptions {
  verify: TokenVerifier;
  /** Who may call what: the contracts' `access`, decided before any handler runs. */
  gate: Gate;
  maxBodyBytes: number;
  log?: (message: string, error: unknown) => void;
}

const issuesToProblems = (issues: z.core.$ZodIssue[], where?: "path" | "query"): FieldProblem[] =>
  issues.map((i) => {
    const path = i.path.map(String);
    const message =
      i.code === "unrecognized_keys" ? `unknown field${i.keys.length > 1 ? "s" : ""}: ${i.keys.join(", ")}` : i.message;
    // What kind of problem, for clients to word it in the person's language (the message stays English).
    const kind = { code: i.code, ...limitOf(i) };
    if (where) return { in: where, pointer: path[0] ?? (i.code === "unrecognized_keys" ? i.keys[0]! : ""), message, ...kind };
    const pointer = "/" + path.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/");
    return {
      pointer: i.code === "unrecognized_keys" && i.keys.length === 1 ? `${pointer === "/" ? "" : pointer}/${i.keys[0]}` : pointer,
      message,
      ...kind,
    };
  });

/** A size issue's bound and what it bounds (a string's length, a number, a list's items), or a format's name. */
const limitOf = (i: z.core.$ZodIssue): Pick<FieldProblem, "limit" | "origin" | "format"> =>
  i.code === "too_small"
    ? { limit: Number(i.minimum), origin: i.origin }
    : i.code === "too_big"
      ? { limit: Number(i.maximum), origin: i.origin }
      : i.code === "invalid_format"
        ? { format: i.format }
        : {};

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

/** RFC 9110 §8.8.3, one entity-tag (or `*`): a list of several is not a version this api compares. */
const ETAG = /^(\*|(W\/)?"[^"\u0000-\u001f\u007f]{1,200}")$/;
const ISSUED_ETAG = /^W\/"[^"]+"$/;

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
  const etag = value.trim();
  if (!ETAG.test(etag)) {
    throw new TandemError("validation", "If-Match must be an ETag as this api returned it.", [
      { in: "header", pointer: "If-Match", message: "not an ETag" },
    ]);
  }
  // Every version Tandem hands out is a storage ETag, and storage's are weak (`W/"datetime'…'"`). Anything else
  // names no version that ever existed: stale by definition, so 412 here, before a service or storage sees it
  // (storage answered such values 400, which read as an outage).
  if (etag !== "*" && !ISSUED_ETAG.test(etag)) {
    throw new TandemError("precondition_failed", "This If-Match is not an ETag Tandem issued: read the item again and send the ETag it carries.", [
      { in: "header", pointer: "If-Match", message: "not an ETag this api issued" },
    ]);
  }
  return etag;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._~:-]{8,128}$/;

/** draft-ietf-httpapi-idempotency-key-header: a client-chosen key per logical operation, sent with every retry. */
function readIdempotencyKey(req: HttpRequest, e: Endpoint): string | null {
  if (!e.idempotencyKey) return null;
  const value = req.headers.get("idempotency-key")?.trim();
  if (!value && e.idempotencyKey === "optional") return null;
  if (!value || !IDEMPOTENCY_KEY.test(value)) {
    throw new TandemError(
      "validation",
      "Send an Idempotency-Key header (8 to 128 letters, digits, dashes; a new UUID per request, the same on retries).",
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

/** The access level this request asks for: the endpoint's, or more for a query that asks for more. */
function levelOf(e: Endpoint, query: Record<string, unknown>): Access {
  return e.accessWhen && query[e.accessWhen.query] === e.accessWhen.is ? e.accessWhen.access : e.access;
}

/**
 * Wraps an implementation into an Azure Functions handler: checks the caller's token, parses path, query, headers
 * and body against the endpoint's contract, lets in only who its `access` names, checks the response against the
 * contract too, and turns every error into problem+json. Handlers stay thin: call a service, map the result.
 */
export function route<E extends Endpoint>(e: E, options: HttpOptions, impl: Handler<E>): Route;
export function route<E extends Endpoint, P = undefined, L = undefined>(e: E, options: HttpOptions, spec: RouteSpec<E, P, L>): Route;
export function route<E extends Endpoint, P, L>(e: E, options: HttpOptions, implOrSpec: Handler<E, P, L> | RouteSpec<E, P, L>): Route {
  const spec: RouteSpec<E, P, L> = typeof implOrSpec === "function" ? { handle: implOrSpec } : implOrSpec;
  if (isTandemAccess(e.access) && !spec.locate && !(e.params && "id" in (e.params as unknown as { shape: object }).shape)) {
    throw new Error(`${e.id} is open to "${e.access}" but its path names no tandem ({id}) and its route does not locate one.`);
  }
  const handler = async (req: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> => {
    const instance = new URL(req.url).pathname;
    try {
      const caller = e.auth === "user" ? await options.verify(req.headers.get("authorization")) : null;
      const params = e.params ? parse(e.params, { ...req.params }, "path") : {};
      const query = e.query ? parse(e.query, Object.fromEntries(req.query.entries()), "query") : {};
      const ifMatch = readIfMatch(req, e);
      const idempotencyKey = readIdempotencyKey(req, e);
      const body = e.body ? parse(e.body, await readBody(req, options.maxBodyBytes)) : undefined;
      const parsed = { caller, params, query, body, ifMatch, idempotencyKey, request: req } as Parsed<E>;

      const level = levelOf(e, query as Record<string, unknown>);
      const prefetching = spec.prefetch?.(options.gate.reads, parsed);
      // A refused caller must not leave a prefetch failing unobserved.
      prefetching?.catch(() => undefined);
      let located: (L & { tandemId: string }) | null | undefined;
      let access: unknown;
      if (spec.locate) {
        located = await spec.locate.tandemOf(parsed);
        if (!located) throw spec.locate.hidden();
        access = await options.gate.check(level, caller, located.tandemId).catch((err: unknown) => {
          throw err instanceof TandemError && err.code === "not_found" ? spec.locate!.hidden() : err;
        });
      } else {
        access = await options.gate.check(level, caller, (params as { id?: string }).id);
      }
      const prefetched = (await prefetching) as P;
      const reply = await spec.handle({ ...parsed, access, prefetched, located } as RouteInput<E, P, L>);
      // nosniff: a browser never reads an answer as anything but its declared type (a JSON string as HTML, say).
      const headers: Record<string, string> = { "cache-control": "no-store", "x-content-type-options": "nosniff" };
      if (e.etag && reply.etag) headers.etag = reply.etag;
      if (reply.location) headers.location = reply.location;
      if (e.status === 204) return { status: 204, headers };
      if (e.produces === "text/csv") {
        if (typeof reply.body !== "string") throw new Error(`Response of ${e.id} breaks its contract: a CSV document is text`);
        headers["content-type"] = "text/csv; charset=utf-8";
        headers["content-disposition"] = `attachment; filename="${reply.filename ?? `${e.id}.csv`}"`;
        return { status: e.status, headers, body: reply.body };
      }
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
