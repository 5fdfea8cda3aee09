import {
  programReport,
  teamReport,
  windowOf,
  type MonthRow,
  type PersonRow,
  type ProgramReport,
  type ReportPeriod,
  type ReportRange,
  type ReportRebuild,
  type TeamReport,
} from "@tandem/core";
import type { ManagerAccess } from "../../platform/access";
import type { Caller } from "../../platform/auth";
import type { Deps } from "../../platform/deps";

/** The rows of a range of people, for each month of a period: one range query per month, in parallel. */
async function read(deps: Deps, t: string, range: ReportRange, months: string[]) {
  return Promise.all([deps.reports.people(t, range), Promise.all(months.map((m) => deps.reports.months(t, m, range)))]);
}

/**
 * A manager's team: the team's rows (one range query of the people, one per month of the period, all below the
 * manager's place in the tree), kept only for those who are in the team now and where the directory puts them.
 */
export async function teamReportOf(deps: Deps, caller: Caller, access: ManagerAccess, period: ReportPeriod): Promise<TeamReport> {
  const now = Date.parse(deps.clock.now());
  const { months } = windowOf(now, period);
  const [people, monthRows] = await read(deps, caller.tenantId, { below: access.path }, months);
  const byKey = new Map(access.placed.map((p) => [p.path, p.person.id]));
  const mine = <R extends { personId: string }>(rows: { key: string; row: R }[]) =>
    new Map(rows.flatMap(({ key, row }) => (byKey.get(key) === row.personId ? [[row.personId, row] as const] : [])));
  const rows = mine(people);
  return teamReport({
    now,
    period,
    minGroupSize: deps.minGroupSize,
    people: access.placed.map(({ person }) => ({
      personId: person.id,
      displayName: person.displayName,
      department: person.department,
      row: rows.get(person.id) ?? null,
    })),
    months: new Map(months.map((m, i) => [m, mine(monthRows[i]!)])),
  });
}

/** Rows by person; someone found under two keys (a move cut short) counts once, where the directory placed them. */
function byPerson<R extends { personId: string }>(rows: { key: string; row: R }[]): Map<string, R> {
  const out = new Map<string, { key: string; row: R }>();
  for (const r of rows) {
    const seen = out.get(r.row.personId);
    if (!seen || seen.key.startsWith("~")) out.set(r.row.personId, r);
  }
  return new Map([...out].map(([id, r]) => [id, r.row]));
}

/** The whole program: every person's and tandem's rows, and the period's months. */
export async function programReportOf(deps: Deps, caller: Caller, period: ReportPeriod): Promise<ProgramReport> {
  const t = caller.tenantId;
  const now = Date.parse(deps.clock.now());
  const { months } = windowOf(now, period);
  const [[people, monthRows], tandems, skills] = await Promise.all([read(deps, t, "all", months), deps.reports.tandems(t), deps.repos.skills.list(t)]);
  const rows: Map<string, PersonRow> = byPerson(people);
  return programReport({
    now,
    period,
    minGroupSize: deps.minGroupSize,
    people: [...rows.values()].map((row) => ({ personId: row.personId, displayName: row.displayName, department: row.department, row })),
    months: new Map(months.map((m, i) => [m, byPerson<MonthRow>(monthRows[i]!)])),
    tandems: tandems.map((r) => r.digest),
    skills: skills.map((s) => s.value),
  });
}

const SHOWN_DIFFERENCES = 500;

export async function rebuildReports(deps: Deps, caller: Caller): Promise<ReportRebuild> {
  const r = await deps.aggregates.rebuild(caller.tenantId);
  return {
    tandems: r.tandems,
    people: r.people,
    differenceCount: r.differences.length,
    differences: r.differences.slice(0, SHOWN_DIFFERENCES),
    remaining: r.remaining,
  };
}
