import type {
  DayOfWeek,
  PatternedRecurrence,
  RecurrencePattern,
  RecurrencePatternType,
  RecurrenceRange,
  RecurrenceRangeType,
  WeekIndex,
} from "@microsoft/microsoft-graph-types";
import { badRequest } from "../errors";
import { WEEK_DAYS, addDays, daysBetween, formatLocal, ianaZone, localDate, weekdayOf, windowsZone, zonedTimeToUtc } from "../time";

const PATTERN_TYPES: RecurrencePatternType[] = ["daily", "weekly", "absoluteMonthly", "relativeMonthly", "absoluteYearly", "relativeYearly"];
const RANGE_TYPES: RecurrenceRangeType[] = ["endDate", "noEnd", "numbered"];
const INDEXES: WeekIndex[] = ["first", "second", "third", "fourth", "last"];

function oneOf<T extends string>(value: unknown, allowed: readonly T[], what: string): T {
  const found = typeof value === "string" ? allowed.find((a) => a.toLowerCase() === value.toLowerCase()) : undefined;
  if (!found) throw badRequest(`${what} must be one of ${allowed.join(", ")}; got '${String(value)}'.`);
  return found;
}

const isDate = (v: unknown): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/**
 * Reads a patternedRecurrence as Graph takes it (enum values in any case: the documentation's own example sends
 * "Monday") and answers it as Graph shows it, with every property present.
 */
export function normalizeRecurrence(input: unknown, startDate: string): PatternedRecurrence {
  if (!input || typeof input !== "object") throw badRequest("recurrence must be a patternedRecurrence object.");
  const { pattern: p, range: r } = input as PatternedRecurrence;
  if (!p || !r) throw badRequest("recurrence needs a pattern and a range.");
  const type = oneOf(p.type, PATTERN_TYPES, "recurrence.pattern.type");
  const interval = p.interval ?? 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > 99) throw badRequest("recurrence.pattern.interval must be an integer from 1 to 99.");
  const daysOfWeek = (p.daysOfWeek ?? []).map((d) => oneOf(d, WEEK_DAYS, "recurrence.pattern.daysOfWeek"));
  if ((type === "weekly" || type.startsWith("relative")) && daysOfWeek.length === 0) {
    throw badRequest(`recurrence.pattern.daysOfWeek is required for a ${type} pattern.`);
  }
  const dayOfMonth = p.dayOfMonth ?? 0;
  if (type.startsWith("absolute") && (!Number.isInteger(dayOfMonth) || dayOfMonth < 1 || dayOfMonth > 31)) {
    throw badRequest(`recurrence.pattern.dayOfMonth (1 to 31) is required for a ${type} pattern.`);
  }
  const month = p.month ?? 0;
  if (type.endsWith("Yearly") && (!Number.isInteger(month) || month < 1 || month > 12)) {
    throw badRequest(`recurrence.pattern.month (1 to 12) is required for a ${type} pattern.`);
  }
  const pattern: RecurrencePattern = {
    type,
    interval,
    month: type.endsWith("Yearly") ? month : 0,
    dayOfMonth: type.startsWith("absolute") ? dayOfMonth : 0,
    daysOfWeek: type === "daily" || type.startsWith("absolute") ? [] : daysOfWeek,
    firstDayOfWeek: p.firstDayOfWeek ? oneOf(p.firstDayOfWeek, WEEK_DAYS, "recurrence.pattern.firstDayOfWeek") : "sunday",
    index: p.index ? oneOf(p.index, INDEXES, "recurrence.pattern.index") : "first",
  };
  const rangeType = oneOf(r.type, RANGE_TYPES, "recurrence.range.type");
  const start = r.startDate ?? startDate;
  if (!isDate(start)) throw badRequest("recurrence.range.startDate must be a date (YYYY-MM-DD).");
  if (rangeType === "endDate" && (!isDate(r.endDate) || r.endDate < start)) {
    throw badRequest("recurrence.range.endDate must be a date on or after startDate for an endDate range.");
  }
  const count = r.numberOfOccurrences ?? 0;
  if (rangeType === "numbered" && (!Number.isInteger(count) || count < 1 || count > 999)) {
    throw badRequest("recurrence.range.numberOfOccurrences must be from 1 to 999 for a numbered range.");
  }
  if (r.recurrenceTimeZone) ianaZone(r.recurrenceTimeZone);
  const range: RecurrenceRange = {
    type: rangeType,
    startDate: start,
    endDate: rangeType === "endDate" ? r.endDate! : "0001-01-01",
    // Kept, and answered, under its Windows name, as every zone Outlook keeps.
    recurrenceTimeZone: r.recurrenceTimeZone ? windowsZone(r.recurrenceTimeZone) : "",
    numberOfOccurrences: rangeType === "numbered" ? count : 0,
  };
  return { pattern, range };
}

export interface SeriesShape {
  recurrence: PatternedRecurrence;
  /** The master's start and end instants. */
  start: number;
  end: number;
  startTimeZone: string;
  isAllDay: boolean;
}

