import { describe, expect, it } from "vitest";
import { asOfCycle, brokenRules, canonicalInput, demandOf, inputChanges, matchCohort, overlappingCycles, presentProposals, presentUnmatched, type Profile } from "../../src";
import { CYCLE, cohort, person, rules } from "./support";

const cycle = (r = {}) => ({ id: CYCLE, startsOn: "2026-09-07", matching: rules(r) });
const names = { skill: (id: string, l: "fr" | "en") => `${id}-${l}`, person: (id: string) => id.toUpperCase() };

describe("a hand-made proposal's hard rules", () => {
  it("names each rule the engine would apply to the pair, in both languages", () => {
    const boss = person("boss", { learns: ["ai"], department: "Sales", languages: ["fr"] });
    const junior = person("junior", { teaches: ["ai"], department: "Sales", managerChain: ["boss"], languages: ["en"] });
    const broken = brokenRules({ cycle: cycle({ allowSameDepartment: false, requireCommonLanguage: true }), mentor: junior, mentees: [boss], tandems: [] });
    expect(broken.map((b) => b.rule)).toEqual(["reporting_chain", "same_department", "no_common_language"]);
    expect(broken[0]!.words).toEqual({ fr: "L'un est dans la ligne hiérarchique de l'autre.", en: "One is in the other's reporting chain." });
  });

  it("leaves a pair with no common skill to the coordinator, and refuses a mentee already matched in the cycle or a pair met before", () => {
    const mentor = person("m", { teaches: ["excel"], capacity: 3 });
    const a = person("a", { learns: ["ai"] });
    const b = person("b", { learns: ["ai"] });
    const tandems = [
      { cycleId: CYCLE, mentorId: "x", menteeIds: ["a"], status: "accepted" as const },
      { cycleId: "cycle-1", mentorId: "m", menteeIds: ["b"], status: "completed" as const },
    ];
    expect(brokenRules({ cycle: cycle(), mentor, mentees: [a, b], tandems }).map((r) => [r.menteeId, r.rule])).toEqual([
      ["a", "already_matched"],
      ["b", "paired_before"],
    ]);
    expect(brokenRules({ cycle: cycle(), mentor, mentees: [person("c", { learns: ["ai"] })], tandems })).toEqual([]);
  });
});

describe("cycles side by side", () => {
  it("counts a mentee in an open tandem of an overlapping cycle as matched, and no one else", () => {
    const cycles = [
      { id: "c1", startsOn: "2026-01-01", endsOn: "2026-06-30" },
      { id: "c2", startsOn: "2026-06-01", endsOn: "2026-12-31" },
      { id: "c3", startsOn: "2027-01-01", endsOn: "2027-06-30" },
    ];
    expect([...overlappingCycles(cycles[1]!, cycles)].sort()).toEqual(["c1", "c2"]);
    const tandems = [
      { cycleId: "c1", mentorId: "m", menteeIds: ["a"], status: "active" as const },
      { cycleId: "c1", mentorId: "m", menteeIds: ["b"], status: "completed" as const },
      { cycleId: "c3", mentorId: "m", menteeIds: ["c"], status: "proposed" as const },
    ];
    expect(asOfCycle("c2", overlappingCycles(cycles[1]!, cycles), tandems).map((t) => t.cycleId)).toEqual(["c2", "c1", "c3"]);
  });
});

describe("what changed since a run", () => {
  it("is nothing for the same facts in another order, and names the people and mentors that changed", () => {
    const people = [person("a", { learns: ["ai", "excel"] }), person("m", { teaches: ["ai"] })];
    const before = cohort(people);
    const shuffled = cohort([person("m", { teaches: ["ai"] }), person("a", { learns: ["excel", "ai"] })]);
    expect(inputChanges(before, shuffled)).toEqual([]);
    expect(canonicalInput(before)).toBe(canonicalInput(shuffled));

    const after = cohort([person("a", { learns: ["ai"], paused: true }), person("m", { teaches: ["ai"] })], {
      tandems: [{ cycleId: CYCLE, mentorId: "m", menteeIds: ["z"], status: "proposed" }],
    });
    const changes = inputChanges(before, after);
    expect(changes.map((c) => [c.what, c.ids])).toEqual([
      ["people", ["a"]],
      ["tandems", ["m"]],
    ]);
    expect(changes[0]!.words.en).toBe("1 person changed (profile, pause, requests, offers or place in the organisation).");
  });
});

