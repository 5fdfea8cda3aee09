/**
 * Generated cohorts for the matching benchmark: the same seed and size give the same organisation.
 *
 * An organisation of `people` spread over sites, one time zone each (fixed offsets, Etc/GMT±h, so that summer time
 * moves nothing), as many sites as there are about 2,100 people, up to 24 evenly spaced around the world; each site
 * speaks French or English, and some people both. A manager tree of about seven direct reports per manager, twelve
 * departments below the top; 38% of the people mentor (1 to 2 of 40 skills, at a level; 1 to 4 places, 2 at most in
 * the cycle), 70% learn (1 to 2 requests, with an urgency), so that places are a little scarcer than mentees; a few are paused, not enrolled, or already hold a tandem of
 * another cycle; some pairs met in an earlier cycle. The cycle asks for a common language, 36 hours a week of working
 * time in common (people start between 08:00 and 10:00) and different departments: 50,000 people then make about
 * a million candidate pairs, about 30 candidate mentors per mentee (fewer in smaller organisations).
 */
import type { MatchingInput, MatchingPerson, ExistingTandem, FitWeights } from "@tandem/core";
import { prng } from "../../core/test/matching/support";

const SKILLS = Array.from({ length: 40 }, (_, k) => `skill-${String(k + 1).padStart(2, "0")}`);
const LEVELS = ["beginner", "intermediate", "advanced", "expert"] as const;
const URGENCIES = ["low", "medium", "high"] as const;
const PEOPLE_PER_SITE = 2100;

export const idOf = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

export interface CohortOptions {
  people: number;
  seed?: number;
  objective?: "most-matched" | "best-fit";
  allowCircles?: boolean;
}

export function generateCohort(o: CohortOptions): MatchingInput {
  const rnd = prng(o.seed ?? 1);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  // Some skills are wanted and offered more than others.
  const skillWeights = SKILLS.map((_, k) => 1 / (1 + k / 15));
  const totalWeight = skillWeights.reduce((s, w) => s + w, 0);
  const skill = () => {
    let x = rnd() * totalWeight;
    for (let k = 0; k < SKILLS.length; k++) if ((x -= skillWeights[k]!) <= 0) return SKILLS[k]!;
    return SKILLS[SKILLS.length - 1]!;
  };
  const distinctSkills = (count: number) => {
    const out = new Set<string>();
    while (out.size < count) out.add(skill());
    return [...out];
  };

  const sites = Math.max(1, Math.min(24, Math.round(o.people / PEOPLE_PER_SITE)));
  const siteZone = Array.from({ length: sites }, (_, s) => {
    const offset = -11 + Math.floor((s * 24) / sites);
    return offset === 0 ? "Etc/GMT" : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
  });
  const siteLanguage = Array.from({ length: sites }, (_, s) => (s % 2 === 0 ? "en" : "fr") as "en" | "fr");

  const manager = new Int32Array(o.people).fill(-1);
  const department = new Int32Array(o.people);
  const people: MatchingPerson[] = [];
  for (let i = 0; i < o.people; i++) {
    if (i > 0) manager[i] = Math.floor((i - 1) / 7);
    department[i] = i === 0 ? 0 : manager[i] === 0 ? i % 12 : department[manager[i]!]!;
    const chain: string[] = [];
    for (let m = manager[i]!; m >= 0; m = manager[m]!) chain.push(idOf(m));
    const site = Math.floor(rnd() * sites);
    const main = siteLanguage[site]!;
    const other = main === "en" ? "fr" : "en";
    const r = rnd();
    const mentor = r < 0.38;
    const mentee = r >= 0.3;
    const start = pick(["08:00", "08:30", "09:00", "09:00", "09:30", "10:00"] as const);
    people.push({
      id: idOf(i),
      programRoles: [...(mentor ? (["mentor"] as const) : []), ...(mentee ? (["mentee"] as const) : [])],
      offers: mentor ? distinctSkills(rnd() < 0.7 ? 1 : 2).map((skillId) => ({ skillId, level: pick(LEVELS) })) : [],
      requests: mentee ? distinctSkills(rnd() < 0.7 ? 1 : 2).map((skillId) => ({ skillId, why: "", urgency: pick(URGENCIES) })) : [],
      languages: rnd() < 0.3 ? [main, other] : [main],
      timeZone: siteZone[site]!,
      capacity: 1 + Math.floor(rnd() * 4),
      paused: rnd() < 0.03,
      enrolled: rnd() < 0.97,
      department: `Department ${department[i]! + 1}`,
      managerChain: chain,
      workingHours: { daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"], startTime: start, endTime: `${String(Number(start.slice(0, 2)) + 8).padStart(2, "0")}${start.slice(2)}` },
    });
  }

  // Tandems of an earlier cycle: some still open (they hold a mentor's place), some completed (not to be repeated).
  const mentors = people.filter((p) => p.programRoles.includes("mentor"));
  const mentees = people.filter((p) => p.programRoles.includes("mentee"));
  const tandems: ExistingTandem[] = [];
  for (let k = 0; k < Math.floor(mentors.length * 0.15); k++) {
    const mentor = pick(mentors);
    const mentee = pick(mentees);
    if (mentor.id === mentee.id) continue;
    tandems.push({ cycleId: idOf(900_000_001), mentorId: mentor.id, menteeIds: [mentee.id], status: rnd() < 0.4 ? "active" : "completed" });
  }

  const weights: FitWeights = { skill: 40, urgency: 25, crossDepartment: 15, language: 10, overlap: 10 };
  return {
    cycle: {
      id: idOf(900_000_002),
      startsOn: "2026-09-07",
      matching: {
        maxMenteesPerMentor: 2,
        allowSameDepartment: false,
        requireCommonLanguage: true,
        objective: o.objective ?? "most-matched",
        weights,
        allowCircles: o.allowCircles ?? true,
        allowRepeatPairs: false,
        minWeeklyOverlapHours: 36,
      },
    },
    people,
    tandems,
    pins: [],
    removals: [],
  };
}
