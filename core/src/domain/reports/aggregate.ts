import { z } from "zod";
import { Id, SkillId } from "../common";
import { ProgramRole, type Profile } from "../people";
import { TandemKind, TandemStatus, type Tandem } from "../tandems";
import type { Cycle } from "../cycles";
import { heldForSure, isCalledOff, sessionMinutes, type CheckIn, type Session } from "../sessions";
import type { LearningGoal } from "../goals";
import type { ClosingSurvey } from "../survey";
import { trainingComplete } from "../training";

/**
 * The aggregates reports read (docs/adr/0002, "Reports"): what each tandem contributes to each of its members in
 * each calendar month (UTC), and each person's standing in the program. They hold counts, minutes, instants and
 * ids only: never goal text, notes or check-in answers, and a rating only as a count per value.
 *
 * Held is "the meeting ended and was not cancelled, or a member checked in to it" (DESIGN.md), and time passes
 * without writes: a session that is neither cancelled nor known held is kept as its end instant, and counts as
 * held at read time once that instant has passed. Everything here is a function of the raw data alone, never of
 * the moment it was computed, so that the aggregates kept on writes and a recomputation agree exactly.
 */

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "yyyy-mm");
export type Month = z.infer<typeof Month>;

/** The calendar month (UTC) of an instant. */
export const monthOf = (instant: string | number): Month => new Date(instant).toISOString().slice(0, 7);

const count = z.int().min(0);
const epoch = z.number();
/** How many ratings of 1, 2, 3, 4 and 5. */
export const Ratings = z.tuple([count, count, count, count, count]);
export type Ratings = z.infer<typeof Ratings>;
export const noRatings = (): Ratings => [0, 0, 0, 0, 0];

/** What one tandem contributes to one of its members in one month (the month of each session's start). */
export const MonthEntry = z.strictObject({
  role: ProgramRole,
  /** Sessions neither cancelled nor known held, as [end, minutes]: each counts as held once its end has passed. */
  open: z.array(z.tuple([epoch, count])),
  /** Sessions known held: marked held, or checked in to. */
  held: count,
  heldMinutes: count,
  cancelled: count,
  /** The member's goals achieved this month (mentees only). */
  goalsAchieved: count,
  /** The tandem was paused this month. */
  pauses: count,
  /** The member's own check-ins on this month's sessions, and their ratings. */
  checkIns: count,
  ratings: Ratings,
});
export type MonthEntry = z.infer<typeof MonthEntry>;

/** A span of time a tandem was active: [from, to], `to` null while it still is. */
export const Span = z.tuple([epoch, epoch.nullable()]);
export type Span = z.infer<typeof Span>;

/** One member's link to one tandem, as their standing holds it: enough to tell the cadence and a quiet tandem. */
export const TandemLink = z.strictObject({
  role: ProgramRole,
  kind: TandemKind,
  status: TandemStatus,
  /** The cycle's cadence; null when the cycle is unknown. */
  everyWeeks: z.int().min(1).nullable(),
  spans: z.array(Span),
  /** The latest end of a session known held. */
  lastHeld: epoch.nullable(),
  /** Sessions neither cancelled nor known held, as [start, end]. */
  open: z.array(z.tuple([epoch, epoch])),
  /** The months this tandem has entries in, for this member. */
  months: z.array(Month),
});
export type TandemLink = z.infer<typeof TandemLink>;

/** What a profile tells reports: roles, pause, training, and the skills asked for and offered (ids only). */
export const ProfileFacts = z.strictObject({
  roles: z.array(ProgramRole),
  paused: z.boolean(),
  /** A mentor who completed every training module. */
  trained: z.boolean(),
  offers: z.array(SkillId),
  requests: z.array(SkillId),
});
export type ProfileFacts = z.infer<typeof ProfileFacts>;

/** A coordinator's view of one tandem: its state and its sessions in numbers. */
export const SurveyCounts = z.strictObject({ answered: count, helped: count, again: count });
export type SurveyCounts = z.infer<typeof SurveyCounts>;

