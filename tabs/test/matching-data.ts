import type { CycleView, DemandReport, FitPartView, MatchingRunView, WhyNotView } from "@tandem/core";

// Contract-valid data for the coordinator's console: a cycle open for matching and a run of it.

export const people = {
  nina: { id: "0b1e7c52-7d0a-4c1e-9a51-6f2d3e4a5b01", displayName: "Nina Lopez", department: "Marketing" },
  denis: { id: "0b1e7c52-7d0a-4c1e-9a51-6f2d3e4a5b02", displayName: "Denis Fabre", department: "Finance" },
  laurence: { id: "0b1e7c52-7d0a-4c1e-9a51-6f2d3e4a5b03", displayName: "Laurence Bonnet", department: "Customer Care" },
  sacha: { id: "0b1e7c52-7d0a-4c1e-9a51-6f2d3e4a5b04", displayName: "Sacha Morel", department: "Customer Care" },
  paul: { id: "0b1e7c52-7d0a-4c1e-9a51-6f2d3e4a5b05", displayName: "Paul Girard", department: "Sales" },
  anne: { id: "0b1e7c52-7d0a-4c1e-9a51-6f2d3e4a5b06", displayName: "Anne Leroy", department: "Legal" },
  tom: { id: "0b1e7c52-7d0a-4c1e-9a51-6f2d3e4a5b07", displayName: "Tom Baker", department: "IT" },
};
export const coordinatorId = "10f8c7fe-7d9b-4afe-9a10-57de0d81fdf0";
export const runIds = ["5a0c4d1e-0000-4000-8000-000000000001", "5a0c4d1e-0000-4000-8000-000000000002"] as const;

export function cycleOf(overrides: Partial<CycleView> = {}): CycleView {
  return {
    id: "31636c97-69dc-4ce3-b00c-fa4ca4063380",
    name: "Cycle 3 : service client et IA",
    startsOn: "2026-11-29",
    endsOn: "2027-05-28",
    cadence: { everyWeeks: 2, sessionMinutes: 45 },
    matching: {
      maxMenteesPerMentor: 4,
      allowSameDepartment: false,
      requireCommonLanguage: true,
      objective: "most-matched",
      weights: { skill: 40, urgency: 25, crossDepartment: 15, language: 10, overlap: 10 },
      allowCircles: true,
      allowRepeatPairs: false,
      minWeeklyOverlapHours: 2,
    },
    enrolment: "cycle",
    etag: 'W/"cycle-3"',
    ...overrides,
  };
}
export const pastCycle = () =>
  cycleOf({ id: "a0ffe244-47d6-4864-91ea-0c8f348b72e7", name: "Cycle pilote", startsOn: "2026-05-16", endsOn: "2026-11-12", etag: 'W/"pilot"' });

const parts = (who: string): FitPartView[] => [
  { part: "skill", skillId: "copilot-in-m365", level: "expert", points: 40, max: 40, words: { fr: `Enseigne Copilot au niveau expert (${who})`, en: `Teaches Copilot at expert level (${who})` } },
  { part: "urgency", skillId: "copilot-in-m365", urgency: "high", points: 25, max: 25, words: { fr: "Demande urgente (+25 / 25)", en: "An urgent request (+25 / 25)" } },
  { part: "crossDepartment", different: true, points: 15, max: 15, words: { fr: "Services différents (+15 / 15)", en: "Different departments (+15 / 15)" } },
];

/** A run of the cycle: running (progress 0.3), or done with a circle, a tandem and two people left out. */
export function runOf(status: "running" | "done", overrides: Partial<MatchingRunView> = {}): MatchingRunView {
  const done = status === "done";
  return {
    id: runIds[0],
    cycleId: cycleOf().id,
    status,
    progress: done ? 1 : 0.3,
    objective: "most-matched",
    pins: [],
    removals: [],
    startedAt: "2026-12-02T07:00:00.000Z",
    finishedAt: done ? "2026-12-02T07:00:02.000Z" : null,
    by: coordinatorId,
    error: null,
    summary: done ? { objective: "most-matched", mentees: 5, mentors: 3, candidatePairs: 12, matched: 3, pinned: 0, unmatched: 2, totalScore: 240 } : null,
    proposals: done
      ? [
          {
            kind: "circle",
            mentorId: people.nina.id,
            menteeIds: [people.denis.id, people.paul.id],
            skillId: "copilot-in-m365",
            score: 80,
            breakdown: [],
            pairs: [
              { menteeId: people.denis.id, score: 80, breakdown: parts("Denis"), pinned: false },
              { menteeId: people.paul.id, score: 80, breakdown: parts("Paul"), pinned: false },
            ],
          },
          {
            kind: "tandem",
            mentorId: people.tom.id,
            menteeIds: [people.anne.id],
            skillId: "teams-meetings",
            score: 80,
            breakdown: parts("Anne"),
            pairs: [{ menteeId: people.anne.id, score: 80, breakdown: parts("Anne"), pinned: false }],
          },
        ]
      : [],
    unmatched: done
      ? [
          {
            personId: people.laurence.id,
            role: "mentee",
            reasons: [
              {
                code: "reporting_chain",
                skillId: "copilot-in-m365",
                words: { fr: "Le seul mentor de Copilot est dans sa ligne hiérarchique.", en: "The only Copilot mentor is in her reporting chain." },
              },
            ],
          },
          { personId: people.sacha.id, role: "mentor", reasons: [{ code: "no_mentee_for_offers", skillId: null, words: { fr: "Personne ne demande ce qu’il enseigne.", en: "Nobody asks for what he teaches." } }] },
        ]
      : [],
    totals: done ? { proposals: 2, unmatched: 2 } : { proposals: 0, unmatched: 0 },
    notEnrolled: 0,
    nextLink: null,
    pinProblems: [],
    people: Object.values(people),
    publication: null,
    ...overrides,
  };
}

export const whyNotOf = (): WhyNotView => ({
  mentorId: people.sacha.id,
  menteeId: people.laurence.id,
  answer: { status: "ruled_out", rules: ["reporting_chain"] },
  words: { fr: "Sacha Morel est dans la ligne hiérarchique de Laurence Bonnet.", en: "Sacha Morel is in Laurence Bonnet's reporting chain." },
});

export const demandOf = (): DemandReport => ({
  cycleId: cycleOf().id,
  skills: [
    { skillId: "copilot-in-m365", label: { fr: "Copilot dans Microsoft 365", en: "Copilot in Microsoft 365" }, requests: { count: 5, urgency: { low: 1, medium: 1, high: 3 } }, mentors: 1, freeCapacity: 4, gap: 1 },
    { skillId: "teams-meetings", label: { fr: "Réunions Teams", en: "Teams meetings" }, requests: { count: 1, urgency: { low: 0, medium: 1, high: 0 } }, mentors: 2, freeCapacity: 3, gap: -2 },
  ],
  totals: { requests: 6, mentors: 3, freeCapacity: 7 },
});
