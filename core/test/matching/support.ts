import type { MatchingInput, MatchingPerson, MatchingRules } from "../../src";

/** A person of a small readable organisation: a mentee or a mentor (or both), Paris hours, French, capacity 1. */
export function person(id: string, p: Partial<MatchingPerson> & { teaches?: string[]; learns?: string[] } = {}): MatchingPerson {
  const { teaches, learns, ...rest } = p;
  return {
    id,
    programRoles: [...(teaches ? (["mentor"] as const) : []), ...(learns ? (["mentee"] as const) : [])],
    offers: (teaches ?? []).map((skillId) => ({ skillId, level: "advanced" as const })),
    requests: (learns ?? []).map((skillId) => ({ skillId, why: "", urgency: "medium" as const })),
    languages: ["fr"],
    timeZone: "Europe/Paris",
    capacity: 1,
    paused: false,
    enrolled: true,
    department: "",
    managerChain: [],
    workingHours: { daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"], startTime: "09:00", endTime: "17:00" },
    ...rest,
  };
}

export const rules = (r: Partial<MatchingRules> = {}): MatchingRules => ({
  maxMenteesPerMentor: 3,
  allowSameDepartment: true,
  requireCommonLanguage: false,
  objective: "most-matched",
  weights: { skill: 40, urgency: 25, crossDepartment: 15, language: 10, overlap: 10 },
  allowCircles: false,
  allowRepeatPairs: false,
  minWeeklyOverlapHours: 0,
  ...r,
});

export const CYCLE = "cycle-2";

export function cohort(people: MatchingPerson[], more: Partial<Omit<MatchingInput, "people" | "cycle">> & { rules?: Partial<MatchingRules> } = {}): MatchingInput {
  return {
    cycle: { id: CYCLE, startsOn: "2026-09-07", matching: rules(more.rules) },
    people,
    tandems: more.tandems ?? [],
    pins: more.pins ?? [],
    removals: more.removals ?? [],
  };
}

/** "mentee→mentor" for each proposed pair, sorted: what a coordinator reads off the proposals. */
export const pairsOf = (r: { proposals: { mentorId: string; menteeIds: string[] }[] }) =>
  r.proposals.flatMap((p) => p.menteeIds.map((m) => `${m}→${p.mentorId}`)).sort();

/** mulberry32: a small seeded generator, the same everywhere, for random organisations in tests and benchmarks. */
export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
