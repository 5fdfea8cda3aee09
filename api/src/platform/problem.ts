import type { HttpResponseInit } from "@azure/functions";
import { TandemError, type ErrorCode, type FieldProblem } from "@tandem/core";

/** The one table from error code to HTTP status. */
export const statusOf: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  illegal_transition: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  precondition_required: 428,
  internal: 500,
  unavailable: 503,
};

const titles: Record<ErrorCode, string> = {
  validation: "The request is not valid",
  unauthenticated: "Sign-in required",
  forbidden: "Not allowed",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict",
  illegal_transition: "Not possible in the current state",
  precondition_failed: "Changed elsewhere",
  payload_too_large: "The request body is too large",
  unsupported_media_type: "Send JSON",
  precondition_required: "If-Match required",
  internal: "Something went wrong on our side",
  unavailable: "Temporarily unavailable",
};

/** RFC 9457 problem details; `type` URIs are stable per code so clients can branch on them. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  instance?: string;
  errors?: ReturnType<typeof fieldError>[];
  rules?: unknown[];
  changes?: unknown[];
  /** 409 of a booking: the session that holds the slot (`inProgress`: its booking is being made right now). */
  slot?: { sessionId: string; start: string; end: string; inProgress: boolean };
  /** 409 of a booking or a move: the sessions that fall on a member's day off (outside their working days), with who. */
  daysOff?: { start: string; personIds: string[] }[];
  /** 401 after an on-behalf-of refusal: Entra's error, for the client to prompt for consent or sign-in. */
  authError?: string;
  /** 401 after a Conditional Access claims challenge: the claims (Entra's JSON) to ask the next token for. */
  claims?: string;
}

export function toProblem(err: unknown, instance?: string): Problem {
  const e =
    err instanceof TandemError ? err : new TandemError("internal", "An unexpected error occurred. Try again later.");
  return {
    type: `https://tandem.invalid/problems/${e.code.replaceAll("_", "-")}`,
    title: titles[e.code],
    status: statusOf[e.code],
    detail: e.message,
    code: e.code,
    ...(instance ? { instance } : {}),
    ...(e.problems.length ? { errors: e.problems.map(fieldError) } : {}),
    ...(e.extensions.rules ? { rules: e.extensions.rules } : {}),
    ...(e.extensions.changes ? { changes: e.extensions.changes } : {}),
    ...(e.extensions.slot ? { slot: e.extensions.slot } : {}),
    ...(e.extensions.daysOff ? { daysOff: e.extensions.daysOff } : {}),
    ...(e.challenge ? { authError: e.challenge.error } : {}),
    ...(e.challenge?.claims ? { claims: e.challenge.claims } : {}),
  };
}

export function problemResponse(err: unknown, instance?: string, tokenSent = true): HttpResponseInit {
  const problem = toProblem(err, instance);
  const headers: Record<string, string> = {
    "content-type": "application/problem+json",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  };
  // RFC 6750 §3.1: no error code when the request carried no token at all. A claims challenge is said the way
  // Microsoft's APIs say it (error="insufficient_claims", the claims base64-encoded), for MSAL clients to act on.
  if (problem.status === 401) {
    headers["www-authenticate"] = problem.claims
      ? `Bearer error="insufficient_claims", claims="${Buffer.from(problem.claims).toString("base64")}"`
      : tokenSent
        ? 'Bearer error="invalid_token"'
        : "Bearer";
  }
  if (problem.status === 503) headers["retry-after"] = "5";
  return { status: problem.status, headers, body: JSON.stringify(problem) };
}

const fieldError = (p: FieldProblem) => {
  const kind = {
    ...(p.code ? { code: p.code } : {}),
    ...(p.limit !== undefined && Number.isFinite(p.limit) ? { limit: p.limit, origin: p.origin } : {}),
    ...(p.format ? { format: p.format } : {}),
  };
  return p.in === "header"
    ? { header: p.pointer, detail: p.message, ...kind }
    : p.in
      ? { parameter: p.pointer, in: p.in, detail: p.message, ...kind }
      : { pointer: p.pointer, detail: p.message, ...kind };
};
