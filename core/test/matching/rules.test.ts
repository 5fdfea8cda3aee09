import { describe, expect, it } from "vitest";
import { describeFitPart, describeUnmatched, describeWhyNot, matchCohort, MatchingRules, Cycle } from "../../src";
import { CYCLE, cohort, pairsOf, person } from "./support";

describe("hard rules", () => {
  it("never proposes a mentor who is the mentee's skip-level manager, nor one of the mentee's own reports at any depth", () => {
    const people = [
      person("ceo", { teaches: ["ai"], managerChain: [] }),
      person("vp", { learns: ["ai"], teaches: ["ai"], managerChain: ["ceo"] }),
      person("lead", { managerChain: ["vp", "ceo"] }),
      person("dev", { learns: ["ai"], managerChain: ["lead", "vp", "ceo"] }),
      person("intern", { teaches: ["ai"], managerChain: ["dev", "lead", "vp", "ceo"] }),
    ];
    const run = matchCohort(cohort(people));
    // dev's candidates: ceo (skip-skip-level), vp (skip-level) and intern (dev's report): all in dev's chain.
    expect(pairsOf(run.result)).not.toContain("dev→vp");
    expect(pairsOf(run.result)).not.toContain("dev→ceo");
    expect(pairsOf(run.result)).not.toContain("dev→intern");
    expect(run.result.unmatched.find((u) => u.menteeId === "dev")?.reason).toBe("reporting_chain");
    // vp may learn from the intern four levels below? No: the intern is in vp's line too.
    expect(pairsOf(run.result)).toEqual([]);
    expect(run.whyNot("dev", "vp")).toEqual({ status: "ruled_out", rules: ["reporting_chain"] });
    expect(run.whyNot("vp", "intern")).toEqual({ status: "ruled_out", rules: ["reporting_chain"] });
  });

  it("leaves out paused people and people not enrolled in the cycle, and says so", () => {
    const people = [
      person("anna", { learns: ["ai"] }),
      person("ben", { teaches: ["ai"], paused: true }),
      person("chloe", { teaches: ["ai"], enrolled: false }),
      person("dan", { learns: ["ai"], paused: true }),
    ];
    const run = matchCohort(cohort(people));
    expect(pairsOf(run.result)).toEqual([]);
    expect(run.result.excluded).toEqual([
      { personId: "ben", reason: "paused" },
      { personId: "chloe", reason: "not_enrolled" },
      { personId: "dan", reason: "paused" },
    ]);
    expect(run.result.unmatched).toEqual([
      { menteeId: "anna", reason: "no_mentor_offers_skill", skills: [{ skillId: "ai", reason: "no_mentor_offers_skill", mentors: 0, blocked: {}, full: 0, taken: 0 }] },
    ]);
    expect(run.whyNot("anna", "ben")).toEqual({ status: "ruled_out", rules: ["paused"] });
  });

  it("counts tandems already open against a mentor's places, and the cycle's maximum against their profile's", () => {
    const people = [
      person("mia", { teaches: ["ai"], capacity: 3 }),
      person("a", { learns: ["ai"] }),
      person("b", { learns: ["ai"] }),
      person("c", { learns: ["ai"] }),
      person("old"),
    ];
    // The cycle allows 2 per mentor; one is held by an active tandem of an earlier cycle.
    const run = matchCohort(
      cohort(people, { rules: { maxMenteesPerMentor: 2 }, tandems: [{ cycleId: "cycle-1", mentorId: "mia", menteeIds: ["old"], status: "active" }] }),
    );
    expect(pairsOf(run.result)).toHaveLength(1);
    expect(run.result.mentors).toEqual([{ mentorId: "mia", places: 2, open: 1, proposed: 1 }]);
    const left = run.result.unmatched.map((u) => u.menteeId);
    expect(left).toHaveLength(2);
    expect(run.result.unmatched[0]!.skills[0]).toMatchObject({ reason: "mentors_full", mentors: 1, taken: 1, full: 0 });
    expect(describeUnmatched(run.result.unmatched[0]!, "en", { skill: () => "AI tools" })).toEqual(["AI tools: the mentor who teaches it is full."]);
  });

  it("leaves out mentees already in a tandem of this cycle", () => {
    const people = [person("mia", { teaches: ["ai"], capacity: 2 }), person("a", { learns: ["ai"] }), person("b", { learns: ["ai"] })];
    const run = matchCohort(cohort(people, { tandems: [{ cycleId: CYCLE, mentorId: "mia", menteeIds: ["a"], status: "accepted" }] }));
    expect(pairsOf(run.result)).toEqual(["b→mia"]);
    expect(run.result.excluded).toEqual([{ personId: "a", reason: "already_matched" }]);
  });

  it("keeps pinned pairs, even against a better fit, and refuses pins that break a rule", () => {
    const people = [
      person("expert", { teaches: ["ai"], offers: [{ skillId: "ai", level: "expert" }], department: "Sales" }),
      person("novice", { teaches: ["ai"], offers: [{ skillId: "ai", level: "beginner" }], department: "Sales" }),
      person("sam", { learns: ["ai"], department: "IT", managerChain: ["boss"] }),
      person("boss", { teaches: ["ai"], department: "IT" }),
    ];
    const free = matchCohort(cohort(people));
    expect(pairsOf(free.result)).toEqual(["sam→expert"]);
    const pinned = matchCohort(cohort(people, { pins: [{ menteeId: "sam", mentorId: "novice" }, { menteeId: "sam", mentorId: "boss" }] }));
    expect(pairsOf(pinned.result)).toEqual(["sam→novice"]);
    expect(pinned.result.proposals[0]!.pairs[0]!.pinned).toBe(true);
    expect(pinned.result.pinProblems).toEqual([{ menteeId: "sam", mentorId: "boss", rules: ["reporting_chain"] }]);
    expect(pinned.whyNot("sam", "expert")).toEqual({ status: "ruled_out", rules: ["mentee_pinned_elsewhere"] });
  });

  it("never brings back a pair the coordinator removed in this run", () => {
    const people = [person("ada", { teaches: ["ai"] }), person("bob", { teaches: ["ai"] }), person("sam", { learns: ["ai"] })];
    const run = matchCohort(cohort(people, { removals: [{ menteeId: "sam", mentorId: "ada" }] }));
    expect(pairsOf(run.result)).toEqual(["sam→bob"]);
    const both = matchCohort(cohort(people, { removals: [{ menteeId: "sam", mentorId: "ada" }, { menteeId: "sam", mentorId: "bob" }] }));
    expect(pairsOf(both.result)).toEqual([]);
    expect(both.result.unmatched[0]!.reason).toBe("removed");
  });

  it("does not repeat a pair that met in an earlier cycle unless the cycle allows it", () => {
    const people = [person("ada", { teaches: ["ai"] }), person("sam", { learns: ["ai"] })];
    const tandems = [{ cycleId: "cycle-1", mentorId: "ada", menteeIds: ["sam"], status: "completed" as const }];
    expect(pairsOf(matchCohort(cohort(people, { tandems })).result)).toEqual([]);
    expect(matchCohort(cohort(people, { tandems })).result.unmatched[0]!.reason).toBe("paired_before");
    expect(pairsOf(matchCohort(cohort(people, { tandems, rules: { allowRepeatPairs: true } })).result)).toEqual(["sam→ada"]);
    // A proposal that was declined never met: it may come again.
    expect(pairsOf(matchCohort(cohort(people, { tandems: [{ ...tandems[0]!, status: "declined" }] })).result)).toEqual(["sam→ada"]);
  });

  it("follows the cycle's rules on a common language and on departments", () => {
    const people = [
      person("ada", { teaches: ["ai"], languages: ["en"], department: "IT" }),
      person("sam", { learns: ["ai"], languages: ["fr"], department: "IT" }),
    ];
    expect(pairsOf(matchCohort(cohort(people)).result)).toEqual(["sam→ada"]);
    const lang = matchCohort(cohort(people, { rules: { requireCommonLanguage: true } }));
    expect(lang.result.unmatched[0]!.reason).toBe("no_common_language");
    const dept = matchCohort(cohort(people, { rules: { allowSameDepartment: false } }));
    expect(dept.result.unmatched[0]!.reason).toBe("same_department");
    expect(dept.whyNot("sam", "ada")).toEqual({ status: "ruled_out", rules: ["same_department"] });
  });

  it("asks for the cycle's weekly hours in common across time zones", () => {
    // Paris 09:00–17:00 and Montréal 09:00–17:00 share 2 hours a day in September (15:00–17:00 in Paris).
    const people = [person("ada", { teaches: ["ai"], timeZone: "America/Toronto" }), person("sam", { learns: ["ai"] })];
    const ten = matchCohort(cohort(people, { rules: { minWeeklyOverlapHours: 10 } }));
    expect(pairsOf(ten.result)).toEqual(["sam→ada"]);
    expect(ten.result.proposals[0]!.pairs[0]!.parts.find((p) => p.part === "overlap")).toMatchObject({ hoursPerWeek: 10 });
    const twelve = matchCohort(cohort(people, { rules: { minWeeklyOverlapHours: 12 } }));
    expect(twelve.result.unmatched[0]!.reason).toBe("no_common_working_hours");
    // Auckland and Paris never work at the same time.
    const far = [person("ada", { teaches: ["ai"], timeZone: "Pacific/Auckland" }), person("sam", { learns: ["ai"] })];
    expect(matchCohort(cohort(far, { rules: { minWeeklyOverlapHours: 1 } })).whyNot("sam", "ada")).toEqual({ status: "ruled_out", rules: ["no_common_working_hours"] });
  });
});

