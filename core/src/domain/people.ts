import { z } from "zod";
import { Id, Locale, SkillId, TimeZone, text } from "./common";

export const programRoles = ["mentor", "mentee"] as const;
export const ProgramRole = z.enum(programRoles);
export type ProgramRole = z.infer<typeof ProgramRole>;

/** Everything a person can be in Tandem; the last two come from the directory and the token. */
export const roles = ["mentor", "mentee", "manager", "coordinator"] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const offerLevels = ["beginner", "intermediate", "advanced", "expert"] as const;
export const Offer = z.strictObject({
  skillId: SkillId,
  level: z.enum(offerLevels),
});
export type Offer = z.infer<typeof Offer>;

export const urgencies = ["low", "medium", "high"] as const;
export const LearningRequest = z.strictObject({
  skillId: SkillId,
  why: text(500),
  urgency: z.enum(urgencies),
});
export type LearningRequest = z.infer<typeof LearningRequest>;

export const MAX_MENTEES_PER_MENTOR = 10;

const uniqueBy =
  <T>(key: (t: T) => string, what: string) =>
  (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: "custom", message: `${what} ${k} is listed twice`, path: [i] });
      seen.add(k);
    });
  };

/** What a person says about themselves in the program; the rest of their identity comes from the directory. */
export const ProfileInput = z.strictObject({
  programRoles: z.array(ProgramRole).max(2).superRefine(uniqueBy((r) => r, "role")),
  offers: z.array(Offer).max(30).superRefine(uniqueBy((o) => o.skillId, "skill")),
  requests: z.array(LearningRequest).max(30).superRefine(uniqueBy((r) => r.skillId, "skill")),
  languages: z.array(Locale).min(1).max(2).superRefine(uniqueBy((l) => l, "language")),
  timeZone: TimeZone,
  /** How many mentees a mentor can take at once. */
  capacity: z.int().min(0).max(MAX_MENTEES_PER_MENTOR),
  paused: z.boolean(),
});
export type ProfileInput = z.infer<typeof ProfileInput>;

/** A person's enrolment in one cycle, and the roles they take part in it with (among their profile's). */
export const Enrolment = z.strictObject({
  cycleId: Id,
  roles: z.array(ProgramRole).min(1).max(2).superRefine(uniqueBy((r) => r, "role")),
});
export type Enrolment = z.infer<typeof Enrolment>;

export const MAX_ENROLMENTS = 50;

export const Profile = ProfileInput.extend({
  id: Id,
  /** The cycles the person enrolled in (PUT /me/enrolments/{cycleId}); profiles written before read with none. */
  enrolments: z.array(Enrolment).max(MAX_ENROLMENTS).default([]),
  displayName: z.string().max(256),
  /** Mentor-training module ids completed, see training.ts. */
  trainingCompleted: z.array(z.string().max(40)).max(20),
  createdAt: z.iso.datetime({ offset: true }),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Profile = z.infer<typeof Profile>;

/**
 * A person as the directory (Microsoft Entra ID, synced through Microsoft Graph) knows them. Entra ID may lack a
 * mail (an account without a mailbox), a language, a title or a department; it has no time zone at all (that lives
 * in the mailbox's settings), so `timeZone` is only known where a directory tells it (the demo organisation).
 */
export const DirectoryPerson = z.strictObject({
  id: Id,
  displayName: z.string().max(256),
  mail: z.string().max(320).nullable(),
  jobTitle: z.string().max(128),
  department: z.string().max(128),
  officeLocation: z.string().max(128),
  managerId: Id.nullable(),
  timeZone: TimeZone.nullable(),
  preferredLanguage: Locale.nullable(),
});
export type DirectoryPerson = z.infer<typeof DirectoryPerson>;
