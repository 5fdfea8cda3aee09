import { describe, expect, it } from "vitest";
import { currentCycle, cycleRolesOf, demandOf, runPage, type Profile, type RunProposal, type RunUnmatched } from "../../src";
import { CYCLE, rules } from "./support";

const profile = (id: string, p: Partial<Profile>): Profile => ({
  id, displayName: id, programRoles: [], offers: [], requests: [], languages: ["fr"], timeZone: "Europe/Paris", capacity: 0, paused: false, trainingCompleted: [], enrolments: [], createdAt: "2026-01-01T00:00:00Z", updatedAt: "2026-01-01T00:00:00Z", ...p,
});

describe("enrolment per cycle", () => {
  it("takes everyone with a role in a cycle without its own enrolment, and in one with it only who enrolled, as the roles they enrolled as", () => {
    const both = profile("both", { programRoles: ["mentor", "mentee"], enrolments: [{ cycleId: CYCLE, roles: ["mentee"] }] });
    const other = profile("other", { programRoles: ["mentee"], enrolments: [{ cycleId: "another", roles: ["mentee"] }] });
    expect(cycleRolesOf(both, { id: CYCLE, enrolment: "profile" })).toEqual(["mentor", "mentee"]);
    expect(cycleRolesOf(other, { id: CYCLE })).toEqual(["mentee"]);
    expect(cycleRolesOf(both, { id: CYCLE, enrolment: "cycle" })).toEqual(["mentee"]);
    expect(cycleRolesOf(other, { id: CYCLE, enrolment: "cycle" })).toEqual([]);
    // A role enrolled as but since dropped from the profile no longer counts.
    expect(cycleRolesOf(profile("x", { programRoles: ["mentee"], enrolments: [{ cycleId: CYCLE, roles: ["mentor"] }] }), { id: CYCLE, enrolment: "cycle" })).toEqual([]);
  });

  it("counts demand and supply of a cycle with its own enrolment from who enrolled, as what", () => {
    const profiles = [
      profile("a", { programRoles: ["mentee"], requests: [{ skillId: "ai", why: "", urgency: "high" }], enrolments: [{ cycleId: CYCLE, roles: ["mentee"] }] }),
      profile("b", { programRoles: ["mentee"], requests: [{ skillId: "ai", why: "", urgency: "low" }] }),
      profile("m", { programRoles: ["mentor", "mentee"], capacity: 2, offers: [{ skillId: "ai", level: "expert" }], requests: [{ skillId: "ai", why: "", urgency: "low" }], enrolments: [{ cycleId: CYCLE, roles: ["mentor"] }] }),
    ];
    const own = demandOf({ id: CYCLE, matching: rules({ maxMenteesPerMentor: 3 }), enrolment: "cycle" }, profiles, [], []);
    expect(own.totals).toEqual({ requests: 1, mentors: 1, freeCapacity: 2 });
    const all = demandOf({ id: CYCLE, matching: rules({ maxMenteesPerMentor: 3 }), enrolment: "profile" }, profiles, [], []);
    expect(all.totals).toEqual({ requests: 3, mentors: 1, freeCapacity: 2 });
  });

  it("finds the cycle open for matching: the latest not ended, else the latest", () => {
    const c = (id: string, startsOn: string, endsOn: string) => ({ id, startsOn, endsOn });
    const cycles = [c("past", "2026-01-01", "2026-06-30"), c("now", "2026-09-01", "2027-02-28"), c("next", "2027-01-01", "2027-06-30")];
    expect(currentCycle(cycles, "2026-12-02")!.id).toBe("next");
    expect(currentCycle(cycles.slice(0, 2), "2026-12-02")!.id).toBe("now");
    expect(currentCycle([cycles[0]!], "2026-12-02")!.id).toBe("past");
    expect(currentCycle([], "2026-12-02")).toBeUndefined();
  });
});

describe("a run's page", () => {
  const proposal = (mentorId: string, menteeIds: string[]): RunProposal => ({
    kind: menteeIds.length > 1 ? "circle" : "tandem",
    mentorId,
    menteeIds,
    skillId: "ai",
    score: 50,
    breakdown: [],
    pairs: menteeIds.map((menteeId) => ({ menteeId, score: 50, breakdown: [], pinned: false })),
  });
  const unmatched = (personId: string, code: RunUnmatched["reasons"][number]["code"]): RunUnmatched => ({
    personId,
    role: "mentee",
    reasons: [{ code, skillId: null, words: { fr: code, en: code } }],
  });
  const people = ["m1", "m2", "a", "b", "c", "u1", "u2", "out1", "out2", "p"].map((id) => ({ id, displayName: id, department: "" }));
  const proposals = [proposal("m1", ["a", "b"]), proposal("m2", ["c"])];
  const left = [unmatched("u1", "mentors_full"), unmatched("out1", "not_enrolled"), unmatched("u2", "no_common_language"), unmatched("out2", "not_enrolled")];

  it("cuts each list from `skip`, names only the people of the page and the pins, counts but does not list the not enrolled", () => {
    const first = runPage(proposals, left, [{ menteeId: "p", mentorId: "m2" }], people, { top: 1, skip: 0 });
    expect(first.proposals).toEqual([proposals[0]]);
    expect(first.unmatched.map((u) => u.personId)).toEqual(["u1"]);
    expect(first.people.map((p) => p.id).sort()).toEqual(["a", "b", "m1", "m2", "p", "u1"]);
    expect(first.totals).toEqual({ proposals: 2, unmatched: 2 });
    expect(first.notEnrolled).toBe(2);
    expect(first.more).toBe(true);
    const second = runPage(proposals, left, [], people, { top: 1, skip: 1 });
    expect(second.proposals).toEqual([proposals[1]]);
    expect(second.unmatched.map((u) => u.personId)).toEqual(["u2"]);
    expect(second.more).toBe(false);
    expect(runPage(proposals, left, [], people, { top: 200, skip: 0 }).more).toBe(false);
  });
});
