import { publicSession, type SessionRecord, type SessionView, type Versioned } from "@tandem/core";

/** A stored session as every route shows it: without its link to Outlook but who booked it, with its version. */
export const sessionView = (v: Versioned<SessionRecord>): SessionView => ({
  ...publicSession(v.value),
  bookedBy: v.value.link?.organizerId ?? null,
  etag: v.etag,
});
