import { z } from "zod";
import { Id, Instant, LocalizedText, SkillId } from "../common";
import { ProgramRole, programRoles } from "../people";
import { TandemKind, TandemStatus } from "../tandems";
import type { Skill } from "../skills";
import { Month, monthOf, type TandemDigest } from "./aggregate";
import type { MonthRow, PersonRow } from "./rows";
import { DAY_MS, atRisk, atRiskReasons, expectedSessions, lastHeldAt, nextSessionAt, sessionsAt } from "./evaluate";
import { atom, hiddenReasons, peopleIn, suppress, type Cut, type HiddenReason } from "./suppression";
import { Suggestion, suggestionsFor } from "./suggestions";

/**
 * The reports: a manager's team and a coordinator's program, built from the aggregates alone (aggregate.ts), with
 * every figure about fewer people than the minimum group size hidden, and those that would give one away by
 * subtraction hidden too (suppression.ts).
 */

export const reportPeriods = [30, 90, 365] as const;
export type ReportPeriod = (typeof reportPeriods)[number];
export const ReportQuery = z.strictObject({
  period: z
    .enum(["30", "90", "365"])
    .default("90")
    .transform((p) => Number(p) as ReportPeriod),
});
export const ReportCsvQuery = ReportQuery.extend({ lang: z.enum(["fr", "en"]).default("en") });

const count = z.int().min(0);
const decimal = z.number().min(0);

export const ReportFigures = z
  .strictObject({
    /** Sessions booked and not cancelled (held, going on, or still to come this month), once per member. */
    scheduled: count,
    /** Sessions held: the meeting ended and was not cancelled, or a member checked in; once per member. */
    held: count,
    /** What the cycles' cadence expects over the period, for the time each tandem was active. */
    expected: decimal,
    cancelled: count,
    hours: decimal,
    /** Null when the mentees behind it are too few, or would be given away. */
    goalsAchieved: count.nullable(),
    pauses: count,
    checkIns: count,
    ratingAverage: decimal.nullable(),
  })
  .meta({ id: "ReportFigures" });
export type ReportFigures = z.infer<typeof ReportFigures>;

const cell = {
  /** The enrolled people the figures are about. */
  people: count,
  /** Why the figures are hidden; null when shown. */
  hidden: z.enum(hiddenReasons).nullable(),
  figures: ReportFigures.nullable(),
};
export const ReportCell = z.strictObject(cell).meta({ id: "ReportCell" });
export type ReportCell = z.infer<typeof ReportCell>;

const common = {
  period: z.union(reportPeriods.map((p) => z.literal(p))),
  /** The first instant counted: the first day of the first calendar month the period touches (UTC). */
  from: Instant,
  to: Instant,
  minGroupSize: z.int().min(5),
  total: ReportCell,
  byDepartment: z.array(z.strictObject({ department: z.string(), ...cell })),
  byRole: z.array(z.strictObject({ role: ProgramRole, ...cell })),
  /** The total, month by month. */
  months: z.array(z.strictObject({ month: Month, ...cell })),
};

export const TeamReport = z
  .strictObject({
    scope: z.literal("team"),
    ...common,
    /** Per person, only whether they are enrolled and as what: enough to invite them and make time. */
    people: z.array(
      z.strictObject({ personId: Id, displayName: z.string(), department: z.string(), enrolled: z.boolean(), roles: z.array(ProgramRole) }),
    ),
    counts: z.strictObject({ people: count, enrolled: count, mentors: count, mentees: count }),
    /** Tandems of the team gone quiet (at risk): how many, never which. Null when hidden with the total. */
    atRisk: count.nullable(),
    suggestions: z.array(Suggestion),
  })
  .meta({ id: "TeamReport" });
export type TeamReport = z.infer<typeof TeamReport>;

export const ProgramTandem = z
  .strictObject({
    id: Id,
    kind: TandemKind,
    status: TandemStatus,
    cycleId: Id,
    members: z.array(z.strictObject({ id: Id, displayName: z.string(), role: ProgramRole })),
    /** Since it started, against what its cycle's cadence expects for the time it was active. */
    sessionsHeld: count,
    sessionsExpected: decimal,
    lastSession: Instant.nullable(),
    nextSession: Instant.nullable(),
    ratingAverage: decimal.nullable(),
    atRisk: z.enum(atRiskReasons).nullable(),
    /** Whether its mentor completed every training module (null: their profile is not known to the report). */
    mentorTrained: z.boolean().nullable(),
  })
  .meta({ id: "ProgramTandem" });
