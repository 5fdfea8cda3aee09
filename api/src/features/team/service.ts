import {
  participationOf,
  teamTotals,
  type LearningGoal,
  type Session,
  type Tandem,
  type TeamParticipation,
} from "@tandem/core";
import type { ManagerAccess } from "../../platform/access";
import type { Caller } from "../../platform/auth";
import { mapLimit, type Deps } from "../../platform/deps";

/**
 * A manager's view of their reports: aggregates only. Goal text, notes and check-ins are read to count them,
 * never returned (the contract has no field for them).
 */
export async function teamParticipation(deps: Deps, caller: Caller, { reports }: ManagerAccess): Promise<TeamParticipation> {
  const t = caller.tenantId;

  const perPerson = await mapLimit(reports, 8, async (p) => {
    const [profile, tandems] = await Promise.all([deps.repos.profiles.get(t, p.id), deps.repos.tandems.listForPerson(t, p.id)]);
    return { person: p, profile: profile?.value ?? null, tandems: tandems.map((x) => x.value) };
  });

  const tandems = new Map<string, Tandem>();
  for (const r of perPerson) for (const x of r.tandems) tandems.set(x.id, x);
  const sessions = new Map<string, Session[]>();
  const goals = new Map<string, LearningGoal[]>();
  await mapLimit([...tandems.keys()], 8, async (id) => {
    const [s, g] = await Promise.all([deps.repos.sessions.list(t, id), deps.repos.goals.list(t, id)]);
    sessions.set(id, s.map((x) => x.value));
    goals.set(id, g.map((x) => x.value));
  });

  const rows = perPerson
    .map((r) => participationOf(r.person, r.profile, r.tandems, sessions, goals))
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  return { managerId: caller.userId, reports: rows, totals: teamTotals(rows) };
}
