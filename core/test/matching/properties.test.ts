import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  matchCohort,
  prepareMatching,
  sharedMinutes,
  weeklyIntervals,
  type ExistingTandem,
  type MatchingInput,
  type MatchingPerson,
  type MatchingResult,
  type MatchingRules,
  type PairRef,
} from "../../src";
import { highsOptimum } from "./oracle";
import { prng } from "./support";

// ---------------------------------------------------------------------------------------------------------------
// Random organisations: a manager tree (sometimes deep), departments, languages, time zones and working hours,
// mentors and mentees on six skills, some paused or not enrolled, open and past tandems, pins and removals.
// ---------------------------------------------------------------------------------------------------------------

const SKILLS = ["ai", "excel", "linkedin", "teams", "copilot", "video"];
const ZONES = ["Europe/Paris", "America/Toronto", "Asia/Singapore", "Europe/London"];
const LEVELS = ["beginner", "intermediate", "advanced", "expert"] as const;
const URGENCIES = ["low", "medium", "high"] as const;
const CYCLE = "this-cycle";

const settings = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  size: fc.integer({ min: 2, max: 60 }),
  objective: fc.constantFrom("most-matched" as const, "best-fit" as const),
  allowCircles: fc.boolean(),
  requireCommonLanguage: fc.boolean(),
  allowSameDepartment: fc.boolean(),
  allowRepeatPairs: fc.boolean(),
  minWeeklyOverlapHours: fc.constantFrom(0, 0, 5, 20, 36),
  maxMenteesPerMentor: fc.integer({ min: 1, max: 4 }),
  weights: fc
    .record({
      skill: fc.integer({ min: 0, max: 100 }),
      urgency: fc.integer({ min: 0, max: 100 }),
      crossDepartment: fc.integer({ min: 0, max: 100 }),
      language: fc.integer({ min: 0, max: 100 }),
      overlap: fc.integer({ min: 0, max: 100 }),
    })
    .filter((w) => w.skill + w.urgency + w.crossDepartment + w.language + w.overlap > 0),
});
type Settings = typeof settings extends fc.Arbitrary<infer T> ? T : never;