describe("fit", () => {
  it("scores the offer's level, the request's urgency, other departments, a shared language and hours in common, with words for each", () => {
    const people = [
      person("ada", { teaches: ["ai"], offers: [{ skillId: "ai", level: "expert" }], department: "IT", languages: ["fr", "en"] }),
      person("sam", { learns: ["ai"], requests: [{ skillId: "ai", why: "", urgency: "high" }], department: "Sales", languages: ["en"] }),
    ];
    const pair = matchCohort(cohort(people)).result.proposals[0]!.pairs[0]!;
    expect(pair.score).toBe(100);
    expect(pair.parts.map((p) => describeFitPart(p, "en", { skill: () => "AI tools" }))).toEqual([
      "Teaches AI tools at expert level (+40 / 40)",
      "Urgent request (+25 / 25)",
      "Different departments (+15 / 15)",
      "Common language: English (+10 / 10)",
      "40 h of working time in common each week (+10 / 10)",
    ]);
    expect(describeFitPart(pair.parts[0]!, "fr", { skill: () => "outils d'IA" })).toBe("Enseigne outils d'IA au niveau expert (+40 / 40)");
    expect(describeFitPart(pair.parts[4]!, "fr")).toBe("40 h de travail en commun par semaine (+10 / 10)");
  });

  it("picks, for each pair, the mentee's request the mentor fits best", () => {
    const people = [
      person("ada", { programRoles: ["mentor"], offers: [{ skillId: "excel", level: "expert" }, { skillId: "teams", level: "beginner" }] }),
      person("sam", { programRoles: ["mentee"], requests: [{ skillId: "teams", why: "", urgency: "high" }, { skillId: "excel", why: "", urgency: "low" }] }),
    ];
    // excel: 40 + 0; teams: 10 + 25.
    const pair = matchCohort(cohort(people)).result.proposals[0]!.pairs[0]!;
    expect(pair.skillId).toBe("excel");
  });

  it("follows the coordinator's weights", () => {
    const people = [
      person("near", { teaches: ["ai"], department: "Sales" }),
      person("far", { teaches: ["ai"], department: "IT", timeZone: "America/Toronto" }),
      person("sam", { learns: ["ai"], department: "Sales" }),
    ];
    expect(pairsOf(matchCohort(cohort(people, { rules: { weights: { skill: 10, urgency: 0, crossDepartment: 0, language: 0, overlap: 90 } } })).result)).toEqual(["sam→near"]);
    expect(pairsOf(matchCohort(cohort(people, { rules: { weights: { skill: 10, urgency: 0, crossDepartment: 90, language: 0, overlap: 10 } } })).result)).toEqual(["sam→far"]);
  });
});

