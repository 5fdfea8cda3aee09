import type { JWK } from "jose";
import type { Clock } from "@tandem/core";
import { tokenVerifier } from "./auth";
import type { CalendarSettings, Limits, Simulator } from "./context";
import { DELTA_PAGE_SIZE } from "./features/delta";
import { Directory, type DirectoryUser, type NewUser, type SimulatedOrganisation, type UserPatch } from "./features/directory";
import { Faults, RequestLog } from "./features/faults";
import { seedCalendars } from "./seed";
import { setCalendar, startServer } from "./server";
import { CalendarStore, loadState, persist } from "./state";

export { DEV_AUDIENCES, DEV_ISSUER } from "./auth";
export { DELTA_PAGE_SIZE } from "./features/delta";
export type { DirectoryUser, NewUser, SimulatedOrganisation, SimulatedPerson, UserPatch } from "./features/directory";
export { generateOrganisation, type BadData, type GenerateOptions } from "./generate";
export type { Fault, FaultSpec } from "./features/faults";
export type { CalendarSettings, Limits } from "./context";
export { Faults, RequestLog } from "./features/faults";
export { CalendarStore, type StoredEvent } from "./state";
export { ianaZone, windowsZone } from "./time";

export interface GraphSimulatorOptions {
  /** 0 picks a free port. */
  port: number;
  /** 127.0.0.1 by default. */
  host?: string;
  /** The demo organisation, a generated one (`generateOrganisation`), or one with bad data. */
  organisation: SimulatedOrganisation;
  /** The development issuer's public keys… */
  jwks?: { keys: JWK[] };
  /** …or where to fetch them (the api's `/api/dev/jwks`). */
  jwksUrl?: string;
  /** The simulated "now": seeds calendars around it and keeps suggestions out of the past. */
  clock?: Clock;
  /** Keeps what callers book across restarts (saved every two seconds while it changes, and on stop). */
  stateFile?: string;
  /** Users per page of `/users/delta`: 200 by default, what Entra ID answers. */
  deltaPageSize?: number;
  /**
   * Seed everyone's calendar (team meetings, one-to-ones, lunches…) at start. By default only for organisations
   * of at most SEEDED_CALENDARS_UP_TO people: seeding grows with people and meetings (about 7 s and 1 GB for
   * 50,000); without it, calendars start empty and fill with what callers book.
   */
  seedCalendars?: boolean;
  /** Requests of one `$batch` run at once per mailbox, the others answering 429 (MAILBOX_CONCURRENCY by default; 0: none). */
  mailboxConcurrency?: number;
}

/** Outlook runs at most this many requests of one `$batch` against one mailbox at once. */
export const MAILBOX_CONCURRENCY = 4;

/** Beyond this many people calendars start empty unless `seedCalendars` says otherwise. */
export const SEEDED_CALENDARS_UP_TO = 2000;

export interface GraphSimulator {
  /** `http://localhost:{port}/v1.0` */
  url: string;
  port: number;
  stop(): Promise<void>;
  faults: Faults;
  /** Requests per "METHOD /path" since the last reset. */
  requests: RequestLog;
  state: CalendarStore;
  /** The simulated directory: hires, leavers and moves for tests and demos (also over /_simulator/directory). */
  directory: SimulatedDirectory;
  /** Graph's limits as the simulator applies them, changeable while it runs (a test switches one off or on). */
  limits: Limits;
  /**
   * A mailbox's calendar settings: `allowedOnlineMeetingProviders` without `teamsForBusiness` (a tenant or a
   * mailbox without Teams) gives online meetings no Teams link. Also `PUT /_simulator/calendars/{userId}`.
   */
  setCalendar(userId: string, settings: CalendarSettings | null): void;
}

export interface SimulatedDirectory {
  /** A hire: `displayName` at least; the id is drawn when absent. Throws on a taken id, mail or UPN. */
  add(user: NewUser): DirectoryUser;
  /** Changes properties; `managerId` moves the user (null: no manager), `accountEnabled: false` disables. */
  update(id: string, patch: UserPatch): DirectoryUser;
  /** A leaver: soft-deleted (delta says "changed"), or `permanent` (delta says "deleted"). Their reports lose their manager. */
  remove(id: string, options?: { permanent?: boolean }): { id: string; reason: "changed" | "deleted" };
  /** Brings back a soft-deleted user. */
  restore(id: string): DirectoryUser;
  /** Every delta token issued so far is refused: 400 syncStateNotFound, or with `reset` 410 Gone and a Location. */
  expireDeltaTokens(options?: { reset?: boolean }): void;
  /** An active user, by id or userPrincipalName. */
  find(idOrUpn: string): DirectoryUser | undefined;
  /** Bumped by every change. */
  readonly version: number;
}

const systemClock: Clock = { now: () => new Date().toISOString() };

/**
 * A Microsoft Graph v1.0 compatible simulator: the demo organisation's directory, mailboxes and calendars over
 * HTTP, for local runs and tests.
 */
export async function startGraphSimulator(options: GraphSimulatorOptions): Promise<GraphSimulator> {
  const clock = options.clock ?? systemClock;
  const now = () => Date.parse(clock.now());
  const dir = new Directory(options.organisation);
  const saved = options.stateFile ? await loadState(options.stateFile) : undefined;
  if (saved?.directory) {
    const { skipped } = dir.restoreFrom(saved.directory);
    if (skipped) console.warn(`Graph simulator: ${skipped} saved directory change(s) no longer apply to the organisation; skipped.`);
  }
  const seed = options.seedCalendars ?? options.organisation.people.length <= SEEDED_CALENDARS_UP_TO;
  const store = new CalendarStore(seed ? seedCalendars(dir, now()) : []);
  if (saved) store.restore(saved, (id) => !!dir.find(id));
  const persistence = options.stateFile ? persist(store, dir, options.stateFile, !saved?.directory) : undefined;

  const pageSize = options.deltaPageSize ?? DELTA_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error("deltaPageSize is a whole number of users, at least 1.");
  let baseUrl = "";
  const limits: Limits = {
    mailboxConcurrency: options.mailboxConcurrency ?? MAILBOX_CONCURRENCY,
    mailboxConcurrencyRetryAfterSeconds: 1,
  };
  const calendarSettings = new Map<string, CalendarSettings>();
  const sim: Simulator = { dir, store, now, baseUrl: () => baseUrl, deltaPageSize: pageSize, limits, calendarSettings };
  const faults = new Faults();
  const requests = new RequestLog();
  const verify = tokenVerifier({
    ...(options.jwks ? { jwks: options.jwks } : {}),
    ...(options.jwksUrl ? { jwksUrl: options.jwksUrl } : {}),
    tenantId: options.organisation.tenantId,
  });
  const server = await startServer({ sim, verify, faults, requests }, options.port, options.host ?? "127.0.0.1");
  const port = (server.address() as { port: number }).port;
  baseUrl = `http://localhost:${port}/v1.0`;

  return {
    url: baseUrl,
    port,
    faults,
    requests,
    state: store,
    limits,
    setCalendar: (userId, settings) => setCalendar(sim, userId, settings),
    directory: {
      add: (user) => dir.add(user),
      update: (id, patch) => dir.update(id, patch),
      remove: (id, o) => dir.remove(id, o),
      restore: (id) => dir.restore(id),
      expireDeltaTokens: (o) => dir.expireDeltaTokens(o),
      find: (id) => dir.find(id),
      get version() {
        return dir.version;
      },
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await persistence?.stop();
    },
  };
}
