import { z } from "zod";
import { endpoint, type Endpoint } from "./endpoint";
import { routes, type RouteId } from "./routes";
import { Id, SkillId } from "../domain/common";
import { DirectoryPerson, Enrolment, Profile, ProfileInput, Role } from "../domain/people";
import { Skill, SkillInput } from "../domain/skills";
import { Cycle, CycleInput } from "../domain/cycles";
import { Tandem, TandemAction, TandemProposal, TransitionInput } from "../domain/tandems";
import { GoalInput, GoalPatch, LearningGoal } from "../domain/goals";
import { CheckIn, CheckInInput, Note, NoteInput, NotePatch, Session, SessionStatusInput } from "../domain/sessions";
import { ProgramReport, ReportCsvQuery, ReportQuery, ReportRebuild, TeamReport } from "../domain/reports/report";
import { DirectorySyncStatus } from "../domain/directory";
import { BookingInput, CancelInput, MeetingLookup, RescheduleInput, SuggestionRequest, Suggestions } from "../domain/booking";
import { TrainingModuleId } from "../domain/training";
import { JournalEntry, JournalEntryInput, JournalEntryPatch } from "../domain/journal";
import { ClosingSurvey, ClosingSurveyInput } from "../domain/survey";
import {
  DemandQuery,
  DemandReport,
  FitPartView,
  MatchingRunRequest,
  MatchingRunStarted,
  RunPageQuery,
  MatchingRunView,
  PublishedRun,
  WhyNotQuery,
  WhyNotView,
} from "../domain/matching/runs";

const Etag = { etag: z.string() };
const list = <T extends z.ZodType>(item: T) => z.strictObject({ items: z.array(item) });
const none = z.strictObject({});

export const SkillView = Skill.extend(Etag).meta({ id: "Skill" });
export type SkillView = z.infer<typeof SkillView>;
/** A profile as the api shows it; the cycles its owner enrolled in are in `Me.enrolments` (their own routes write them). */
export const ProfileView = Profile.omit({ enrolments: true }).extend(Etag).meta({ id: "Profile" });
export type ProfileView = z.infer<typeof ProfileView>;
export const CycleView = Cycle.extend(Etag).meta({ id: "Cycle" });
export type CycleView = z.infer<typeof CycleView>;
export const Member = z.strictObject({
  id: Id,
  displayName: z.string(),
  role: z.enum(["mentor", "mentee"]),
  timeZone: z.string().nullable(),
  /** To address a Teams chat deep link. */
  mail: z.string().nullable(),
});
export const TandemView = Tandem.extend({
  ...Etag,
  members: z.array(Member),
  /** What the caller may do next, for the buttons of the tab. */
  allowedActions: z.array(TandemAction),
  myRelation: z.enum(["mentor", "mentee", "coordinator"]),
  /**
   * Why a published matching run proposed it: each pair's score and its parts in words (a mentee sees their own
   * pair; the mentor and coordinators every pair). Absent for a hand-made proposal.
   */
  why: z.array(z.strictObject({ menteeId: Id, score: z.number(), breakdown: z.array(FitPartView) })).optional(),
}).meta({ id: "Tandem" });
export type TandemView = z.infer<typeof TandemView>;
export const GoalView = LearningGoal.extend(Etag).meta({ id: "LearningGoal" });
export type GoalView = z.infer<typeof GoalView>;
export const SessionView = Session.extend({
  ...Etag,
  /** Who booked it in Outlook: the one person Graph lets move or cancel it. Null when it has no Outlook meeting. */
  bookedBy: Id.nullable(),
}).meta({ id: "Session" });
export type SessionView = z.infer<typeof SessionView>;
export const CheckInView = CheckIn.extend(Etag).meta({ id: "CheckIn" });
export type CheckInView = z.infer<typeof CheckInView>;
export const NoteView = Note.extend(Etag).meta({ id: "Note" });
export type NoteView = z.infer<typeof NoteView>;
export const JournalEntryView = JournalEntry.extend(Etag).meta({ id: "JournalEntry" });
export type JournalEntryView = z.infer<typeof JournalEntryView>;

export const ClosingSurveyView = ClosingSurvey.meta({ id: "ClosingSurvey" });
export type ClosingSurveyView = z.infer<typeof ClosingSurveyView>;

export const Me = z
  .strictObject({
    id: Id,
    tenantId: Id,
    displayName: z.string(),
    roles: z.array(Role),
    profile: ProfileView.nullable(),
    /** The cycles I enrolled in, and as what (a cycle with its own enrolment matches only those who enrolled). */
    enrolments: z.array(Enrolment),
    directory: DirectoryPerson.nullable(),
  })
  .meta({ id: "Me" });
