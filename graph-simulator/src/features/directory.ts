import { createHash, randomUUID } from "node:crypto";
import type { DemoOrganisation, DemoPerson } from "@tandem/core";
import { GraphError } from "../errors";
import { hasWindowsZone, windowsZone } from "../time";

/**
 * A person as the simulator takes them: a `DemoPerson`, or one with the gaps a real tenant has (no mail, no job
 * title, no department, no office), an explicit userPrincipalName, or a disabled account.
 */
export interface SimulatedPerson
  extends Omit<DemoPerson, "mail" | "givenName" | "surname" | "jobTitle" | "department" | "officeLocation" | "coordinator" | "profile"> {
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  jobTitle: string | null;
  department: string | null;
  officeLocation: string | null;
  /** The mail address when absent; `{alias}@{domain}` for people without mail. */
  userPrincipalName?: string;
  /** true when absent. */
  accountEnabled?: boolean;
  coordinator?: boolean;
  profile?: DemoPerson["profile"];
}

/** A `DemoOrganisation`, or one whose people have bad data (see `generateOrganisation`'s `badData`). */
export type SimulatedOrganisation = Omit<DemoOrganisation, "people"> & { people: SimulatedPerson[] };

/** A user of the simulated directory. Records are never changed in place: a change replaces the record. */
export interface DirectoryUser {
  readonly id: string;
  readonly displayName: string;
  readonly givenName: string | null;
  readonly surname: string | null;
  readonly mail: string | null;
  readonly userPrincipalName: string;
  readonly jobTitle: string | null;
  readonly department: string | null;
  readonly officeLocation: string | null;
  /** Whoever the directory names, in the tenant or not (bad data is served as it is). */
  readonly managerId: string | null;
  readonly timeZone: string;
  readonly preferredLanguage: DemoPerson["preferredLanguage"];
  readonly workingHours: DemoPerson["workingHours"];
  readonly accountEnabled: boolean;
}

/** A user with a mailbox: the only ones with calendars and mailbox settings. */
export type Mailbox = DirectoryUser & { readonly mail: string };
export const hasMailbox = (u: DirectoryUser): u is Mailbox => u.mail !== null;

/** What a test gives to hire someone: `displayName` at least; the rest has defaults (see `normalise`). */
export type NewUser = Partial<Omit<DirectoryUser, "displayName">> & { displayName: string };
/** Any property but the id; `managerId: null` clears the manager. */
export type UserPatch = Partial<Omit<DirectoryUser, "id">>;

/** The Graph properties of a user that a change of a field touches (what delta's `$select` tracks). */
const TOUCHES: Record<Exclude<keyof DirectoryUser, "id">, readonly string[]> = {
  displayName: ["displayName"],
  givenName: ["givenName"],
  surname: ["surname"],
  mail: ["mail"],
  userPrincipalName: ["userPrincipalName"],
  jobTitle: ["jobTitle"],
  department: ["department"],
  officeLocation: ["officeLocation"],
  managerId: ["manager"],
  timeZone: ["preferredLanguage", "usageLocation", "mailboxSettings"],
  preferredLanguage: ["preferredLanguage"],
  workingHours: ["mailboxSettings"],
  accountEnabled: ["accountEnabled"],
};
const FIELDS = Object.keys(TOUCHES) as (keyof typeof TOUCHES)[];

/** One entry of the change log: what happened to one user at one version. */
export interface Change {
  version: number;
  id: string;
  kind: "added" | "updated" | "removed";
  /** updated: the Graph properties that changed ("manager" for the manager link). */
  properties: readonly string[];
  /** updated with "manager": the manager before the change. */
  managerBefore?: string | null;
  /** removed: "changed" (soft deleted, restorable) or "deleted" (gone for good), as delta's `@removed` says. */
  reason?: "changed" | "deleted";
}

/** What the state file keeps: the operations since the organisation, replayed at start. */
export type DirectoryOperation =
  | { op: "add"; user: DirectoryUser }
  | { op: "update"; id: string; patch: UserPatch }
  | { op: "remove"; id: string; permanent: boolean }
  | { op: "restore"; id: string }
  | { op: "expire"; reset: boolean };

export interface PersistedDirectory {
  /** A hash of the organisation the operations apply to. */
  base: string;
  /** Delta tokens name it: tokens of another history cannot be honoured. */
  epoch: string;
  operations: DirectoryOperation[];
}

const lower = (s: string) => s.toLowerCase();

