/**
 * Wall-clock time in a time zone to an instant, with Intl only (no time-zone library in core).
 * For a local time that does not exist (spring forward) the result is shifted forward by the gap; for one that
 * exists twice (fall back) it is the first.
 */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): Date {
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  const [h, mi, sec = 0] = time.split(":").map(Number) as [number, number, number?];
  const wall = Date.UTC(y, mo - 1, d, h, mi, Math.floor(sec));
  let guess = wall - offsetMs(wall, timeZone);
  guess = wall - offsetMs(guess, timeZone);
  return new Date(guess);
}

// Building an Intl.DateTimeFormat costs far more than using one: one per zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
const dateFormatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The offset of a time zone from UTC at an instant, in milliseconds (Paris in winter: +3 600 000). */
export function offsetMs(instant: number, timeZone: string): number {
  // Graph answers calendar views in UTC: every event's times pass through here, and UTC needs no formatter.
  if (timeZone === "UTC" || timeZone === "Etc/UTC") return 0;
  const parts = formatterOf(timeZone).formatToParts(new Date(instant));
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function dateIn(instant: Date, timeZone: string): string {
  let f = dateFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dateFormatters.set(timeZone, f);
  }
  return f.format(instant);
}

/** Adds days to a calendar date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** An instant written in a time zone's wall-clock time with its offset: `2026-12-02T15:00:00+01:00`. */
export function formatInstant(instant: number | Date, timeZone: string): string {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  const offset = offsetMs(ms, timeZone);
  const local = new Date(ms + offset).toISOString().slice(0, 19);
  const minutes = Math.round(Math.abs(offset) / 60_000);
  const sign = offset < 0 ? "-" : "+";
  return `${local}${sign}${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

export const weekDays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
export type WeekDay = (typeof weekDays)[number];

/** The day of the week of a calendar date. */
export const weekdayOf = (date: string): WeekDay => weekDays[new Date(`${date}T00:00:00Z`).getUTCDay()]!;
