import { z } from "zod";

// A missing field reads "required" rather than zod's "expected string, received undefined".
z.config({
  customError: (issue) => (issue.code === "invalid_type" && issue.input === undefined ? "required" : undefined),
});

export const locales = ["fr", "en"] as const;
export const Locale = z.enum(locales);
export type Locale = z.infer<typeof Locale>;

/** Entra object ids, tenant ids and Tandem's own ids are all GUIDs. */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

export const SkillId = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "lower-case letters, digits and single dashes");

export const LocalizedText = z.strictObject({
  fr: z.string().trim().min(1).max(120),
  en: z.string().trim().min(1).max(120),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

// Every stored session and profile carries a zone, checked on each read: building an Intl.DateTimeFormat to check
// it costs far more than the rest of the row's parsing, so zones found valid are remembered (there are a few hundred).
const validZones = new Set<string>();
const isTimeZone = (tz: string) => {
  if (validZones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
  } catch {
    return false;
  }
  const valid = tz.includes("/") || tz === "UTC";
  if (valid && validZones.size < 1000) validZones.add(tz);
  return valid;
};
export const TimeZone = z.string().max(64).refine(isTimeZone, "an IANA time zone such as Europe/Paris");

export const Instant = z.iso.datetime({ offset: true });
export const CalendarDate = z.iso.date();

/** Free text a person typed: trimmed, bounded, no control characters but line breaks and tabs. */
export const text = (max: number, min = 0) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), "no control characters")
    .refine((s) => (s as string & { isWellFormed(): boolean }).isWellFormed(), "no broken characters (lone surrogates)");

/** What RFC 3986 lets a path, a query or a fragment hold as it is (pchar, "/" and "?"); anything else is %-encoded. */
const URI_CHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@/?]/;
const encodeUriPart = (part: string) =>
  part.replace(/%(?![0-9A-Fa-f]{2})|[^%]/g, (c) => (URI_CHAR.test(c) ? c : `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`));

/**
 * A URL as the browser's parser (WHATWG URL) reads it, then written so that RFC 3986 takes it too: the parser's own
 * serialisation (scheme and host in lower case, an international host in punycode, spaces and non-ASCII characters
 * %-encoded, dot segments and the default port gone), with what it leaves raw and RFC 3986 refuses (`|`, `^`, `{`,
 * `[`, a `%` that starts no escape...) %-encoded as well. Written once, it reads back the same.
 */
export function uriOf(href: string): string {
  const u = new URL(href);
  const query = u.search ? `?${encodeUriPart(u.search.slice(1))}` : "";
  const fragment = u.hash ? `#${encodeUriPart(u.hash.slice(1))}` : "";
  return `${u.protocol}//${u.host}${encodeUriPart(u.pathname)}${query}${fragment}`;
}

/**
 * An https link as Tandem stores and answers it: its normalised form (`uriOf`), which is what `format: uri` in
 * openapi.json describes. A link carrying a user name or password is refused (it hides where it leads).
 */
export const HttpsUrl = z
  .url({ protocol: /^https$/, normalize: true })
  .refine((s) => URL.canParse(s) && !new URL(s).username && !new URL(s).password, "a link without a user name or password")
  .overwrite((s) => (URL.canParse(s) ? uriOf(s) : s))
  .max(2048)
  .meta({ description: "An https URL, stored and answered in its normalised form: the WHATWG URL serialisation, %-encoded further to be an RFC 3986 URI." });

/** One change in an entity's history. */
export const HistoryEntry = z.strictObject({
  at: Instant,
  by: Id,
  action: z.string().max(40),
  changes: z.record(z.string(), z.strictObject({ from: z.unknown(), to: z.unknown() })).optional(),
  reason: z.string().max(500).optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** Histories are capped so that one entity never outgrows a storage row; the oldest entries go first. */
export const HISTORY_LIMIT = 100;
export const appendHistory = (history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] =>
  [...history, entry].slice(-HISTORY_LIMIT);