const zones = new Map<string, boolean>();
function isZone(zone: unknown): zone is string {
  if (typeof zone !== "string") return false;
  let ok = zones.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: zone });
      ok = true;
    } catch {
      ok = false;
    }
    zones.set(zone, ok);
  }
  return ok;
}

const invalid = (message: string) => new GraphError(400, "BadRequest", message);
const missing = (id: string) => new GraphError(404, "NotFound", `No user '${id}' in the simulated directory.`);
const conflict = (message: string) => new GraphError(409, "Conflict", message);

/**
 * The tenant's users, as Microsoft Entra ID holds them: built from the demo (or a generated) organisation, then
 * changed by tests and demos (hires, leavers, moves, renames, disabled accounts). Every change bumps a version and
 * is written to a change log, which `/users/delta` reads. Lookups (by id, UPN, mail; manager, reports) stay right
 * after each change and cost no scan.
 */
export class Directory {
  readonly tenantId: string;
  private readonly domain: string;
  private readonly org: SimulatedOrganisation;
  private readonly byId = new Map<string, DirectoryUser>();
  private readonly byUpn = new Map<string, DirectoryUser>();
  private readonly byMail = new Map<string, DirectoryUser>();
  /** Active direct reports per manager id (lower case), in the order they joined. */
  private readonly reports = new Map<string, DirectoryUser[]>();
  /** Soft-deleted users, restorable (Entra's deleted items). */
  private readonly deleted = new Map<string, DirectoryUser>();
  /** Users in the order they joined the directory; `seqs[i]` is `ordered[i]`'s join number (ascending). */
  private readonly ordered: DirectoryUser[] = [];
  private readonly seqs: number[] = [];
  private readonly seqById = new Map<string, number>();
  private nextSeq = 0;
  private readonly changeLog: Change[] = [];
  private readonly histories = new Map<string, Change[]>();
  private readonly operations: DirectoryOperation[] = [];
  private current = 0;
  private readonly expiries: { generation: number; reset: boolean }[] = [];
  epoch: string = randomUUID();

  constructor(org: SimulatedOrganisation) {
    this.org = org;
    this.tenantId = org.tenantId;
    this.domain = org.domain;
    for (const p of org.people) {
      const u = this.normalise({ ...p, accountEnabled: p.accountEnabled ?? true });
      if (this.byId.has(lower(u.id))) throw new Error(`The organisation lists ${u.id} twice.`);
      this.index(u);
    }
  }

  /** Every active user, in the order they joined. Read only: changes go through add, update and remove. */
  get people(): readonly DirectoryUser[] {
    return this.ordered;
  }

  /** Bumped by every change: the version the change log and delta tokens count in. */
  get version(): number {
    return this.current;
  }

  /** Bumped by expireDeltaTokens: tokens of an earlier generation cannot be honoured. */
  get generation(): number {
    return this.expiries.length;
  }

  /** How the tokens of a past generation ended: expired (400) or with a synchronisation reset (410). */
  expiryOf(generation: number): { reset: boolean } | undefined {
    return this.expiries[generation];
  }

  /** By object id or userPrincipalName. */
  find(idOrUpn: string): DirectoryUser | undefined {
    const key = lower(idOrUpn);
    return this.byId.get(key) ?? this.byUpn.get(key);
  }

  /** A mailbox by its SMTP address. */
  byAddress(address: string | null | undefined): Mailbox | undefined {
    return address ? (this.byMail.get(lower(address)) as Mailbox | undefined) : undefined;
  }

  /** The manager, when they are a user of the tenant (a dangling manager id gives none). */
  managerOf(u: DirectoryUser): DirectoryUser | undefined {
    return u.managerId ? this.byId.get(lower(u.managerId)) : undefined;
  }

  reportsOf(u: DirectoryUser): readonly DirectoryUser[] {
    return this.reports.get(lower(u.id)) ?? [];
  }

