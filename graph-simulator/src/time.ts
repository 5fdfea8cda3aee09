import type { DateTimeTimeZone } from "@microsoft/microsoft-graph-types";
import { addDays, dateIn, offsetMs as coreOffsetMs, zonedTimeToUtc as coreZonedTimeToUtc } from "@tandem/core";
import { GraphError, badRequest } from "./errors";

/**
 * Time zones as Graph names them. Outlook mailboxes use Windows names by default ("Romance Standard Time"), and
 * Graph accepts both those and IANA names on input. This table covers the zones of the demo organisation and
 * the documentation's examples ("Pacific Standard Time"); any other valid IANA name passes through.
 */
const WINDOWS_TO_IANA: Record<string, string> = {
  "romance standard time": "Europe/Paris",
  "eastern standard time": "America/New_York",
  "gmt standard time": "Europe/London",
  "singapore standard time": "Asia/Singapore",
  "pacific standard time": "America/Los_Angeles",
  utc: "UTC",
  "tzone://microsoft/utc": "UTC",
};

const IANA_TO_WINDOWS: Record<string, string> = {
  "Europe/Paris": "Romance Standard Time",
  "America/Toronto": "Eastern Standard Time",
  "America/New_York": "Eastern Standard Time",
  "Europe/London": "GMT Standard Time",
  "Asia/Singapore": "Singapore Standard Time",
  "America/Los_Angeles": "Pacific Standard Time",
  UTC: "UTC",
  "Etc/UTC": "UTC",
};

/**
 * Core's helpers build an Intl formatter per call, and calendars ask the same questions thousands of times.
 * Answers are memoised: offsets and local dates per quarter hour (every zone's offset and every transition is a
 * multiple of 15 minutes, so they hold for the whole quarter), wall-clock conversions per date, time and zone.
 */
const QUARTER = 15 * 60_000;
const MEMO_LIMIT = 100_000;
function memo<T>(compute: (key: string) => T): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    let v = cache.get(key);
    if (v === undefined) {
      if (cache.size >= MEMO_LIMIT) cache.clear();
      v = compute(key);
      cache.set(key, v);
    }
    return v;
  };
}
const offsets = memo((key) => {
  const [zone, quarter] = key.split("|") as [string, string];
  return coreOffsetMs(Number(quarter) * QUARTER, zone);
});
const dates = memo((key) => {
  const [zone, quarter] = key.split("|") as [string, string];
  return dateIn(new Date(Number(quarter) * QUARTER), zone);
});
const wallClocks = memo((key) => {
  const [date, time, zone] = key.split("|") as [string, string, string];
  return coreZonedTimeToUtc(date, time, zone).getTime();
});

export const offsetMs = (instant: number, zone: string) => offsets(`${zone}|${Math.floor(instant / QUARTER)}`);
/** Wall-clock time in a zone to an instant (core's rules for gaps and overlaps). */
export const zonedTimeToUtc = (date: string, time: string, zone: string) => new Date(wallClocks(`${date}|${time}|${zone}`));

const unsupportedZone = (name: string) =>
  new GraphError(
    400,
    "TimeZoneNotSupportedException",
    `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${name}'.`,
  );

const validIana = new Map<string, boolean>();
function isIana(name: string): boolean {
  let ok = validIana.get(name);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat("en", { timeZone: name });
      ok = true;
    } catch {
      ok = false;
    }
    validIana.set(name, ok);
  }
  return ok;
}

/** The IANA zone behind a Windows or IANA name; a 400 in Graph's words for anything else. */
export function ianaZone(name: string | null | undefined): string {
  if (name === undefined || name === null || name === "") return "UTC";
  const windows = WINDOWS_TO_IANA[name.trim().toLowerCase()];
  if (windows) return windows;
  if (isIana(name)) return name;
  throw unsupportedZone(name);
}

/** The Windows name of an IANA zone, for mailbox settings; the IANA name itself when the table has none. */
export function windowsZone(iana: string): string {
  return IANA_TO_WINDOWS[iana] ?? iana;
}