describe("the objective", () => {
  // Only the level counts here. ada fits sam perfectly but is the only mentor kim can have: the best total fit
  // (ada with sam: 100) leaves kim out; matching both (kim with ada, sam with bob) makes 25 + 25.
  const skillOnly = { weights: { skill: 100, urgency: 0, crossDepartment: 0, language: 0, overlap: 0 } };
  const people = [
    person("ada", { teaches: ["ai", "excel"], offers: [{ skillId: "ai", level: "expert" }, { skillId: "excel", level: "beginner" }], department: "IT" }),
    person("bob", { teaches: ["ai"], offers: [{ skillId: "ai", level: "beginner" }], department: "Sales" }),
    person("sam", { learns: ["ai"], department: "Sales" }),
    person("kim", { learns: ["excel"], department: "Sales" }),
  ];

  it("matches as many people as possible first, then the highest total fit", () => {
    const run = matchCohort(cohort(people, { rules: skillOnly }));
    expect(pairsOf(run.result)).toEqual(["kim→ada", "sam→bob"]);
    const why = run.whyNot("sam", "ada");
    expect(why).toMatchObject({ status: "not_chosen", wouldUnmatch: 1 });
    expect(describeWhyNot(why, "en")).toBe("Proposing it would leave 1 more person without a mentor. To make it: kim would have no mentor.");
  });

  it("or the highest total fit, when the coordinator prefers it", () => {
    const run = matchCohort(cohort(people, { rules: { ...skillOnly, objective: "best-fit" } }));
    expect(pairsOf(run.result)).toEqual(["sam→ada"]);
    expect(run.result.unmatched).toEqual([
      { menteeId: "kim", reason: "mentors_full", skills: [{ skillId: "excel", reason: "mentors_full", mentors: 1, blocked: {}, full: 0, taken: 1 }] },
    ]);
  });

  it("says how much higher a pair's fit would need to be", () => {
    const two = [
      person("ada", { teaches: ["ai"], offers: [{ skillId: "ai", level: "expert" }] }),
      person("bob", { teaches: ["ai"], offers: [{ skillId: "ai", level: "intermediate" }] }),
      person("sam", { learns: ["ai"] }),
    ];
    const run = matchCohort(cohort(two));
    expect(pairsOf(run.result)).toEqual(["sam→ada"]);
    // expert 40 points, intermediate 20: bob lacks 20 points.
    const why = run.whyNot("sam", "bob");
    expect(why).toMatchObject({ status: "not_chosen", fitShortfall: 20, wouldUnmatch: 0, changes: [{ menteeId: "sam", from: "ada", to: "bob" }] });
    expect(describeWhyNot(why, "fr")).toBe("Il faudrait une adéquation supérieure d'au moins 20 points (elle est de 67,5).");
    expect(run.whyNot("sam", "ada")).toEqual({ status: "proposed", kind: "tandem", pinned: false });
  });
});

