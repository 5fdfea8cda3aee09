import { TandemError, publicSession, type SessionRecord, type Versioned } from "@tandem/core";
import type { Caller } from "./auth";

export function requireCoordinator(caller: Caller, what: string): void {
  if (!caller.coordinator) throw new TandemError("forbidden", `Only a program coordinator may ${what}.`);
}

export const withEtag = <T>(v: { value: T; etag: string }) => ({ ...v.value, etag: v.etag });

/** A stored session as the api shows it: without its link to Outlook, with its version. */
export const sessionView = (v: Versioned<SessionRecord>) => ({ ...publicSession(v.value), etag: v.etag });
