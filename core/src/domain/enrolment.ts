import type { Cycle } from "./cycles";
import type { Enrolment, ProgramRole } from "./people";

/**
 * The roles a person takes part in a cycle's matching with: their profile's roles when the cycle takes everyone with a
 * profile, else the roles they enrolled in this cycle as (and still hold in their profile). None: not enrolled.
 */
export function cycleRolesOf(p: { programRoles: readonly ProgramRole[]; enrolments?: readonly Enrolment[] }, cycle: Pick<Cycle, "id"> & Partial<Pick<Cycle, "enrolment">>): ProgramRole[] {
  if (cycle.enrolment !== "cycle") return [...p.programRoles];
  const e = (p.enrolments ?? []).find((x) => x.cycleId === cycle.id);
  return e ? p.programRoles.filter((r) => e.roles.includes(r)) : [];
}

/**
 * The cycle a person most likely means: the latest one that has started or will and has not ended (the one open for
 * matching, as the next cycle is matched while the current one runs), else the latest. `today`: YYYY-MM-DD.
 */
export function currentCycle<C extends Pick<Cycle, "startsOn" | "endsOn">>(cycles: readonly C[], today: string): C | undefined {
  const latest = [...cycles].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
  return latest.find((c) => c.endsOn >= today) ?? cycles[0];
}
