import type { z } from "zod";
import { ApiError } from "../api/api-client";

/**
 * What is wrong with a field, by its path ("offers.0.skillId"), from a zod result (before sending) or an api
 * problem (after): the kind of problem (zod's issue code; the api names fields, not codes) and the contract's own
 * words, in English. A form chooses what to tell a person by the path and the code, never by the words.
 */
export interface FieldProblem {
  code?: string;
  message: string;
}
export type FieldProblems = Record<string, FieldProblem>;

/** Field name → message. */
export type FieldErrors = Record<string, string>;

export function zodFieldProblems(error: z.ZodError): FieldProblems {
  const out: FieldProblems = {};
  for (const issue of error.issues) out[issue.path.map(String).join(".") || "_"] ??= { code: issue.code, message: issue.message };
  return out;
}

export function apiFieldProblems(error: unknown): FieldProblems {
  if (!(error instanceof ApiError)) return {};
  const out: FieldProblems = {};
  for (const f of error.fields) {
    if (f.pointer) out[f.pointer.replace(/^\//, "").replaceAll("/", ".")] ??= { message: f.detail };
  }
  return out;
}

const messages = (problems: FieldProblems): FieldErrors =>
  Object.fromEntries(Object.entries(problems).map(([field, p]) => [field, p.message]));

export const zodFieldErrors = (error: z.ZodError): FieldErrors => messages(zodFieldProblems(error));

export const apiFieldErrors = (error: unknown): FieldErrors => messages(apiFieldProblems(error));

/** The props that make a Fluent `Field` show its error, or none. */
export const fieldState = (message: string | undefined) =>
  message ? { validationState: "error" as const, validationMessage: message } : {};
