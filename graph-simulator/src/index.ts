import type { JWK } from "jose";
import type { Clock, DemoOrganisation } from "@tandem/core";
import { tokenVerifier } from "./auth";
import type { Simulator } from "./context";
import { Faults, RequestLog } from "./features/faults";
import { Directory, type TimeZoneNames } from "./features/users";
import { seedCalendars } from "./seed";
import { startServer } from "./server";
import { CalendarStore, persist } from "./state";

export { DEV_AUDIENCES, DEV_ISSUER } from "./auth";
export type { Fault, FaultSpec } from "./features/faults";
export { Faults, RequestLog } from "./features/faults";
export { CalendarStore, type StoredEvent } from "./state";
export { ianaZone, windowsZone } from "./time";

export interface GraphSimulatorOptions {
  /** 0 picks a free port. */
  port: number;
  /** 127.0.0.1 by default. */
  host?: string;
  organisation: DemoOrganisation;
  /** The development issuer's public keys… */
  jwks?: { keys: JWK[] };
  /** …or where to fetch them (the api's `/api/dev/jwks`). */
  jwksUrl?: string;
  /** The simulated "now": seeds calendars around it and keeps suggestions out of the past. */
  clock?: Clock;
  /** Keeps what callers book across restarts (saved every two seconds while it changes, and on stop). */
  stateFile?: string;
  /**
   * How mailbox settings name time zones. Outlook's default is Windows names ("Romance Standard Time"), which
   * is what the simulator answers unless told "iana".
   */
  timeZoneNames?: TimeZoneNames;
}

export interface GraphSimulator {
  /** `http://localhost:{port}/v1.0` */
  url: string;
  port: number;
  stop(): Promise<void>;
  faults: Faults;
  /** Requests per "METHOD /path" since the last reset. */
  requests: RequestLog;
  state: CalendarStore;
}

const systemClock: Clock = { now: () => new Date().toISOString() };

/**
 * A Microsoft Graph v1.0 compatible simulator: the demo organisation's directory, mailboxes and calendars over
 * HTTP, for local runs and tests.
 */
export async function startGraphSimulator(options: GraphSimulatorOptions): Promise<GraphSimulator> {
  const clock = options.clock ?? systemClock;
  const now = () => Date.parse(clock.now());
  const dir = new Directory(options.organisation, options.timeZoneNames ?? "windows");
  const store = new CalendarStore(seedCalendars(dir, now()));
  const persistence = options.stateFile ? await persist(store, options.stateFile, (id) => !!dir.find(id)) : undefined;

  let baseUrl = "";
  const sim: Simulator = { dir, store, now, baseUrl: () => baseUrl };
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
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await persistence?.stop();
    },
  };
}
