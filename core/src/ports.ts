import type { Profile, DirectoryPerson } from "./domain/people";
import type { DirectoryProblem, DirectorySyncState, Placement } from "./domain/directory";
import type { Skill } from "./domain/skills";
import type { Cycle } from "./domain/cycles";
import type { Tandem } from "./domain/tandems";
import type { LearningGoal } from "./domain/goals";
import type { CheckIn, Note, Recurrence, SessionRecord, SessionRecordInput } from "./domain/sessions";
import type { EmptyReason, SlotHolds, WorkingHours, availabilities } from "./domain/booking";
import type { JournalEntry } from "./domain/journal";
import type { ClosingSurvey } from "./domain/survey";
import type { MatchingRunRecord, MentorPlaces } from "./domain/matching/runs";
import type { AggregateDifference, MonthRow, PersonRow, TandemRow } from "./domain/reports/rows";

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
  /** Everyone's profile: the report rebuild only. */
  list(tenantId: string): Promise<Versioned<Profile>[]>;
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
  replace(tenantId: string, cycle: Cycle, ifMatch: IfMatch): Promise<Versioned<Cycle>>;
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

/** Sessions as stored, with their link to the Outlook meeting (services strip it before answering). */
export interface SessionRepository {
  list(tenantId: string, tandemId: string): Promise<Versioned<SessionRecord>[]>;
  get(tenantId: string, tandemId: string, sessionId: string): Promise<Versioned<SessionRecord> | null>;
  create(tenantId: string, session: SessionRecordInput): Promise<Versioned<SessionRecord>>;
  replace(tenantId: string, session: SessionRecordInput, ifMatch: IfMatch): Promise<Versioned<SessionRecord>>;
}

/** A booking done under an Idempotency-Key: a retry with the key finds it and does nothing again. */
export interface Booking {
  key: string;
  /** The request it answered (who, which slot, which recurrence): the key cannot be reused for another one. */
  fingerprint: string;
  sessionIds: string[];
  createdAt: string;
}

export interface BookingRepository {
  get(tenantId: string, tandemId: string, key: string): Promise<Booking | null>;
  /**
   * Records a booking's sessions and the booking itself in one transaction: all of them or none. A booking
   * already recorded under the key makes it fail with "conflict".
   */
  record(tenantId: string, tandemId: string, booking: Booking, sessions: SessionRecordInput[]): Promise<Versioned<SessionRecord>[]>;
}

/** Where an Outlook meeting leads in Tandem: one session, or a series of them. */
export interface EventTarget {
  tandemId: string;
  sessionId: string | null;
  seriesId: string | null;
}

/** From an Outlook meeting (its iCalUId, or its organizer's event id) to its session, in one point read. */
export interface EventIndex {
  find(tenantId: string, key: { iCalUId: string } | { eventId: string }): Promise<EventTarget | null>;
  /** Idempotent: writing the same keys again is harmless. */
  put(tenantId: string, keys: ({ iCalUId: string } | { eventId: string })[], target: EventTarget): Promise<void>;
}