export const TandemDigest = z.strictObject({
  id: Id,
  kind: TandemKind,
  status: TandemStatus,
  cycleId: Id,
  mentorId: Id,
  menteeIds: z.array(Id),
  everyWeeks: z.int().min(1).nullable(),
  spans: z.array(Span),
  lastHeld: epoch.nullable(),
  /** [start, end, minutes]. */
  open: z.array(z.tuple([epoch, epoch, count])),
  held: count,
  heldMinutes: count,
  cancelled: count,
  ratings: Ratings,
  goals: count,
  goalsAchieved: count,
  pauses: count,
  /** The closing survey's yes/no answers, counted (never who, never what they learned); rows before it read as none. */
  surveys: SurveyCounts.default({ answered: 0, helped: 0, again: 0 }),
});
export type TandemDigest = z.infer<typeof TandemDigest>;

/** Everything one tandem is made of, as stored. */
export interface TandemInputs {
  tandem: Tandem;
  cycle: Pick<Cycle, "cadence"> | null;
  sessions: readonly Session[];
  goals: readonly LearningGoal[];
  checkIns: readonly CheckIn[];
  /** The members' closing-survey answers: only the two yes/no answers are counted. */
  surveys?: readonly Pick<ClosingSurvey, "helped" | "again">[];
}

/** What a tandem contributes to one member: their link, and their entries by month. */
export interface MemberAggregates {
  link: TandemLink;
  months: Map<Month, MonthEntry>;
}

export interface TandemAggregates {
  digest: TandemDigest;
  /** Per member. Empty for a tandem that is proposed or declined. */
  members: Map<string, MemberAggregates>;
}

/** Proposed, declined and withdrawn tandems never ran: they count for nobody. */
export const countsForMembers = (t: Pick<Tandem, "status">) => t.status !== "proposed" && t.status !== "declined" && t.status !== "withdrawn";

/** When the tandem was active, from the status changes its history recorded. */
export function activeSpans(t: Tandem): Span[] {
  const spans: Span[] = [];
  let open: number | null = null;
  for (const h of t.history) {
    const status = h.changes?.status as { from?: unknown; to?: unknown } | undefined;
    if (!status) continue;
    const at = Date.parse(h.at);
    if (status.to === "active" && open === null) open = at;
    else if (status.from === "active" && status.to !== "active" && open !== null) {
      spans.push([open, at]);
      open = null;
    }
  }
  if (open !== null) spans.push([open, null]);
  // A history cut short (it keeps its last 100 entries) may have lost the activation.
  else if (t.status === "active") spans.push([Date.parse(t.createdAt), null]);
  return spans;
}

/** When a goal was achieved: the change that made it so, or its creation. */
export function achievedAt(g: LearningGoal): string {
  for (let i = g.history.length - 1; i >= 0; i--) {
    const status = g.history[i]!.changes?.status as { to?: unknown } | undefined;
    if (status?.to === "achieved") return g.history[i]!.at;
  }
  return g.createdAt;
}

const emptyEntry = (role: ProgramRole): MonthEntry => ({
  role,
  open: [],
  held: 0,
  heldMinutes: 0,
  cancelled: 0,
  goalsAchieved: 0,
  pauses: 0,
  checkIns: 0,
  ratings: noRatings(),
});

const byStartThenId = (a: Session, b: Session) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id);

