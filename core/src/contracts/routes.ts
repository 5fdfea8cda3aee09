import type { HttpMethod } from "./endpoint";

/**
 * Where each endpoint of the api lives, and whether it needs a signed-in caller: plain data, no zod.
 * The browser apps call the api through this table, so their first screen does not wait for the zod
 * contracts to load and build; `api.ts` spreads each entry into its full contract, so the two cannot differ.
 */
export interface Route {
  id: string;
  method: HttpMethod;
  /** Below `/api`, with `{name}` parameters as Azure Functions routes write them. */
  path: string;
  /** "user": a validated bearer token is required. */
  auth: "user" | "none";
}

export const routes = {
  health: { id: "health", method: "GET", path: "/health", auth: "none" },
  openapi: { id: "openapi", method: "GET", path: "/openapi.json", auth: "none" },
  getMe: { id: "getMe", method: "GET", path: "/me", auth: "user" },
  putMyProfile: { id: "putMyProfile", method: "PUT", path: "/me/profile", auth: "user" },
  completeTrainingModule: { id: "completeTrainingModule", method: "PUT", path: "/me/training/{moduleId}", auth: "user" },
  listJournal: { id: "listJournal", method: "GET", path: "/me/journal", auth: "user" },
  createJournalEntry: { id: "createJournalEntry", method: "POST", path: "/me/journal", auth: "user" },
  updateJournalEntry: { id: "updateJournalEntry", method: "PATCH", path: "/me/journal/{entryId}", auth: "user" },
  deleteJournalEntry: { id: "deleteJournalEntry", method: "DELETE", path: "/me/journal/{entryId}", auth: "user" },
  listSkills: { id: "listSkills", method: "GET", path: "/skills", auth: "user" },
  createSkill: { id: "createSkill", method: "POST", path: "/skills", auth: "user" },
  replaceSkill: { id: "replaceSkill", method: "PUT", path: "/skills/{skillId}", auth: "user" },
  listCycles: { id: "listCycles", method: "GET", path: "/cycles", auth: "user" },
  createCycle: { id: "createCycle", method: "POST", path: "/cycles", auth: "user" },
  replaceCycle: { id: "replaceCycle", method: "PUT", path: "/cycles/{cycleId}", auth: "user" },
  enrolInCycle: { id: "enrolInCycle", method: "PUT", path: "/me/enrolments/{cycleId}", auth: "user" },
  leaveCycle: { id: "leaveCycle", method: "DELETE", path: "/me/enrolments/{cycleId}", auth: "user" },
  listTandems: { id: "listTandems", method: "GET", path: "/tandems", auth: "user" },
  proposeTandem: { id: "proposeTandem", method: "POST", path: "/tandems", auth: "user" },
  getTandem: { id: "getTandem", method: "GET", path: "/tandems/{id}", auth: "user" },
  transitionTandem: { id: "transitionTandem", method: "POST", path: "/tandems/{id}/transitions", auth: "user" },
  listGoals: { id: "listGoals", method: "GET", path: "/tandems/{id}/goals", auth: "user" },
  createGoal: { id: "createGoal", method: "POST", path: "/tandems/{id}/goals", auth: "user" },
  updateGoal: { id: "updateGoal", method: "PATCH", path: "/tandems/{id}/goals/{goalId}", auth: "user" },
  deleteGoal: { id: "deleteGoal", method: "DELETE", path: "/tandems/{id}/goals/{goalId}", auth: "user" },
  listSessions: { id: "listSessions", method: "GET", path: "/tandems/{id}/sessions", auth: "user" },
  setSessionStatus: { id: "setSessionStatus", method: "POST", path: "/tandems/{id}/sessions/{sessionId}/status", auth: "user" },
  listCheckIns: { id: "listCheckIns", method: "GET", path: "/tandems/{id}/sessions/{sessionId}/checkins", auth: "user" },
  putMyCheckIn: { id: "putMyCheckIn", method: "PUT", path: "/tandems/{id}/sessions/{sessionId}/checkins/me", auth: "user" },
  listNotes: { id: "listNotes", method: "GET", path: "/tandems/{id}/sessions/{sessionId}/notes", auth: "user" },
  createNote: { id: "createNote", method: "POST", path: "/tandems/{id}/sessions/{sessionId}/notes", auth: "user" },
  updateNote: { id: "updateNote", method: "PATCH", path: "/tandems/{id}/sessions/{sessionId}/notes/{noteId}", auth: "user" },
  deleteNote: { id: "deleteNote", method: "DELETE", path: "/tandems/{id}/sessions/{sessionId}/notes/{noteId}", auth: "user" },
  suggestSessions: { id: "suggestSessions", method: "POST", path: "/tandems/{id}/suggestions", auth: "user" },
  bookSession: { id: "bookSession", method: "POST", path: "/tandems/{id}/sessions", auth: "user" },
  rescheduleSession: { id: "rescheduleSession", method: "PATCH", path: "/tandems/{id}/sessions/{sessionId}", auth: "user" },
  cancelSession: { id: "cancelSession", method: "POST", path: "/tandems/{id}/sessions/{sessionId}/cancel", auth: "user" },
  meetingContext: { id: "meetingContext", method: "GET", path: "/meetings/context", auth: "user" },
  teamReport: { id: "teamReport", method: "GET", path: "/reports/team", auth: "user" },
  teamReportCsv: { id: "teamReportCsv", method: "GET", path: "/reports/team.csv", auth: "user" },
  programReport: { id: "programReport", method: "GET", path: "/reports/program", auth: "user" },
  programReportCsv: { id: "programReportCsv", method: "GET", path: "/reports/program.csv", auth: "user" },
  rebuildReports: { id: "rebuildReports", method: "POST", path: "/reports/rebuild", auth: "user" },
  startDirectorySync: { id: "startDirectorySync", method: "POST", path: "/directory/sync", auth: "user" },
  getDirectorySync: { id: "getDirectorySync", method: "GET", path: "/directory/sync", auth: "user" },
  startMatchingRun: { id: "startMatchingRun", method: "POST", path: "/matching/runs", auth: "user" },
  listMatchingRuns: { id: "listMatchingRuns", method: "GET", path: "/matching/runs", auth: "user" },
  getMatchingRun: { id: "getMatchingRun", method: "GET", path: "/matching/runs/{runId}", auth: "user" },
  whyNotPair: { id: "whyNotPair", method: "GET", path: "/matching/runs/{runId}/why-not", auth: "user" },
  publishMatchingRun: { id: "publishMatchingRun", method: "POST", path: "/matching/runs/{runId}/publish", auth: "user" },
  getMyClosingSurvey: { id: "getMyClosingSurvey", method: "GET", path: "/tandems/{id}/survey/me", auth: "user" },
  answerClosingSurvey: { id: "answerClosingSurvey", method: "POST", path: "/tandems/{id}/survey", auth: "user" },
  programDemand: { id: "programDemand", method: "GET", path: "/program/demand", auth: "user" },
} as const satisfies Record<string, Route>;

export type RouteId = keyof typeof routes;
