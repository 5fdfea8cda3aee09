import type { Locale } from "../common";
import type { MatchingRules } from "../cycles";
import { offerLevels, urgencies } from "../people";
import type { TandemStatus } from "../tandems";
import { fitScale, skillUnits, urgencyUnits, type FitScale } from "./fit";
import { WorkingWeeks } from "./hours";
import type { BlockingRule, ExcludedPerson, MatchingInput, MatchingPerson, PairRule } from "./input";

/** Tandems in these states hold their mentor's places and their mentee for the cycle. */
export const OPEN_STATUSES: readonly TandemStatus[] = ["proposed", "accepted", "active", "paused"];
/** Tandems in these states have met: the pair is not proposed again in a later cycle unless the cycle allows it. */
export const MET_STATUSES: readonly TandemStatus[] = ["active", "paused", "completed"];

// Blocking rules as bits, in the order they are reported.
export const RULE_BIT: Record<BlockingRule, number> = {
  reporting_chain: 1,
  same_department: 2,
  no_common_language: 4,
  no_common_working_hours: 8,
  paired_before: 16,
  removed: 32,
};

const levelIndex = new Map(offerLevels.map((l, i) => [l, i]));

/**
 * The cohort of one run, indexed: everyone sorted by id (so that the input's order never matters), the mentees and
 * mentors who take part, what each mentor offers, each person's chain of managers as indices, and the pairs that
 * past cycles and the coordinator rule out.
 */
export interface Cohort {
  rules: MatchingRules;
  scale: FitScale;
  people: MatchingPerson[];
  index: Map<string, number>;
  /** Person index of each mentee slot, sorted by id; and each person's mentee slot, or -1. */
  mentees: Int32Array;
  menteeSlot: Int32Array;
  mentors: Int32Array;
  mentorSlot: Int32Array;
  /** Per mentor slot: places their profile and the cycle allow; mentees of open tandems. */
  places: Int32Array;
  open: Int32Array;
  excluded: ExcludedPerson[];
  /** Per person: languages as bits (fr 1, en 2), department index (-1: unknown), working week entry. */
  languages: Uint8Array;
  department: Int32Array;
  week: Int32Array;
  /** Each person's chain of managers, as person indices, all in one array: person p's is chain[chainStart[p]] up to
   * chain[chainStart[p + 1]] (one array rather than one per person: the rules read the chains of random mentors). */
  chainStart: Int32Array;
  chain: Int32Array;
  /** Per person: 1 if they are in someone's chain (a manager). */
  manages: Uint8Array;
  weeks: WorkingWeeks;
  /** Per skill: the mentor slots who teach it, ascending, with their level's index. */
  skillMentors: Map<string, { mentors: Int32Array; levels: Int8Array }>;
  /** The same, split by working week and languages: the rules on hours and language hold for a group or not at all. */
  skillGroups: Map<string, SkillGroup[]>;
  /** compatibleGroups' answers, per skill, then per mentee's week and languages (week * 4 + languages). */
  groupCache: Map<string, Map<number, SkillGroup[]>>;
  /** Per mentee slot: their requests sorted by skill id, with the units of the request's own parts. */
  requests: { skillId: string; units: number; urgency: (typeof urgencies)[number] }[][];
  pastPairs: Set<number>;
  removed: Set<number>;
  /** Pairs are keyed by person indices: mentee * people + mentor. */
  pairKey: (menteePerson: number, mentorPerson: number) => number;
  minSharedMinutes: number;
  /** Per person, why they are out of the run (as mentee and as mentor), if they are. */
  menteeOut: (PairRule | null)[];
  mentorOut: (PairRule | null)[];
}

export interface SkillGroup {
  week: number;
  languages: number;
  mentors: Int32Array;
  levels: Int8Array;
}

const languageBit = (l: Locale) => (l === "fr" ? 1 : 2);
const departmentKey = (d: string) => d.trim().toLowerCase();

