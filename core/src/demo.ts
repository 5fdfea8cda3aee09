import { z } from "zod";
import { Id, Locale, SkillId, TimeZone } from "./domain/common";
import { ProfileInput } from "./domain/people";
import { Skill } from "./domain/skills";
import { Cadence, MatchingRules } from "./domain/cycles";
import { GoalStatus, ProjectLink } from "./domain/goals";
import { TandemKind, TandemStatus } from "./domain/tandems";
import { NoteVisibility, SessionStatus } from "./domain/sessions";

/**
 * The demo organisation: one data file (demo/organisation.json) that seeds both the program data in storage
 * and the directory (later the Graph simulator). Dates are offsets in days from the day of seeding, so the
 * demo never ages.
 */
const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "HH:mm");
const weekDays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

export const DemoPerson = z.strictObject({
  id: Id,
  displayName: z.string().min(1),
  givenName: z.string().min(1),
  surname: z.string().min(1),
  mail: z.email(),
  jobTitle: z.string().min(1),
  department: z.string().min(1),
  officeLocation: z.string().min(1),
  managerId: Id.nullable(),
  timeZone: TimeZone,
  preferredLanguage: Locale,
  workingHours: z.strictObject({
    daysOfWeek: z.array(z.enum(weekDays)).min(1),
    startTime: LocalTime,
    endTime: LocalTime,
  }),
  /** Holds the Entra app role "Coordinator". */
  coordinator: z.boolean().default(false),
  /** Absent for people who have not joined the program. The time zone comes from the person. */
  profile: ProfileInput.omit({ timeZone: true })
    .extend({ trainingCompleted: z.array(z.string()).default([]) })
    .optional(),
});
export type DemoPerson = z.infer<typeof DemoPerson>;

export const DemoCheckIn = z.strictObject({
  personId: Id,
  learned: z.string(),
  willTry: z.string(),
  rating: z.int().min(1).max(5),
});

export const DemoNote = z.strictObject({
  id: Id,
  authorId: Id,
  visibility: NoteVisibility,
  body: z.string().min(1),
});

export const DemoSession = z.strictObject({
  id: Id,
  /** Negative: in the past. */
  daysFromNow: z.int(),
  /** In `timeZone`. */
  localTime: LocalTime,
  timeZone: TimeZone,
  minutes: z.int().min(15).max(180),
  status: SessionStatus,
  checkIns: z.array(DemoCheckIn).default([]),
  notes: z.array(DemoNote).default([]),
});
export type DemoSession = z.infer<typeof DemoSession>;

export const DemoGoal = z.strictObject({
  id: Id,
  menteeId: Id,
  title: z.string().min(1).max(120),
  skillId: SkillId,
  successCriterion: z.string().max(500),
  targetInDays: z.int(),
  status: GoalStatus,
  progress: z.int().min(0).max(100),
  project: ProjectLink.nullable().default(null),
});

export const DemoTandem = z.strictObject({
  id: Id,
  kind: TandemKind,
  cycleId: Id,
  mentorId: Id,
  menteeIds: z.array(Id).min(1).max(5),
  status: TandemStatus,
  declineReason: z.string().optional(),
  goals: z.array(DemoGoal).default([]),
  sessions: z.array(DemoSession).default([]),
});
export type DemoTandem = z.infer<typeof DemoTandem>;

export const DemoCycle = z.strictObject({
  id: Id,
  name: z.string().min(1),
  startsInDays: z.int(),
  endsInDays: z.int(),
  cadence: Cadence,
  matching: MatchingRules,
});

export const DemoOrganisation = z.strictObject({
  tenantId: Id,
  tenantName: z.string(),
  domain: z.string(),
  people: z.array(DemoPerson).min(1),
  skills: z.array(Skill),
  cycles: z.array(DemoCycle),
  tandems: z.array(DemoTandem),
});
export type DemoOrganisation = z.infer<typeof DemoOrganisation>;

