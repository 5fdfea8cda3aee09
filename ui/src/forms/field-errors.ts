import type { z } from "zod";
import { ApiError } from "../api/api-client";
import type { Vars } from "../i18n/i18n";

/**
 * What is wrong with a field, by its path ("offers.0.skillId"), from a zod result (before sending) or an api
 * problem (after): the kind of problem (zod's issue code, which the api passes on), a size's bound or a format,
 * and the contract's own words, in English, for developers. A form tells a person what is wrong from the path and
 * the kind, in their language (`fieldMessage`), never with those English words.
 */
export interface FieldProblem {
  code?: string;
  message: string;
  /** A size problem's bound, and what it bounds: "string" (its length), "number", "array"... */
  limit?: number;
  origin?: string;
  /** A format problem's format: "url", "date", "email"... */
  format?: string;
}
export type FieldProblems = Record<string, FieldProblem>;

/** Field name → message. */
export type FieldErrors = Record<string, string>;

export function zodFieldProblems(error: z.ZodError): FieldProblems {
  const out: FieldProblems = {};
  for (const issue of error.issues) {
    const bound = issue.code === "too_small" ? issue.minimum : issue.code === "too_big" ? issue.maximum : undefined;
    out[issue.path.map(String).join(".") || "_"] ??= {
      code: issue.code,
      message: issue.message,
      ...(bound !== undefined ? { limit: Number(bound), origin: (issue as { origin?: string }).origin } : {}),
      ...(issue.code === "invalid_format" ? { format: issue.format } : {}),
    };
  }
  return out;
}

export function apiFieldProblems(error: unknown): FieldProblems {
  if (!(error instanceof ApiError)) return {};
  const out: FieldProblems = {};
  for (const f of error.fields) {
    if (!f.pointer) continue;
    const { detail, code, limit, origin, format } = f;
    out[f.pointer.replace(/^\//, "").replaceAll("/", ".")] ??= {
      message: detail,
      ...(code ? { code } : {}),
      ...(limit !== undefined ? { limit, origin } : {}),
      ...(format ? { format } : {}),
    };
  }
  return out;
}

/** The words every form shares for what can be wrong with a field (in ../i18n/messages.ts). */
export type FieldMessageKey =
  | "field.required"
  | "field.tooShort"
  | "field.tooLong"
  | "field.tooLow"
  | "field.tooHigh"
  | "field.tooFew"
  | "field.tooMany"
  | "field.tooEarly"
  | "field.tooLate"
  | "field.url"
  | "field.date"
  | "field.email"
  | "field.number"
  | "field.choose"
  | "field.duplicate"
  | "field.invalid";

export type FieldWords = (key: FieldMessageKey, vars?: Vars) => string;

const formats: Record<string, FieldMessageKey> = { url: "field.url", email: "field.email", date: "field.date", datetime: "field.date" };

/** Which shared message tells this problem, from its kind alone. */
export function fieldMessageKey(p: FieldProblem): { key: FieldMessageKey; vars?: Vars } {
  const limit = p.limit ?? 0;
  switch (p.code) {
    case "too_small":
      if (p.origin === "number" || p.origin === "bigint") return { key: "field.tooLow", vars: { limit } };
      if (p.origin === "date") return { key: "field.tooEarly" };
      if (p.origin === "array" || p.origin === "set") return limit <= 1 ? { key: "field.choose" } : { key: "field.tooFew", vars: { count: limit } };
      return limit <= 1 ? { key: "field.required" } : { key: "field.tooShort", vars: { count: limit } };
    case "too_big":
      if (p.origin === "number" || p.origin === "bigint") return { key: "field.tooHigh", vars: { limit } };
      if (p.origin === "date") return { key: "field.tooLate" };
      if (p.origin === "array" || p.origin === "set") return { key: "field.tooMany", vars: { count: limit } };
      return { key: "field.tooLong", vars: { count: limit } };
    case "invalid_format":
      return { key: formats[p.format ?? ""] ?? "field.invalid" };
    case "invalid_type":
      // Nothing given at all is the usual case: a field left empty.
      if (/received (undefined|null)/.test(p.message)) return { key: "field.required" };
      return { key: /expected number/.test(p.message) ? "field.number" : "field.invalid" };
    case "duplicate":
      return { key: "field.duplicate" };
    case "invalid_value":
    case "invalid_union":
      return { key: "field.choose" };
    default:
      return { key: "field.invalid" };
  }
}

/** A field's problem in the person's words. */
export function fieldMessage(p: FieldProblem, t: FieldWords): string {
  const { key, vars } = fieldMessageKey(p);
  return t(key, vars);
}

const messages = (problems: FieldProblems, t: FieldWords): FieldErrors =>
  Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, fieldMessage(p, t)]));

/** Each field's problem in the person's words, from the contract checked before sending. */
export const zodFieldErrors = (error: z.ZodError, t: FieldWords): FieldErrors => messages(zodFieldProblems(error), t);

/** Each field's problem in the person's words, from the api's answer. */
export const apiFieldErrors = (error: unknown, t: FieldWords): FieldErrors => messages(apiFieldProblems(error), t);

/** The props that make a Fluent `Field` show its error, or none. */
export const fieldState = (message: string | undefined) =>
  message ? { validationState: "error" as const, validationMessage: message } : {};
