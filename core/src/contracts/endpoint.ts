import type { z } from "zod";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Who may call an endpoint: declared once in its contract, enforced by the api's `route()` before any service runs
 * (after the request is parsed, so a bad request is a 400 for everyone), and shown in the OpenAPI document.
 */
export const accessLevels = {
  anyone: "no token needed",
  "signed-in": "any signed-in person of the tenant",
  self: "any signed-in person, on their own things only",
  member: "the mentor and mentees of the tandem; a coordinator gets 403, anyone else 404",
  "member-or-coordinator": "the members of the tandem and the coordinators; anyone else 404, as for a tandem that does not exist",
  coordinator: "program coordinators (the Entra app role Coordinator); anyone else 403",
  manager: "managers: people with reports in the directory; anyone else 403",
} as const;
export type Access = keyof typeof accessLevels;
/** The levels about one tandem: the api reads the tandem once to decide, and hands it to the service. */
export const tandemAccess = ["member", "member-or-coordinator"] as const satisfies readonly Access[];
export const isTandemAccess = (a: Access): a is (typeof tandemAccess)[number] => (tandemAccess as readonly Access[]).includes(a);

/**
 * One endpoint of the api, described once: the api parses requests and checks responses with it, the
 * OpenAPI document is generated from it, and the tab and the add-in type their calls with it.
 */
export interface Endpoint<
  P extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
  A extends "user" | "none" = "user" | "none",
  X extends Access = Access,
> {
  /** Unique, also the Azure Functions function name and the OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** Below `/api`, with `{name}` parameters as Azure Functions routes write them. */
  path: string;
  summary: string;
  tag: string;
  /** "user": a validated bearer token is required. */
  auth: A;
  /** Who may call it ("anyone" exactly when no token is needed). */
  access: X;
  /** A query parameter value that asks for more than `access`: `?scope=all`, the whole program, is the coordinators'. */
  accessWhen?: { query: string; is: string; access: "coordinator" };
  /** Exists in local mode only (development identity). */
  localOnly?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /**
   * What the success answer is: JSON by default, checked against `response`; or a CSV document (an export), whose
   * `response` is a string and whose content the contract's sibling JSON endpoint describes.
   */
  produces?: "text/csv";
  /** 202: accepted, the work goes on (a job); its progress is at `location`. */
  status: 200 | 201 | 202 | 204;
  /** The single resource returned carries an ETag header. */
  etag?: boolean;
  /** Error statuses beyond those that follow from the endpoint's shape (documented in OpenAPI). */
  errors?: readonly (404 | 409)[];
  /**
   * The write takes an Idempotency-Key header: a retry with the same key does the work once. "optional": a create
   * that works without one too (a retry may then create twice).
   */
  idempotencyKey?: "required" | "optional";
  /** Whether the write needs the ETag it was based on. */
  ifMatch?: "required" | "optional";
}

export const endpoint = <
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
  const A extends "user" | "none",
  const X extends Access,
>(
  e: Endpoint<P, Q, B, R, A, X> & { access: A extends "none" ? "anyone" : Exclude<Access, "anyone"> },
) => e;

export type ParamsOf<E> = E extends Endpoint<infer P, z.ZodType, z.ZodType, z.ZodType> ? z.output<P> : never;
export type QueryOf<E> = E extends Endpoint<z.ZodType, infer Q, z.ZodType, z.ZodType> ? z.output<Q> : never;
export type BodyOf<E> = E extends Endpoint<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.output<B> : never;
export type BodyInputOf<E> = E extends Endpoint<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.input<B> : never;
export type ResponseOf<E> = E extends Endpoint<z.ZodType, z.ZodType, z.ZodType, infer R> ? z.output<R> : never;
