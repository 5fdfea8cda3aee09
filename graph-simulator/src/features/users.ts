import type { DirectoryObject, MailboxSettings, User } from "@microsoft/microsoft-graph-types";
import type { DemoOrganisation, DemoPerson } from "@tandem/core";
import { GraphError, badRequest, resourceNotFound } from "../errors";
import { graphTimeOfDay, windowsZone } from "../time";

export type TimeZoneNames = "windows" | "iana";

/** The people of the demo organisation, as Graph's directory and mailboxes show them. */
export class Directory {
  readonly tenantId: string;
  readonly people: DemoPerson[];
  private readonly byId = new Map<string, DemoPerson>();
  private readonly byMail = new Map<string, DemoPerson>();
  private readonly reports = new Map<string, DemoPerson[]>();

  constructor(
    org: DemoOrganisation,
    readonly zoneNames: TimeZoneNames = "windows",
  ) {
    this.tenantId = org.tenantId;
    this.people = org.people;
    for (const p of org.people) {
      this.byId.set(p.id.toLowerCase(), p);
      this.byMail.set(p.mail.toLowerCase(), p);
    }
    for (const p of org.people) {
      if (p.managerId) this.reports.set(p.managerId, [...(this.reports.get(p.managerId) ?? []), p]);
    }
  }

  /** By object id or userPrincipalName (which is the mail address here). */
  find(idOrUpn: string): DemoPerson | undefined {
    const key = idOrUpn.toLowerCase();
    return this.byId.get(key) ?? this.byMail.get(key);
  }

  get(idOrUpn: string): DemoPerson {
    const p = this.find(idOrUpn);
    if (!p) throw resourceNotFound(idOrUpn);
    return p;
  }

  byAddress(address: string | null | undefined): DemoPerson | undefined {
    return address ? this.byMail.get(address.toLowerCase()) : undefined;
  }

  managerOf(p: DemoPerson): DemoPerson | undefined {
    return p.managerId ? this.byId.get(p.managerId.toLowerCase()) : undefined;
  }

  reportsOf(p: DemoPerson): DemoPerson[] {
    return this.reports.get(p.id) ?? [];
  }

  /** The mailbox's time zone under the name Graph would give it (Windows names by default). */
  zoneName(p: DemoPerson): string {
    return this.zoneNames === "windows" ? windowsZone(p.timeZone) : p.timeZone;
  }
}

const countryOf: Record<string, string> = {
  "Europe/Paris": "FR",
  "Europe/London": "GB",
  "America/Toronto": "CA",
  "America/New_York": "US",
  "Asia/Singapore": "SG",
};

export function cultureOf(p: DemoPerson): string {
  const country = countryOf[p.timeZone] ?? (p.preferredLanguage === "fr" ? "FR" : "US");
  if (p.preferredLanguage === "fr") return country === "CA" ? "fr-CA" : "fr-FR";
  return `en-${country === "FR" ? "GB" : country}`;
}

/** Graph's properties of a user; the ones a GET returns without $select come first. */
const DEFAULT_PROPERTIES = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
] as const;

export function userResource(dir: Directory, p: DemoPerson): User {
  return {
    businessPhones: [],
    displayName: p.displayName,
    givenName: p.givenName,
    jobTitle: p.jobTitle,
    mail: p.mail,
    mobilePhone: null,
    officeLocation: p.officeLocation,
    preferredLanguage: cultureOf(p),
    surname: p.surname,
    userPrincipalName: p.mail,
    id: p.id,
    accountEnabled: true,
    department: p.department,
    usageLocation: countryOf[p.timeZone] ?? null,
    mailboxSettings: mailboxSettings(dir, p),
  };
}

/** Parses `$select=a,b` (names are case-insensitive in Graph) into the property names of `available`. */
export function parseSelect(select: string | null, available: readonly string[]): string[] | undefined {
  if (select === null) return undefined;
  const known = new Map(available.map((k) => [k.toLowerCase(), k]));
  return select
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const name = known.get(s.toLowerCase());
      if (!name) {
        throw new GraphError(400, "Request_BadRequest", `Could not find a property named '${s}' on type 'microsoft.graph.user'.`);
      }
      return name;
    });
}

export function pick<T extends object>(resource: T, select: string[] | undefined, defaults: readonly string[]): Partial<T> {
  const keys = select ?? defaults;
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = (resource as Record<string, unknown>)[k];
  return out as Partial<T>;
}

export function user(dir: Directory, p: DemoPerson, select: string | null): Partial<User> {
  const resource = userResource(dir, p);
  return pick(resource, parseSelect(select, Object.keys(resource)), DEFAULT_PROPERTIES);
}

