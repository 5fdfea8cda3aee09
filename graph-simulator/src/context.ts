import type { DemoPerson } from "@tandem/core";
import type { CalendarStore } from "./state";
import type { Directory } from "./features/users";

/** What every feature works with. */
export interface Simulator {
  dir: Directory;
  store: CalendarStore;
  /** The simulated "now", in milliseconds (a fixed clock in tests). */
  now(): number;
  /** `http://localhost:7072/v1.0`: used for @odata.context and @odata.nextLink. */
  baseUrl(): string;
}

/** A request once the user segment (`/me` or `/users/{id}`) is resolved. */
export interface UserRequest {
  method: string;
  /** The path after the user segment, split (`["calendar", "getSchedule"]`). */
  rest: string[];
  query: URLSearchParams;
  body: unknown;
  /** The signed-in user (the token's oid). */
  caller: DemoPerson;
  /** The user the path names: the caller for /me. */
  user: DemoPerson;
  /** The time zone for times in the response (`Prefer: outlook.timezone`), UTC by default. */
  zone: string;
}

export interface GraphResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export const ok = (body: unknown, status = 200): GraphResponse => ({ status, body });
