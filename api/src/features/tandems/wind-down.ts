import { isAheadAndBooked, type SessionRecord, type Versioned } from "@tandem/core";
import type { TandemAccess } from "../../platform/access";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { cancelSession } from "../sessions/cancel";

/** Sessions still to come that the caller may cancel: not under way, and booked by them (or with no Outlook meeting). */
export const cancellableBy = (sessions: SessionRecord[], caller: Pick<Caller, "userId">, now: string) =>
  sessions.filter((s) => isAheadAndBooked(s, now) && (s.link === null || s.link.organizerId === caller.userId));

/**
 * Pausing or ending a tandem with "cancel the sessions to come": each goes through the one way to cancel a session
 * (sessions/cancel.ts), so its Outlook meeting is cancelled for everyone, a series from its first session to come at
 * once. Meetings another member booked are theirs to cancel (Graph lets only the organizer): they stay. Read again
 * after each cancellation, since a series' cancellation writes several sessions.
 */
export async function cancelUpcomingOf(deps: Deps, caller: Caller, { tandem }: Pick<TandemAccess, "tandem">, comment?: string): Promise<number> {
  let cancelled = 0;
  const seen = new Set<string>();
  for (;;) {
    const all: Versioned<SessionRecord>[] = await deps.repos.sessions.list(caller.tenantId, tandem.value.id);
    const next = cancellableBy(
      all.map((s) => s.value),
      caller,
      deps.clock.now(),
    )
      .filter((s) => !seen.has(s.id))
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))[0];
    if (!next) return cancelled;
    seen.add(next.id);
    const done = await cancelSession(deps, caller, { tandem }, all, next.id, {
      scope: next.seriesId ? "series" : "occurrence",
      ...(comment ? { comment } : {}),
    });
    cancelled += done.length;
  }
}