/** What a tandem contributes: its digest, and per member their link and their month entries. Pure. */
export function tandemAggregates({ tandem, cycle, sessions, goals, checkIns, surveys = [] }: TandemInputs): TandemAggregates {
  const everyWeeks = cycle?.cadence.everyWeeks ?? null;
  const spans = activeSpans(tandem);
  const memberIds = countsForMembers(tandem) ? [tandem.mentorId, ...tandem.menteeIds] : [];
  const roleOf = (p: string): ProgramRole => (p === tandem.mentorId ? "mentor" : "mentee");
  const months = new Map<string, Map<Month, MonthEntry>>(memberIds.map((p) => [p, new Map()]));
  const entry = (p: string, m: Month) => {
    const mine = months.get(p)!;
    let e = mine.get(m);
    if (!e) mine.set(m, (e = emptyEntry(roleOf(p))));
    return e;
  };

  const checkedIn = new Set(checkIns.map((c) => c.sessionId));
  const digest: TandemDigest = {
    id: tandem.id,
    kind: tandem.kind,
    status: tandem.status,
    cycleId: tandem.cycleId,
    mentorId: tandem.mentorId,
    menteeIds: [...tandem.menteeIds],
    everyWeeks,
    spans,
    lastHeld: null,
    open: [],
    held: 0,
    heldMinutes: 0,
    cancelled: 0,
    ratings: noRatings(),
    goals: goals.length,
    goalsAchieved: 0,
    pauses: 0,
    surveys: { answered: surveys.length, helped: surveys.filter((x) => x.helped).length, again: surveys.filter((x) => x.again).length },
  };

  const starts = new Map<string, string>();
  for (const s of [...sessions].sort(byStartThenId)) {
    starts.set(s.id, s.start);
    const m = monthOf(s.start);
    const minutes = Math.max(0, sessionMinutes(s));
    const end = Date.parse(s.end);
    // The sessions' one rule of "held" (sessions.ts isHeld): what time adds to it, an open session whose meeting has
    // ended, is read when the report is (evaluate.ts sessionsAt). A session that did not take place counts as called off.
    if (isCalledOff(s.status)) {
      digest.cancelled++;
      for (const p of memberIds) entry(p, m).cancelled++;
    } else if (heldForSure(s, checkedIn.has(s.id))) {
      digest.held++;
      digest.heldMinutes += minutes;
      digest.lastHeld = Math.max(digest.lastHeld ?? end, end);
      for (const p of memberIds) {
        const e = entry(p, m);
        e.held++;
        e.heldMinutes += minutes;
      }
    } else {
      digest.open.push([Date.parse(s.start), end, minutes]);
      for (const p of memberIds) entry(p, m).open.push([end, minutes]);
    }
  }

  for (const c of checkIns) {
    const start = starts.get(c.sessionId);
    if (!start) continue;
    digest.ratings[c.rating - 1]!++;
    if (!months.has(c.personId)) continue;
    const e = entry(c.personId, monthOf(start));
    e.checkIns++;
    e.ratings[c.rating - 1]!++;
  }

  for (const g of goals) {
    if (g.status !== "achieved") continue;
    digest.goalsAchieved++;
    if (tandem.menteeIds.includes(g.menteeId) && months.has(g.menteeId)) entry(g.menteeId, monthOf(achievedAt(g))).goalsAchieved++;
  }

  for (const h of tandem.history) {
    if (h.action !== "pause") continue;
    digest.pauses++;
    for (const p of memberIds) entry(p, monthOf(h.at)).pauses++;
  }

  const members = new Map<string, MemberAggregates>();
  for (const p of memberIds) {
    const mine = months.get(p)!;
    members.set(p, {
      link: {
        role: roleOf(p),
        kind: tandem.kind,
        status: tandem.status,
        everyWeeks,
        spans,
        lastHeld: digest.lastHeld,
        open: digest.open.map(([start, end]): [number, number] => [start, end]),
        months: [...mine.keys()].sort(),
      },
      months: mine,
    });
  }
  return { digest, members };
}

/** What reports keep of a profile. */
export const profileFacts = (p: Pick<Profile, "programRoles" | "paused" | "trainingCompleted" | "offers" | "requests">): ProfileFacts => ({
  roles: [...p.programRoles].sort(),
  paused: p.paused,
  trained: p.programRoles.includes("mentor") && trainingComplete(p.trainingCompleted),
  offers: p.programRoles.includes("mentor") ? p.offers.map((o) => o.skillId).sort() : [],
  requests: p.programRoles.includes("mentee") ? p.requests.map((r) => r.skillId).sort() : [],
});