/** `2026-12-01T15:00:00.0000000`: the seven fractional digits Graph writes. */
export function formatLocal(instant: number, iana: string): string {
  const local = new Date(instant + offsetMs(instant, iana));
  return `${local.toISOString().slice(0, 19)}.${String(local.getUTCMilliseconds()).padStart(3, "0")}0000`;
}

/** An instant as Graph's dateTimeTimeZone, in the zone the caller asked for, under the name the caller used. */
export function toDateTimeTimeZone(instant: number, zoneName: string): DateTimeTimeZone {
  return { dateTime: formatLocal(instant, ianaZone(zoneName)), timeZone: zoneName };
}

/** A floating date (all-day events): midnight, whatever the zone. */
export function toFloatingDate(date: string, zoneName: string): DateTimeTimeZone {
  return { dateTime: `${date}T00:00:00.0000000`, timeZone: zoneName };
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A date-time without offset is wall-clock time in `zone`; one with an offset (or Z) is that instant.
 * Throws a 400 naming `what` when it cannot be read.
 */
export function parseDateTime(value: unknown, zone: string, what: string): number {
  const m = typeof value === "string" ? LOCAL_DATE_TIME.exec(value.trim()) : null;
  if (!m) throw badRequest(`${what}: '${String(value)}' is not an ISO 8601 date and time.`, "ErrorInvalidParameter");
  const [, date, hh, mm, ss, fraction, offset] = m as unknown as [string, string, string, string, string?, string?, string?];
  const extraMs = Number(ss ?? 0) * 1000 + Math.floor(Number(`0.${fraction ?? "0"}`) * 1000);
  if (Number(hh) > 23 || Number(mm) > 59) throw badRequest(`${what}: '${String(value)}' is not a valid time.`, "ErrorInvalidParameter");
  if (offset) {
    const iso = `${date}T${hh}:${mm}:00${offset === "Z" ? "Z" : offset.length === 5 ? `${offset.slice(0, 3)}:${offset.slice(3)}` : offset}`;
    const instant = Date.parse(iso);
    if (Number.isNaN(instant)) throw badRequest(`${what}: '${String(value)}' is not a valid date.`, "ErrorInvalidParameter");
    return instant + extraMs;
  }
  if (Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw badRequest(`${what}: '${String(value)}' is not a valid date.`, "ErrorInvalidParameter");
  }
  return zonedTimeToUtc(date, `${hh}:${mm}`, zone).getTime() + extraMs;
}

/** Graph's dateTimeTimeZone to an instant. */
export function fromDateTimeTimeZone(value: DateTimeTimeZone | null | undefined, what: string): number {
  if (!value || typeof value !== "object" || typeof value.dateTime !== "string") {
    throw badRequest(`${what} needs a dateTime and a timeZone.`);
  }
  return parseDateTime(value.dateTime, ianaZone(value.timeZone), what);
}

/** ISO 8601 durations as Graph takes them: PT45M, PT1H30M, P1D, P1DT2H. */
export function parseDuration(value: unknown, what: string): number {
  const m = typeof value === "string" ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value) : null;
  if (!m || value === "P" || value === "PT") throw badRequest(`${what}: '${String(value)}' is not an ISO 8601 duration such as PT30M.`);
  const [, d, h, mi, s] = m;
  return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(mi ?? 0)) * 60_000 + Number(s ?? 0) * 1000;
}

/** The zone a caller asked for with `Prefer: outlook.timezone="..."`, if any. */
export function preferredTimeZone(prefer: string | undefined): string | undefined {
  const m = /outlook\.timezone\s*=\s*"?([^",;]+)"?/i.exec(prefer ?? "");
  return m?.[1]?.trim();
}

export const WEEK_DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
export type WeekDay = (typeof WEEK_DAYS)[number];

/** 0 for Sunday, as Date.getUTCDay. */
export const weekdayOf = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

export const localDate = (instant: number, iana: string) => dates(`${iana}|${Math.floor(instant / QUARTER)}`);

export const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export { addDays };

/** "09:00" to Graph's "09:00:00.0000000". */
export const graphTimeOfDay = (hhmm: string) => `${hhmm}:00.0000000`;

/** Midnight of a local date, as an instant. */
export const startOfDay = (date: string, iana: string) => zonedTimeToUtc(date, "00:00", iana).getTime();