export type ProgramTandem = z.infer<typeof ProgramTandem>;

export const ProgramReport = z
  .strictObject({
    scope: z.literal("program"),
    ...common,
    counts: z.strictObject({ enrolled: count, mentors: count, mentees: count, paused: count }),
    /** Enrolled people in a tandem that was accepted (or went further), by role. */
    matching: z.strictObject({
      mentees: z.strictObject({ enrolled: count, matched: count }),
      mentors: z.strictObject({ enrolled: count, matched: count }),
      rate: decimal.nullable(),
    }),
    /** Requests of enrolled mentees against offers of enrolled mentors, by skill. */
    demand: z.array(z.strictObject({ skillId: SkillId, label: LocalizedText.nullable(), requests: count, offers: count })),
    /** Ratings given in the period's check-ins: how many of 1 to 5. */
    ratings: z.strictObject({ count: count, average: decimal.nullable(), distribution: z.array(count).length(5) }),
    training: z.strictObject({ mentors: count, trained: count }),
    /**
     * The closing surveys answered since the program began: how many, how many said it helped, how many would do it
     * again. The two yes counts are hidden (null, `hidden` says why) while fewer people than the minimum group size
     * answered, as every figure of the reports is; no count is ever given per tandem.
     */
    surveys: z.strictObject({ answered: count, helped: count.nullable(), again: count.nullable(), hidden: z.enum(hiddenReasons).nullable() }),
    atRisk: count,
    tandems: z.array(ProgramTandem),
  })
  .meta({ id: "ProgramReport" });
export type ProgramReport = z.infer<typeof ProgramReport>;

/** A person as the report sees them: who they are, and their aggregates' standing (null: nothing kept). */
export interface ReportPerson {
  personId: string;
  displayName: string;
  department: string;
  row: PersonRow | null;
}

export interface ReportInput {
  now: number;
  period: ReportPeriod;
  minGroupSize: number;
  people: readonly ReportPerson[];
  /** The people's month rows, by month then person id; rows of anyone else are ignored. */
  months: ReadonlyMap<Month, ReadonlyMap<string, MonthRow>>;
}

/** The calendar months a period touches, and where the first one starts. */
export function windowOf(now: number, period: ReportPeriod): { from: number; months: Month[] } {
  const first = monthOf(now - period * DAY_MS);
  const [y, m] = first.split("-").map(Number) as [number, number];
  const months: Month[] = [];
  for (let i = 0; ; i++) {
    const month = monthOf(Date.UTC(y, m - 1 + i, 1));
    months.push(month);
    if (month >= monthOf(now)) break;
  }
  return { from: Date.UTC(y, m - 1, 1), months };
}

const monthBounds = (month: Month) => {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return [Date.UTC(y, m - 1, 1), Date.UTC(y, m, 1)] as const;
};

/** A person's roles: those of their profile and those they hold in a tandem that counts. */
export const rolesOf = (row: PersonRow | null): ProgramRole[] => {
  const roles = new Set<ProgramRole>(row?.profile?.roles ?? []);
  for (const link of Object.values(row?.tandems ?? {})) roles.add(link.role);
  return programRoles.filter((r) => roles.has(r));
};

interface Acc {
  scheduled: number;
  held: number;
  minutes: number;
  cancelled: number;
  expected: number;
  goals: number;
  pauses: number;
  checkIns: number;
  ratings: number[];
}
const zero = (): Acc => ({ scheduled: 0, held: 0, minutes: 0, cancelled: 0, expected: 0, goals: 0, pauses: 0, checkIns: 0, ratings: [0, 0, 0, 0, 0] });
const add = (a: Acc, b: Acc) => {
  a.scheduled += b.scheduled;
  a.held += b.held;
  a.minutes += b.minutes;
  a.cancelled += b.cancelled;
  a.expected += b.expected;
  a.goals += b.goals;
  a.pauses += b.pauses;
  a.checkIns += b.checkIns;
  b.ratings.forEach((n, i) => (a.ratings[i]! += n));
};
const round1 = (x: number) => Math.round(x * 10) / 10;
const average = (ratings: readonly number[]) => {
  const n = ratings.reduce((s, x) => s + x, 0);
  return n === 0 ? null : round1(ratings.reduce((s, x, i) => s + x * (i + 1), 0) / n);
};

