import type { DirectoryObject, MailboxSettings, User } from "@microsoft/microsoft-graph-types";
import { GraphError, badRequest } from "../errors";
import { graphTimeOfDay } from "../time";
import type { Directory, DirectoryUser } from "./directory";

const countryOf: Record<string, string> = {
  "Europe/Paris": "FR",
  "Europe/London": "GB",
  "America/Toronto": "CA",
  "America/New_York": "US",
  "Asia/Singapore": "SG",
};

export function cultureOf(p: Pick<DirectoryUser, "timeZone" | "preferredLanguage">): string {
  const country = countryOf[p.timeZone] ?? (p.preferredLanguage === "fr" ? "FR" : "US");
  if (p.preferredLanguage === "fr") return country === "CA" ? "fr-CA" : "fr-FR";
  return `en-${country === "FR" ? "GB" : country}`;
}

/** Graph's properties of a user; the ones a GET returns without $select come first. */
export const DEFAULT_PROPERTIES = [
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

/** Graph's user properties the simulator knows, each read from a directory user. */
const USER_PROPERTIES: Record<string, (dir: Directory, u: DirectoryUser) => unknown> = {
  businessPhones: () => [],
  displayName: (_, u) => u.displayName,
  givenName: (_, u) => u.givenName,
  jobTitle: (_, u) => u.jobTitle,
  mail: (_, u) => u.mail,
  mobilePhone: () => null,
  officeLocation: (_, u) => u.officeLocation,
  preferredLanguage: (_, u) => cultureOf(u),
  surname: (_, u) => u.surname,
  userPrincipalName: (_, u) => u.userPrincipalName,
  id: (_, u) => u.id,
  accountEnabled: (_, u) => u.accountEnabled,
  department: (_, u) => u.department,
  usageLocation: (_, u) => countryOf[u.timeZone] ?? null,
  userType: () => "Member",
  mailboxSettings: (dir, u) => mailboxSettings(dir, u),
};

/** The names of the properties above, for `$select` checks. */
export const USER_PROPERTY_NAMES: readonly string[] = Object.keys(USER_PROPERTIES);

/** One property of a user, by its exact Graph name. */
export function userProperty(dir: Directory, u: DirectoryUser, name: string): unknown {
  return USER_PROPERTIES[name]!(dir, u);
}

export function userResource(dir: Directory, p: DirectoryUser, names: readonly string[] = USER_PROPERTY_NAMES): User {
  const out: Record<string, unknown> = {};
  for (const k of names) out[k] = USER_PROPERTIES[k]!(dir, p);
  return out as User;
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

export function user(dir: Directory, p: DirectoryUser, select: string | null): Partial<User> {
  return userResource(dir, p, parseSelect(select, USER_PROPERTY_NAMES) ?? DEFAULT_PROPERTIES);
}

export function directoryObject(dir: Directory, p: DirectoryUser, select: string | null): DirectoryObject {
  return { "@odata.type": "#microsoft.graph.user", ...user(dir, p, select) } as DirectoryObject;
}

export function mailboxSettings(dir: Directory, p: DirectoryUser): MailboxSettings {
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
export function userFilter(filter: string | null): (p: DirectoryUser) => boolean {
  if (filter === null || filter.trim() === "") return () => true;
  const clauses = splitOutsideQuotes(filter, " or ").map(clause);
  return (p) => clauses.some((c) => c(p));
}

const PROPERTIES: Record<string, (p: DirectoryUser) => string> = {
  id: (p) => p.id,
  mail: (p) => p.mail ?? "",
  userprincipalname: (p) => p.userPrincipalName,
  displayname: (p) => p.displayName,
  givenname: (p) => p.givenName ?? "",
  surname: (p) => p.surname ?? "",
  department: (p) => p.department ?? "",
  jobtitle: (p) => p.jobTitle ?? "",
};

const unsupported = (text: string) =>
  new GraphError(400, "Request_UnsupportedQuery", `Unsupported or invalid query filter clause specified: '${text}'.`);

function clause(text: string): (p: DirectoryUser) => boolean {
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
