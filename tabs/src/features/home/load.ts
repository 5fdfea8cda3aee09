import { api, type GoalView, type TandemView } from "@tandem/core";
import type { Call } from "../../api/client";

export interface TandemDetail {
  tandem: TandemView;
  goals: GoalView[];
  /** The next scheduled session, if any. */
  next: { start: string; end: string } | null;
}

const withItems = (s: TandemView["status"]) => s !== "proposed" && s !== "declined";

/** My tandems and circles, each with its goals and next session, fetched in parallel. */
export async function loadMyTandems(call: Call): Promise<TandemDetail[]> {
  const tandems = (await call(api.listTandems)).data.items;
  const now = Date.now();
  return Promise.all(
    tandems.map(async (tandem) => {
      if (!withItems(tandem.status)) return { tandem, goals: [], next: null };
      const [goals, sessions] = await Promise.all([
        call(api.listGoals, { params: { id: tandem.id } }),
        call(api.listSessions, { params: { id: tandem.id } }),
      ]);
      const next =
        sessions.data.items
          .filter((s) => s.status === "scheduled" && Date.parse(s.end) > now)
          .sort((a, b) => a.start.localeCompare(b.start))[0] ?? null;
      return { tandem, goals: goals.data.items, next: next && { start: next.start, end: next.end } };
    }),
  );
}
