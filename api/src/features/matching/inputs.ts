import { createHash } from "node:crypto";
import {
  DEFAULT_WORKING_WEEK,
  MAX_CHAIN_DEPTH,
  TandemError,
  asOfCycle,
  canonicalInput,
  cycleRolesOf,
  overlappingCycles,
  type Cycle,
  type DirectoryPerson,
  type MatchingInput,
  type MatchingObjective,
  type MatchingPerson,
  type PairRef,
  type Profile,
  type Skill,
} from "@tandem/core";
import type { Deps } from "../../platform/deps";

/**
 * One person as the engine sees them in a cycle: their profile, and where the directory places them. Enrolled: in a
 * cycle that takes everyone with a profile, anyone with a role; in a cycle with its own enrolment, who enrolled in it,
 * with the roles they enrolled as (the others keep their profile's roles, to be told `not_enrolled` as what they are).
 * Working hours are the default week until profiles hold them (ADR 0010).
 */
export function matchingPersonOf(
  p: Profile,
  directory: Pick<DirectoryPerson, "department"> | null,
  chain: string[],
  cycle: Pick<Cycle, "id" | "enrolment">,
): MatchingPerson {
  const roles = cycleRolesOf(p, cycle);
  return {
    id: p.id,
    programRoles: roles.length > 0 ? roles : p.programRoles,
    offers: p.offers,
    requests: p.requests,
    languages: p.languages,
    timeZone: p.timeZone,
    capacity: p.capacity,
    paused: p.paused,
    enrolled: roles.length > 0,
    department: directory?.department ?? "",
    managerChain: chain.slice(0, MAX_CHAIN_DEPTH),
    workingHours: DEFAULT_WORKING_WEEK,
  };
}

export interface RunInputs {
  input: MatchingInput;
  cycle: Cycle;
  skills: Skill[];
  /** Names and departments of everyone in the input. */
  people: { id: string; displayName: string; department: string }[];
}

/**
 * Everything a run needs, in five calls whatever the size of the organisation (ADR 0002): the cycles (one partition),
 * the profiles (the People partition), the directory (its person partition: department and chain of each), every
 * tandem (the Tandems partition) and the skill catalogue, in parallel. `exclude`: tandems not to count (a publication's
 * own, when it is retried halfway). Declined proposals of the cycle are never proposed again in it; mentees in an open
 * tandem of a cycle that overlaps this one are matched for it (core's asOfCycle).
 */
export async function readInputs(
  deps: Deps,
  tenantId: string,
  request: { cycleId: string; objective?: MatchingObjective | undefined; pins: PairRef[]; removals: PairRef[] },
  exclude: ReadonlySet<string> = new Set(),
): Promise<RunInputs> {
  const [cycles, profiles, directory, tandems, skills] = await Promise.all([
    deps.repos.cycles.list(tenantId),
    deps.repos.profiles.list(tenantId),
    deps.directory.everyone(tenantId),
    deps.repos.tandems.listAll(tenantId),
    deps.repos.skills.list(tenantId),
  ]);
  const cycle = cycles.find((c) => c.value.id === request.cycleId);
  if (!cycle) throw new TandemError("not_found", "This cycle was not found.", [{ pointer: "/cycleId", message: "no such cycle" }]);
  const byId = new Map(directory.map((d) => [d.id, d]));
  const people = profiles.map((p) => {
    const d = byId.get(p.value.id);
    return matchingPersonOf(p.value, d ?? null, d?.chain ?? [], cycle.value);
  });
  const kept = tandems.map((t) => t.value).filter((t) => !exclude.has(t.id));
  const declined = kept
    .filter((t) => t.cycleId === request.cycleId && t.status === "declined")
    .flatMap((t) => t.menteeIds.map((menteeId) => ({ menteeId, mentorId: t.mentorId })));
  const matching = request.objective ? { ...cycle.value.matching, objective: request.objective } : cycle.value.matching;
  const input: MatchingInput = {
    cycle: { id: cycle.value.id, startsOn: cycle.value.startsOn, matching },
    people,
    tandems: asOfCycle(
      cycle.value.id,
      overlappingCycles(cycle.value, cycles.map((c) => c.value)),
      kept.map((t) => ({ cycleId: t.cycleId, mentorId: t.mentorId, menteeIds: t.menteeIds, status: t.status })),
    ),
    pins: request.pins,
    removals: [...request.removals, ...declined],
  };
  return {
    input,
    cycle: cycle.value,
    skills: skills.map((s) => s.value),
    people: profiles.map((p) => ({ id: p.value.id, displayName: byId.get(p.value.id)?.displayName || p.value.displayName, department: byId.get(p.value.id)?.department ?? "" })),
  };
}

export const fingerprintOf = (input: MatchingInput) => createHash("sha256").update(canonicalInput(input)).digest("hex");