  /** The mailbox's time zone under the name Outlook gives it: always a Windows name ("Romance Standard Time"). */
  zoneName(u: DirectoryUser): string {
    return windowsZone(u.timeZone);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Changes.
  // -------------------------------------------------------------------------------------------------------------

  /** A hire. The id is drawn when absent; the mail, UPN and id must be free. */
  add(input: NewUser): DirectoryUser {
    const u = this.normalise(input);
    const key = lower(u.id);
    if (this.byId.has(key) || this.deleted.has(key)) throw conflict(`A user with id '${u.id}' already exists.`);
    this.checkUnique(u);
    if (u.managerId && lower(u.managerId) === key) throw invalid("A user cannot be their own manager.");
    this.index(u);
    this.record({ version: ++this.current, id: u.id, kind: "added", properties: [] });
    this.operations.push({ op: "add", user: u });
    return u;
  }

  /** Changes any property; `managerId` moves the user (null: no manager). Nothing changed, nothing logged. */
  update(id: string, patch: UserPatch): DirectoryUser {
    const before = this.byId.get(lower(id));
    if (!before) throw missing(id);
    const known = new Set<string>(FIELDS);
    const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    for (const k of Object.keys(given)) {
      if (k === "id") throw invalid("A user's id cannot change.");
      if (!known.has(k)) throw invalid(`Unknown property '${k}'. Known: ${FIELDS.join(", ")}.`);
    }
    const after = this.normalise({ ...before, ...given, id: before.id });
    if (after.managerId && lower(after.managerId) === lower(after.id)) throw invalid("A user cannot be their own manager.");
    this.checkUnique(after, before);
    const changed = FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
    if (changed.length === 0) return before;
    this.replace(before, after);
    this.record({
      version: ++this.current,
      id: after.id,
      kind: "updated",
      properties: [...new Set(changed.flatMap((f) => TOUCHES[f]))],
      ...(changed.includes("managerId") ? { managerBefore: before.managerId } : {}),
    });
    this.operations.push({ op: "update", id: after.id, patch: Object.fromEntries(changed.map((f) => [f, after[f]])) });
    return after;
  }

  /**
   * A leaver. Entra soft-deletes (the user can be restored for 30 days: delta says `"reason": "changed"`);
   * `permanent` deletes for good (`"deleted"`), also a user already soft-deleted. Their direct reports lose their
   * manager link, each a change of its own.
   */
  remove(id: string, options: { permanent?: boolean } = {}): { id: string; reason: "changed" | "deleted" } {
    const permanent = options.permanent ?? false;
    const key = lower(id);
    const u = this.byId.get(key);
    if (!u) {
      const gone = this.deleted.get(key);
      if (!gone || !permanent) throw missing(id);
      this.deleted.delete(key);
      this.record({ version: ++this.current, id: gone.id, kind: "removed", properties: [], reason: "deleted" });
      this.operations.push({ op: "remove", id: gone.id, permanent });
      return { id: gone.id, reason: "deleted" };
    }
    const orphans = [...this.reportsOf(u)];
    this.unindex(u);
    if (!permanent) this.deleted.set(key, u);
    const reason = permanent ? "deleted" : "changed";
    this.record({ version: ++this.current, id: u.id, kind: "removed", properties: [], reason });
    this.operations.push({ op: "remove", id: u.id, permanent });
    for (const r of orphans) {
      const after = { ...r, managerId: null };
      this.replace(r, after);
      this.record({ version: ++this.current, id: r.id, kind: "updated", properties: ["manager"], managerBefore: r.managerId });
    }
    return { id: u.id, reason };
  }

  /** Brings a soft-deleted user back, with their properties and their own manager, but not their reports. */
  restore(id: string): DirectoryUser {
    const key = lower(id);
    const u = this.deleted.get(key);
    if (!u) throw missing(id);
    this.checkUnique(u);
    this.deleted.delete(key);
    this.index(u);
    this.record({ version: ++this.current, id: u.id, kind: "added", properties: [] });
    this.operations.push({ op: "restore", id: u.id });
    return u;
  }

  /** Every delta token issued so far can no longer be honoured; `reset` answers them with 410 instead of 400. */
  expireDeltaTokens(options: { reset?: boolean } = {}): void {
    this.expiries.push({ generation: this.expiries.length, reset: options.reset ?? false });
    this.operations.push({ op: "expire", reset: options.reset ?? false });
  }

  /** Counts every operation, token expiries included: the state file is saved when it moves. */
  get changes(): number {
    return this.operations.length;
  }

  // -------------------------------------------------------------------------------------------------------------
  // The change log, for delta rounds.
  // -------------------------------------------------------------------------------------------------------------

  /** The change log in version order. Read only. */
  get log(): readonly Change[] {
    return this.changeLog;
  }

  /** One user's changes in version order, removed users included. */
  historyOf(id: string): readonly Change[] {
    return this.histories.get(lower(id)) ?? [];
  }

  /** The index of the first change after `version`. */
  firstChangeAfter(version: number): number {
    let lo = 0;
    let hi = this.changeLog.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.changeLog[mid]!.version <= version) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The join number of the last user who joined so far (-1 when nobody): initial delta rounds page by it. */
  get lastSeq(): number {
    return this.nextSeq - 1;
  }

  /** Active users who joined after `afterSeq` and at most at `maxSeq`, up to `limit` of them, in joining order. */
  joinedBetween(afterSeq: number, maxSeq: number, limit: number): { users: DirectoryUser[]; lastSeq: number; more: boolean } {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid]! <= afterSeq) lo = mid + 1;
      else hi = mid;
    }
    const users: DirectoryUser[] = [];
    let i = lo;
    for (; i < this.ordered.length && this.seqs[i]! <= maxSeq && users.length < limit; i++) users.push(this.ordered[i]!);
    const lastSeq = users.length ? this.seqs[i - 1]! : afterSeq;
    return { users, lastSeq, more: i < this.ordered.length && this.seqs[i]! <= maxSeq };
  }

  /** The join number of an active user (-1 for nobody). */
  seqOf(id: string): number {
    return this.seqById.get(id.toLowerCase()) ?? -1;
  }

  /** Active or soft-deleted. */
  anyUser(id: string): DirectoryUser | undefined {
    const key = lower(id);
    return this.byId.get(key) ?? this.deleted.get(key);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Persistence: the operations since the organisation, replayed at start.
  // -------------------------------------------------------------------------------------------------------------

  snapshot(): PersistedDirectory {
    return { base: this.baseHash(), epoch: this.epoch, operations: [...this.operations] };
  }

  /**
   * Replays saved operations. Against the same organisation the versions and the change log come back as they
   * were, and so does the epoch: delta tokens issued before a restart still work. Against another organisation
   * what still applies is applied, under a new epoch.
   */
  restoreFrom(saved: PersistedDirectory): { skipped: number } {
    let skipped = 0;
    for (const o of saved.operations ?? []) {
      try {
        if (o.op === "add") this.add(o.user);
        else if (o.op === "update") this.update(o.id, o.patch);
        else if (o.op === "remove") this.remove(o.id, { permanent: o.permanent });
        else if (o.op === "restore") this.restore(o.id);
        else if (o.op === "expire") this.expireDeltaTokens({ reset: o.reset });
      } catch {
        skipped++;
      }
    }
    if (saved.base === this.baseHash() && skipped === 0 && typeof saved.epoch === "string") this.epoch = saved.epoch;
    return { skipped };
  }

  private base?: string;
  private baseHash(): string {
    this.base ??= createHash("sha256").update(JSON.stringify(this.org.people)).update(this.org.tenantId).digest("base64url").slice(0, 22);
    return this.base;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Indexes.
  // -------------------------------------------------------------------------------------------------------------

  private record(c: Change) {
    this.changeLog.push(c);
    const key = lower(c.id);
    let h = this.histories.get(key);
    if (!h) this.histories.set(key, (h = []));
    h.push(c);
  }

  private index(u: DirectoryUser) {
    const key = lower(u.id);
    this.byId.set(key, u);
    this.byUpn.set(lower(u.userPrincipalName), u);
    if (u.mail) this.byMail.set(lower(u.mail), u);
    if (u.managerId) this.addReport(u);
    const seq = this.nextSeq++;
    this.seqById.set(key, seq);
    this.ordered.push(u);
    this.seqs.push(seq);
  }

  private unindex(u: DirectoryUser) {
    const key = lower(u.id);
    this.byId.delete(key);
    this.byUpn.delete(lower(u.userPrincipalName));
    if (u.mail && this.byMail.get(lower(u.mail)) === u) this.byMail.delete(lower(u.mail));
    if (u.managerId) this.removeReport(u);
    const at = this.position(key);
    this.ordered.splice(at, 1);
    this.seqs.splice(at, 1);
    this.seqById.delete(key);
  }

  private replace(before: DirectoryUser, after: DirectoryUser) {
    const key = lower(after.id);
    this.byId.set(key, after);
    this.byUpn.delete(lower(before.userPrincipalName));
    this.byUpn.set(lower(after.userPrincipalName), after);
    if (before.mail) this.byMail.delete(lower(before.mail));
    if (after.mail) this.byMail.set(lower(after.mail), after);
    const list = before.managerId ? this.reports.get(lower(before.managerId)) : undefined;
    const sameManager = !!before.managerId && !!after.managerId && lower(before.managerId) === lower(after.managerId);
    if (sameManager && list) {
      // Same manager: the report keeps their place in the list.
      list[list.findIndex((r) => r.id === before.id)] = after;
    } else {
      if (before.managerId) this.removeReport(before);
      if (after.managerId) this.addReport(after);
    }
    this.ordered[this.position(key)] = after;
  }

  private position(key: string): number {
    const seq = this.seqById.get(key)!;
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid]! < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private addReport(u: DirectoryUser) {
    const m = lower(u.managerId!);
    let list = this.reports.get(m);
    if (!list) this.reports.set(m, (list = []));
    list.push(u);
  }

  private removeReport(u: DirectoryUser) {
    const m = lower(u.managerId!);
    const list = this.reports.get(m);
    if (!list) return;
    const i = list.findIndex((r) => r.id === u.id);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.reports.delete(m);
  }

  private checkUnique(u: DirectoryUser, self?: DirectoryUser) {
    const upn = this.byUpn.get(lower(u.userPrincipalName));
    if (upn && upn.id !== self?.id) throw conflict(`Another user already has the userPrincipalName '${u.userPrincipalName}'.`);
    const mail = u.mail ? this.byMail.get(lower(u.mail)) : undefined;
    if (mail && mail.id !== self?.id) throw conflict(`Another user already has the mail '${u.mail}'.`);
  }

  /** Checks a user's fields and fills the defaults: no mail, title, department or office; UTC, Monday to Friday 9 to 5. */
  private normalise(input: Partial<SimulatedPerson> & Partial<DirectoryUser> & { displayName?: string }): DirectoryUser {
    const id = input.id ?? randomUUID();
    if (typeof id !== "string" || !GUID.test(id)) throw invalid("id must be a GUID.");
    const mail = text("mail", input.mail, true);
    if (mail !== null && !MAIL.test(mail)) throw invalid(`mail '${mail}' is not an address.`);
    const managerId = input.managerId ?? null;
    if (managerId !== null && (typeof managerId !== "string" || !GUID.test(managerId))) throw invalid("managerId must be a GUID or null.");
    const upn = text("userPrincipalName", input.userPrincipalName ?? mail ?? `${id}@${this.domain}`, false)!;
    if (!UPN.test(upn)) throw invalid(`userPrincipalName '${upn}' is not name@domain.`);
    const timeZone = input.timeZone ?? "UTC";
    if (!isZone(timeZone)) throw invalid(`timeZone '${String(timeZone)}' is not an IANA time zone.`);
    if (!hasWindowsZone(timeZone)) throw invalid(`timeZone '${timeZone}' has no Windows time zone, which an Outlook mailbox needs.`);
    const language = input.preferredLanguage ?? "en";
    if (language !== "fr" && language !== "en") throw invalid("preferredLanguage is fr or en.");
    const hours = input.workingHours ?? NINE_TO_FIVE;
    if (
      !hours ||
      !Array.isArray(hours.daysOfWeek) ||
      hours.daysOfWeek.length === 0 ||
      !hours.daysOfWeek.every((d) => DAYS.has(d)) ||
      !TIME.test(hours.startTime) ||
      !TIME.test(hours.endTime)
    ) {
      throw invalid("workingHours needs daysOfWeek (monday… sunday), startTime and endTime (HH:mm).");
    }
    const enabled = input.accountEnabled ?? true;
    if (typeof enabled !== "boolean") throw invalid("accountEnabled is true or false.");
    return Object.freeze({
      id,
      displayName: text("displayName", input.displayName, false)!,
      givenName: text("givenName", input.givenName, true),
      surname: text("surname", input.surname, true),
      mail,
      userPrincipalName: upn,
      jobTitle: text("jobTitle", input.jobTitle, true),
      department: text("department", input.department, true),
      officeLocation: text("officeLocation", input.officeLocation, true),
      managerId,
      timeZone,
      preferredLanguage: language,
      workingHours: { daysOfWeek: [...hours.daysOfWeek], startTime: hours.startTime, endTime: hours.endTime },
      accountEnabled: enabled,
    });
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const UPN = /^[^@\s]+@[^@\s]+$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAYS = new Set(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]);
const NINE_TO_FIVE: DirectoryUser["workingHours"] = { daysOfWeek: ["monday", "tuesday", "wednesday", "thursday", "friday"], startTime: "09:00", endTime: "17:00" };

function text(name: string, value: unknown, nullable: boolean): string | null {
  if (value === undefined || value === null) {
    if (nullable) return null;
    throw invalid(`${name} is required.`);
  }
  if (typeof value !== "string" || value.trim() === "") throw invalid(`${name} must be a non-empty string${nullable ? " or null" : ""}.`);
  if (value.length > 256) throw invalid(`${name} is at most 256 characters.`);
  return value;
}
