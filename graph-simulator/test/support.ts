import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { DemoOrganisation, type DemoPerson } from "@tandem/core";
import { createDevIssuer, type DevIssuer } from "../../api/src/platform/dev-issuer";
import { startGraphSimulator, type GraphSimulator, type GraphSimulatorOptions } from "../src/index";

export const org = DemoOrganisation.parse(
  JSON.parse(readFileSync(resolve(import.meta.dirname, "../../demo/organisation.json"), "utf8")),
);

/** Tuesday 1 December 2026, 09:00 in Paris: every test reads calendars seeded around this instant. */
export const NOW = "2026-12-01T08:00:00.000Z";

export const person = (predicate: (p: DemoPerson) => boolean, what: string): DemoPerson => {
  const p = org.people.find(predicate);
  if (!p) throw new Error(`the demo organisation has no ${what}`);
  return p;
};

/** Paris, Monday to Friday 09:00 to 17:30. */
export const parisian = person(
  (p) => p.timeZone === "Europe/Paris" && p.workingHours.startTime === "09:00" && p.workingHours.daysOfWeek.length === 5 && p.managerId !== null,
  "Parisian on a full week",
);
/** Montréal (America/Toronto), 08:30 to 16:30. */
export const montrealer = person((p) => p.timeZone === "America/Toronto", "Montrealer");
export const londoner = person((p) => p.timeZone === "Europe/London", "Londoner");

export interface Reply {
  status: number;
  headers: Headers;
  json: any;
}

export interface TestSimulator {
  sim: GraphSimulator;
  issuer: DevIssuer;
  token(who: DemoPerson, options?: { tenantId?: string; lifetimeSeconds?: number }): Promise<string>;
  /** An app-only token (client credentials) with these application permissions. */
  appToken(roles: string[]): Promise<string>;
  /** A call to the simulator's controls (`/_simulator/...`). */
  control(method: string, path: string, body?: unknown): Promise<Reply>;
  /** A Graph call as `who` (a persona, a raw token, or nobody). Paths are relative to /v1.0. */
  call(who: DemoPerson | string | null, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  stop(): Promise<void>;
}

export async function startTestSimulator(options: Partial<GraphSimulatorOptions> = {}, issuer?: DevIssuer): Promise<TestSimulator> {
  const devIssuer = issuer ?? (await createDevIssuer());
  const sim = await startGraphSimulator({
    port: 0,
    organisation: org,
    jwks: devIssuer.jwks(),
    clock: { now: () => NOW },
    ...options,
  });
  const organisation = options.organisation ?? org;
  const tokens = new Map<string, string>();
  const token: TestSimulator["token"] = async (who, o = {}) => {
    const key = `${who.id}|${o.tenantId ?? ""}|${o.lifetimeSeconds ?? ""}`;
    let t = tokens.get(key);
    if (!t) {
      ({ token: t } = await devIssuer.sign(
        { tenantId: o.tenantId ?? organisation.tenantId, userId: who.id, displayName: who.displayName, username: who.mail, coordinator: false },
        o.lifetimeSeconds,
      ));
      tokens.set(key, t);
    }
    return t;
  };
  const appTokens = new Map<string, string>();
  const reply = async (res: Response): Promise<Reply> => {
    const text = await res.text();
    return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
  };
  return {
    sim,
    issuer: devIssuer,
    token,
    async appToken(roles) {
      const key = roles.join(",");
      let t = appTokens.get(key);
      if (!t) appTokens.set(key, (t = (await devIssuer.signApp({ tenantId: organisation.tenantId, roles })).token));
      return t;
    },
    async control(method, path, body) {
      const res = await fetch(`${sim.url.replace(/\/v1\.0$/, "")}/_simulator/${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return reply(res);
    },
    async call(who, method, path, body, headers = {}) {
      const h: Record<string, string> = { ...headers };
      if (who !== null) h.authorization = `Bearer ${typeof who === "string" ? who : await token(who)}`;
      if (body !== undefined) h["content-type"] ??= "application/json";
      const res = await fetch(`${sim.url}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) });
      return reply(res);
    },
    stop: () => sim.stop(),
  };
}

/** Graph's dateTime form: seven fractional digits, no offset. */
export const GRAPH_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7}$/;

/** An instant from Graph's dateTimeTimeZone, for zones the tests use. */
export function instant(v: { dateTime: string; timeZone: string }): number {
  const zones: Record<string, string> = {
    UTC: "UTC",
    "Pacific Standard Time": "America/Los_Angeles",
    "Romance Standard Time": "Europe/Paris",
    "Eastern Standard Time": "America/New_York",
  };
  const zone = zones[v.timeZone] ?? v.timeZone;
  const wall = Date.parse(`${v.dateTime.slice(0, 19)}Z`);
  // Two passes, as core's zonedTimeToUtc does, but to the second.
  const offset = (t: number) => {
    const parts = new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    }).formatToParts(new Date(t));
    const get = (k: string) => Number(parts.find((p) => p.type === k)!.value);
    return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - t;
  };
  let guess = wall - offset(wall);
  guess = wall - offset(guess);
  return guess;
}

export const attendee = (p: DemoPerson, type = "required") => ({ type, emailAddress: { address: p.mail, name: p.displayName } });
