import { z } from "zod";
import { Id, text } from "./common";
import { ProgramRole, type Profile } from "./people";
import type { Tandem } from "./tandems";
import { sessionMinutes, type Session } from "./sessions";
import type { LearningGoal } from "./goals";

/** What a manager may know about one report: aggregates only, never goal text, notes or check-ins. */
export const Participation = z.strictObject({
  personId: Id,
  displayName: text(256),
  department: text(128),
  enrolled: z.boolean(),
  paused: z.boolean(),
  roles: z.array(ProgramRole),
  tandems: z.int().min(0),
  sessionsHeld: z.int().min(0),
  hours: z.number().min(0),
  goalsAchieved: z.int().min(0),
});
export type Participation = z.infer<typeof Participation>;

const counts = (t: Pick<Tandem, "status">) => t.status !== "proposed" && t.status !== "declined";

export function participationOf(
  person: { id: string; displayName: string; department: string },
  profile: Pick<Profile, "programRoles" | "paused"> | null,
  tandems: readonly Tandem[],
  sessions: ReadonlyMap<string, readonly Session[]>,
  goals: ReadonlyMap<string, readonly LearningGoal[]>,
): Participation {
  const mine = tandems.filter((t) => counts(t) && (t.mentorId === person.id || t.menteeIds.includes(person.id)));
  const held = mine.flatMap((t) => (sessions.get(t.id) ?? []).filter((s) => s.status === "held"));
  const minutes = held.reduce((sum, s) => sum + sessionMinutes(s), 0);
  const achieved = mine.flatMap((t) =>
    (goals.get(t.id) ?? []).filter(
      (g) => g.status === "achieved" && (t.mentorId === person.id || g.menteeId === person.id),
    ),
  );
  const roles = new Set<ProgramRole>(profile?.programRoles ?? []);
  for (const t of mine) roles.add(t.mentorId === person.id ? "mentor" : "mentee");
  return {
    personId: person.id,
    displayName: person.displayName,
    department: person.department,
    enrolled: profile !== null && (profile.programRoles.length > 0 || mine.length > 0),
    paused: profile?.paused ?? false,
    roles: [...roles].sort(),
    tandems: mine.length,
    sessionsHeld: held.length,
    hours: Math.round((minutes / 60) * 10) / 10,
    goalsAchieved: achieved.length,
  };
}

export const TeamParticipation = z.strictObject({
  managerId: Id,
  reports: z.array(Participation),
  totals: z.strictObject({
    people: z.int(),
    enrolled: z.int(),
    sessionsHeld: z.int(),
    hours: z.number(),
    goalsAchieved: z.int(),
  }),
});
export type TeamParticipation = z.infer<typeof TeamParticipation>;

export const teamTotals = (reports: readonly Participation[]): TeamParticipation["totals"] => ({
  people: reports.length,
  enrolled: reports.filter((r) => r.enrolled).length,
  sessionsHeld: reports.reduce((n, r) => n + r.sessionsHeld, 0),
  hours: Math.round(reports.reduce((n, r) => n + r.hours, 0) * 10) / 10,
  goalsAchieved: reports.reduce((n, r) => n + r.goalsAchieved, 0),
});