/** Per atom (person|role), per month of the window: what their entries add up to at `now`. */
function accumulate(input: ReportInput, universe: ReadonlySet<string>, months: readonly Month[]) {
  const perMonth = months.map(() => new Map<string, Acc>());
  const at = (i: number, a: string) => {
    let acc = perMonth[i]!.get(a);
    if (!acc) perMonth[i]!.set(a, (acc = zero()));
    return acc;
  };
  months.forEach((month, i) => {
    for (const [personId, row] of input.months.get(month) ?? []) {
      for (const e of Object.values(row.entries)) {
        const a = atom(personId, e.role);
        if (!universe.has(a)) continue;
        const s = sessionsAt(e, input.now);
        add(at(i, a), {
          scheduled: s.scheduled,
          held: s.held,
          minutes: s.heldMinutes,
          cancelled: s.cancelled,
          expected: 0,
          goals: e.goalsAchieved,
          pauses: e.pauses,
          checkIns: e.checkIns,
          ratings: e.ratings,
        });
      }
    }
    const [start, end] = monthBounds(month);
    for (const p of input.people) {
      for (const link of Object.values(p.row?.tandems ?? {})) {
        const a = atom(p.personId, link.role);
        if (universe.has(a)) at(i, a).expected += expectedSessions(link.spans, link.everyWeeks, start, Math.min(end, input.now));
      }
    }
  });
  return perMonth;
}

function sumOver(perMonth: Map<string, Acc>[], atoms: ReadonlySet<string>, monthIndexes?: number[]): Acc {
  const acc = zero();
  for (const i of monthIndexes ?? perMonth.map((_, j) => j)) {
    for (const [a, x] of perMonth[i]!) if (atoms.has(a)) add(acc, x);
  }
  return acc;
}

const figuresOf = (acc: Acc, goalsShown: boolean): ReportFigures => ({
  scheduled: acc.scheduled,
  held: acc.held,
  expected: round1(acc.expected),
  cancelled: acc.cancelled,
  hours: round1(acc.minutes / 60),
  goalsAchieved: goalsShown ? acc.goals : null,
  pauses: acc.pauses,
  checkIns: acc.checkIns,
  ratingAverage: average(acc.ratings),
});

interface Built {
  from: number;
  universe: Set<string>;
  perMonth: Map<string, Acc>[];
  total: ReportCell;
  byDepartment: { department: string; people: number; hidden: HiddenReason | null; figures: ReportFigures | null }[];
  byRole: { role: ProgramRole; people: number; hidden: HiddenReason | null; figures: ReportFigures | null }[];
  months: { month: Month; people: number; hidden: HiddenReason | null; figures: ReportFigures | null }[];
}

/** The cuts, their figures and what is hidden: the part the team and the program share. */
function buildCells(input: ReportInput, departments: readonly string[]): Built {
  const { from, months } = windowOf(input.now, input.period);
  const universe = new Set<string>();
  for (const p of input.people) for (const r of rolesOf(p.row)) universe.add(atom(p.personId, r));
  const perMonth = accumulate(input, universe, months);

  const departmentOf = new Map(input.people.map((p) => [p.personId, p.department]));
  const byDepartment = new Map(departments.map((d) => [d, new Set<string>()]));
  for (const a of universe) byDepartment.get(departmentOf.get(a.slice(0, a.indexOf("|")))!)?.add(a);
  const cuts: Cut[] = [
    ...departments.map((d) => ({ id: `department:${d}`, dimension: "department", atoms: byDepartment.get(d)! })),
    ...programRoles.map((r) => ({ id: `role:${r}`, dimension: "role", atoms: new Set([...universe].filter((a) => a.endsWith(`|${r}`))) })),
  ];
  const k = input.minGroupSize;
  const hidden = suppress(universe, cuts, k);
  // Goals are the mentees' alone: the same rule, over the mentees' part of each cut.
  const menteeOnly = (atoms: ReadonlySet<string>) => new Set([...atoms].filter((a) => a.endsWith("|mentee")));
  const goalsHidden = suppress(
    menteeOnly(universe),
    cuts.map((c) => ({ ...c, atoms: menteeOnly(c.atoms) })),
    k,
  );
  const cellOf = (id: string, atoms: ReadonlySet<string>, monthIndexes?: number[]): ReportCell => {
    const reason = hidden.get(id) ?? null;
    return {
      people: peopleIn(atoms),
      hidden: reason,
      figures: reason ? null : figuresOf(sumOver(perMonth, atoms, monthIndexes), goalsHidden.get(id) === null),
    };
  };
  const total = cellOf("total", universe);
  return {
    from,
    universe,
    perMonth,
    total,
    byDepartment: departments.map((department, i) => ({ department, ...cellOf(cuts[i]!.id, cuts[i]!.atoms) })),
    byRole: programRoles.map((role, i) => ({ role, ...cellOf(cuts[departments.length + i]!.id, cuts[departments.length + i]!.atoms) })),
    // Every month of the total is about the total's people: shown exactly when the total is.
    months: months.map((month, i) => ({ month, ...cellOf("total", universe, [i]) })),
  };
}

