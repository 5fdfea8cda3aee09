import type { z } from "zod";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

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
  /** Exists in local mode only (development identity). */
  localOnly?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  /** 202: accepted, the work goes on (a job); its progress is at `location`. */
  status: 200 | 201 | 202 | 204;
  /** The single resource returned carries an ETag header. */
  etag?: boolean;
  /** Error statuses beyond those that follow from the endpoint's shape (documented in OpenAPI). */
  errors?: readonly (404 | 409)[];
  /** The write takes an Idempotency-Key header: a retry with the same key does the work once. */
  idempotencyKey?: "required";
  /** Whether the write needs the ETag it was based on. */
  ifMatch?: "required" | "optional";
}

export const endpoint = <
  P extends z.ZodType,
  Q extends z.ZodType,
  B extends z.ZodType,
  R extends z.ZodType,
  const A extends "user" | "none",
>(
  e: Endpoint<P, Q, B, R, A>,
) => e;

export type ParamsOf<E> = E extends Endpoint<infer P, z.ZodType, z.ZodType, z.ZodType> ? z.output<P> : never;
export type QueryOf<E> = E extends Endpoint<z.ZodType, infer Q, z.ZodType, z.ZodType> ? z.output<Q> : never;
export type BodyOf<E> = E extends Endpoint<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.output<B> : never;
export type BodyInputOf<E> = E extends Endpoint<z.ZodType, z.ZodType, infer B, z.ZodType> ? z.input<B> : never;
export type ResponseOf<E> = E extends Endpoint<z.ZodType, z.ZodType, z.ZodType, infer R> ? z.output<R> : never;