export interface CheckInRepository {
  list(tenantId: string, tandemId: string, sessionId: string): Promise<Versioned<CheckIn>[]>;
  /** Every check-in of a tandem (reports count them): one range query of the tandem's partition. */
  listForTandem(tenantId: string, tandemId: string): Promise<Versioned<CheckIn>[]>;
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

/** Closing surveys, one per member of a tandem: created once, never replaced. */
export interface SurveyRepository {
  get(tenantId: string, tandemId: string, personId: string): Promise<Versioned<ClosingSurvey> | null>;
  /** A second answer of the same member fails with `conflict`. */
  create(tenantId: string, survey: ClosingSurvey): Promise<Versioned<ClosingSurvey>>;
  /** Every answer of a tandem's members (its partition): what the reports count, never show. */
  listForTandem(tenantId: string, tandemId: string): Promise<Versioned<ClosingSurvey>[]>;
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

/**
 * People and the manager tree, as Microsoft Entra ID knows them, synced into storage (DirectorySync): request
 * paths read this, never Microsoft Graph. Each method costs a number of storage calls that does not grow with
 * the organisation.
 */
export interface Directory {
  /** One point read. */
  person(tenantId: string, personId: string): Promise<DirectoryPerson | null>;
  /** Direct and indirect reports of a manager: one point read, then one range query of one partition. */
  reportsOf(tenantId: string, managerId: string): Promise<DirectoryPerson[]>;
  /** The same, with each one's place in the tree and the manager's own: what reports read by. */
  teamOf(tenantId: string, managerId: string): Promise<{ path: string; reports: Placed[] } | null>;
  /** A person and their place in the tree: one point read. Null when the directory does not know them. */
  placeOf(tenantId: string, personId: string): Promise<Placed | null>;
  /** Their managers, the nearest first, up to the top of the organisation: one point read. */
  managerChainOf(tenantId: string, personId: string): Promise<string[]>;
  /** Whether anyone reports to them: one point read. */
  isManager(tenantId: string, personId: string): Promise<boolean>;
  /** Everyone with their department and chain of managers: one query of the tenant's partition (jobs only: matching). */
  everyone(tenantId: string): Promise<{ id: string; displayName: string; department: string; chain: string[] }[]>;
}

/** A person at their place in the tree (the path of short keys from the top down to them, ADR 0002). */
export interface Placed {
  path: string;
  person: DirectoryPerson;
}

/** What the directory's source says of one person: joined or changed (only what it sent), or gone. */
export type DirectoryChange =
  | { kind: "upsert"; id: string; fields: Partial<Omit<DirectoryPerson, "id" | "managerId">>; managerId?: string | null }
  | { kind: "remove"; id: string };

export interface DirectoryPage {
  changes: DirectoryChange[];
  /** Rows of this page that could not be read: skipped and reported, never failing the page. */
  problems: DirectoryProblem[];
  /** The next page of this round; or, on its last page, where the next sync starts (only what changed since). */
  next: { page: string } | { nextSync: string };
}

/** Microsoft Graph's user delta query, read with the app's own identity in one tenant. */
export interface DirectorySource {
  /**
   * The first page of a whole read (`link` null), or the page a previous one pointed to. "resync" when the source
   * cannot continue from that link (an expired delta token): the sync then reads everything again. `wholeRead`:
   * this page belongs to a read of everyone (what a person's page leaves out, they do not have).
   */
  read(tenantId: string, link: string | null, wholeRead: boolean): Promise<DirectoryPage | "resync">;
}

/** One person's row as the organising step reads it: their link to their manager and their stored place. */
export interface DirectoryLinkRow {
  id: string;
  managerId: string | null;
  key: string | null;
  path: string | null;
  directReports: number;
  /** Their data changed since their place in the tree was last written. */
  pending: boolean;
  removed: boolean;
  /** The sync round that last saw them. */
  round: string | null;
}

/** Where the sync keeps the directory, and its own progress. */
export interface DirectoryStore {
  state(tenantId: string): Promise<Versioned<DirectorySyncState> | null>;
  /** Creates when `ifMatch` is null (conflict if it exists), replaces otherwise: two syncs never both run. */
  saveState(tenantId: string, state: DirectorySyncState, ifMatch: IfMatch | null): Promise<Versioned<DirectorySyncState>>;
  /** Every tenant that has a directory sync state: what the timer syncs. */
  tenants(): Promise<string[]>;
  /** Records a page of changes, each marked as seen in `round` and pending. Idempotent: a page may be applied twice. */
  apply(tenantId: string, changes: DirectoryChange[], round: string): Promise<void>;
  /** Every person's link row, in pages (the organising step holds these, not whole rows). */
  links(tenantId: string): AsyncIterable<DirectoryLinkRow>;
  /** Writes people's new places (and their tree rows anew), the old tree rows removed. Idempotent. */
  place(tenantId: string, moves: { id: string; placement: Placement; oldPath: string | null }[]): Promise<void>;
  /** Removes people who left, both rows. Idempotent. */
  remove(tenantId: string, people: { id: string; path: string | null }[]): Promise<void>;
}

/**
 * Where the report aggregates live (docs/adr/0002, "Reports"). A person's rows are found by their key: their path in
 * the directory's tree, or `~` and their id while the directory has not placed them, so that a manager's team is
 * one range of keys. Months are calendar months (yyyy-mm, UTC). Writes take the version read; a stale one fails
 * with "precondition_failed", creating what exists with "conflict".
 */
export type ReportRange = "all" | "unplaced" | { below: string };

export interface ReportStore {
  tandem(tenantId: string, tandemId: string): Promise<Versioned<TandemRow> | null>;
  putTandem(tenantId: string, tandemId: string, row: TandemRow, ifMatch: IfMatch | null): Promise<Versioned<TandemRow>>;
  /** The whole program's tandems: one partition. */
  tandems(tenantId: string): Promise<TandemRow[]>;
  person(tenantId: string, key: string): Promise<Versioned<PersonRow> | null>;
  putPerson(tenantId: string, key: string, row: PersonRow, ifMatch: IfMatch | null): Promise<Versioned<PersonRow>>;
  deletePerson(tenantId: string, key: string, ifMatch: IfMatch): Promise<void>;
  /** Person rows by key: everyone, those not placed yet, or a manager's team (the keys below their path). */
  people(tenantId: string, range: ReportRange): Promise<{ key: string; row: PersonRow }[]>;
  month(tenantId: string, month: string, key: string): Promise<Versioned<MonthRow> | null>;
  putMonth(tenantId: string, month: string, key: string, row: MonthRow, ifMatch: IfMatch | null): Promise<Versioned<MonthRow>>;
  deleteMonth(tenantId: string, month: string, key: string, ifMatch: IfMatch): Promise<void>;
  /** One month's rows: one range query of that month's partition. */
  months(tenantId: string, month: string, range: ReportRange): Promise<{ key: string; row: MonthRow }[]>;
  /** Every month row of the tenant, whatever the month: the rebuild only. */
  allMonths(tenantId: string): Promise<{ month: string; key: string; row: MonthRow }[]>;
}

/**
 * Keeps the report aggregates in step with the raw data: called after every write that changes what reports count.
 * It reads what changed again rather than taking it from the caller, so a late or repeated call does no harm.
 */
export interface AggregateUpdater {
  /** A tandem, its sessions, goals or check-ins changed. Never fails the write it follows (it warns). */
  tandemChanged(tenantId: string, tandemId: string): Promise<void>;
  /** A person's profile changed. Never fails the write it follows. */
  profileChanged(tenantId: string, personId: string): Promise<void>;
  /** The directory placed these people (the sync): rows kept by place follow them. */
  placed(tenantId: string, moves: { id: string; oldPath: string | null; newPath: string }[]): Promise<void>;
  /** Recomputes every aggregate from the raw data, lands it, and says what was different. */
  rebuild(tenantId: string): Promise<RebuildReport>;
}

export interface RebuildReport {
  tandems: number;
  people: number;
  /** What the kept aggregates held that the raw data did not give, field by field: numbers and instants only. */
  differences: AggregateDifference[];
  /** Differences still found once the recomputation landed: 0 unless writes kept coming meanwhile. */
  remaining: number;
}

/**
 * Matching runs (ADR 0002, "Matching runs"): one row per run, and its result in rows of its own partition, each part
 * (input, proposals, unmatched, people) split so that no row outgrows an entity.
 */
export interface MatchingRunStore {
  get(tenantId: string, runId: string): Promise<Versioned<MatchingRunRecord> | null>;
  /** Every run of the tenant: one partition. */
  list(tenantId: string): Promise<Versioned<MatchingRunRecord>[]>;
  /** Creates when `ifMatch` is null, replaces otherwise. */
  put(tenantId: string, run: MatchingRunRecord, ifMatch: IfMatch | null): Promise<Versioned<MatchingRunRecord>>;
  /** Writes one part of a run's result in rows (idempotent: the same rows again); answers how many. */
  putPart(tenantId: string, runId: string, part: string, items: unknown[]): Promise<number>;
  /** One part of a run's result, in order: one range query. */
  part(tenantId: string, runId: string, part: string): Promise<unknown[]>;
}

/** Long work for a worker (ADR 0010, "Jobs"): its kind, the tenant it is about, and the kind's own fields. */
export interface JobMessage {
  kind: string;
  tenantId: string;
  [field: string]: unknown;
}

/** Where jobs wait for a worker: an Azure Storage queue (Azurite's locally), read by a queue-triggered function. */
export interface JobQueue {
  enqueue(message: JobMessage): Promise<void>;
}

/** A mentor's places, guarded by their row's ETag. */
export interface PlacesStore {
  get(tenantId: string, mentorId: string): Promise<Versioned<MentorPlaces> | null>;
  /** Creates when `ifMatch` is null ("conflict" if it exists), replaces otherwise ("precondition_failed" if stale). */
  put(tenantId: string, places: MentorPlaces, ifMatch: IfMatch | null): Promise<Versioned<MentorPlaces>>;
}

/** A tandem's bookings in flight (core `SlotHolds`), guarded by their row's ETag. */
export interface SlotHoldStore {
  get(tenantId: string, tandemId: string): Promise<Versioned<SlotHolds> | null>;
  /** Creates when `ifMatch` is null ("conflict" if it exists), replaces otherwise ("precondition_failed" if stale). */
  put(tenantId: string, tandemId: string, holds: SlotHolds, ifMatch: IfMatch | null): Promise<Versioned<SlotHolds>>;
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
  surveys: SurveyRepository;
  bookings: BookingRepository;
  eventIndex: EventIndex;
  runs: MatchingRunStore;
  places: PlacesStore;
  slotHolds: SlotHoldStore;
}

export interface Clock {
  now(): string;
}

export interface IdSource {
  next(): string;
}

// ---------------------------------------------------------------------------------------------------------------
// The calendar (Microsoft Graph): the signed-in caller's own mailbox, in Tandem's terms. Instants are ISO strings
// with an offset; time zones are IANA names.
// ---------------------------------------------------------------------------------------------------------------

export type Availability = (typeof availabilities)[number];

export interface MeetingAttendee {
  address: string;
  name: string;
}

export interface MeetingTimesQuery {
  /** Everyone but the caller, who organizes. All are required and bound the times by their working hours. */
  attendees: MeetingAttendee[];
  durationMinutes: number;
  from: string;
  to: string;
  /** The zone of the answer's times. */
  timeZone: string;
  maxSlots: number;
}

export interface MeetingTimes {
  slots: {
    start: string;
    end: string;
    confidence: number;
    organizer: Availability;
    attendees: { address: string; availability: Availability }[];
  }[];
  /** Why there is none: only what the calendar itself can tell. */
  emptyReason: Exclude<EmptyReason, "no_common_working_hours"> | null;
}

export interface NewMeeting {
  subject: string;
  /** Already escaped. */
  html: string;
  start: string;
  end: string;
  timeZone: string;
  attendees: MeetingAttendee[];
  category: string;
  /** The same for every retry of one booking: the calendar creates the meeting once. */
  transactionId: string;
  /** Weekly, from the first start's weekday, `occurrences` times. */
  recurrence: Recurrence | null;
  /**
   * Tandem's mark, written on the organizer's item where people neither see nor change it (an extended property,
   * not the category they may add to any meeting): the tandem it was booked for. A marked meeting that no session
   * knows is an orphan the sweep cancels.
   */
  tandemId: string;
}

export interface CalendarEvent {
  /** The id in the caller's mailbox. */
  id: string;
  iCalUId: string;
  /** What every copy of the meeting shares in every calendar: its iCalUId, or for an occurrence, its series'. */
  matchKey: string;
  start: string;
  end: string;
  isCancelled: boolean;
  joinUrl: string | null;
  /** For an occurrence of a series: the master's id in the caller's mailbox, and its original start. */
  seriesMasterId: string | null;
  originalStart: string | null;
  /** The caller organizes it (only an organizer may cancel it). */
  isOrganizer: boolean;
  /** Tandem's mark on the organizer's item (`NewMeeting.tandemId`); null on attendees' copies and others' meetings. */
  tandemId: string | null;
  /** When it was created (the series master's, for an occurrence). */
  createdAt: string | null;
}

export interface EventChange {
  start?: string;
  end?: string;
  /** The zone the times and the series' dates are written in. */
  timeZone: string;
  /** A series master's new pattern: weekly on `firstDate`'s weekday, for a number of occurrences or up to a date. */
  recurrence?: { everyWeeks: number; firstDate: string; end: { occurrences: number } | { lastDate: string } };
}

/**
 * The signed-in caller's calendar, reached on their behalf. Every method is one round trip, retried on 429 and 503
 * as the server asks; failures are TandemErrors ("unavailable" when Graph does not answer).
 */
export interface Calendar {
  findMeetingTimes(q: MeetingTimesQuery): Promise<MeetingTimes>;
  /** The working hours of these people (mailbox settings), to tell why no time fits. */
  workingHours(addresses: string[], from: string, to: string): Promise<(WorkingHours | null)[]>;
  /** The caller's own time zone, as their mailbox states it. */
  mailboxTimeZone(): Promise<string>;
  /** Idempotent by `transactionId`: a retry returns the meeting the first try created. */
  createEvent(m: NewMeeting): Promise<CalendarEvent>;
  findByTransactionId(transactionId: string): Promise<CalendarEvent | null>;
  getEvent(id: string): Promise<CalendarEvent | null>;
  /** Several events in one round trip; null for those that are gone. */
  getEvents(ids: string[]): Promise<Map<string, CalendarEvent | null>>;
  /** Every item of the caller's calendar overlapping [from, to), series expanded. */
  eventsBetween(from: string, to: string): Promise<CalendarEvent[]>;
  /** The occurrences of a series overlapping [from, to). */
  listInstances(seriesMasterId: string, from: string, to: string): Promise<CalendarEvent[]>;
  updateEvent(id: string, change: EventChange): Promise<CalendarEvent>;
  /** Sends the cancellation to the attendees. A meeting already gone is not an error. */
  cancelEvent(id: string, comment?: string): Promise<void>;
  /** What an iCalUId tells without a call: the key shared by its series, and an occurrence's date (UTC). */
  parseICalUId(iCalUId: string): { matchKey: string; date: string | null };
}