const sortedDepartments = (people: readonly ReportPerson[]) => [...new Set(people.map((p) => p.department))].sort((a, b) => a.localeCompare(b));
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** A manager's team: `people` are all their direct and indirect reports. */
export function teamReport(input: ReportInput): TeamReport {
  const built = buildCells(input, sortedDepartments(input.people));
  const people = input.people
    .map((p) => {
      const roles = rolesOf(p.row);
      return { personId: p.personId, displayName: p.displayName, department: p.department, enrolled: roles.length > 0, roles };
    })
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.personId.localeCompare(b.personId));
  const counts = {
    people: people.length,
    enrolled: people.filter((p) => p.enrolled).length,
    mentors: people.filter((p) => p.roles.includes("mentor")).length,
    mentees: people.filter((p) => p.roles.includes("mentee")).length,
  };
  let atRiskCount: number | null = null;
  if (built.total.hidden === null) {
    const quiet = new Set<string>();
    for (const p of input.people) {
      if (rolesOf(p.row).length === 0) continue;
      for (const [id, link] of Object.entries(p.row!.tandems)) if (atRisk(link, input.now)) quiet.add(id);
    }
    atRiskCount = quiet.size;
  }
  const f = built.total.figures;
  return {
    scope: "team",
    period: input.period,
    from: new Date(built.from).toISOString(),
    to: new Date(input.now).toISOString(),
    minGroupSize: input.minGroupSize,
    people,
    counts,
    total: built.total,
    byDepartment: built.byDepartment,
    byRole: built.byRole,
    months: built.months,
    atRisk: atRiskCount,
    suggestions: suggestionsFor({ ...counts, held: f?.held ?? null, expected: f?.expected ?? null, atRisk: atRiskCount }),
  };
}

export interface ProgramInput extends ReportInput {
  tandems: readonly TandemDigest[];
  skills: readonly Pick<Skill, "id" | "label">[];
}

