import { TandemError, type Cycle, type CycleInput, type Versioned } from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { createOnce } from "../../platform/idempotent-create";
import { writeVersion } from "../../platform/versions";

export const listCycles = (deps: Deps, caller: Caller) => deps.repos.cycles.list(caller.tenantId);

export function createCycle(deps: Deps, caller: Caller, input: CycleInput, key: string | null = null): Promise<Versioned<Cycle>> {
  return createOnce(deps, caller, {
    kind: "cycle",
    key,
    fields: { ...input },
    create: (id) => deps.repos.cycles.create(caller.tenantId, { ...input, id }),
    find: (id) => deps.repos.cycles.get(caller.tenantId, id),
  });
}

/**
 * Replaces a cycle over the version the coordinator read: its weights and rules are set before a run; a run made
 * before the change read the old ones, and its publication is refused as "the cycle's rules changed" (ADR 0010).
 */
export async function replaceCycle(deps: Deps, caller: Caller, id: string, input: CycleInput, ifMatch: string): Promise<Versioned<Cycle>> {
  const existing = await deps.repos.cycles.get(caller.tenantId, id);
  if (!existing) throw new TandemError("not_found", "This cycle was not found.");
  return deps.repos.cycles.replace(caller.tenantId, { ...input, id }, writeVersion(ifMatch, existing, "This cycle"));
}
