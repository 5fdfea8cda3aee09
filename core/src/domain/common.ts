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

export const HttpsUrl = z
  .url({ protocol: /^https$/ })
  .max(2048);

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
