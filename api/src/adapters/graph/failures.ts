import { TandemError } from "@tandem/core";

/** Graph's answers, after the retries, in Tandem's words. */

interface GraphFailure {
  statusCode?: number;
  code?: string | null;
  message?: string;
}

/** Graph's error code ("ErrorDuplicateTransactionId"), when it gave one. */
export const graphCodeOf = (e: unknown) => (e && typeof e === "object" && typeof (e as GraphFailure).code === "string" ? (e as GraphFailure).code! : null);

export const statusOf = (e: unknown) => (e && typeof e === "object" && typeof (e as GraphFailure).statusCode === "number" ? (e as GraphFailure).statusCode! : 0);

export function failure(e: unknown, what: string, retries: number): TandemError {
  if (e instanceof TandemError) return e;
  const status = statusOf(e);
  if (status === 429 || status === 503 || status === 504) {
    return new TandemError(
      "unavailable",
      `Outlook (Microsoft Graph) is busy or unavailable (HTTP ${status}, still after ${retries} retries), so Tandem could not ${what}. Try again in a few minutes.`,
    );
  }
  // A token Graph no longer takes is not "try later": the person signs in again (401 reaches the client).
  if (status === 401) return new TandemError("unauthenticated", `Microsoft Graph did not accept Tandem's sign-in on your behalf, so Tandem could not ${what}. Sign in again.`);
  if (status === 403) return new TandemError("forbidden", `Microsoft Graph does not let Tandem ${what} for you (missing permission or consent).`);
  if (status === 404) return new TandemError("not_found", `This meeting is no longer in your Outlook calendar, so Tandem could not ${what}.`);
  if (status === 400 || status === 409 || status === 422) {
    const detail = (e as GraphFailure).message?.slice(0, 300) ?? "";
    return new TandemError("validation", `Outlook refused to ${what}${detail ? `: ${detail}` : "."}`);
  }
  if (status >= 500) return new TandemError("unavailable", `Outlook (Microsoft Graph) failed (HTTP ${status}), so Tandem could not ${what}. Try again later.`);
  return new TandemError("unavailable", `Outlook (Microsoft Graph) could not be reached, so Tandem could not ${what}. Try again later.`);
}