export function buildCohort(input: MatchingInput): Cohort {
  const rules = input.cycle.matching;
  const scale = fitScale(rules.weights);
  const people = [...input.people].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = people.length;
  const index = new Map<string, number>();
  people.forEach((p, i) => {
    if (index.has(p.id)) throw new Error(`person ${p.id} is listed twice`);
    index.set(p.id, i);
  });

  const weeks = new WorkingWeeks(Date.parse(`${input.cycle.startsOn}T12:00:00Z`));
  const languages = new Uint8Array(n);
  const department = new Int32Array(n);
  const week = new Int32Array(n);
  const chainStart = new Int32Array(n + 1);
  const chainList: number[] = [];
  const departments = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const p = people[i]!;
    for (const l of p.languages) languages[i]! |= languageBit(l);
    const d = departmentKey(p.department);
    if (d === "") department[i] = -1;
    else {
      let k = departments.get(d);
      if (k === undefined) departments.set(d, (k = departments.size));
      department[i] = k;
    }
    week[i] = weeks.add(p.workingHours, p.timeZone);
    for (const id of p.managerChain) {
      const m = index.get(id);
      if (m !== undefined) chainList.push(m);
    }
    chainStart[i + 1] = chainList.length;
  }
  const chain = Int32Array.from(chainList);
  const manages = new Uint8Array(n);
  for (let k = 0; k < chain.length; k++) manages[chain[k]!] = 1;

  // Open tandems: their mentees are matched in this cycle already; their mentors' places are held.
  const openMentees = new Int32Array(n);
  const matchedInCycle = new Uint8Array(n);
  const pastPairs = new Set<number>();
  const pairKey = (a: number, b: number) => a * n + b;
  for (const t of input.tandems) {
    const mentor = index.get(t.mentorId);
    if (OPEN_STATUSES.includes(t.status)) {
      if (mentor !== undefined) openMentees[mentor]! += t.menteeIds.length;
      if (t.cycleId === input.cycle.id) {
        for (const id of t.menteeIds) {
          const i = index.get(id);
          if (i !== undefined) matchedInCycle[i] = 1;
        }
      }
    }
    if (MET_STATUSES.includes(t.status) && t.cycleId !== input.cycle.id && mentor !== undefined) {
      for (const id of t.menteeIds) {
        const i = index.get(id);
        if (i !== undefined) pastPairs.add(pairKey(i, mentor));
      }
    }
  }
  const removed = new Set<number>();
  for (const r of input.removals) {
    const a = index.get(r.menteeId);
    const b = index.get(r.mentorId);
    if (a !== undefined && b !== undefined) removed.add(pairKey(a, b));
  }

  const excluded: ExcludedPerson[] = [];
  const menteeOut: (PairRule | null)[] = new Array(n).fill(null);
  const mentorOut: (PairRule | null)[] = new Array(n).fill(null);
  const menteeList: number[] = [];
  const mentorList: number[] = [];
  for (let i = 0; i < n; i++) {
    const p = people[i]!;
    const isMentee = p.programRoles.includes("mentee");
    const isMentor = p.programRoles.includes("mentor");
    const out = !p.enrolled ? "not_enrolled" : p.paused ? "paused" : null;
    if (out) {
      if (isMentee || isMentor) excluded.push({ personId: p.id, reason: out });
      menteeOut[i] = isMentee ? out : "not_a_mentee";
      mentorOut[i] = isMentor ? out : "not_a_mentor";
      continue;
    }
    if (!isMentee) menteeOut[i] = "not_a_mentee";
    else if (p.requests.length === 0) {
      menteeOut[i] = "no_requests";
      excluded.push({ personId: p.id, reason: "no_requests" });
    } else if (matchedInCycle[i]) {
      menteeOut[i] = "already_matched";
      excluded.push({ personId: p.id, reason: "already_matched" });
    } else menteeList.push(i);
    if (!isMentor) mentorOut[i] = "not_a_mentor";
    else if (p.offers.length === 0) {
      mentorOut[i] = "no_offers";
      excluded.push({ personId: p.id, reason: "no_offers" });
    } else mentorList.push(i);
  }

  const mentees = Int32Array.from(menteeList);
  const mentors = Int32Array.from(mentorList);
  const menteeSlot = new Int32Array(n).fill(-1);
  const mentorSlot = new Int32Array(n).fill(-1);
  mentees.forEach((p, s) => (menteeSlot[p] = s));
  mentors.forEach((p, s) => (mentorSlot[p] = s));
  const places = new Int32Array(mentors.length);
  const open = new Int32Array(mentors.length);
  mentors.forEach((p, s) => {
    places[s] = Math.min(people[p]!.capacity, rules.maxMenteesPerMentor);
    open[s] = openMentees[p]!;
  });

  const offering = new Map<string, { mentors: number[]; levels: number[] }>();
  mentors.forEach((p, s) => {
    for (const o of people[p]!.offers) {
      let e = offering.get(o.skillId);
      if (!e) offering.set(o.skillId, (e = { mentors: [], levels: [] }));
      e.mentors.push(s);
      e.levels.push(levelIndex.get(o.level)!);
    }
  });
  const skillMentors = new Map<string, { mentors: Int32Array; levels: Int8Array }>();
  const skillGroups = new Map<string, SkillGroup[]>();
  for (const [skill, e] of offering) {
    skillMentors.set(skill, { mentors: Int32Array.from(e.mentors), levels: Int8Array.from(e.levels) });
    const groups = new Map<number, { mentors: number[]; levels: number[] }>();
    e.mentors.forEach((s, k) => {
      const p = mentors[s]!;
      const key = week[p]! * 4 + languages[p]!;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { mentors: [], levels: [] }));
      g.mentors.push(s);
      g.levels.push(e.levels[k]!);
    });
    skillGroups.set(
      skill,
      [...groups.keys()].sort((x, y) => x - y).map((key) => ({ week: key >> 2, languages: key & 3, mentors: Int32Array.from(groups.get(key)!.mentors), levels: Int8Array.from(groups.get(key)!.levels) })),
    );
  }

  const requests = Array.from(mentees, (p) =>
    [...people[p]!.requests]
      .sort((a, b) => (a.skillId < b.skillId ? -1 : a.skillId > b.skillId ? 1 : 0))
      .map((r) => ({ skillId: r.skillId, urgency: r.urgency, units: urgencyUnits(scale, r.urgency) })),
  );

  return {
    rules,
    scale,
    people,
    index,
    mentees,
    menteeSlot,
    mentors,
    mentorSlot,
    places,
    open,
    excluded: excluded.sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0)),
    languages,
    department,
    week,
    chainStart,
    chain,
    manages,
    weeks,
    skillMentors,
    skillGroups,
    groupCache: new Map(),
    requests,
    pastPairs,
    removed,
    pairKey,
    minSharedMinutes: rules.minWeeklyOverlapHours * 60,
    menteeOut,
    mentorOut,
  };
}

