import type { Profile, DirectoryPerson } from "./domain/people";
import type { Skill } from "./domain/skills";
import type { Cycle } from "./domain/cycles";
import type { Tandem } from "./domain/tandems";
import type { LearningGoal } from "./domain/goals";
import type { CheckIn, Note, Session } from "./domain/sessions";
import type { JournalEntry } from "./domain/journal";

/**
 * Ports: what the services need from the outside world. `api/src/adapters` implements them; tests use the
 * real adapters against Azurite. Every method takes the tenant id first: no data crosses tenants.
 */

/** A stored value with the opaque version that guards its next update (an HTTP ETag). */
export interface Versioned<T> {
  value: T;
  etag: string;
}

/**
 * Writes take the etag the caller read. A mismatch throws TandemError("precondition_failed") and writes
 * nothing; `"*"` means "whatever is there".
 */
export type IfMatch = string | "*";

export interface ProfileRepository {
  get(tenantId: string, personId: string): Promise<Versioned<Profile> | null>;
  /** Creates when `ifMatch` is null (conflict if it exists), replaces otherwise. */
  put(tenantId: string, profile: Profile, ifMatch: IfMatch | null): Promise<Versioned<Profile>>;
}

export interface SkillRepository {
  list(tenantId: string): Promise<Versioned<Skill>[]>;
  get(tenantId: string, skillId: string): Promise<Versioned<Skill> | null>;
  create(tenantId: string, skill: Skill): Promise<Versioned<Skill>>;
  replace(tenantId: string, skill: Skill, ifMatch: IfMatch): Promise<Versioned<Skill>>;
}

export interface CycleRepository {
  list(tenantId: string): Promise<Versioned<Cycle>[]>;
  get(tenantId: string, cycleId: string): Promise<Versioned<Cycle> | null>;
  create(tenantId: string, cycle: Cycle): Promise<Versioned<Cycle>>;
}

export interface TandemRepository {
  get(tenantId: string, tandemId: string): Promise<Versioned<Tandem> | null>;
  /** The tandems and circles a person belongs to, as mentor or mentee. */
  listForPerson(tenantId: string, personId: string): Promise<Versioned<Tandem>[]>;
  /** The whole program: coordinators only. */
  listAll(tenantId: string): Promise<Versioned<Tandem>[]>;
  create(tenantId: string, tandem: Tandem): Promise<Versioned<Tandem>>;
  replace(tenantId: string, tandem: Tandem, ifMatch: IfMatch): Promise<Versioned<Tandem>>;
}

export interface GoalRepository {
  list(tenantId: string, tandemId: string): Promise<Versioned<LearningGoal>[]>;
  get(tenantId: string, tandemId: string, goalId: string): Promise<Versioned<LearningGoal> | null>;
  create(tenantId: string, goal: LearningGoal): Promise<Versioned<LearningGoal>>;
  replace(tenantId: string, goal: LearningGoal, ifMatch: IfMatch): Promise<Versioned<LearningGoal>>;
  delete(tenantId: string, tandemId: string, goalId: string, ifMatch: IfMatch): Promise<void>;
}

export interface SessionRepository {
  list(tenantId: string, tandemId: string): Promise<Versioned<Session>[]>;
  get(tenantId: string, tandemId: string, sessionId: string): Promise<Versioned<Session> | null>;
  create(tenantId: string, session: Session): Promise<Versioned<Session>>;
  replace(tenantId: string, session: Session, ifMatch: IfMatch): Promise<Versioned<Session>>;
}

export interface CheckInRepository {
  list(tenantId: string, tandemId: string, sessionId: string): Promise<Versioned<CheckIn>[]>;
  get(tenantId: string, tandemId: string, sessionId: string, personId: string): Promise<Versioned<CheckIn> | null>;
  /** Creates when `ifMatch` is null, replaces otherwise. */
  put(tenantId: string, tandemId: string, checkIn: CheckIn, ifMatch: IfMatch | null): Promise<Versioned<CheckIn>>;
}

export interface NoteRepository {
  list(tenantId: string, tandemId: string, sessionId: string): Promise<Versioned<Note>[]>;
  get(tenantId: string, tandemId: string, sessionId: string, noteId: string): Promise<Versioned<Note> | null>;
  create(tenantId: string, tandemId: string, note: Note): Promise<Versioned<Note>>;
  replace(tenantId: string, tandemId: string, note: Note, ifMatch: IfMatch): Promise<Versioned<Note>>;
  delete(tenantId: string, tandemId: string, sessionId: string, noteId: string, ifMatch: IfMatch): Promise<void>;
}

/** A person's private journal: every method is scoped to one author, so no call can reach another's entries. */
export interface JournalRepository {
  /** Newest first. */
  list(tenantId: string, personId: string): Promise<Versioned<JournalEntry>[]>;
  get(tenantId: string, personId: string, entryId: string): Promise<Versioned<JournalEntry> | null>;
  create(tenantId: string, personId: string, entry: JournalEntry): Promise<Versioned<JournalEntry>>;
  replace(tenantId: string, personId: string, entry: JournalEntry, ifMatch: IfMatch): Promise<Versioned<JournalEntry>>;
  delete(tenantId: string, personId: string, entryId: string, ifMatch: IfMatch): Promise<void>;
}

/** People and the manager tree, as Microsoft Graph knows them. */
export interface Directory {
  person(tenantId: string, personId: string): Promise<DirectoryPerson | null>;
  /** Direct and indirect reports of a manager. */
  reportsOf(tenantId: string, managerId: string): Promise<DirectoryPerson[]>;
}

export interface Repositories {
  profiles: ProfileRepository;
  skills: SkillRepository;
  cycles: CycleRepository;
  tandems: TandemRepository;
  goals: GoalRepository;
  sessions: SessionRepository;
  checkIns: CheckInRepository;
  notes: NoteRepository;
  journal: JournalRepository;
}

export interface Clock {
  now(): string;
}

export interface IdSource {
  next(): string;
}
