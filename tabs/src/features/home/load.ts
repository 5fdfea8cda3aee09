import type { GoalView, TandemView } from "@tandem/core";
import { nextSession } from "@tandem/core/client";
import type { Call } from "@tandem/ui";

/** What a tandem card shows below its header: the goals and the next session. */
export interface TandemItems {
  goals: GoalView[];
  /** The next session to come (core `nextSession`), if any. */
  next: { start: string; end: string } | null;
}

/** A proposal that never ran: declined by a member or withdrawn by a coordinator. Home lists it under "Earlier". */
export const isEarlier = (s: TandemView["status"]) => s === "declined" || s === "withdrawn";

export const hasItems = (s: TandemView["status"]) => s !== "proposed" && !isEarlier(s);

/** A tandem's goals and sessions, fetched together; each card loads its own so the first shows early. */
export async function loadTandemItems(call: Call, tandem: TandemView): Promise<TandemItems> {
  if (!hasItems(tandem.status)) return { goals: [], next: null };
  const [goals, sessions] = await Promise.all([
    call("listGoals", { params: { id: tandem.id } }),
    call("listSessions", { params: { id: tandem.id } }),
  ]);
  // Upcoming by the one rule: a session moved in Outlook to a time ahead is the next one too.
  const next = nextSession(sessions.data.items, new Date().toISOString());
  return { goals: goals.data.items, next: next && { start: next.start, end: next.end } };
}