/** The groups of mentors teaching a skill whose working week and languages the cycle's rules allow with a mentee's. */
export function compatibleGroups(c: Cohort, skill: string, menteePerson: number): SkillGroup[] {
  const week = c.week[menteePerson]!;
  const languages = c.languages[menteePerson]!;
  let bySkill = c.groupCache.get(skill);
  if (!bySkill) c.groupCache.set(skill, (bySkill = new Map()));
  const key = week * 4 + languages;
  let out = bySkill.get(key);
  if (!out) {
    out = (c.skillGroups.get(skill) ?? []).filter(
      (g) =>
        (!c.rules.requireCommonLanguage || (g.languages & languages) !== 0) &&
        (c.minSharedMinutes === 0 || c.weeks.shared(week, g.week) >= c.minSharedMinutes),
    );
    bySkill.set(key, out);
  }
  return out;
}

/** The hard rules between two people beyond hours and languages (see compatibleGroups). */
export function allowedBeyondGroup(c: Cohort, a: number, b: number): boolean {
  if (a === b) return false;
  if (!c.rules.allowSameDepartment && c.department[a]! >= 0 && c.department[a] === c.department[b]) return false;
  if (inChain(c, a, b)) return false;
  if (c.removed.size > 0 && c.removed.has(c.pairKey(a, b))) return false;
  if (!c.rules.allowRepeatPairs && c.pastPairs.size > 0 && c.pastPairs.has(c.pairKey(a, b))) return false;
  return true;
}

/** Whether `who` manages `person`, at any depth, or `person` manages `who`. */
function inChain(c: Cohort, person: number, who: number): boolean {
  const chain = c.chain;
  for (let k = c.chainStart[person]!, end = c.chainStart[person + 1]!; k < end; k++) if (chain[k] === who) return true;
  if (!c.manages[person]) return false;
  for (let k = c.chainStart[who]!, end = c.chainStart[who + 1]!; k < end; k++) if (chain[k] === person) return true;
  return false;
}

