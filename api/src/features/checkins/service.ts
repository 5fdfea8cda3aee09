import { TandemError, canCheckIn, notFound, type CheckIn, type CheckInInput, type SessionRecord, type Versioned } from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { writeVersion } from "../../platform/versions";

/** My check-in after a session: once it has started, unless it was called off. Checking in again replaces it. */
export async function putMyCheckIn(
  deps: Deps,
  caller: Caller,
  [session, existing]: [Versioned<SessionRecord> | null, Versioned<CheckIn> | null],
  input: CheckInInput,
  ifMatch: string | null,
): Promise<Versioned<CheckIn>> {
  if (!session) throw notFound("This session");
  const now = deps.clock.now();
  if (!canCheckIn(session.value, now)) {
    throw new TandemError("illegal_transition", "You can check in once the session has started, unless it was cancelled.");
  }
  const checkIn: CheckIn = {
    sessionId: session.value.id,
    personId: caller.userId,
    ...input,
    createdAt: existing?.value.createdAt ?? now,
    updatedAt: now,
  };
  const saved = await deps.repos.checkIns.put(caller.tenantId, session.value.tandemId, checkIn, writeVersion(ifMatch, existing, "Your check-in"));
  await deps.aggregates.tandemChanged(caller.tenantId, session.value.tandemId);
  return saved;
}
