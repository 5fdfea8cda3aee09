import type { GoalView, TandemView } from "@tandem/core";
import type { Call } from "@tandem/ui";

/** What a tandem card shows below its header: the goals and the next session. */
export interface TandemItems {
  goals: GoalView[];
  /** The next scheduled session, if any. */
  next: { start: string; end: string } | null;
}

export const hasItems = (s: TandemView["status"]) => s !== "proposed" && s !== "declined";

/** A tandem's goals and sessions, fetched together; each card loads its own so the first shows early. */
export async function loadTandemItems(call: Call, tandem: TandemView): Promise<TandemItems> {
  if (!hasItems(tandem.status)) return { goals: [], next: null };
  const [goals, sessions] = await Promise.all([
    call("listGoals", { params: { id: tandem.id } }),
    call("listSessions", { params: { id: tandem.id } }),
  ]);
  const now = Date.now();
  const next =
    sessions.data.items
      .filter((s) => s.status === "scheduled" && Date.parse(s.end) > now)
      .sort((a, b) => a.start.localeCompare(b.start))[0] ?? null;
  return { goals: goals.data.items, next: next && { start: next.start, end: next.end } };
}