/** Whether the hard rules between two people allow the pair: the fast path of candidate generation. */
export function allowed(c: Cohort, a: number, b: number): boolean {
  if (a === b) return false;
  const r = c.rules;
  if (r.requireCommonLanguage && (c.languages[a]! & c.languages[b]!) === 0) return false;
  if (!r.allowSameDepartment && c.department[a]! >= 0 && c.department[a] === c.department[b]) return false;
  if (c.minSharedMinutes > 0 && c.weeks.shared(c.week[a]!, c.week[b]!) < c.minSharedMinutes) return false;
  if (inChain(c, a, b)) return false;
  if (c.removed.size > 0 && c.removed.has(c.pairKey(a, b))) return false;
  if (!r.allowRepeatPairs && c.pastPairs.size > 0 && c.pastPairs.has(c.pairKey(a, b))) return false;
  return true;
}

/** Every blocking rule the pair breaks, as bits of RULE_BIT. */
export function blockers(c: Cohort, a: number, b: number): number {
  return groupBlockers(c, a, c.week[b]!, c.languages[b]!) | personBlockers(c, a, b);
}

/** The rules a mentee breaks with every mentor of one working week and languages (a SkillGroup), as bits. */
export function groupBlockers(c: Cohort, a: number, week: number, languages: number): number {
  let bits = 0;
  if (c.rules.requireCommonLanguage && (c.languages[a]! & languages) === 0) bits |= RULE_BIT.no_common_language;
  if (c.minSharedMinutes > 0 && c.weeks.shared(c.week[a]!, week) < c.minSharedMinutes) bits |= RULE_BIT.no_common_working_hours;
  return bits;
}

/** The rules between two people beyond hours and languages, as bits. */
export function personBlockers(c: Cohort, a: number, b: number): number {
  const r = c.rules;
  let bits = 0;
  if (inChain(c, a, b)) bits |= RULE_BIT.reporting_chain;
  if (!r.allowSameDepartment && c.department[a]! >= 0 && c.department[a] === c.department[b]) bits |= RULE_BIT.same_department;
  if (!r.allowRepeatPairs && c.pastPairs.size > 0 && c.pastPairs.has(c.pairKey(a, b))) bits |= RULE_BIT.paired_before;
  if (c.removed.size > 0 && c.removed.has(c.pairKey(a, b))) bits |= RULE_BIT.removed;
  return bits;
}

export const rulesOf = (bits: number): BlockingRule[] =>
  (Object.keys(RULE_BIT) as BlockingRule[]).filter((rule) => (bits & RULE_BIT[rule]) !== 0);

/** The request a pair would work on: the one whose skill and urgency earn the most, the first skill id on a tie. */
export function bestRequest(c: Cohort, menteeSlot: number, mentorPerson: number): { skillId: string; level: (typeof offerLevels)[number]; units: number } | null {
  let best: { skillId: string; level: (typeof offerLevels)[number]; units: number } | null = null;
  const offers = c.people[mentorPerson]!.offers;
  for (const r of c.requests[menteeSlot]!) {
    const o = offers.find((x) => x.skillId === r.skillId);
    if (!o) continue;
    const units = skillUnits(c.scale, o.level) + r.units;
    if (!best || units > best.units) best = { skillId: r.skillId, level: o.level, units };
  }
  return best;
}

/**
 * Every reason a pair cannot be made before any optimisation: someone out of the run, the same person, no common
 * skill, a hard rule, or a mentor without a place left. Empty: the pair is a candidate.
 */
export function ruledOut(c: Cohort, menteeId: string, mentorId: string): PairRule[] {
  const a = c.index.get(menteeId);
  const b = c.index.get(mentorId);
  if (a === undefined || b === undefined) return ["unknown_person"];
  const out: PairRule[] = [];
  const ma = c.menteeOut[a];
  const mb = c.mentorOut[b];
  if (ma) out.push(ma);
  if (mb && mb !== ma) out.push(mb);
  if (a === b) out.push("same_person");
  if (out.length) return out;
  if (!bestRequest(c, c.menteeSlot[a]!, b)) out.push("no_common_skill");
  out.push(...rulesOf(blockers(c, a, b)));
  const s = c.mentorSlot[b]!;
  if (c.places[s]! - c.open[s]! <= 0) out.push("mentor_full");
  return out;
}
