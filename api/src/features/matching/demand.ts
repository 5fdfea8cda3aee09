import { TandemError, demandOf, overlappingCycles, type DemandReport } from "@tandem/core";
import type { Deps } from "../../platform/deps";

/** Demand and supply of a cycle by skill: four reads in parallel (the cycles, the People, Tandems and skill partitions). */
export async function demand(deps: Deps, tenantId: string, cycleId: string): Promise<DemandReport> {
  const [cycles, profiles, tandems, skills] = await Promise.all([
    deps.repos.cycles.list(tenantId),
    deps.repos.profiles.list(tenantId),
    deps.repos.tandems.listAll(tenantId),
    deps.repos.skills.list(tenantId),
  ]);
  const cycle = cycles.find((c) => c.value.id === cycleId);
  if (!cycle) throw new TandemError("not_found", "This cycle was not found.", [{ pointer: "cycleId", in: "query", message: "no such cycle" }]);
  return demandOf(cycle.value, profiles.map((p) => p.value), tandems.map((t) => t.value), skills.map((s) => s.value), overlappingCycles(cycle.value, cycles.map((c) => c.value)));
}
