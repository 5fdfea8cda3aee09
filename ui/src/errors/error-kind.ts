import { ApiError } from "../api/api-client";

/** What went wrong, as a person would tell it; each front end words these with its own `error.<kind>` messages. */
export type ErrorKind =
  | "network"
  | "conflict"
  | "unauthenticated"
  | "consent"
  | "forbidden"
  | "notFound"
  | "fields"
  | "notNow"
  | "clash"
  | "tooLarge"
  | "unavailable"
  | "unknown";

export function errorKind(error: unknown): { kind: ErrorKind; detail?: string } {
  if (!(error instanceof ApiError)) return { kind: "unknown" };
  switch (error.status) {
    case 0:
      return { kind: "network" };
    case 412:
      return { kind: "conflict" };
    case 401:
      // Still refused after the host's sign-in: consent only an admin can give (Tandem reaches Outlook on the
      // person's behalf), or a sign-in that did not take.
      return { kind: error.challenge?.error === "consent_required" ? "consent" : "unauthenticated" };
    case 403:
      return { kind: "forbidden" };
    case 404:
      return { kind: "notFound" };
    case 400:
    case 422:
      // The api's detail is English, for developers: the form tells each field's problem next to it, in the
      // person's words; the notice only says to look there.
      return { kind: "fields" };
    // The api's detail is English, for developers, here too: a call site that knows what a 409 means words it
    // itself (ErrorWords, or the problem's particulars); anything else gets one of ours in the person's language.
    case 409:
      return { kind: error.code === "illegal_transition" ? "notNow" : "clash" };
    case 413:
      return { kind: "tooLarge" };
    case 502:
    case 503:
    case 504:
      return { kind: "unavailable" };
    default:
      return { kind: "unknown" };
  }
}
