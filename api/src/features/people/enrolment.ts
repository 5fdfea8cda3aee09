import { MAX_ENROLMENTS, TandemError, type Profile, type ProgramRole, type Versioned } from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";

/** A profile save may land between our read and our write; an enrolment is safe to redo on the fresh copy. */
const ATTEMPTS = 3;

/**
 * Enrols me in a cycle as the roles I name (null: withdraws me), on my profile's row, conditional on the ETag just
 * read so that a concurrent profile save is never overwritten. The same answer twice changes nothing. Null: no profile,
 * so nothing to withdraw.
 */
export async function setEnrolment(deps: Deps, caller: Caller, cycleId: string, roles: ProgramRole[] | null): Promise<Versioned<Profile> | null> {
  const t = caller.tenantId;
  const cycle = await deps.repos.cycles.get(t, cycleId);
  if (!cycle) throw new TandemError("not_found", "This cycle was not found.");
  for (let attempt = 1; ; attempt++) {
    const current = await deps.repos.profiles.get(t, caller.userId);
    if (!current) {
      if (roles === null) return null;
      throw new TandemError("conflict", "Join the program first: save your profile, then enrol in a cycle.");
    }
    const missing = (roles ?? []).filter((r) => !current.value.programRoles.includes(r));
    if (missing.length) {
      throw new TandemError(
        "conflict",
        `Your profile does not say you take part as ${missing.join(" and ")}: add the role to your profile first.`,
        missing.map((r) => ({ pointer: `/roles/${roles!.indexOf(r)}`, message: "not a role of your profile" })),
      );
    }
    // The oldest enrolments make way past the limit: they are about cycles long over.
    const others = current.value.enrolments.filter((e) => e.cycleId !== cycleId).slice(-(MAX_ENROLMENTS - 1));
    const enrolments = roles === null ? others : [...others, { cycleId, roles: [...roles].sort() }];
    const before = current.value.enrolments.find((e) => e.cycleId === cycleId);
    if (JSON.stringify(before?.roles ?? null) === JSON.stringify(roles === null ? null : [...roles].sort())) return current;
    const next: Profile = { ...current.value, enrolments, updatedAt: deps.clock.now() };
    try {
      const saved = await deps.repos.profiles.put(t, next, current.etag);
      await deps.aggregates.profileChanged(t, caller.userId);
      return saved;
    } catch (e) {
      if (!(e instanceof TandemError && e.code === "precondition_failed") || attempt >= ATTEMPTS) throw e;
    }
  }
}