/** The whole program, for coordinators: `people` are everyone the aggregates know. */
export function programReport(input: ProgramInput): ProgramReport {
  const enrolled = input.people.filter((p) => rolesOf(p.row).length > 0);
  const built = buildCells({ ...input, people: enrolled }, sortedDepartments(enrolled));
  const names = new Map(input.people.map((p) => [p.personId, p.displayName]));
  const trained = new Map(input.people.flatMap((p) => (p.row?.profile ? [[p.personId, p.row.profile.trained] as const] : [])));

  const has = (p: ReportPerson, r: ProgramRole) => rolesOf(p.row).includes(r);
  const matched = (p: ReportPerson, r: ProgramRole) => Object.values(p.row!.tandems).some((l) => l.role === r);
  const mentees = enrolled.filter((p) => has(p, "mentee"));
  const mentors = enrolled.filter((p) => has(p, "mentor"));
  const matching = {
    mentees: { enrolled: mentees.length, matched: mentees.filter((p) => matched(p, "mentee")).length },
    mentors: { enrolled: mentors.length, matched: mentors.filter((p) => matched(p, "mentor")).length },
  };

  const demand = new Map<string, { requests: number; offers: number }>();
  const bump = (skill: string, key: "requests" | "offers") => {
    const d = demand.get(skill) ?? { requests: 0, offers: 0 };
    d[key]++;
    demand.set(skill, d);
  };
  for (const p of enrolled) {
    for (const s of p.row!.profile?.requests ?? []) bump(s, "requests");
    for (const s of p.row!.profile?.offers ?? []) bump(s, "offers");
  }
  const labels = new Map(input.skills.map((s) => [s.id, s.label]));

  const answers = { answered: 0, helped: 0, again: 0 };
  for (const d of input.tandems) {
    answers.answered += d.surveys.answered;
    answers.helped += d.surveys.helped;
    answers.again += d.surveys.again;
  }
  const surveysShown = answers.answered >= input.minGroupSize;

  const ratings = [0, 0, 0, 0, 0];
  for (const month of built.perMonth) for (const acc of month.values()) acc.ratings.forEach((n, i) => (ratings[i]! += n));

  const tandems = input.tandems
    .map((d): ProgramTandem => {
      const reason = atRisk(d, input.now);
      return {
        id: d.id,
        kind: d.kind,
        status: d.status,
        cycleId: d.cycleId,
        members: [d.mentorId, ...d.menteeIds].map((id) => ({ id, displayName: names.get(id) ?? "", role: id === d.mentorId ? "mentor" : "mentee" })),
        sessionsHeld: d.held + d.open.filter(([, end]) => end <= input.now).length,
        sessionsExpected: round1(expectedSessions(d.spans, d.everyWeeks, -Infinity, input.now)),
        lastSession: iso(lastHeldAt(d, input.now)),
        nextSession: iso(nextSessionAt(d, input.now)),
        ratingAverage: average(d.ratings),
        atRisk: reason,
        mentorTrained: trained.get(d.mentorId) ?? null,
      };
    })
    .sort((a, b) => Number(b.atRisk !== null) - Number(a.atRisk !== null) || a.status.localeCompare(b.status) || a.id.localeCompare(b.id));

  return {
    scope: "program",
    period: input.period,
    from: new Date(built.from).toISOString(),
    to: new Date(input.now).toISOString(),
    minGroupSize: input.minGroupSize,
    counts: {
      enrolled: enrolled.length,
      mentors: mentors.length,
      mentees: mentees.length,
      paused: enrolled.filter((p) => p.row!.profile?.paused).length,
    },
    total: built.total,
    byDepartment: built.byDepartment,
    byRole: built.byRole,
    months: built.months,
    matching: {
      ...matching,
      rate:
        matching.mentees.enrolled + matching.mentors.enrolled === 0
          ? null
          : round1((100 * (matching.mentees.matched + matching.mentors.matched)) / (matching.mentees.enrolled + matching.mentors.enrolled)) / 100,
    },
    demand: [...demand]
      .map(([skillId, d]) => ({ skillId, label: labels.get(skillId) ?? null, ...d }))
      .sort((a, b) => b.requests - b.offers - (a.requests - a.offers) || a.skillId.localeCompare(b.skillId)),
    ratings: { count: ratings.reduce((s, x) => s + x, 0), average: average(ratings), distribution: ratings },
    training: { mentors: mentors.length, trained: mentors.filter((p) => p.row!.profile?.trained).length },
    surveys: {
      answered: answers.answered,
      helped: surveysShown ? answers.helped : null,
      again: surveysShown ? answers.again : null,
      hidden: surveysShown ? null : "fewer_than_minimum",
    },
    atRisk: tandems.filter((t) => t.atRisk !== null).length,
    tandems,
  };
}

/** What a rebuild found and did (POST /reports/rebuild): the differences are numbers, instants and ids only. */
export const ReportRebuild = z
  .strictObject({
    tandems: count,
    people: count,
    differenceCount: count,
    /** The first 500 differences, field by field. */
    differences: z
      .array(
        z.strictObject({
          kind: z.enum(["person", "month", "tandem"]),
          personId: Id.nullable(),
          tandemId: Id.nullable(),
          month: Month.nullable(),
          field: z.string(),
          stored: z.unknown(),
          expected: z.unknown(),
        }),
      )
      .max(500),
    remaining: count,
  })
  .meta({ id: "ReportRebuild" });
export type ReportRebuild = z.infer<typeof ReportRebuild>;
