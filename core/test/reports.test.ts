import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  BOM,
  atRisk,
  atom,
  csvCell,
  expectedSessions,
  minGroupSize,
  peopleIn,
  programReport,
  suggestionsFor,
  suppress,
  teamCsv,
  teamReport,
  toCsv,
  windowOf,
  type Cut,
  type MonthEntry,
  type MonthRow,
  type PersonRow,
  type ReportPerson,
  type TandemLink,
} from "../src/index";

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const NOW = Date.parse("2025-06-15T12:00:00.000Z");
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

describe("minimum group size", () => {
  it("is 5 unless configured higher, never lower", () => {
    expect(minGroupSize()).toBe(5);
    expect(minGroupSize(3)).toBe(5);
    expect(minGroupSize(0)).toBe(5);
    expect(minGroupSize(8)).toBe(8);
  });
});

describe("suppression", () => {
  const atoms = (people: number[], role = "mentee") => new Set(people.map((p) => atom(id(p), role)));
  const dept = (name: string, people: number[]): Cut => ({ id: name, dimension: "department", atoms: atoms(people) });

  it("hides a cut about 1 to 4 people and shows one about none", () => {
    const h = suppress(atoms([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), [dept("A", [1, 2, 3, 4, 5, 6]), dept("B", [7, 8, 9, 10]), dept("C", [])], 5);
    expect(h.get("B")).toBe("fewer_than_minimum");
    expect(h.get("C")).toBeNull();
  });

  it("hides a second cut so that the total minus the shown ones covers at least 5 people", () => {
    // 12 people: A 7, B 3, C 2. Hiding B alone, the total minus A and C gives B away.
    const h = suppress(atoms([...Array(12).keys()]), [dept("A", [0, 1, 2, 3, 4, 5, 6]), dept("B", [7, 8, 9]), dept("C", [10, 11])], 5);
    expect(h.get("B")).toBe("fewer_than_minimum");
    expect(h.get("C")).toBe("fewer_than_minimum");
    // B and C together: 5 people. A is shown: the total minus A is about 5.
    expect(h.get("A")).toBeNull();
    expect(h.get("total")).toBeNull();
  });

  it("hides the smallest shown cut when the hidden ones together are still fewer than 5", () => {
    // 11 people: A 6, B 5, C 2 would leave C derivable from total - A - B.
    const h = suppress(atoms([...Array(13).keys()]), [dept("A", [0, 1, 2, 3, 4, 5]), dept("B", [6, 7, 8, 9, 10]), dept("C", [11, 12])], 5);
    expect(h.get("C")).toBe("fewer_than_minimum");
    expect(h.get("B")).toBe("complementary");
    expect(h.get("A")).toBeNull();
  });

  it("hides a cut nested in another when their difference is about 1 to 4 people, across dimensions", () => {
    // Six mentors: five in Finance, one in Sales with four mentees. Mentors minus Finance would be that one person.
    const finance = new Set([0, 1, 2, 3, 4].map((p) => atom(id(p), "mentor")));
    const mentors = new Set([0, 1, 2, 3, 4, 5].map((p) => atom(id(p), "mentor")));
    const mentees = atoms([6, 7, 8, 9]);
    const sales = new Set([atom(id(5), "mentor"), ...mentees]);
    const total = new Set([...mentors, ...mentees]);
    const h = suppress(
      total,
      [
        { id: "Finance", dimension: "department", atoms: finance },
        { id: "Sales", dimension: "department", atoms: sales },
        { id: "mentor", dimension: "role", atoms: mentors },
        { id: "mentee", dimension: "role", atoms: mentees },
      ],
      5,
    );
    const shown = [...h].filter(([, r]) => r === null).map(([k]) => k);
    // Whatever is shown, no two shown figures differ by a group of 1 to 4 people.
    const cutAtoms: Record<string, Set<string>> = { total, Finance: finance, Sales: sales, mentor: mentors, mentee: mentees };
    for (const a of shown) for (const b of shown) {
      const A = cutAtoms[a]!;
      const B = cutAtoms[b]!;
      if (a !== b && [...A].every((x) => B.has(x))) {
        const n = peopleIn([...B].filter((x) => !A.has(x)));
        expect(n === 0 || n >= 5, `${b} - ${a} is about ${n}`).toBe(true);
      }
    }
    // The mentees (4) are hidden, and the mentors with them; Finance, nested in the mentors, may then show.
    expect(h.get("mentee")).toBe("fewer_than_minimum");
    expect(h.get("mentor")).toBe("complementary");
  });

  it("never leaves a shown figure, a difference of two nested shown figures, or a total minus its shown cuts about 1 to 4 people", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dept: fc.nat(4), roles: fc.subarray(["mentor", "mentee"], { minLength: 1 }) }), { minLength: 0, maxLength: 40 }),
        fc.integer({ min: 5, max: 7 }),
        (people, k) => {
          const total = new Set(people.flatMap((p, i) => p.roles.map((r) => atom(id(i), r))));
          const cuts: Cut[] = [
            ...[0, 1, 2, 3, 4].map((d) => ({
              id: `d${d}`,
              dimension: "department",
              atoms: new Set(people.flatMap((p, i) => (p.dept === d ? p.roles.map((r) => atom(id(i), r)) : []))),
            })),
            ...["mentor", "mentee"].map((r) => ({ id: r, dimension: "role", atoms: new Set([...total].filter((a) => a.endsWith(`|${r}`))) })),
          ];
          const h = suppress(total, cuts, k);
          const all = [{ id: "total", dimension: "total", atoms: total }, ...cuts];
          const shown = all.filter((c) => h.get(c.id) === null);
          const bad = (n: number) => n > 0 && n < k;
          for (const c of shown) expect(bad(peopleIn(c.atoms))).toBe(false);
          for (const a of shown) for (const b of shown) {
            if (a !== b && [...a.atoms].every((x) => b.atoms.has(x))) expect(bad(peopleIn([...b.atoms].filter((x) => !a.atoms.has(x))))).toBe(false);
          }
          if (h.get("total") === null) {
            for (const dim of ["department", "role"]) {
              const hiddenAtoms = cuts.filter((c) => c.dimension === dim && h.get(c.id) !== null).flatMap((c) => [...c.atoms]);
              expect(bad(peopleIn(hiddenAtoms))).toBe(false);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe("CSV", () => {
  it("starts with a byte order mark, separates with ; in French and , in English, ends lines with CRLF", () => {
    expect(toCsv([["a", 1.5], ["b", 2]], "fr")).toBe(`${BOM}a;1,5\r\nb;2\r\n`);
    expect(toCsv([["a", 1.5], ["b", 2]], "en")).toBe(`${BOM}a,1.5\r\nb,2\r\n`);
  });

  it("quotes fields holding the separator, a quote or a line break", () => {
    expect(csvCell("Dupont; Martin", "fr")).toBe('"Dupont; Martin"');
    expect(csvCell("Dupont; Martin", "en")).toBe("Dupont; Martin");
    expect(csvCell("O'Brien, Kevin", "en")).toBe('"O\'Brien, Kevin"');
    expect(csvCell('say "hi"', "en")).toBe('"say ""hi"""');
    expect(csvCell("two\nlines", "en")).toBe('"two\nlines"');
  });

  it("neutralises text a spreadsheet would run as a formula", () => {
    for (const evil of ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]) {
      const cell = csvCell(evil, "en");
      expect(cell.replace(/^"/, "").startsWith("'")).toBe(true);
    }
    expect(csvCell("=1;2", "fr")).toBe(`"'=1;2"`);
    expect(csvCell("Sales", "en")).toBe("Sales");
    // Our own numbers are not text: a decimal stays a number.
    expect(csvCell(3.25, "fr")).toBe("3,25");
  });
});

describe("time", () => {
  it("counts the cadence's sessions over the time a tandem was active", () => {
    const from = NOW - 8 * WEEK;
    expect(expectedSessions([[from, null]], 2, from, NOW)).toBeCloseTo(4);
    expect(expectedSessions([[from, from + 2 * WEEK], [from + 4 * WEEK, null]], 2, from, NOW)).toBeCloseTo(3);
    expect(expectedSessions([[from, null]], null, from, NOW)).toBe(0);
  });

  it("tells an active tandem at risk: nothing held for two cadence periods, or nothing scheduled", () => {
    const link: TandemLink = { role: "mentee", kind: "tandem", status: "active", everyWeeks: 2, spans: [[NOW - 20 * WEEK, null]], lastHeld: NOW - 3 * WEEK, open: [[NOW + WEEK, NOW + WEEK + 3600_000]], months: [] };
    expect(atRisk(link, NOW)).toBeNull();
    expect(atRisk({ ...link, lastHeld: NOW - 5 * WEEK }, NOW)).toBe("quiet");
    // A session whose end has passed is held, though nobody marked it.
    expect(atRisk({ ...link, lastHeld: NOW - 5 * WEEK, open: [[NOW - WEEK - 3600_000, NOW - WEEK], ...link.open] }, NOW)).toBeNull();
    expect(atRisk({ ...link, open: [] }, NOW)).toBe("none_scheduled");
    expect(atRisk({ ...link, status: "paused", open: [] }, NOW)).toBeNull();
  });

  it("reads whole calendar months: 30 days in mid-June touch May and June", () => {
    expect(windowOf(NOW, 30).months).toEqual(["2025-05", "2025-06"]);
    expect(windowOf(NOW, 365).months).toHaveLength(13);
    expect(new Date(windowOf(NOW, 90).from).toISOString()).toBe("2025-03-01T00:00:00.000Z");
  });
});

/** A team: `n` people in two departments, the first `enrolled` of them mentees in a tandem with one held session each. */
function team(n: number, enrolled: number) {
  const people: ReportPerson[] = [];
  const months = new Map<string, Map<string, MonthRow>>([["2025-06", new Map()]]);
  for (let i = 0; i < n; i++) {
    const personId = id(i);
    const department = i % 2 ? "Sales" : "Finance";
    let row: PersonRow | null = null;
    if (i < enrolled) {
      const link: TandemLink = { role: "mentee", kind: "tandem", status: "active", everyWeeks: 2, spans: [[NOW - 10 * WEEK, null]], lastHeld: NOW - WEEK, open: [], months: ["2025-06"] };
      row = { personId, displayName: `P${i}`, department, profile: { roles: ["mentee"], paused: false, trained: false, offers: [], requests: [] }, tandems: { [id(1000 + i)]: link } };
      const entry: MonthEntry = { role: "mentee", open: [[NOW + DAY, 45]], held: 1, heldMinutes: 60, cancelled: 0, goalsAchieved: 1, pauses: 0, checkIns: 1, ratings: [0, 0, 0, 1, 0] };
      months.get("2025-06")!.set(personId, { personId, entries: { [id(1000 + i)]: entry } });
    }
    people.push({ personId, displayName: `P${i}`, department, row });
  }
  return { people, months };
}

describe("the team report", () => {
  it("shows a team's figures when enough people are enrolled, month by month, with held read at the moment of the report", () => {
    const t = team(12, 10);
    const r = teamReport({ now: NOW, period: 30, minGroupSize: 5, ...t });
    expect(r.counts).toEqual({ people: 12, enrolled: 10, mentors: 0, mentees: 10 });
    expect(r.total).toMatchObject({ people: 10, hidden: null, figures: { held: 10, scheduled: 20, hours: 10, goalsAchieved: 10, ratingAverage: 4 } });
    expect(r.months.map((m) => m.month)).toEqual(["2025-05", "2025-06"]);
    // The open session ends tomorrow: held two days later.
    const later = teamReport({ now: NOW + 2 * DAY, period: 30, minGroupSize: 5, ...t });
    expect(later.total.figures!.held).toBe(20);
    expect(r.people.find((p) => p.personId === id(11))).toEqual({ personId: id(11), displayName: "P11", department: "Sales", enrolled: false, roles: [] });
  });

  it("hides everything about a team of fewer than 5 enrolled, and hints nothing about it", () => {
    const r = teamReport({ now: NOW, period: 90, minGroupSize: 5, ...team(12, 4) });
    expect(r.total).toEqual({ people: 4, hidden: "fewer_than_minimum", figures: null });
    for (const c of [...r.byDepartment, ...r.byRole, ...r.months]) expect(c.figures).toBeNull();
    expect(r.atRisk).toBeNull();
    expect(r.suggestions.flatMap((s) => s.reasons)).not.toContain("below_cadence");
  });

  it("follows a configured minimum group size above 5", () => {
    expect(teamReport({ now: NOW, period: 30, minGroupSize: 12, ...team(12, 10) }).total.hidden).toBe("fewer_than_minimum");
  });

  it("suggests steps where enrolment is low, from what the manager may see", () => {
    const r = teamReport({ now: NOW, period: 30, minGroupSize: 5, ...team(40, 6) });
    expect(r.suggestions.map((s) => s.id)).toEqual(expect.arrayContaining(["ask-requests", "recruit-juniors"]));
    const recruit = r.suggestions.find((s) => s.id === "recruit-juniors")!;
    expect(recruit.step).toBe("big");
    expect(recruit.questions!.fr.length).toBe(recruit.questions!.en.length);
    expect(suggestionsFor({ people: 10, enrolled: 8, mentors: 4, mentees: 4, held: 10, expected: 10, atRisk: 0 })).toEqual([]);
  });

  it("writes CSV with the hidden figures blank and the reason said", () => {
    const csv = teamCsv(teamReport({ now: NOW, period: 30, minGroupSize: 5, ...team(12, 4) }), "fr");
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]!.split(";")[0]).toBe("Découpage");
    expect(lines[1]).toBe("Équipe;;4;;;;;;;;;;Masqué : concerne moins de 5 personnes");
  });
});

describe("the program report", () => {
  it("gives coordinators matching, demand against supply, training and each tandem at risk by name", () => {
    const t = team(6, 6);
    const mentor: ReportPerson = {
      personId: id(99),
      displayName: "Mentor",
      department: "IT",
      row: { personId: id(99), displayName: "Mentor", department: "IT", profile: { roles: ["mentor"], paused: false, trained: true, offers: ["excel"], requests: [] }, tandems: {} },
    };
    for (const p of t.people) p.row!.profile!.requests = ["excel", "copilot"];
    const r = programReport({
      now: NOW,
      period: 90,
      minGroupSize: 5,
      people: [...t.people, mentor],
      months: t.months,
      skills: [{ id: "excel", label: { fr: "Excel", en: "Excel" } }],
      tandems: [
        {
          id: id(1000),
          kind: "tandem",
          status: "active",
          cycleId: id(500),
          mentorId: id(99),
          menteeIds: [id(0)],
          everyWeeks: 2,
          spans: [[NOW - 10 * WEEK, null]],
          lastHeld: NOW - 6 * WEEK,
          open: [],
          held: 3,
          heldMinutes: 135,
          cancelled: 1,
          ratings: [0, 0, 1, 1, 0],
          goals: 2,
          goalsAchieved: 1,
          pauses: 0,
          surveys: { answered: 0, helped: 0, again: 0 },
        },
      ],
    });
    expect(r.matching.mentees).toEqual({ enrolled: 6, matched: 6 });
    expect(r.matching.mentors).toEqual({ enrolled: 1, matched: 0 });
    expect(r.demand[0]).toMatchObject({ skillId: "copilot", requests: 6, offers: 0, label: null });
    expect(r.demand.find((d) => d.skillId === "excel")).toMatchObject({ requests: 6, offers: 1, label: { en: "Excel" } });
    expect(r.training).toEqual({ mentors: 1, trained: 1 });
    expect(r.tandems[0]).toMatchObject({ atRisk: "quiet", sessionsHeld: 3, sessionsExpected: 5, ratingAverage: 3.5, members: [{ displayName: "Mentor", role: "mentor" }, { displayName: "P0", role: "mentee" }] });
    expect(r.atRisk).toBe(1);
  });
});
