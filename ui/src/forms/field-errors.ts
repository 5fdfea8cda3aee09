import type { z } from "zod";
import { ApiError } from "../api/api-client";

/** Field name → message, from a zod result (before sending) or an api problem (after). */
export type FieldErrors = Record<string, string>;

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}

export function apiFieldErrors(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const out: FieldErrors = {};
  for (const f of error.fields) {
    if (f.pointer) out[f.pointer.replace(/^\//, "").replaceAll("/", ".")] ??= f.detail;
  }
  return out;
}

/** The props that make a Fluent `Field` show its error, or none. */
export const fieldState = (message: string | undefined) =>
  message ? { validationState: "error" as const, validationMessage: message } : {};
