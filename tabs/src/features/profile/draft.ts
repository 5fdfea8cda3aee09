import {
  ProfileInput,
  locales,
  programRoles,
  type Locale as Language,
  type Me,
  type ProgramRole,
  type offerLevels,
  type urgencies,
} from "@tandem/core";
import { zodFieldProblems, type FieldProblem, type FieldProblems } from "@tandem/ui";

/**
 * The profile form's draft, pure: what a person has typed so far, how it starts, how it changes, and what is wrong
 * with it. The form (useProfileForm) holds it; nothing here renders or calls the api.
 */

export type Level = (typeof offerLevels)[number];
export type Urgency = (typeof urgencies)[number];
export interface OfferRow {
  key: string;
  skillId: string;
  level: Level;
}
export interface RequestRow {
  key: string;
  skillId: string;
  why: string;
  urgency: Urgency;
}
/** The two lists of skills: what I can teach, what I want to learn. */
export type SkillList = "offers" | "requests";
export type Row<K extends SkillList> = Draft[K][number];

export interface Draft {
  programRoles: ProgramRole[];
  offers: OfferRow[];
  requests: RequestRow[];
  languages: Language[];
  timeZone: string;
  /** null while what was typed is not a number. */
  capacity: number | null;
  paused: boolean;
}

let rowSeq = 0;
/** A row's key, for React and for focus: rows have no id of their own. */
export const rowKey = () => `row-${++rowSeq}`;

/** The saved profile, or for a newcomer a start prefilled from the directory (time zone, language). */
export function draftOf(me: Me, uiLanguage: Language, browserTimeZone: () => string): Draft {
  const p = me.profile;
  if (p) {
    return {
      programRoles: [...p.programRoles],
      offers: p.offers.map((o) => ({ key: rowKey(), ...o })),
      requests: p.requests.map((r) => ({ key: rowKey(), ...r })),
      languages: [...p.languages],
      timeZone: p.timeZone,
      capacity: p.capacity,
      paused: p.paused,
    };
  }
  return {
    programRoles: [],
    offers: [],
    requests: [],
    languages: [me.directory?.preferredLanguage ?? uiLanguage],
    timeZone: me.directory?.timeZone ?? browserTimeZone(),
    capacity: 2,
    paused: false,
  };
}

/** What the api is sent: in the contract's order, without the rows' keys. */
export function inputOf(d: Draft) {
  const mentor = d.programRoles.includes("mentor");
  return {
    programRoles: programRoles.filter((r) => d.programRoles.includes(r)),
    offers: d.offers.map(({ skillId, level }) => ({ skillId, level })),
    requests: d.requests.map(({ skillId, why, urgency }) => ({ skillId, why, urgency })),
    languages: locales.filter((l) => d.languages.includes(l)),
    timeZone: d.timeZone.trim(),
    // Capacity means something for mentors only; the field is hidden for others.
    capacity: mentor ? d.capacity : 0,
    paused: d.paused,
  };
}

/** Ticks or unticks one item of a list of choices; ticked, it goes last. */
export const toggle = <T>(list: T[], item: T, on: boolean) => (on ? [...list.filter((x) => x !== item), item] : list.filter((x) => x !== item));

export function withRole(d: Draft, role: ProgramRole, on: boolean): Draft {
  return {
    ...d,
    programRoles: toggle(d.programRoles, role, on),
    // Someone who starts teaching can take at least one mentee.
    capacity: role === "mentor" && on && d.capacity === 0 ? 1 : d.capacity,
  };
}

export const newRow = <K extends SkillList>(list: K, key: string): Row<K> =>
  (list === "offers" ? { key, skillId: "", level: "intermediate" } : { key, skillId: "", why: "", urgency: "medium" }) as Row<K>;

/** Changes the rows of one list; `change` gets and returns that list. */
export const withRows = <K extends SkillList>(d: Draft, list: K, change: (rows: Row<K>[]) => Row<K>[]): Draft => ({
  ...d,
  [list]: change(d[list] as Row<K>[]),
});

export const changeRow = <K extends SkillList>(d: Draft, list: K, key: string, patch: Partial<Row<K>>) =>
  withRows(d, list, (rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));

export const removeRow = (d: Draft, list: SkillList, key: string) => withRows(d, list, (rows) => rows.filter((r) => r.key !== key));

/** The draft checked against the contract, and against the one rule the form adds to it. */
export function check(d: Draft): { ok: true; input: ProfileInput } | { ok: false; problems: FieldProblems } {
  const parsed = ProfileInput.safeParse(inputOf(d));
  const problems = parsed.success ? {} : zodFieldProblems(parsed.error);
  // The contract allows no role at all, but such a profile could never be matched.
  if (d.programRoles.length === 0) problems.programRoles ??= { code: "too_small", message: "required" };
  return parsed.success && Object.keys(problems).length === 0 ? { ok: true, input: parsed.data } : { ok: false, problems };
}

export type ProblemKey =
  | "profile.error.duplicate"
  | "profile.error.tooMany"
  | "profile.error.skill"
  | "profile.error.choose"
  | "profile.error.why"
  | "profile.error.roles"
  | "profile.error.languages"
  | "profile.error.timeZone"
  | "profile.error.capacity";

const byField: Record<string, ProblemKey> = {
  skillId: "profile.error.skill",
  level: "profile.error.choose",
  urgency: "profile.error.choose",
  why: "profile.error.why",
  programRoles: "profile.error.roles",
  languages: "profile.error.languages",
  timeZone: "profile.error.timeZone",
  capacity: "profile.error.capacity",
};

/**
 * Which message tells a problem in the person's language, chosen by the field and the code, never by the
 * contract's English words. Null for a field the form does not know: the shared words for its kind of problem.
 */
export function problemKey(path: string, problem: FieldProblem): ProblemKey | null {
  const [list, index, field] = path.split(".");
  if (list === "offers" || list === "requests") {
    if (index === undefined) return "profile.error.tooMany";
    // The contract's uniqueness check (a custom issue) names the row, or the skill, listed a second time.
    if (field === undefined || (field === "skillId" && problem.code === "custom")) return "profile.error.duplicate";
  }
  return byField[field ?? list ?? ""] ?? null;
}
