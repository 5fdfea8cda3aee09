import { z } from "zod";
import { Id, Locale, SkillId, TimeZone } from "./domain/common";
import { ProfileInput } from "./domain/people";
import { Skill } from "./domain/skills";
import { Cadence, CycleEnrolment, MatchingRules } from "./domain/cycles";
import { GoalStatus, ProjectLink } from "./domain/goals";
import { TandemKind, TandemStatus } from "./domain/tandems";
import { NoteVisibility, SessionStatus } from "./domain/sessions";
import { addDays, dateIn, weekdayOf, zonedTimeToUtc } from "./domain/time";

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

/**
 * The day a demo session falls on: `daysFromNow` from the day the demo is seeded, moved to the nearest day every
 * member works (earlier for a session held or called off, later for one to come, so each stays on its side of now).
 * Otherwise a demo seeded on a Monday shows sessions held on the Saturday before.
 */
export function demoSessionDay(now: Date, session: DemoSession, members: Pick<DemoPerson, "timeZone" | "workingHours">[]): string {
  const planned = addDays(dateIn(now, session.timeZone), session.daysFromNow);
  const step = session.status === "scheduled" ? 1 : -1;
  for (let i = 0, date = planned; i < 7; i++, date = addDays(date, step)) {
    const start = zonedTimeToUtc(date, session.localTime, session.timeZone);
    if (members.every((m) => m.workingHours.daysOfWeek.includes(weekdayOf(dateIn(start, m.timeZone))))) return date;
  }
  return planned;
}

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
  enrolment: CycleEnrolment.default("profile"),
  /** Who enrolled in the cycle, as the roles of their profile (a cycle with `enrolment: "cycle"`). */
  enrolled: z.array(Id).default([]),
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


/**
 * What the schema cannot see: references between records. The seeder and the directory simulator both trust the
 * demo file, so a dangling id or a mentor listed as their own mentee would surface as a confusing runtime error.
 * Returns one readable sentence per problem; an empty list means the file is consistent.
 */
export function checkDemoOrganisation(org: DemoOrganisation): string[] {
  const problems: string[] = [];
  const people = new Map(org.people.map((p) => [p.id, p]));
  const name = (id: string) => people.get(id)?.displayName ?? `unknown person ${id}`;

  const owners = new Map<string, string>();
  const claim = (id: string, what: string) => {
    const first = owners.get(id);
    if (first === undefined) owners.set(id, what);
    else problems.push(`id ${id} is used twice: by ${first} and by ${what}`);
  };
  for (const p of org.people) claim(p.id, `person ${p.displayName}`);
  for (const c of org.cycles) claim(c.id, `cycle "${c.name}"`);
  for (const t of org.tandems) {
    claim(t.id, `${t.kind} ${t.id}`);
    for (const g of t.goals) claim(g.id, `goal "${g.title}"`);
    for (const s of t.sessions) {
      claim(s.id, `session ${s.id}`);
      for (const n of s.notes) claim(n.id, `note ${n.id}`);
    }
  }

  const skills = new Set<string>();
  for (const s of org.skills) {
    if (skills.has(s.id)) problems.push(`skill ${s.id} is listed twice`);
    skills.add(s.id);
  }

  for (const p of org.people) {
    if (p.managerId !== null && !people.has(p.managerId)) {
      problems.push(`${p.displayName} reports to ${p.managerId}, who is not in the organisation`);
    }
    for (const o of p.profile?.offers ?? []) {
      if (!skills.has(o.skillId)) problems.push(`${p.displayName} offers ${o.skillId}, which is not in the skill catalogue`);
    }
    for (const r of p.profile?.requests ?? []) {
      if (!skills.has(r.skillId)) problems.push(`${p.displayName} requests ${r.skillId}, which is not in the skill catalogue`);
    }
  }

  // Walk up from everyone; a walk that comes back to where it started is a cycle, reported once per cycle.
  const reportedCycles = new Set<string>();
  for (const start of org.people) {
    const chain = [start.id];
    let current = start.managerId;
    while (current !== null && current !== start.id && !chain.includes(current) && people.has(current)) {
      chain.push(current);
      current = people.get(current)!.managerId;
    }
    if (current === start.id) {
      const key = [...chain].sort().join(",");
      if (!reportedCycles.has(key)) {
        reportedCycles.add(key);
        problems.push(`the manager chain loops: ${[...chain, start.id].map(name).join(" → ")}`);
      }
    }
  }

  const cycles = new Set(org.cycles.map((c) => c.id));
  for (const c of org.cycles) {
    for (const id of c.enrolled) {
      if (!people.get(id)?.profile) problems.push(`${name(id)} is enrolled in cycle "${c.name}" without a profile`);
    }
  }
  for (const t of org.tandems) {
    const label = `${t.kind} ${t.id} (mentor ${name(t.mentorId)})`;
    const members = new Set([t.mentorId, ...t.menteeIds]);
    if (!cycles.has(t.cycleId)) problems.push(`${label} belongs to cycle ${t.cycleId}, which does not exist`);

    const mentor = people.get(t.mentorId);
    if (!mentor) problems.push(`${label}: the mentor ${t.mentorId} is not in the organisation`);
    else if (!mentor.profile?.programRoles.includes("mentor")) {
      problems.push(`${label}: ${mentor.displayName} has no profile with the mentor role`);
    }
    for (const id of t.menteeIds) {
      const mentee = people.get(id);
      if (!mentee) problems.push(`${label}: the mentee ${id} is not in the organisation`);
      else if (!mentee.profile?.programRoles.includes("mentee")) {
        problems.push(`${label}: ${mentee.displayName} has no profile with the mentee role`);
      }
    }
    if (t.kind === "tandem" && t.menteeIds.length !== 1) {
      problems.push(`${label} has ${t.menteeIds.length} mentees; a tandem has exactly one`);
    }
    if (t.kind === "circle" && (t.menteeIds.length < 2 || t.menteeIds.length > 5)) {
      problems.push(`${label} has ${t.menteeIds.length} mentees; a circle has 2 to 5`);
    }
    if (new Set(t.menteeIds).size !== t.menteeIds.length) problems.push(`${label} lists a mentee twice`);
    if (t.menteeIds.includes(t.mentorId)) problems.push(`${label}: ${name(t.mentorId)} is both mentor and mentee`);
    if (t.status === "declined" && !t.declineReason?.trim()) problems.push(`${label} is declined without a reason`);

    for (const g of t.goals) {
      if (!t.menteeIds.includes(g.menteeId)) {
        problems.push(`goal "${g.title}" belongs to ${name(g.menteeId)}, who is not a mentee of ${label}`);
      }
      if (!skills.has(g.skillId)) problems.push(`goal "${g.title}" uses ${g.skillId}, which is not in the skill catalogue`);
      if (g.status === "achieved" && g.progress !== 100) {
        problems.push(`goal "${g.title}" is achieved but at ${g.progress} % progress`);
      }
    }
    for (const s of t.sessions) {
      for (const c of s.checkIns) {
        if (!members.has(c.personId)) {
          problems.push(`session ${s.id} of ${label} has a check-in by ${name(c.personId)}, who is not a member`);
        }
      }
      for (const n of s.notes) {
        if (!members.has(n.authorId)) {
          problems.push(`note ${n.id} in session ${s.id} of ${label} is written by ${name(n.authorId)}, who is not a member`);
        }
      }
    }
  }
  return problems;
}
