import type { Cycle, CycleInput, Versioned } from "@tandem/core";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";
import { createOnce } from "../../platform/idempotent-create";

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
