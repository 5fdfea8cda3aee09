import { TandemError, canCheckIn, isUpcomingStatus, type SessionRecord, type SessionStatusInput, type Versioned } from "@tandem/core";
import type { MemberAccess } from "../../platform/access";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { writeVersion } from "../../platform/versions";

/** Records how a session went: held once it has started, unless it was called off; or cancelled. */
export async function setSessionStatus(
  deps: Deps,
  caller: Caller,
  _access: MemberAccess,
  all: Versioned<SessionRecord>[],
  sessionId: string,
  input: SessionStatusInput,
  ifMatch: string | null,
): Promise<Versioned<SessionRecord>> {
  const session = all.find((s) => s.value.id === sessionId);
  if (!session) throw new TandemError("not_found", "This session was not found.");
  const s = session.value;
  const now = deps.clock.now();
  if (s.status === input.status) return session;
  if (input.status === "held" && !canCheckIn(s, now)) {
    throw new TandemError("illegal_transition", "A session can be marked held once it has started, unless it was cancelled.");
  }
  if (input.status === "cancelled" && !isUpcomingStatus(s.status)) {
    throw new TandemError("illegal_transition", `A ${s.status} session cannot be cancelled.`);
  }
  return deps.repos.sessions.replace(caller.tenantId, { ...s, status: input.status, updatedAt: now }, writeVersion(ifMatch, session, "This session"));
}
