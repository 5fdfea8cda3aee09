import { TandemError, type Versioned } from "@tandem/core";

/**
 * The version a conditional write goes against (ADR 0002), from the If-Match the client sent and the version just
 * read. Without If-Match, or with `*`, the version just read still guards against a change in between. An If-Match
 * that is not that version is stale: 412 before anything is written, in Outlook or in storage. Where a write may
 * create (`current` null), a client that names a version of something now gone is told so, and `*` creates.
 */
export function writeVersion(ifMatch: string | null, current: Versioned<unknown>, what: string): string;
export function writeVersion(ifMatch: string | null, current: Versioned<unknown> | null, what: string): string | null;
export function writeVersion(ifMatch: string | null, current: Versioned<unknown> | null, what: string): string | null {
  if (!current) {
    if (ifMatch !== null && ifMatch !== "*") throw new TandemError("precondition_failed", `${what} was removed elsewhere: reload.`);
    return null;
  }
  if (ifMatch === null || ifMatch === "*") return current.etag;
  if (ifMatch !== current.etag) throw new TandemError("precondition_failed", `${what} was changed elsewhere: reload and try again.`);
  return ifMatch;
}

/** A stored value as the api shows it: the value and its version. */
export const withEtag = <T>(v: Versioned<T>): T & { etag: string } => ({ ...v.value, etag: v.etag });
