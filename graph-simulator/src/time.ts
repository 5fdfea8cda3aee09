import type { DateTimeTimeZone } from "@microsoft/microsoft-graph-types";
import { addDays, dateIn, offsetMs as coreOffsetMs, zonedTimeToUtc as coreZonedTimeToUtc } from "@tandem/core";
import { WINDOWS_TO_IANA_MAP, findIanaAliases, findWindows } from "windows-iana";
import { GraphError, badRequest } from "./errors";

/**
 * Time zones as Graph names them. Outlook mailboxes name zones the Windows way ("Romance Standard Time"), and
 * Graph's dateTimeTimeZone documentation lists what else the calendar API takes: a fixed set of IANA names
 * ("Additional time zones", below). Any other IANA name (America/Toronto, Asia/Calcutta…) is refused with 400
 * TimeZoneNotSupportedException, as Graph does. Windows names and their IANA zones come from CLDR's windowsZones
 * (the `windows-iana` package).
 */
const DOCUMENTED_IANA = new Set([
  "Etc/GMT+12", "Etc/GMT+11", "Pacific/Honolulu", "America/Anchorage", "America/Santa_Isabel", "America/Los_Angeles",
  "America/Phoenix", "America/Chihuahua", "America/Denver", "America/Guatemala", "America/Chicago",
  "America/Mexico_City", "America/Regina", "America/Bogota", "America/New_York", "America/Indiana/Indianapolis",
  "America/Caracas", "America/Asuncion", "America/Halifax", "America/Cuiaba", "America/La_Paz", "America/Santiago",
  "America/St_Johns", "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/Cayenne", "America/Godthab",
  "America/Montevideo", "America/Bahia", "Etc/GMT+2", "Atlantic/Azores", "Atlantic/Cape_Verde", "Africa/Casablanca",
  "Etc/GMT", "Europe/London", "Atlantic/Reykjavik", "Europe/Berlin", "Europe/Budapest", "Europe/Paris",
  "Europe/Warsaw", "Africa/Lagos", "Africa/Windhoek", "Europe/Bucharest", "Asia/Beirut", "Africa/Cairo",
  "Asia/Damascus", "Africa/Johannesburg", "Europe/Kiev", "Europe/Istanbul", "Asia/Jerusalem", "Asia/Amman",
  "Asia/Baghdad", "Europe/Kaliningrad", "Asia/Riyadh", "Africa/Nairobi", "Asia/Tehran", "Asia/Dubai", "Asia/Baku",
  "Europe/Moscow", "Indian/Mauritius", "Asia/Tbilisi", "Asia/Yerevan", "Asia/Kabul", "Asia/Karachi",
  "Asia/Tashkent", "Asia/Kolkata", "Asia/Colombo", "Asia/Kathmandu", "Asia/Almaty", "Asia/Dhaka",
  "Asia/Yekaterinburg", "Asia/Rangoon", "Asia/Bangkok", "Asia/Novosibirsk", "Asia/Shanghai", "Asia/Krasnoyarsk",
  "Asia/Singapore", "Australia/Perth", "Asia/Taipei", "Asia/Ulaanbaatar", "Asia/Irkutsk", "Asia/Tokyo",
  "Asia/Seoul", "Australia/Adelaide", "Australia/Darwin", "Australia/Brisbane", "Australia/Sydney",
  "Pacific/Port_Moresby", "Australia/Hobart", "Asia/Yakutsk", "Pacific/Guadalcanal", "Asia/Vladivostok",
  "Pacific/Auckland", "Etc/GMT-12", "Pacific/Fiji", "Asia/Magadan", "Pacific/Tongatapu", "Pacific/Apia",
  "Pacific/Kiritimati",
]);

/** Windows names, lower case, to the name as Windows spells it and its main IANA zone (CLDR territory 001). */
const WINDOWS = new Map<string, { name: string; iana: string }>();
for (const { windowsName, territory, iana } of WINDOWS_TO_IANA_MAP) {
  const key = windowsName.toLowerCase();
  if (territory === "001" || !WINDOWS.has(key)) WINDOWS.set(key, { name: windowsName, iana: iana[0]! });
}
WINDOWS.set("tzone://microsoft/utc", { name: "UTC", iana: "UTC" });

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

/** The IANA zone behind a name Graph takes (a Windows name, or a documented IANA one); a 400 in Graph's words otherwise. */
export function ianaZone(name: string | null | undefined): string {
  if (name === undefined || name === null || name === "") return "UTC";
  const trimmed = name.trim();
  const windows = WINDOWS.get(trimmed.toLowerCase());
  if (windows) return windows.iana;
  if (DOCUMENTED_IANA.has(trimmed)) return trimmed;
  throw unsupportedZone(name);
}

/**
 * The Windows name Outlook gives a zone: of a name Graph took (IANA or Windows), or of an IANA zone of the directory
 * (through its CLDR aliases, so that Asia/Calcutta and America/Montreal have one). UTC when there is none, which the
 * directory prevents.
 */
export function windowsZone(name: string): string {
  const windows = WINDOWS.get(name.trim().toLowerCase());
  if (windows) return windows.name;
  return windowsNameOf(name) ?? "UTC";
}

/** Whether an IANA zone of the directory has a Windows name: a mailbox in any other cannot exist. */
export const hasWindowsZone = (iana: string) => windowsNameOf(iana) !== null;

const windowsNames = new Map<string, string | null>();
function windowsNameOf(iana: string): string | null {
  let found = windowsNames.get(iana);
  if (found === undefined) {
    found = null;
    let canonical: string | null = null;
    try {
      canonical = new Intl.DateTimeFormat("en", { timeZone: iana }).resolvedOptions().timeZone;
    } catch {
      canonical = null;
    }
    if (canonical) {
      for (const name of new Set([iana, canonical, ...findIanaAliases(iana), ...findIanaAliases(canonical)])) {
        found = findWindows(name)[0] ?? null;
        if (found) break;
      }
    }
    windowsNames.set(iana, found);
  }
  return found;
}

/** `2026-12-01T15:00:00.0000000`: the seven fractional digits Graph writes. */
export function formatLocal(instant: number, iana: string): string {
  const local = new Date(instant + offsetMs(instant, iana));
  return `${local.toISOString().slice(0, 19)}.${String(local.getUTCMilliseconds()).padStart(3, "0")}0000`;
}

/** An instant as Graph's dateTimeTimeZone, in the zone the caller asked for, named the Windows way as Outlook does. */
export function toDateTimeTimeZone(instant: number, zoneName: string): DateTimeTimeZone {
  return { dateTime: formatLocal(instant, ianaZone(zoneName)), timeZone: windowsZone(zoneName) };
}

/** A floating date (all-day events): midnight, whatever the zone. */
export function toFloatingDate(date: string, zoneName: string): DateTimeTimeZone {
  return { dateTime: `${date}T00:00:00.0000000`, timeZone: windowsZone(zoneName) };
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
