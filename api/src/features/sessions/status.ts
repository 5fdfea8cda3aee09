import { TandemError, canSayHeldOrNot, type SessionRecord, type SessionStatusInput, type Versioned } from "@tandem/core";
import type { MemberAccess } from "../../platform/access";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { writeVersion } from "../../platform/versions";
import { cancelSession } from "./cancel";

/**
 * Records how a session went. Held, or missed (a member says it did not take place): once it has started, unless it
 * was cancelled; either may be said again the other way. Cancelled: the very cancellation of POST .../cancel, so its
 * Outlook meeting is cancelled too. Asking for the status it already has changes nothing.
 */
export async function setSessionStatus(
  deps: Deps,
  caller: Caller,
  access: MemberAccess,
  all: Versioned<SessionRecord>[],
  sessionId: string,
  input: SessionStatusInput,
  ifMatch: string | null,
): Promise<Versioned<SessionRecord>> {
  const session = all.find((s) => s.value.id === sessionId);
  if (!session) throw new TandemError("not_found", "This session was not found.");
  if (session.value.status === input.status) return session;
  if (input.status === "cancelled") {
    const [cancelled] = await cancelSession(deps, caller, access, all, sessionId, { scope: "occurrence" }, ifMatch);
    return cancelled!;
  }
  const now = deps.clock.now();
  if (!canSayHeldOrNot(session.value, now)) {
    throw new TandemError(
      "illegal_transition",
      `A session can be marked ${input.status === "held" ? "held" : "as not having taken place"} once it has started, unless it was cancelled.`,
    );
  }
  const saved = await deps.repos.sessions.replace(caller.tenantId, { ...session.value, status: input.status, updatedAt: now }, writeVersion(ifMatch, session, "This session"));
  await deps.aggregates.tandemChanged(caller.tenantId, saved.value.tandemId);
  return saved;
}
