import { describe, it, expect } from "vitest";
import {
  Participation,
  participationOf,
  teamTotals,
  type LearningGoal,
  type Session,
  type SessionStatus,
  type Tandem,
  type TandemStatus,
} from "../src/index";

const MENTOR = "11111111-1111-4111-8111-111111111111";
const MENTEE_A = "22222222-2222-4222-8222-222222222222";
const MENTEE_B = "33333333-3333-4333-8333-333333333333";
const OTHER_MENTOR = "44444444-4444-4444-8444-444444444444";
const OTHER_MENTEE = "55555555-5555-4555-8555-555555555555";
const CYCLE = "77777777-7777-4777-8777-777777777777";
const AT = "2025-03-01T09:00:00.000Z";

let seq = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++seq).padStart(12, "0")}`;

const tandem = (mentorId: string, menteeIds: string[], status: TandemStatus = "active"): Tandem => ({
  id: uuid(),
  kind: menteeIds.length === 1 ? "tandem" : "circle",
  cycleId: CYCLE,
  mentorId,
  menteeIds,
  status,
  acceptedBy: [],
  history: [],
  createdAt: AT,
  updatedAt: AT,
});

const session = (t: Tandem, minutes: number, status: SessionStatus = "held", day = 10): Session => {
  const start = new Date(Date.UTC(2025, 3, day, 9, 0));
  return {
    id: uuid(),
    tandemId: t.id,
    start: start.toISOString(),
    end: new Date(start.getTime() + minutes * 60_000).toISOString(),
    timeZone: "Europe/Paris",
    graphEventId: null,
    iCalUId: null,
    joinUrl: null,
    recurrence: null,
    seriesId: null,
    status,
    createdAt: AT,
    updatedAt: AT,
  };
};

const goal = (t: Tandem, menteeId: string, status: LearningGoal["status"]): LearningGoal => ({
  id: uuid(),
  tandemId: t.id,
  menteeId,
  title: "Secret goal text",
  skillId: "copilot",
  successCriterion: "",
  targetDate: "2025-06-30",
  status,
  progress: status === "achieved" ? 100 : 10,
  project: null,
  history: [],
  createdAt: AT,
  updatedAt: AT,
});

const person = (id: string) => ({ id, displayName: `Person ${id.slice(0, 4)}`, department: "Finance" });
const menteeProfile = { programRoles: ["mentee" as const], paused: false };
const mentorProfile = { programRoles: ["mentor" as const], paused: false };

const byTandem = <T extends { tandemId: string }>(items: T[]) => {
  const m = new Map<string, T[]>();
  for (const i of items) m.set(i.tandemId, [...(m.get(i.tandemId) ?? []), i]);
  return m;
};

describe("participationOf", () => {
  const circle = tandem(MENTOR, [MENTEE_A, MENTEE_B]);
  const proposed = tandem(MENTOR, [OTHER_MENTEE], "proposed");
  const declined = tandem(MENTOR, [MENTEE_A], "declined");
  const elsewhere = tandem(OTHER_MENTOR, [OTHER_MENTEE]);
  const tandems = [circle, proposed, declined, elsewhere];
  const sessions = byTandem([
    session(circle, 50, "held", 1),
    session(circle, 50, "held", 15),
    session(circle, 50, "held", 29),
    session(circle, 45, "cancelled", 2),
    session(circle, 45, "scheduled", 30),
    session(circle, 45, "moved", 3),
    session(proposed, 60, "held"),
    session(declined, 60, "held"),
    session(elsewhere, 60, "held"),
  ]);
  const goals = byTandem([
    goal(circle, MENTEE_A, "achieved"),
    goal(circle, MENTEE_A, "in_progress"),
    goal(circle, MENTEE_B, "achieved"),
    goal(circle, MENTEE_B, "achieved"),
    goal(circle, MENTEE_B, "abandoned"),
    goal(declined, MENTEE_A, "achieved"),
    goal(elsewhere, OTHER_MENTEE, "achieved"),
  ]);

  it("counts held sessions of accepted-or-later tandems only, in hours rounded to a tenth", () => {
    const p = participationOf(person(MENTEE_A), menteeProfile, tandems, sessions, goals);
    expect(p.tandems).toBe(1);
    expect(p.sessionsHeld).toBe(3);
    expect(p.hours).toBe(2.5);
  });

  it("rounds hours to one decimal", () => {
    const t = tandem(MENTOR, [MENTEE_A]);
    const p = participationOf(person(MENTEE_A), menteeProfile, [t], byTandem([session(t, 45)]), new Map());
    expect(p.hours).toBe(0.8);
    const q = participationOf(person(MENTEE_A), menteeProfile, [t], byTandem([session(t, 20)]), new Map());
    expect(q.hours).toBe(0.3);
  });

  it.each(["accepted", "active", "paused", "completed"] as const)("counts a %s tandem", (status) => {
    const t = tandem(MENTOR, [MENTEE_A], status);
    const p = participationOf(person(MENTEE_A), menteeProfile, [t], byTandem([session(t, 60)]), new Map());
    expect(p).toMatchObject({ tandems: 1, sessionsHeld: 1, hours: 1 });
  });

  it.each(["proposed", "declined"] as const)("does not count a %s tandem", (status) => {
    const t = tandem(MENTOR, [MENTEE_A], status);
    const p = participationOf(
      person(MENTEE_A),
      menteeProfile,
      [t],
      byTandem([session(t, 60)]),
      byTandem([goal(t, MENTEE_A, "achieved")]),
    );
    expect(p).toMatchObject({ tandems: 0, sessionsHeld: 0, hours: 0, goalsAchieved: 0 });
  });

  it("counts a mentee's own achieved goals only", () => {
    expect(participationOf(person(MENTEE_A), menteeProfile, tandems, sessions, goals).goalsAchieved).toBe(1);
    expect(participationOf(person(MENTEE_B), menteeProfile, tandems, sessions, goals).goalsAchieved).toBe(2);
  });

  it("counts every achieved goal of a mentor's counting tandems", () => {
    const p = participationOf(person(MENTOR), mentorProfile, tandems, sessions, goals);
    expect(p.goalsAchieved).toBe(3);
    expect(p.sessionsHeld).toBe(3);
    expect(p.tandems).toBe(1);
  });

  it("is not enrolled without a profile, even when named in a tandem", () => {
    const p = participationOf(person(MENTEE_A), null, tandems, sessions, goals);
    expect(p.enrolled).toBe(false);
    expect(p.paused).toBe(false);
  });

  it("is enrolled with a profile that names a role, or with a counting tandem", () => {
    expect(participationOf(person(OTHER_MENTOR), mentorProfile, [], new Map(), new Map()).enrolled).toBe(true);
    expect(participationOf(person(MENTEE_A), { programRoles: [], paused: false }, tandems, sessions, goals).enrolled).toBe(true);
    expect(participationOf(person(OTHER_MENTOR), { programRoles: [], paused: false }, [], new Map(), new Map()).enrolled).toBe(false);
  });

  it("takes roles from the profile and from the tandems, sorted and without repeats", () => {
    const mentoring = tandem(MENTEE_A, [OTHER_MENTEE]);
    const p = participationOf(person(MENTEE_A), menteeProfile, [circle, mentoring], new Map(), new Map());
    expect(p.roles).toEqual(["mentee", "mentor"]);
    expect(participationOf(person(MENTOR), { programRoles: [], paused: false }, tandems, sessions, goals).roles).toEqual(["mentor"]);
    expect(participationOf(person(MENTOR), null, [], new Map(), new Map()).roles).toEqual([]);
  });

  it("reports a paused profile", () => {
    expect(participationOf(person(MENTEE_A), { ...menteeProfile, paused: true }, tandems, sessions, goals).paused).toBe(true);
  });

  it("reports aggregates only, never goal text, and fits the Participation contract", () => {
    const p = participationOf(person(MENTEE_A), menteeProfile, tandems, sessions, goals);
    expect(Participation.safeParse(p).success).toBe(true);
    expect(JSON.stringify(p)).not.toContain("Secret goal text");
    expect(p).toMatchObject({ personId: MENTEE_A, displayName: person(MENTEE_A).displayName, department: "Finance" });
  });

  it("is all zeros for someone outside the program", () => {
    expect(participationOf(person(OTHER_MENTOR), null, [circle], sessions, goals)).toMatchObject({
      enrolled: false,
      roles: [],
      tandems: 0,
      sessionsHeld: 0,
      hours: 0,
      goalsAchieved: 0,
    });
  });
});

describe("teamTotals", () => {
  const report = (enrolled: boolean, sessionsHeld: number, hours: number, goalsAchieved: number) => ({
    personId: uuid(),
    displayName: "Someone",
    department: "Sales",
    enrolled,
    paused: false,
    roles: [],
    tandems: 1,
    sessionsHeld,
    hours,
    goalsAchieved,
  });

  it("sums people, enrolments, sessions, hours and goals", () => {
    expect(teamTotals([report(true, 3, 2.5, 1), report(false, 0, 0, 0), report(true, 4, 3, 2)])).toEqual({
      people: 3,
      enrolled: 2,
      sessionsHeld: 7,
      hours: 5.5,
      goalsAchieved: 3,
    });
  });

  it("rounds the hours to a tenth, without floating-point noise", () => {
    expect(teamTotals([report(true, 1, 0.1, 0), report(true, 1, 0.2, 0)]).hours).toBe(0.3);
  });

  it("is all zeros for a manager without reports", () => {
    expect(teamTotals([])).toEqual({ people: 0, enrolled: 0, sessionsHeld: 0, hours: 0, goalsAchieved: 0 });
  });
});
