import type { Locale } from "../common";
import type { ProgramReport, ReportCell, TeamReport } from "./report";

/**
 * CSV that opens as a table in Excel, in French and English: UTF-8 with a byte order mark (without it Excel reads
 * accents as Windows-1252), the list separator Excel expects in the locale (`;` in French, where the comma is the
 * decimal mark, `,` in English), decimals written the locale's way, CRLF line ends, and fields quoted when they hold
 * the separator, a quote or a line break.
 *
 * A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to a spreadsheet (CSV
 * injection: a name such as `=HYPERLINK(...)` in the directory would run). Such text is written with a leading
 * apostrophe, which Excel shows as text and does not evaluate. Numbers are ours and are never neutralised.
 */

export type CsvValue = string | number | null | undefined;

export const BOM = "\uFEFF";
export const separatorFor = (locale: Locale) => (locale === "fr" ? ";" : ",");
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue, locale: Locale): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    const text = Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
    return locale === "fr" ? text.replace(".", ",") : text;
  }
  const text = FORMULA.test(value) ? `'${value}` : value;
  const sep = separatorFor(locale);
  return text.includes(sep) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows to a CSV document: BOM, the locale's separator, CRLF. An empty row is a blank line between blocks. */
export function toCsv(rows: readonly (readonly CsvValue[])[], locale: Locale): string {
  const sep = separatorFor(locale);
  return BOM + rows.map((r) => r.map((v) => csvCell(v, locale)).join(sep)).join("\r\n") + "\r\n";
}

const words = {
  en: {
    cut: "Cut",
    value: "Value",
    people: "People",
    scheduled: "Sessions scheduled",
    held: "Sessions held",
    expected: "Sessions the cadence expects",
    cancelled: "Sessions cancelled",
    hours: "Hours",
    goals: "Goals achieved",
    pauses: "Pauses",
    checkIns: "Check-ins",
    rating: "Average rating",
    shown: "Shown",
    yes: "Yes",
    no: "No",
    small: "Hidden: about fewer than {k} people",
    complementary: "Hidden: would reveal a hidden figure",
    team: "Team",
    program: "Program",
    department: "Department",
    role: "Role",
    month: "Month",
    mentor: "Mentor",
    mentee: "Mentee",
    atRisk: "Tandems gone quiet",
    person: "Person",
    enrolled: "Enrolled",
    tandem: "Tandem",
    kind: "Kind",
    status: "Status",
    mentors: "Mentor",
    mentees: "Mentees",
    last: "Last session",
    next: "Next session",
    risk: "At risk",
    skill: "Skill",
    requests: "Requests",
    offers: "Offers",
    quiet: "No session held for more than two cadence periods",
    none_scheduled: "No session scheduled",
  },
  fr: {
    cut: "Découpage",
    value: "Valeur",
    people: "Personnes",
    scheduled: "Séances prévues",
    held: "Séances tenues",
    expected: "Séances attendues selon le rythme",
    cancelled: "Séances annulées",
    hours: "Heures",
    goals: "Objectifs atteints",
    pauses: "Pauses",
    checkIns: "Bilans",
    rating: "Note moyenne",
    shown: "Affiché",
    yes: "Oui",
    no: "Non",
    small: "Masqué : concerne moins de {k} personnes",
    complementary: "Masqué : révélerait un chiffre masqué",
    team: "Équipe",
    program: "Programme",
    department: "Service",
    role: "Rôle",
    month: "Mois",
    mentor: "Mentor",
    mentee: "Mentoré",
    atRisk: "Tandems à l'arrêt",
    person: "Personne",
    enrolled: "Inscrit",
    tandem: "Tandem",
    kind: "Type",
    status: "État",
    mentors: "Mentor",
    mentees: "Mentorés",
    last: "Dernière séance",
    next: "Prochaine séance",
    risk: "À risque",
    skill: "Compétence",
    requests: "Demandes",
    offers: "Offres",
    quiet: "Aucune séance tenue depuis plus de deux périodes du rythme",
    none_scheduled: "Aucune séance prévue",
  },
} as const;

function cellRows(r: TeamReport | ProgramReport, locale: Locale): CsvValue[][] {
  const w = words[locale];
  const header = [w.cut, w.value, w.people, w.scheduled, w.held, w.expected, w.cancelled, w.hours, w.goals, w.pauses, w.checkIns, w.rating, w.shown];
  const row = (cut: string, value: string, c: ReportCell): CsvValue[] => {
    const f = c.figures;
    const shown = c.hidden === null ? w.yes : c.hidden === "complementary" ? w.complementary : w.small.replace("{k}", String(r.minGroupSize));
    return [cut, value, c.people, f?.scheduled, f?.held, f?.expected, f?.cancelled, f?.hours, f?.goalsAchieved, f?.pauses, f?.checkIns, f?.ratingAverage, shown];
  };
  return [
    header,
    row(r.scope === "team" ? w.team : w.program, "", r.total),
    ...r.byDepartment.map((d) => row(w.department, d.department, d)),
    ...r.byRole.map((d) => row(w.role, w[d.role], d)),
    ...r.months.map((d) => row(w.month, d.month, d)),
  ];
}

const date = (iso: string | null) => (iso === null ? null : iso.slice(0, 10));

/** A manager's team as CSV: the figures by cut, then who is enrolled and as what. */
export function teamCsv(r: TeamReport, locale: Locale): string {
  const w = words[locale];
  return toCsv(
    [
      ...cellRows(r, locale),
      [w.atRisk, "", null, r.atRisk],
      [],
      [w.person, w.department, w.enrolled, w.role],
      ...r.people.map((p) => [p.displayName, p.department, p.enrolled ? w.yes : w.no, p.roles.map((x) => w[x]).join(" + ")]),
    ],
    locale,
  );
}

/** The program as CSV: the figures by cut, each tandem, and demand against supply by skill. */
export function programCsv(r: ProgramReport, locale: Locale): string {
  const w = words[locale];
  return toCsv(
    [
      ...cellRows(r, locale),
      [],
      [w.tandem, w.kind, w.status, w.mentors, w.mentees, w.held, w.expected, w.last, w.next, w.rating, w.risk],
      ...r.tandems.map((t) => [
        t.id,
        t.kind,
        t.status,
        t.members.filter((m) => m.role === "mentor").map((m) => m.displayName).join(", "),
        t.members.filter((m) => m.role === "mentee").map((m) => m.displayName).join(", "),
        t.sessionsHeld,
        t.sessionsExpected,
        date(t.lastSession),
        date(t.nextSession),
        t.ratingAverage,
        t.atRisk ? w[t.atRisk] : null,
      ]),
      [],
      [w.skill, w.requests, w.offers],
      ...r.demand.map((d) => [d.label?.[locale] ?? d.skillId, d.requests, d.offers]),
    ],
    locale,
  );
}
