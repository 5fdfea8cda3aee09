import type { CalendarStore } from "./state";
import type { Directory, Mailbox } from "./features/directory";

/** How strict the simulator is where Graph limits callers; tests may loosen or tighten it. */
export interface Limits {
  /**
   * Requests of one `$batch` that Outlook runs at once against one mailbox (4, as Exchange's MailboxConcurrency
   * limit); the others answer 429 inside the batch. 0: no limit.
   */
  mailboxConcurrency: number;
  /** The Retry-After of those 429s, in seconds. */
  mailboxConcurrencyRetryAfterSeconds: number;
}

/** Each mailbox's calendar settings that differ from the default (Teams meetings allowed). */
export interface CalendarSettings {
  allowedOnlineMeetingProviders: string[];
}

/** What every feature works with. */
export interface Simulator {
  limits: Limits;
  /** By user id (lower case); absent: `teamsForBusiness` only, as in a tenant with Teams. */
  calendarSettings: Map<string, CalendarSettings>;
  dir: Directory;
  store: CalendarStore;
  /** The simulated "now", in milliseconds (a fixed clock in tests). */
  now(): number;
  /** `http://localhost:7072/v1.0`: used for @odata.context and @odata.nextLink. */
  baseUrl(): string;
  /** Users per page of /users/delta. */
  deltaPageSize: number;
}

/** A mailbox request once the user segment (`/me` or `/users/{id}`) is resolved and access checked. */
export interface UserRequest {
  method: string;
  /** The path after the user segment, split (`["calendar", "getSchedule"]`). */
  rest: string[];
  query: URLSearchParams;
  body: unknown;
  /** The mailbox the path names: the signed-in user's own (delegated access reaches no other). */
  user: Mailbox;
  /** The time zone for times in the response (`Prefer: outlook.timezone`), UTC by default. */
  zone: string;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export const ok = (body: unknown, status = 200): GraphResponse => ({ status, body });
