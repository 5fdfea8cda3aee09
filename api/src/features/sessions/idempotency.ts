import { createHash } from "node:crypto";
import { TandemError, type Booking, type BookingInput, type SessionRecord, type Versioned } from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { indexMeeting } from "./meeting";

/**
 * A booking is done once per Idempotency-Key, twice over (ADR 0006): Outlook creates its meeting once per
 * transactionId, and the sessions are recorded with the key in one transaction, which a retry finds and answers again.
 */

/** GUID-shaped and the same for every retry of one booking, so that Outlook creates the meeting once. */
export function transactionIdFor(tenantId: string, tandemId: string, key: string): string {
  const h = createHash("sha256").update(`${tenantId}|${tandemId}|${key}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** What a key was used for (who, which slot, which recurrence): the key cannot be reused for another booking. */
export const fingerprintOf = (caller: Caller, input: BookingInput) =>
  createHash("sha256")
    .update(JSON.stringify([caller.userId, Date.parse(input.start), Date.parse(input.end), input.recurrence]))
    .digest("hex");

/** Graph failed before anything was recorded: the client may send the same booking again. */
export const unrecorded = (e: unknown) =>
  e instanceof TandemError && e.code === "unavailable"
    ? new TandemError("unavailable", `${e.message} No session was recorded; sending the booking again with the same Idempotency-Key is safe.`)
    : e;

/** The answer to a booking already recorded under its key: its sessions, with no Graph call. */
export async function replay(deps: Deps, caller: Caller, tandemId: string, done: Booking, fingerprint: string) {
  if (done.fingerprint !== fingerprint) {
    throw new TandemError("conflict", "This Idempotency-Key was already used for another booking: send a new key for a new booking.");
  }
  const found = (await Promise.all(done.sessionIds.map((id) => deps.repos.sessions.get(caller.tenantId, tandemId, id)))).filter(
    (s): s is Versioned<SessionRecord> => s !== null,
  );
  // The index is written next to the booking, not in its transaction: a retry makes sure it is there.
  const first = found[0]?.value;
  if (first?.link) await indexMeeting(deps, caller, first.link, { tandemId, sessionId: first.seriesId ? null : first.id, seriesId: first.seriesId });
  return found;
}

/** Records the sessions and the key in one transaction; a concurrent retry that recorded first is answered instead. */
export function recordBooking(deps: Deps, caller: Caller, tandemId: string, booking: Booking, sessions: SessionRecord[]) {
  return deps.repos.bookings.record(caller.tenantId, tandemId, booking, sessions).catch(async (e) => {
    const first = e instanceof TandemError && e.code === "conflict" ? await deps.repos.bookings.get(caller.tenantId, tandemId, booking.key) : null;
    if (first) return replay(deps, caller, tandemId, first, booking.fingerprint);
    throw e;
  });
}