describe("circles", () => {
  const mentees = ["m1", "m2", "m3", "m4", "m5", "m6", "m7"].map((id) => person(id, { learns: ["ai"] }));
  const mentor = person("ada", { teaches: ["ai", "excel"], capacity: 10 });

  it("groups a mentor's mentees on one skill into circles of 2 to 5 when the cycle allows them, seven as four and three", () => {
    const run = matchCohort(cohort([mentor, ...mentees, person("x", { learns: ["excel"] })], { rules: { allowCircles: true, maxMenteesPerMentor: 10 } }));
    expect(run.result.proposals.map((p) => [p.kind, p.skillId, p.menteeIds])).toEqual([
      ["circle", "ai", ["m1", "m2", "m3", "m4"]],
      ["circle", "ai", ["m5", "m6", "m7"]],
      ["tandem", "excel", ["x"]],
    ]);
  });

  it("proposes tandems otherwise, with the same pairs and the same total", () => {
    const withCircles = matchCohort(cohort([mentor, ...mentees], { rules: { allowCircles: true, maxMenteesPerMentor: 10 } })).result;
    const without = matchCohort(cohort([mentor, ...mentees], { rules: { maxMenteesPerMentor: 10 } })).result;
    expect(without.proposals.every((p) => p.kind === "tandem")).toBe(true);
    expect(pairsOf(without)).toEqual(pairsOf(withCircles));
    expect(without.summary.totalScore).toBe(withCircles.summary.totalScore);
  });
});

describe("cycles", () => {
  it("reads cycles written before the matching settings with their defaults", () => {
    const old = Cycle.parse({
      id: "0b1f2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
      name: "Cycle 1",
      startsOn: "2026-01-05",
      endsOn: "2026-06-30",
      cadence: { everyWeeks: 2, sessionMinutes: 45 },
      matching: { maxMenteesPerMentor: 2, allowSameDepartment: false, requireCommonLanguage: true },
    });
    expect(old.matching).toEqual({
      maxMenteesPerMentor: 2,
      allowSameDepartment: false,
      requireCommonLanguage: true,
      objective: "most-matched",
      weights: { skill: 40, urgency: 25, crossDepartment: 15, language: 10, overlap: 10 },
      allowCircles: false,
      allowRepeatPairs: false,
      minWeeklyOverlapHours: 0,
    });
    expect(MatchingRules.safeParse({ ...old.matching, weights: { skill: 0, urgency: 0, crossDepartment: 0, language: 0, overlap: 0 } }).success).toBe(false);
  });
});
