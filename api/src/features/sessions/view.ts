import { publicSession, type SessionRecord, type SessionView, type Versioned } from "@tandem/core";

/** A stored session as every route shows it: without its link to Outlook, with its version. */
export const sessionView = (v: Versioned<SessionRecord>): SessionView => ({ ...publicSession(v.value), etag: v.etag });
