import { TandemError, type Profile, type TrainingModuleId, type Versioned } from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";

/** A profile save may land between our read and our write; adding a module is safe to redo on the fresh copy. */
const ATTEMPTS = 3;

/**
 * Marks a mentor-training module as done. Idempotent: a module already done changes nothing (same ETag). The
 * write is conditional on the ETag just read, so a concurrent profile save is never overwritten.
 */
export async function completeTrainingModule(deps: Deps, caller: Caller, moduleId: TrainingModuleId): Promise<Versioned<Profile>> {
  for (let attempt = 1; ; attempt++) {
    const current = await deps.repos.profiles.get(caller.tenantId, caller.userId);
    if (!current) throw new TandemError("not_found", "Join the program first: save your profile.");
    if (!current.value.programRoles.includes("mentor")) {
      throw new TandemError("forbidden", "Mentor training is for mentors: say you can teach in your profile first.");
    }
    if (current.value.trainingCompleted.includes(moduleId)) return current;
    const next: Profile = {
      ...current.value,
      trainingCompleted: [...current.value.trainingCompleted, moduleId],
      updatedAt: deps.clock.now(),
    };
    try {
      const saved = await deps.repos.profiles.put(caller.tenantId, next, current.etag);
      await deps.aggregates.profileChanged(caller.tenantId, caller.userId);
      return saved;
    } catch (e) {
      if (!(e instanceof TandemError && e.code === "precondition_failed") || attempt >= ATTEMPTS) throw e;
    }
  }
}
