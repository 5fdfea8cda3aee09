/**
 * Dates and numbers as a French or English reader expects them, where Intl alone falls short: Intl writes
 * "1 novembre" where French writes "1er novembre", and (depending on the ICU it ships) a plain no-break space
 * before "%" where French typography wants a narrow one. Pure, no zod: the tab's first screen, the add-in and the
 * api's invitations all use it (`@tandem/core/words`).
 */

const NARROW_NBSP = "\u202f";

const isFrench = (f: Intl.DateTimeFormat | Intl.NumberFormat) => f.resolvedOptions().locale.toLowerCase().startsWith("fr");

/**
 * `format.format(date)`, with "1er" for the first of a month in French when the month is written as a word
 * ("dimanche 1er novembre", "1er janv. 2027"), never when it is a number ("01/11/2026").
 */
export function formatDate(format: Intl.DateTimeFormat, date: Date): string {
  if (!isFrench(format)) return format.format(date);
  const parts = format.formatToParts(date);
  const wordMonth = parts.some((p) => p.type === "month" && /\p{L}/u.test(p.value));
  return parts.map((p) => (wordMonth && p.type === "day" && /^0?1$/.test(p.value) ? "1er" : p.value)).join("");
}

/** `format.formatRange(a, b)` with the same "1er" rule: "du 1er au 3 déc.". */
export function formatDateRange(format: Intl.DateTimeFormat, a: Date, b: Date): string {
  if (!isFrench(format)) return format.formatRange(a, b);
  const parts = format.formatRangeToParts(a, b);
  const wordMonth = parts.some((p) => p.type === "month" && /\p{L}/u.test(p.value));
  return parts.map((p) => (wordMonth && p.type === "day" && /^0?1$/.test(p.value) ? "1er" : p.value)).join("");
}

/** A calendar date (YYYY-MM-DD) as words, whatever the zone: "1er décembre 2026", "1 December 2026". */
export function calendarDate(isoDate: string, tag: string, options: Intl.DateTimeFormatOptions = { dateStyle: "long" }): string {
  return formatDate(new Intl.DateTimeFormat(tag, { ...options, timeZone: "UTC" }), new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

/** French typography on text Intl wrote: a narrow no-break space before ":", ";", "?", "!" and "%". */
export const frenchSpacing = (text: string) => text.replace(/[ \u00a0]([:;?!%])/g, `${NARROW_NBSP}$1`);

/** A share (0.35) as a percentage: "35 %" in French (narrow no-break space), "35%" in English. */
export function formatPercent(share: number, tag: string, maximumFractionDigits = 0): string {
  const f = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits });
  return isFrench(f) ? frenchSpacing(f.format(share)) : f.format(share);
}