function organisation(s: Settings): MatchingInput {
  const rnd = prng(s.seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const pick = <T>(xs: readonly T[]) => xs[int(xs.length)]!;
  const some = <T>(xs: readonly T[], max: number) => [...new Set(Array.from({ length: int(max + 1) }, () => pick(xs)))];
  const id = (i: number) => `p${String(i).padStart(2, "0")}`;
  const manager: number[] = [];
  const people: MatchingPerson[] = [];
  for (let i = 0; i < s.size; i++) {
    manager.push(i === 0 || rnd() < 0.15 ? -1 : rnd() < 0.4 ? i - 1 : int(i));
    const chain: string[] = [];
    for (let m = manager[i]!; m >= 0; m = manager[m]!) chain.push(id(m));
    const roles = rnd();
    const start = 7 + int(5);
    people.push({
      id: id(i),
      programRoles: roles < 0.4 ? ["mentor"] : roles < 0.85 ? ["mentee"] : ["mentor", "mentee"],
      offers: some(SKILLS, 3).map((skillId) => ({ skillId, level: pick(LEVELS) })),
      requests: some(SKILLS, 3).map((skillId) => ({ skillId, why: "", urgency: pick(URGENCIES) })),
      languages: rnd() < 0.3 ? ["fr", "en"] : [pick(["fr", "en"] as const)],
      timeZone: pick(ZONES),
      capacity: int(4),
      paused: rnd() < 0.08,
      enrolled: rnd() < 0.92,
      department: pick(["IT", "Sales", "HR", ""]),
      managerChain: chain,
      workingHours: {
        daysOfWeek: rnd() < 0.8 ? ["monday", "tuesday", "wednesday", "thursday", "friday"] : ["monday", "wednesday", "saturday"],
        startTime: `${String(start).padStart(2, "0")}:00`,
        endTime: `${String(start + 4 + int(5)).padStart(2, "0")}:30`,
      },
    });
  }
  const anyPair = (): PairRef => ({ menteeId: id(int(s.size)), mentorId: id(int(s.size)) });
  const tandems: ExistingTandem[] = Array.from({ length: int(5) }, () => {
    const p = anyPair();
    return { cycleId: rnd() < 0.3 ? CYCLE : "earlier", mentorId: p.mentorId, menteeIds: [p.menteeId], status: pick(["proposed", "active", "completed", "declined"] as const) };
  }).filter((t) => t.mentorId !== t.menteeIds[0]);
  return {
    cycle: {
      id: CYCLE,
      startsOn: "2026-03-16",
      matching: {
        maxMenteesPerMentor: s.maxMenteesPerMentor,
        allowSameDepartment: s.allowSameDepartment,
        requireCommonLanguage: s.requireCommonLanguage,
        objective: s.objective,
        weights: s.weights,
        allowCircles: s.allowCircles,
        allowRepeatPairs: s.allowRepeatPairs,
        minWeeklyOverlapHours: s.minWeeklyOverlapHours,
      },
    },
    people,
    tandems,
    pins: Array.from({ length: int(4) }, anyPair),
    removals: Array.from({ length: int(6) }, anyPair),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The hard rules, written again the plain way: every pair of people, every rule read off the input.
// ---------------------------------------------------------------------------------------------------------------

const OPEN = ["proposed", "accepted", "active", "paused"];
const MET = ["active", "paused", "completed"];

function plainRules(input: MatchingInput) {
  const r: MatchingRules = input.cycle.matching;
  const byId = new Map(input.people.map((p) => [p.id, p]));
  const at = Date.parse(`${input.cycle.startsOn}T12:00:00Z`);
  const inCycle = (p: MatchingPerson) => p.enrolled && !p.paused;
  const matchedAlready = new Set(input.tandems.filter((t) => t.cycleId === input.cycle.id && OPEN.includes(t.status)).flatMap((t) => t.menteeIds));
  const isMentee = (p: MatchingPerson) => inCycle(p) && p.programRoles.includes("mentee") && p.requests.length > 0 && !matchedAlready.has(p.id);
  const isMentor = (p: MatchingPerson) => inCycle(p) && p.programRoles.includes("mentor") && p.offers.length > 0;
  const places = (m: MatchingPerson) =>
    Math.min(m.capacity, r.maxMenteesPerMentor) - input.tandems.filter((t) => t.mentorId === m.id && OPEN.includes(t.status)).reduce((n, t) => n + t.menteeIds.length, 0);
  const met = (a: string, b: string) => input.tandems.some((t) => t.cycleId !== input.cycle.id && MET.includes(t.status) && t.mentorId === b && t.menteeIds.includes(a));
  const removed = (a: string, b: string) => input.removals.some((x) => x.menteeId === a && x.mentorId === b);
  const weeks = new Map(input.people.map((p) => [p.id, weeklyIntervals(p.workingHours, p.timeZone, at)]));
  /** Whether the hard rules allow the pair, whatever the places. */
  const allows = (a: MatchingPerson, b: MatchingPerson) =>
    a.id !== b.id &&
    isMentee(a) &&
    isMentor(b) &&
    a.requests.some((q) => b.offers.some((o) => o.skillId === q.skillId)) &&
    !a.managerChain.includes(b.id) &&
    !b.managerChain.includes(a.id) &&
    (!r.requireCommonLanguage || a.languages.some((l) => b.languages.includes(l))) &&
    (r.allowSameDepartment || a.department === "" || a.department !== b.department) &&
    sharedMinutes(weeks.get(a.id)!, weeks.get(b.id)!) >= r.minWeeklyOverlapHours * 60 &&
    (r.allowRepeatPairs || !met(a.id, b.id)) &&
    !removed(a.id, b.id);
  return { byId, isMentee, isMentor, places, allows };
}

const proposedPairs = (r: MatchingResult) => r.proposals.flatMap((p) => p.pairs);

function checkRules(input: MatchingInput, result: MatchingResult) {
  const plain = plainRules(input);
  const pairs = proposedPairs(result);
  // No hard rule broken, anywhere.
  for (const p of pairs) expect(plain.allows(plain.byId.get(p.menteeId)!, plain.byId.get(p.mentorId)!), `${p.menteeId}→${p.mentorId}`).toBe(true);
  // A mentee has one mentor at most; no mentor goes past their places.
  expect(new Set(pairs.map((p) => p.menteeId)).size).toBe(pairs.length);
  const load = new Map<string, number>();
  for (const p of pairs) load.set(p.mentorId, (load.get(p.mentorId) ?? 0) + 1);
  for (const [mentor, n] of load) expect(n, mentor).toBeLessThanOrEqual(plain.places(plain.byId.get(mentor)!));
  // Circles and tandems have the right sizes and one skill.
  for (const p of result.proposals) {
    expect(p.kind === "tandem" ? p.menteeIds.length === 1 : p.menteeIds.length >= 2 && p.menteeIds.length <= 5).toBe(true);
    expect(p.pairs.every((x) => x.skillId === p.skillId && x.mentorId === p.mentorId)).toBe(true);
    if (p.kind === "circle") expect(input.cycle.matching.allowCircles).toBe(true);
  }
  // Each pin is kept, or reported with a reason that holds.
  const pins = [...new Map(input.pins.map((p) => [`${p.menteeId}>${p.mentorId}`, p])).values()];
  const kept = new Set(pairs.filter((p) => p.pinned).map((p) => `${p.menteeId}>${p.mentorId}`));
  for (const pin of pins) {
    const key = `${pin.menteeId}>${pin.mentorId}`;
    const problem = result.pinProblems.find((x) => x.menteeId === pin.menteeId && x.mentorId === pin.mentorId);
    expect(kept.has(key) !== (problem !== undefined), key).toBe(true);
    const a = plain.byId.get(pin.menteeId)!;
    const b = plain.byId.get(pin.mentorId)!;
    if (kept.has(key)) expect(plain.allows(a, b)).toBe(true);
    else if (plain.allows(a, b)) {
      const otherPin = pairs.some((p) => p.pinned && p.menteeId === a.id);
      const mentorFull = pairs.filter((p) => p.pinned && p.mentorId === b.id).length >= plain.places(b);
      expect(otherPin || mentorFull, key).toBe(true);
    }
  }
  // Everyone who could take part and has no proposal is listed with reasons; none of them has an allowed mentor
  // with a place left.
  const proposedMentees = new Set(pairs.map((p) => p.menteeId));
  const unmatched = new Set(result.unmatched.map((u) => u.menteeId));
  for (const a of input.people) {
    if (!plain.isMentee(a) || proposedMentees.has(a.id)) continue;
    expect(unmatched.has(a.id), a.id).toBe(true);
    for (const b of input.people) {
      if (plain.allows(a, b)) expect((load.get(b.id) ?? 0) >= plain.places(b), `${a.id} left out while ${b.id} has a place`).toBe(true);
    }
  }
  expect(result.summary.matched).toBe(pairs.length);
}

function shuffled(input: MatchingInput, seed: number): MatchingInput {
  const rnd = prng(seed);
  const mix = <T>(xs: readonly T[]): T[] => {
    const out = [...xs];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return {
    ...input,
    people: mix(input.people).map((p) => ({ ...p, offers: mix(p.offers), requests: mix(p.requests), languages: mix(p.languages), workingHours: { ...p.workingHours, daysOfWeek: mix(p.workingHours.daysOfWeek) } })),
    tandems: mix(input.tandems),
    pins: mix(input.pins),
    removals: mix(input.removals),
  };
}

describe("matching random organisations", () => {
  it("never breaks a hard rule, keeps capacities and pins, leaves nobody out who could have a free mentor, and gives the same result for the input in any order", () => {
    fc.assert(
      fc.property(settings, fc.integer(), (s, shuffleSeed) => {
        const input = organisation(s);
        const run = matchCohort(input);
        checkRules(input, run.result);
        expect(matchCohort(shuffled(input, shuffleSeed)).result).toEqual(run.result);
      }),
      { numRuns: 250 },
    );
  }, 60_000);

  it("finds the optimum HiGHS finds, on every instance, for both objectives", async () => {
    await fc.assert(
      fc.asyncProperty(settings, async (s) => {
        const input = organisation(s);
        const run = matchCohort(input);
        const prepared = prepareMatching(input);
        const c = prepared.cohort;
        // The candidate pairs are exactly the pairs the plain rules allow, for mentees not pinned and mentors with a
        // place left after open tandems and pins.
        const plain = plainRules(input);
        const expected: string[] = [];
        for (const a of input.people)
          for (const b of input.people) {
            const i = c.menteeSlot[c.index.get(a.id)!]!;
            const j = c.mentorSlot[c.index.get(b.id)!]!;
            if (plain.allows(a, b) && prepared.pinned[i] === -1 && prepared.placesLeft[j]! > 0) expected.push(`${a.id}>${b.id}`);
          }
        const cand = prepared.candidates;
        const actual = Array.from({ length: cand.count }, (_, k) => `${c.people[c.mentees[cand.mentee[k]!]!]!.id}>${c.people[c.mentors[cand.mentor[k]!]!]!.id}`);
        expect(actual.sort()).toEqual(expected.sort());

        const oracle = await highsOptimum(
          { mentees: c.mentees.length, mentors: c.mentors.length, places: prepared.placesLeft, mentee: cand.mentee, mentor: cand.mentor, units: cand.units },
          input.cycle.matching.objective,
          { integer: true },
        );
        if (oracle === "time_limit") throw new Error("HiGHS ran out of time");
        const free = proposedPairs(run.result).filter((p) => !p.pinned);
        expect({ matched: free.length, fitUnits: free.reduce((t, p) => t + Math.round(p.score * 10), 0) }).toEqual({ matched: oracle.matched, fitUnits: oracle.fitUnits });
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
