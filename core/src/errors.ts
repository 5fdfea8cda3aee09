/**
 * The one error type of Tandem. Domain rules, services and adapters throw it; the api maps `code` to an HTTP
 * status in a single table and renders RFC 9457 problem details.
 */
export const errorCodes = [
  "validation",
  "unauthenticated",
  "forbidden",
  "not_found",
  "conflict",
  "illegal_transition",
  "precondition_failed",
  "precondition_required",
  "payload_too_large",
  "unsupported_media_type",
  "method_not_allowed",
  "unavailable",
  "internal",
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface FieldProblem {
  /** A JSON pointer into the request body; with `in`, the name of a path or query parameter or a header. */
  pointer: string;
  message: string;
  in?: "path" | "query" | "header";
  /** The kind of problem (zod's issue code, "custom" for a rule of ours), for clients to word it themselves. */
  code?: string;
  /** A size problem's bound: a string's length, a number, a list's items (`origin`). */
  limit?: number;
  origin?: string;
  /** A format problem's format ("url", "date", "email"...). */
  format?: string;
}

/**
 * Why Microsoft Entra would not give the api a token on the person's behalf (on-behalf-of), and what the client
 * needs to ask for a new sign-in: Entra's error (`consent_required`, `interaction_required`, `login_required`,
 * `invalid_grant`) and, for a Conditional Access claims challenge, the claims to request (Entra's JSON, as given).
 */
export interface SignInChallenge {
  error: string;
  claims: string | null;
}

export class TandemError extends Error {
  readonly code: ErrorCode;
  readonly problems: FieldProblem[];
  /** Members the problem details carry besides the standard ones (RFC 9457 extensions): the rules a pair breaks. */
  readonly extensions: {
    rules?: unknown[];
    changes?: unknown[];
    slot?: { sessionId: string; start: string; end: string; inProgress: boolean };
    /** A booking's or a move's sessions that fall on a member's day off, each with who is off. */
    daysOff?: { start: string; personIds: string[] }[];
  };
  /** With "unauthenticated" only: the sign-in the client must get again. */
  readonly challenge: SignInChallenge | null;

  constructor(
    code: ErrorCode,
    message: string,
    problems: FieldProblem[] = [],
    extensions: TandemError["extensions"] & { challenge?: SignInChallenge } = {},
  ) {
    super(message);
    this.name = "TandemError";
    this.code = code;
    this.problems = problems;
    const { challenge, ...rest } = extensions;
    this.extensions = rest;
    this.challenge = challenge ?? null;
  }
}

export const isTandemError = (e: unknown): e is TandemError => e instanceof TandemError;

export const notFound = (what: string) => new TandemError("not_found", `${what} was not found.`);
export const forbidden = (why: string) => new TandemError("forbidden", why);
export const invalid = (pointer: string, message: string) =>
  new TandemError("validation", message, [{ pointer, message }]);