/** Local dates of a series, in order, from its start date (infinite for noEnd: the caller stops). */
function* candidateDates(p: RecurrencePattern, startDate: string, skipToDate?: string): Generator<string> {
  const interval = p.interval ?? 1;
  const [y0, m0] = startDate.split("-").map(Number) as [number, number];
  switch (p.type) {
    case "daily": {
      let k = 0;
      if (skipToDate) k = Math.max(0, Math.floor(daysBetween(startDate, skipToDate) / interval) - 1);
      for (; ; k++) yield addDays(startDate, k * interval);
    }
    case "weekly": {
      const first = WEEK_DAYS.indexOf(p.firstDayOfWeek ?? "sunday");
      const weekStart = addDays(startDate, -((weekdayOf(startDate) - first + 7) % 7));
      const offsets = (p.daysOfWeek ?? []).map((d) => (WEEK_DAYS.indexOf(d) - first + 7) % 7).sort((a, b) => a - b);
      let week = 0;
      if (skipToDate) week = Math.max(0, (Math.floor(daysBetween(weekStart, skipToDate) / 7 / interval) - 1) * interval);
      for (; ; week += interval) {
        for (const o of offsets) {
          const d = addDays(weekStart, week * 7 + o);
          if (d >= startDate) yield d;
        }
      }
    }
    case "absoluteMonthly":
    case "relativeMonthly":
    case "absoluteYearly":
    case "relativeYearly": {
      const yearly = p.type.endsWith("Yearly");
      for (let k = 0; ; k++) {
        const monthIndex = yearly ? (y0 + k * interval) * 12 + (p.month! - 1) : y0 * 12 + (m0 - 1) + k * interval;
        const year = Math.floor(monthIndex / 12);
        const month = (monthIndex % 12) + 1;
        const d = p.type.startsWith("absolute") ? absoluteDay(year, month, p.dayOfMonth!) : relativeDay(year, month, p);
        if (d && d >= startDate) yield d;
      }
    }
    default:
      return;
  }
}

const ymd = (y: number, m: number, d: number) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function absoluteDay(y: number, m: number, day: number): string | undefined {
  return day <= daysInMonth(y, m) ? ymd(y, m, day) : undefined;
}

/** "The second Tuesday", "the last weekday": the index-th day of the month that is one of daysOfWeek. */
function relativeDay(y: number, m: number, p: RecurrencePattern): string | undefined {
  const wanted = new Set((p.daysOfWeek ?? []).map((d) => WEEK_DAYS.indexOf(d as DayOfWeek)));
  const matches: string[] = [];
  for (let d = 1; d <= daysInMonth(y, m); d++) {
    const date = ymd(y, m, d);
    if (wanted.has(weekdayOf(date))) matches.push(date);
  }
  const index = p.index ?? "first";
  return index === "last" ? matches.at(-1) : matches[INDEXES.indexOf(index)];
}

const MAX_STEPS = 20_000;

/**
 * The original starts (instants) of the occurrences of a series that begin before `to` and end after `from`,
 * computed in the series' time zone so that a 10:00 meeting stays at 10:00 across daylight saving changes.
 */
export function originalStarts(series: SeriesShape, from: number, to: number): number[] {
  const { pattern, range } = series.recurrence;
  if (!pattern || !range) return [];
  const zone = ianaZone(range.recurrenceTimeZone || series.startTimeZone);
  const local = formatLocal(series.start, zone);
  const time = local.slice(11, 16);
  const seconds = Number(local.slice(17, 19)) * 1000;
  const duration = series.end - series.start;
  const startDate = range.startDate ?? localDate(series.start, zone);
  const endDate = range.type === "endDate" ? range.endDate! : undefined;
  const count = range.type === "numbered" ? (range.numberOfOccurrences ?? 0) : Infinity;
  // Without a count to keep, whole periods before the window can be skipped.
  const skipTo = count === Infinity ? localDate(from - duration, zone) : undefined;

  const out: number[] = [];
  let n = 0;
  let steps = 0;
  for (const date of candidateDates(pattern, startDate, skipTo)) {
    if (++steps > MAX_STEPS) break;
    if (endDate && date > endDate) break;
    if (++n > count) break;
    const start = zonedTimeToUtc(date, time, zone).getTime() + seconds;
    if (start >= to) break;
    if (start + duration > from) out.push(start);
  }
  return out;
}

/** The end of an occurrence that starts at `start`: all-day occurrences span whole local days. */
export function occurrenceEnd(series: SeriesShape, start: number): number {
  if (!series.isAllDay) return start + (series.end - series.start);
  const zone = ianaZone(series.startTimeZone);
  const days = Math.round((series.end - series.start) / 86_400_000);
  return zonedTimeToUtc(addDays(localDate(start, zone), days), "00:00", zone).getTime();
}

/** `2026-12-01T14:00:00.000Z` to `20261201T140000Z`, the occurrence part of an occurrence id. */
export const compactInstant = (iso: string) => iso.replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");

export function expandCompactInstant(text: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z` : undefined;
}