export type Me = z.infer<typeof Me>;

export const Health = z.strictObject({ status: z.literal("ok"), storage: z.literal("ok") });

export const Persona = z
  .strictObject({
    id: Id,
    displayName: z.string(),
    department: z.string(),
    jobTitle: z.string(),
    timeZone: z.string(),
    roles: z.array(Role),
    capacity: z.int().nullable(),
  })
  .meta({ id: "Persona" });
export type Persona = z.infer<typeof Persona>;

const TandemParams = z.strictObject({ id: Id });
const GoalParams = TandemParams.extend({ goalId: Id });
const SessionParams = TandemParams.extend({ sessionId: Id });
const NoteParams = SessionParams.extend({ noteId: Id });
const JournalParams = z.strictObject({ entryId: Id });
const RunParams = z.strictObject({ runId: Id });
const CycleParams = z.strictObject({ cycleId: Id });

export const api = {
  health: endpoint({
    ...routes.health,
    access: "anyone",
    summary: "Whether the api and its storage answer",
    tag: "platform",
    response: Health,
    status: 200,
  }),
  openapi: endpoint({
    ...routes.openapi,
    access: "anyone",
    summary: "This description, generated from the zod contracts",
    tag: "platform",
    response: z.record(z.string(), z.unknown()),
    status: 200,
  }),
  getMe: endpoint({
    ...routes.getMe,
    access: "self",
    summary: "Who I am in the program: roles, profile and directory entry",
    tag: "people",
    response: Me,
    status: 200,
  }),
  putMyProfile: endpoint({
    ...routes.putMyProfile,
    access: "self",
    summary: "Create or replace my profile: what I can teach, what I want to learn",
    tag: "people",
    body: ProfileInput,
    response: ProfileView,
    status: 200,
    etag: true,
    ifMatch: "optional",
  }),
  completeTrainingModule: endpoint({
    ...routes.completeTrainingModule,
    access: "self",
    summary: "Mark a mentor-training module as done (mentors; doing it twice changes nothing)",
    tag: "people",
    params: z.strictObject({ moduleId: TrainingModuleId }),
    response: ProfileView,
    status: 200,
    etag: true,
  }),
  listJournal: endpoint({
    ...routes.listJournal,
    access: "self",
    summary: "My private journal, newest first: nobody else can read it",
    tag: "journal",
    response: list(JournalEntryView),
    status: 200,
  }),
  createJournalEntry: endpoint({
    ...routes.createJournalEntry,
    access: "self",
    summary: "Take stock: answer a reflection prompt in my private journal",
    tag: "journal",
    body: JournalEntryInput,
    response: JournalEntryView,
    status: 201,
    etag: true,
    idempotencyKey: "optional",
  }),
  updateJournalEntry: endpoint({
    ...routes.updateJournalEntry,
    access: "self",
    summary: "Edit an entry of my journal",
    tag: "journal",
    params: JournalParams,
    body: JournalEntryPatch,
    response: JournalEntryView,
    status: 200,
    etag: true,
    ifMatch: "required",
  }),
  deleteJournalEntry: endpoint({
    ...routes.deleteJournalEntry,
    access: "self",
    summary: "Delete an entry of my journal",
    tag: "journal",
    params: JournalParams,
    response: none,
    status: 204,
    ifMatch: "optional",
  }),
  listSkills: endpoint({
    ...routes.listSkills,
    access: "signed-in",
    summary: "The skill catalogue",
    tag: "skills",
    response: list(SkillView),
    status: 200,
  }),
  createSkill: endpoint({
    ...routes.createSkill,
    access: "coordinator",
    summary: "Add a skill to the catalogue (coordinators)",
    tag: "skills",
    body: SkillInput.extend({ id: SkillId }),
    response: SkillView,
    status: 201,
    etag: true,
  }),
  replaceSkill: endpoint({
    ...routes.replaceSkill,
    access: "coordinator",
    summary: "Relabel, recategorise or retire a skill (coordinators)",
    tag: "skills",
    params: z.strictObject({ skillId: SkillId }),
    body: SkillInput,
    response: SkillView,
    status: 200,
    etag: true,
    ifMatch: "required",
  }),
  listCycles: endpoint({
    ...routes.listCycles,
    access: "signed-in",
    summary: "The program's cycles, with cadence and matching rules",
    tag: "cycles",
    response: list(CycleView),
    status: 200,
  }),
  createCycle: endpoint({
    ...routes.createCycle,
    access: "coordinator",
    summary: "Open a cycle (coordinators)",
    tag: "cycles",
    body: CycleInput,
    response: CycleView,
    status: 201,
    etag: true,
    idempotencyKey: "optional",
  }),
  replaceCycle: endpoint({
    ...routes.replaceCycle,
    access: "coordinator",
    summary: "Change a cycle (coordinators): its dates, cadence, who takes part, and its matching weights and rules, before a run (a run made before the change can no longer be published)",
    tag: "cycles",
    params: CycleParams,
    body: CycleInput,
    response: CycleView,
    status: 200,
    etag: true,
    errors: [404],
    ifMatch: "required",
  }),
  enrolInCycle: endpoint({
    ...routes.enrolInCycle,
    access: "self",
    summary: "Enrol in a cycle, as mentor, mentee or both (among the roles of my profile), or change the roles I enrolled as",
    tag: "people",
    params: CycleParams,
    body: Enrolment.pick({ roles: true }),
    response: Enrolment.meta({ id: "Enrolment" }),
    status: 200,
    errors: [404, 409],
  }),
  leaveCycle: endpoint({
    ...routes.leaveCycle,
    access: "self",
    summary: "Withdraw my enrolment in a cycle (doing it twice changes nothing)",
    tag: "people",
    params: CycleParams,
    response: none,
    status: 204,
    errors: [404],
  }),
  listTandems: endpoint({
    ...routes.listTandems,
    access: "self",
    accessWhen: { query: "scope", is: "all", access: "coordinator" },
    summary: "My tandems and circles; with scope=all, the whole program (coordinators)",
    tag: "tandems",
    query: z.strictObject({ scope: z.enum(["mine", "all"]).default("mine") }),
    response: list(TandemView),
    status: 200,
  }),
  proposeTandem: endpoint({
    ...routes.proposeTandem,
    access: "coordinator",
    summary: "Propose a tandem or a circle (coordinators): it keeps the matching's hard rules and the mentor's places (409 naming the rule)",
    tag: "tandems",
    body: TandemProposal,
    response: TandemView,
    status: 201,
    etag: true,
    errors: [409],
  }),
  getTandem: endpoint({
    ...routes.getTandem,
    access: "member-or-coordinator",
    summary: "One tandem or circle",
    tag: "tandems",
    params: TandemParams,
    response: TandemView,
    status: 200,
    etag: true,
  }),
  transitionTandem: endpoint({
    ...routes.transitionTandem,
    access: "member-or-coordinator",
    summary: "Accept, decline (with a reason), activate, pause, resume or complete (optionally cancelling the sessions to come the caller booked); reopen a completed tandem or withdraw a proposal (coordinators only: 403 for anyone else)",
    tag: "tandems",
    params: TandemParams,
    body: TransitionInput,
    response: TandemView,
    status: 200,
    etag: true,
    ifMatch: "optional",
  }),
  listGoals: endpoint({
    ...routes.listGoals,
    access: "member-or-coordinator",
    summary: "The learning goals of a tandem or circle",
    tag: "goals",
    params: TandemParams,
    response: list(GoalView),
    status: 200,
  }),
  createGoal: endpoint({
    ...routes.createGoal,
    access: "member",
    summary: "Set a learning goal for a mentee",
    tag: "goals",
    params: TandemParams,
    body: GoalInput,
    response: GoalView,
    status: 201,
    etag: true,
    idempotencyKey: "optional",
  }),
  updateGoal: endpoint({
    ...routes.updateGoal,
    access: "member",
    summary: "Change a goal: progress, status, text, target date, project link",
    tag: "goals",
    params: GoalParams,
    body: GoalPatch,
    response: GoalView,
    status: 200,
    etag: true,
    ifMatch: "required",
  }),
  deleteGoal: endpoint({
    ...routes.deleteGoal,
    access: "member",
    summary: "Remove a goal",
    tag: "goals",
    params: GoalParams,
    response: none,
    status: 204,
    ifMatch: "optional",
  }),
  listSessions: endpoint({
    ...routes.listSessions,
    access: "member-or-coordinator",
    summary: "Past and upcoming sessions",
    tag: "sessions",
    params: TandemParams,
    response: list(SessionView),
    status: 200,
  }),
  setSessionStatus: endpoint({
    ...routes.setSessionStatus,
    access: "member",
    summary: "Mark a session held, missed (it did not take place) or cancelled (its Outlook meeting too)",
    tag: "sessions",
    params: SessionParams,
    body: SessionStatusInput,
    response: SessionView,
    status: 200,
    etag: true,
    ifMatch: "optional",
  }),
  listCheckIns: endpoint({
    ...routes.listCheckIns,
    access: "member-or-coordinator",
    summary: "The check-ins of a session",
    tag: "sessions",
    params: SessionParams,
    response: list(CheckInView),
    status: 200,
  }),
  putMyCheckIn: endpoint({
    ...routes.putMyCheckIn,
    access: "member",
    summary: "Check in after a session: what I learned, what I will try, a rating",
    tag: "sessions",
    params: SessionParams,
    body: CheckInInput,
    response: CheckInView,
    status: 200,
    etag: true,
    ifMatch: "optional",
  }),
  listNotes: endpoint({
    ...routes.listNotes,
    access: "member",
    summary: "My private notes and the tandem's shared notes on a session",
    tag: "sessions",
    params: SessionParams,
    response: list(NoteView),
    status: 200,
  }),
  createNote: endpoint({
    ...routes.createNote,
    access: "member",
    summary: "Write a note, private or shared with the tandem",
    tag: "sessions",
    params: SessionParams,
    body: NoteInput,
    response: NoteView,
    status: 201,
    etag: true,
    idempotencyKey: "optional",
  }),
  updateNote: endpoint({
    ...routes.updateNote,
    access: "member",
    summary: "Edit my note or change who sees it",
    tag: "sessions",
    params: NoteParams,
    body: NotePatch,
    response: NoteView,
    status: 200,
    etag: true,
    ifMatch: "required",
  }),
  deleteNote: endpoint({
    ...routes.deleteNote,
    access: "member",
    summary: "Delete my note",
    tag: "sessions",
    params: NoteParams,
    response: none,
    status: 204,
    ifMatch: "optional",
  }),
  suggestSessions: endpoint({
    ...routes.suggestSessions,
    access: "member",
    summary: "Times when every member is free, inside everyone's working hours (Graph findMeetingTimes)",
    tag: "booking",
    params: TandemParams,
    body: SuggestionRequest,
    response: Suggestions.meta({ id: "Suggestions" }),
    status: 200,
    errors: [404, 409],
  }),
  bookSession: endpoint({
    ...routes.bookSession,
    access: "member",
    summary: "Book a session (or a series) in every member's calendar, with a Teams meeting",
    tag: "booking",
    params: TandemParams,
    body: BookingInput,
    response: list(SessionView),
    status: 201,
    errors: [404, 409],
    idempotencyKey: "required",
  }),
  rescheduleSession: endpoint({
    ...routes.rescheduleSession,
    access: "member",
    summary: "Move one session, or the whole series from it",
    tag: "booking",
    params: SessionParams,
    body: RescheduleInput,
    response: list(SessionView),
    status: 200,
    errors: [404, 409],
    ifMatch: "required",
  }),
  cancelSession: endpoint({
    ...routes.cancelSession,
    access: "member",
    summary: "Cancel one session, or the whole series from it, in every calendar",
    tag: "booking",
    params: SessionParams,
    body: CancelInput,
    response: list(SessionView),
    status: 200,
    errors: [404, 409],
  }),
  meetingContext: endpoint({
    ...routes.meetingContext,
    access: "member-or-coordinator",
    summary: "The tandem, goals and last check-ins behind an Outlook meeting (the add-in opened on it)",
    tag: "booking",
    query: MeetingLookup,
    response: z
      .strictObject({
        tandem: TandemView,
        session: SessionView,
        goals: z.array(GoalView),
        /** The check-ins of the previous held session, as the caller may see them. */
        lastCheckIns: z.array(CheckInView),
      })
      .meta({ id: "MeetingContext" }),
    status: 200,
    errors: [404],
  }),
  teamReport: endpoint({
    ...routes.teamReport,
    access: "manager",
    summary: "My team's participation (direct and indirect reports): per person only enrolled and as what; the rest as team figures, none about fewer than the minimum group size",
    tag: "reports",
    query: ReportQuery,
    response: TeamReport,
    status: 200,
  }),
  teamReportCsv: endpoint({
    ...routes.teamReportCsv,
    access: "manager",
    summary: "My team's report as CSV for Excel (UTF-8 with BOM; ; and decimal commas in French, , in English)",
    tag: "reports",
    query: ReportCsvQuery,
    response: z.string().meta({ id: "TeamReportCsv" }),
    produces: "text/csv",
    status: 200,
  }),
  programReport: endpoint({
    ...routes.programReport,
    access: "coordinator",
    summary: "The program's health (coordinators): figures by cut, matching, demand against supply, ratings, training, each tandem and those at risk",
    tag: "reports",
    query: ReportQuery,
    response: ProgramReport,
    status: 200,
  }),
  programReportCsv: endpoint({
    ...routes.programReportCsv,
    access: "coordinator",
    summary: "The program's report as CSV for Excel (coordinators)",
    tag: "reports",
    query: ReportCsvQuery,
    response: z.string().meta({ id: "ProgramReportCsv" }),
    produces: "text/csv",
    status: 200,
  }),
  rebuildReports: endpoint({
    ...routes.rebuildReports,
    access: "coordinator",
    summary: "Recompute the report aggregates from the raw data (coordinators), and answer every difference found",
    tag: "reports",
    response: ReportRebuild,
    status: 200,
  }),
  startDirectorySync: endpoint({
    ...routes.startDirectorySync,
    access: "coordinator",
    summary: "Sync the organisation from Microsoft Entra ID now (coordinators): accepted, its progress at GET /directory/sync",
    tag: "directory",
    response: DirectorySyncStatus,
    status: 202,
  }),
  getDirectorySync: endpoint({
    ...routes.getDirectorySync,
    access: "coordinator",
    summary: "The directory sync's progress and last result (coordinators)",
    tag: "directory",
    response: DirectorySyncStatus,
    status: 200,
  }),
  startMatchingRun: endpoint({
    ...routes.startMatchingRun,
    access: "coordinator",
    summary: "Match a cycle's whole cohort (coordinators): accepted, its progress and result at the Location",
    tag: "matching",
    body: MatchingRunRequest,
    response: MatchingRunStarted,
    status: 202,
    errors: [404],
  }),
  listMatchingRuns: endpoint({
    ...routes.listMatchingRuns,
    access: "coordinator",
    summary: "The matching runs of a cycle, newest first (coordinators)",
    tag: "matching",
    query: z.strictObject({ cycleId: Id }),
    response: list(MatchingRunStarted),
    status: 200,
  }),
  getMatchingRun: endpoint({
    ...routes.getMatchingRun,
    access: "coordinator",
    summary: "A matching run: its progress, then its proposals with scores and reasons, and the unmatched with theirs, a page at a time: `nextLink` reads the next page (coordinators)",
    tag: "matching",
    params: RunParams,
    query: RunPageQuery,
    response: MatchingRunView,
    status: 200,
    errors: [404],
  }),
  whyNotPair: endpoint({
    ...routes.whyNotPair,
    access: "coordinator",
    summary: "Why a run did not propose this pair: a hard rule, or how much higher its fit would need to be (coordinators)",
    tag: "matching",
    params: RunParams,
    query: WhyNotQuery,
    response: WhyNotView,
    status: 200,
    errors: [404, 409],
  }),
  publishMatchingRun: endpoint({
    ...routes.publishMatchingRun,
    access: "coordinator",
    summary: "Publish a run: its proposals become tandems and circles, proposed to their members, written by a job (accepted, its progress at the Location); once per run whatever the retries; refused (409) if its inputs changed since it ran",
    tag: "matching",
    params: RunParams,
    response: PublishedRun,
    status: 202,
    errors: [404, 409],
    idempotencyKey: "required",
  }),
  getMyClosingSurvey: endpoint({
    ...routes.getMyClosingSurvey,
    access: "member",
    summary: "My answer to the closing survey of a completed tandem, or null while I have not answered",
    tag: "tandems",
    params: TandemParams,
    response: z.strictObject({ answer: ClosingSurveyView.nullable() }),
    status: 200,
  }),
  answerClosingSurvey: endpoint({
    ...routes.answerClosingSurvey,
    access: "member",
    summary: "Answer the closing survey of a completed tandem, once: did it help, would I do it again, what I learned (mine alone)",
    tag: "tandems",
    params: TandemParams,
    body: ClosingSurveyInput,
    response: ClosingSurveyView,
    status: 201,
    errors: [409],
  }),
  programDemand: endpoint({
    ...routes.programDemand,
    access: "coordinator",
    summary: "Demand and supply of a cycle by skill: open requests and their urgency, mentors offering it, their free places, the gap (coordinators)",
    tag: "matching",
    query: DemandQuery,
    response: DemandReport,
    status: 200,
    errors: [404],
  }),
} as const satisfies Record<RouteId, Endpoint>;

export type Api = typeof api;