export function directoryObject(dir: Directory, p: DemoPerson, select: string | null): DirectoryObject {
  return { "@odata.type": "#microsoft.graph.user", ...user(dir, p, select) } as DirectoryObject;
}

export function mailboxSettings(dir: Directory, p: DemoPerson): MailboxSettings {
  const zone = dir.zoneName(p);
  const culture = cultureOf(p);
  const usTime = culture === "en-US";
  return {
    automaticRepliesSetting: {
      status: "disabled",
      externalAudience: "all",
      internalReplyMessage: "",
      externalReplyMessage: "",
    },
    dateFormat: usTime ? "M/d/yyyy" : culture === "fr-CA" ? "yyyy-MM-dd" : "dd/MM/yyyy",
    timeFormat: usTime ? "h:mm tt" : "HH:mm",
    timeZone: zone,
    language: { locale: culture, displayName: LANGUAGE_NAMES[culture] ?? culture },
    workingHours: {
      daysOfWeek: p.workingHours.daysOfWeek,
      startTime: graphTimeOfDay(p.workingHours.startTime),
      endTime: graphTimeOfDay(p.workingHours.endTime),
      timeZone: { name: zone },
    },
    delegateMeetingMessageDeliveryOptions: "sendToDelegateOnly",
  };
}

const LANGUAGE_NAMES: Record<string, string> = {
  "fr-FR": "French (France)",
  "fr-CA": "French (Canada)",
  "en-GB": "English (United Kingdom)",
  "en-US": "English (United States)",
  "en-CA": "English (Canada)",
  "en-SG": "English (Singapore)",
};

/**
 * `$filter` on users, the forms a directory client needs: `id in ('a','b')`, `id eq 'a'`, `mail eq`,
 * `userPrincipalName eq`, `displayName eq`, `startswith(displayName,'x')`, joined with `or`.
 */
export function userFilter(filter: string | null): (p: DemoPerson) => boolean {
  if (filter === null || filter.trim() === "") return () => true;
  const clauses = splitOutsideQuotes(filter, " or ").map(clause);
  return (p) => clauses.some((c) => c(p));
}

const PROPERTIES: Record<string, (p: DemoPerson) => string> = {
  id: (p) => p.id,
  mail: (p) => p.mail,
  userprincipalname: (p) => p.mail,
  displayname: (p) => p.displayName,
  givenname: (p) => p.givenName,
  surname: (p) => p.surname,
  department: (p) => p.department,
  jobtitle: (p) => p.jobTitle,
};

const unsupported = (text: string) =>
  new GraphError(400, "Request_UnsupportedQuery", `Unsupported or invalid query filter clause specified: '${text}'.`);

function clause(text: string): (p: DemoPerson) => boolean {
  const t = text.trim().replace(/^\((.*)\)$/, "$1").trim();
  let m = /^(\w+)\s+in\s+\((.*)\)$/i.exec(t);
  if (m) {
    const get = PROPERTIES[m[1]!.toLowerCase()];
    if (!get) throw unsupported(t);
    const values = new Set(splitOutsideQuotes(m[2]!, ",").map((v) => literal(v, t).toLowerCase()));
    return (p) => values.has(get(p).toLowerCase());
  }
  m = /^(\w+)\s+eq\s+(.+)$/i.exec(t);
  if (m) {
    const get = PROPERTIES[m[1]!.toLowerCase()];
    if (!get) throw unsupported(t);
    const value = literal(m[2]!, t).toLowerCase();
    return (p) => get(p).toLowerCase() === value;
  }
  m = /^startswith\(\s*(\w+)\s*,\s*(.+)\)$/i.exec(t);
  if (m) {
    const get = PROPERTIES[m[1]!.toLowerCase()];
    if (!get) throw unsupported(t);
    const value = literal(m[2]!, t).toLowerCase();
    return (p) => get(p).toLowerCase().startsWith(value);
  }
  throw unsupported(t);
}

function literal(text: string, whole: string): string {
  const m = /^\s*'((?:[^']|'')*)'\s*$/.exec(text);
  if (!m) throw unsupported(whole);
  return m[1]!.replaceAll("''", "'");
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let quoted = false;
  let depth = 0;
  let current = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'") quoted = !quoted;
    if (!quoted && c === "(") depth++;
    if (!quoted && c === ")") depth--;
    if (!quoted && depth === 0 && text.slice(i, i + separator.length).toLowerCase() === separator) {
      parts.push(current);
      current = "";
      i += separator.length - 1;
      continue;
    }
    current += c;
  }
  parts.push(current);
  return parts;
}

export function parseTop(top: string | null, fallback: number, max: number): number {
  if (top === null) return fallback;
  const n = Number(top);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`Invalid value '${top}' for $top.`, "Request_BadRequest");
  return Math.min(n, max);
}
