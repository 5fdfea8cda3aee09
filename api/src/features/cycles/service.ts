import { TandemError, type Cycle, type CycleInput, type Versioned } from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { writeVersion } from "../../platform/versions";

export const listCycles = (deps: Deps, caller: Caller) => deps.repos.cycles.list(caller.tenantId);

export function createCycle(deps: Deps, caller: Caller, input: CycleInput): Promise<Versioned<Cycle>> {
  return deps.repos.cycles.create(caller.tenantId, { ...input, id: deps.ids.next() });
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
