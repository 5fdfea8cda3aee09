import type { Cycle, CycleInput, Versioned } from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";

export const listCycles = (deps: Deps, caller: Caller) => deps.repos.cycles.list(caller.tenantId);

export function createCycle(deps: Deps, caller: Caller, input: CycleInput): Promise<Versioned<Cycle>> {
  return deps.repos.cycles.create(caller.tenantId, { ...input, id: deps.ids.next() });
}
