import { suggestionsFor, type ProgramReport, type ReportCell, type ReportFigures, type TeamReport } from "@tandem/core";

// Contract-valid reports, as the api answers them (the fake api checks them against the contracts).

export const figuresOf = (o: Partial<ReportFigures> = {}): ReportFigures => ({
  scheduled: 44,
  held: 40,
  expected: 51.1,
  cancelled: 9,
  hours: 30.8,
  goalsAchieved: 3,
  pauses: 0,
  checkIns: 34,
  ratingAverage: 4.1,
  ...o,
});

const shown = (people: number, o: Partial<ReportFigures> = {}): ReportCell => ({ people, hidden: null, figures: figuresOf(o) });
const hidden = (people: number, reason: "fewer_than_minimum" | "complementary"): ReportCell => ({ people, hidden: reason, figures: null });

const months = ["2026-09", "2026-10", "2026-11", "2026-12"];

const person = (n: number, displayName: string, enrolled: boolean, roles: ("mentor" | "mentee")[]) => ({
  personId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  displayName,
  department: "Sales",
  enrolled,
  roles,
});

/** A team of 10, 8 enrolled: shown, but the roles hidden (4 mentors: fewer than 5; the mentees complementary). */
export function teamReportOf(o: Partial<TeamReport> = {}): TeamReport {
  const counts = { people: 10, enrolled: 8, mentors: 4, mentees: 5 };
  return {
    scope: "team",
    period: 90,
    from: "2026-09-01T00:00:00.000Z",
    to: "2026-12-02T06:00:00.000Z",
    minGroupSize: 5,
    total: shown(8),
    byDepartment: [{ department: "Sales", ...shown(8) }],
    byRole: [
      { role: "mentor", ...hidden(4, "fewer_than_minimum") },
      { role: "mentee", ...hidden(5, "complementary") },
    ],
    months: months.map((month, i) => ({ month, ...shown(8, { held: [12, 16, 12, 0][i]!, expected: [12.9, 23.5, 14.3, 0.4][i]!, hours: [9.5, 12.3, 9, 0][i]! }) })),
    people: [
      person(1, "Camille Lambert", true, ["mentor"]),
      person(2, "Daniel Whitaker", true, ["mentee"]),
      person(3, "Kevin O'Brien", false, []),
      person(4, "Yanis Haddad", true, ["mentor", "mentee"]),
    ],
    counts,
    atRisk: 1,
    suggestions: suggestionsFor({ ...counts, held: 40, expected: 51.1, atRisk: 1 }),
    ...o,
  };
}

/** Alain Moreau's team in the demo: three people, all enrolled, fewer than the minimum. */
export function smallTeamReportOf(): TeamReport {
  return teamReportOf({
    total: hidden(3, "fewer_than_minimum"),
    byDepartment: [{ department: "Finance", ...hidden(3, "fewer_than_minimum") }],
    byRole: [
      { role: "mentor", ...hidden(3, "fewer_than_minimum") },
      { role: "mentee", ...hidden(0, "complementary") },
    ],
    months: months.map((month) => ({ month, ...hidden(3, "fewer_than_minimum") })),
    people: [person(1, "Nathalie Roux", true, ["mentor"]), person(2, "Paul Girard", true, ["mentor"]), person(3, "Inès Bakri", true, ["mentor"])],
    counts: { people: 3, enrolled: 3, mentors: 3, mentees: 0 },
    atRisk: null,
    suggestions: [],
  });
}

export function programReportOf(o: Partial<ProgramReport> = {}): ProgramReport {
  return {
    scope: "program",
    period: 90,
    from: "2026-09-01T00:00:00.000Z",
    to: "2026-12-02T06:00:00.000Z",
    minGroupSize: 5,
    total: shown(39, { held: 284, expected: 396.5, hours: 223, goalsAchieved: 12 }),
    byDepartment: [
      { department: "Executive", ...hidden(1, "fewer_than_minimum") },
      { department: "Sales", ...shown(9) },
    ],
    byRole: [
      { role: "mentor", ...shown(20) },
      { role: "mentee", ...shown(21) },
    ],
    months: months.map((month) => ({ month, ...shown(39) })),
    counts: { enrolled: 39, mentors: 20, mentees: 21, paused: 2 },
    matching: { mentees: { enrolled: 21, matched: 19 }, mentors: { enrolled: 20, matched: 19 }, rate: 0.927 },
    demand: [
      { skillId: "async-collaboration", label: { fr: "Collaboration asynchrone", en: "Async collaboration" }, requests: 2, offers: 0 },
      { skillId: "teams-channels", label: { fr: "Canaux Teams", en: "Teams channels" }, requests: 3, offers: 2 },
    ],
    ratings: { count: 215, average: 4.3, distribution: [0, 0, 27, 105, 83] },
    training: { mentors: 20, trained: 10 },
    surveys: { answered: 12, helped: 10, again: 9, hidden: null },
    atRisk: 1,
    tandems: [
      {
        id: "87af9abd-ac61-4e8c-acb7-f19bc2abd447",
        kind: "tandem",
        status: "active",
        cycleId: "1a64cdd1-a225-4cd3-b752-d477041e5e1b",
        members: [
          { id: "34d6e76c-1367-4859-a83f-048a67b78978", displayName: "Zoé Mercier", role: "mentor" },
          { id: "180a60d3-bd27-460d-8f4b-865d2c9f7a84", displayName: "Philippe Girard", role: "mentee" },
        ],
        sessionsHeld: 2,
        sessionsExpected: 4.3,
        lastSession: "2026-11-01T10:45:00.000Z",
        nextSession: null,
        ratingAverage: 4,
        atRisk: "quiet",
        mentorTrained: false,
      },
      {
        id: "34800cbe-0c6b-43a6-b0b8-1d40900a50c9",
        kind: "tandem",
        status: "active",
        cycleId: "1a64cdd1-a225-4cd3-b752-d477041e5e1b",
        members: [
          { id: "3c4ade0c-e039-495a-816b-6aa565fd17d0", displayName: "Léa Fontaine", role: "mentor" },
          { id: "8d797ac3-bd06-49c6-84d1-f4e5f6064567", displayName: "Mathieu Tremblay", role: "mentee" },
        ],
        sessionsHeld: 4,
        sessionsExpected: 4.3,
        lastSession: "2026-11-24T15:45:00.000Z",
        nextSession: "2026-12-08T15:00:00.000Z",
        ratingAverage: 4.5,
        atRisk: null,
        mentorTrained: true,
      },
    ],
    ...o,
  };
}