describe("a run as the console reads it", () => {
  it("gives each pair's parts in words, a circle its mean, and the unmatched their reasons", () => {
    const people = [
      person("m", { teaches: ["ai"], capacity: 3 }),
      person("a", { learns: ["ai"], requests: [{ skillId: "ai", why: "", urgency: "high" }] }),
      person("b", { learns: ["ai"] }),
      person("c", { learns: ["excel"] }),
      person("idle", { teaches: ["excel"], managerChain: ["c"] }),
    ];
    const run = matchCohort(cohort(people, { rules: { allowCircles: true } }));
    const [circle] = presentProposals(run.result, names);
    expect(circle).toMatchObject({ kind: "circle", mentorId: "m", menteeIds: ["a", "b"], breakdown: [] });
    expect(circle!.score).toBe(Math.round(((circle!.pairs[0]!.score + circle!.pairs[1]!.score) / 2) * 10) / 10);
    expect(circle!.pairs[0]!.breakdown[0]!.words).toEqual({ fr: "Enseigne ai-fr au niveau avancé (+30 / 40)", en: "Teaches ai-en at advanced level (+30 / 40)" });
    const unmatched = presentUnmatched(run.result, people, names);
    expect(unmatched).toEqual([
      { personId: "c", role: "mentee", reasons: [{ code: "reporting_chain", skillId: "excel", words: { fr: "excel-fr : les seuls mentors sont dans votre ligne hiérarchique.", en: "excel-en: the only mentors are in your reporting chain." } }] },
      { personId: "idle", role: "mentor", reasons: [expect.objectContaining({ code: "no_mentee_for_offers" })] },
    ]);
  });
});

describe("demand and supply", () => {
  it("counts open requests by urgency, mentors and their places left, and the gap, largest first", () => {
    const profile = (id: string, p: Partial<Profile>): Profile => ({
      id, displayName: id, programRoles: [], offers: [], requests: [], languages: ["fr"], timeZone: "Europe/Paris", capacity: 0, paused: false, trainingCompleted: [], enrolments: [], createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z", ...p,
    });
    const profiles = [
      profile("a", { programRoles: ["mentee"], requests: [{ skillId: "ai", why: "", urgency: "high" }, { skillId: "excel", why: "", urgency: "low" }] }),
      profile("b", { programRoles: ["mentee"], requests: [{ skillId: "ai", why: "", urgency: "medium" }] }),
      profile("c", { programRoles: ["mentee"], requests: [{ skillId: "ai", why: "", urgency: "high" }] }),
      profile("p", { programRoles: ["mentee"], paused: true, requests: [{ skillId: "ai", why: "", urgency: "high" }] }),
      profile("m", { programRoles: ["mentor"], capacity: 5, offers: [{ skillId: "ai", level: "expert" }, { skillId: "excel", level: "beginner" }] }),
    ];
    const tandems = [{ cycleId: CYCLE, mentorId: "m", menteeIds: ["c"], status: "accepted" as const }];
    const d = demandOf({ id: CYCLE, matching: rules({ maxMenteesPerMentor: 3 }) }, profiles, tandems, []);
    expect(d.skills).toEqual([
      { skillId: "excel", label: null, requests: { count: 1, urgency: { low: 1, medium: 0, high: 0 } }, mentors: 1, freeCapacity: 2, gap: -1 },
      { skillId: "ai", label: null, requests: { count: 2, urgency: { low: 0, medium: 1, high: 1 } }, mentors: 1, freeCapacity: 2, gap: 0 },
    ].sort((x, y) => y.gap - x.gap));
    expect(d.totals).toEqual({ requests: 3, mentors: 1, freeCapacity: 2 });
  });
});
