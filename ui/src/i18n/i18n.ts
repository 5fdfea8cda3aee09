import { formatDate, formatDateRange } from "@tandem/core/words";

/** Locale plumbing shared by the tab and the add-in; each keeps its own catalogs and message keys. */
export type Locale = "en" | "fr";
export type Vars = Record<string, string | number>;

/** Teams and Outlook give "fr-fr", "fr-CA", "en-GB"...: anything French reads French, everything else English. */
export const localeOf = (tag: string | null | undefined): Locale => (tag?.toLowerCase().startsWith("fr") ? "fr" : "en");

/**
 * A feature's messages: English is the source, French must have exactly the same keys.
 * `defineMessages({ en: {...}, fr: {...} })` fails to compile when a key is missing on either side.
 */
export function defineMessages<const E extends Record<string, string>>(m: { en: E; fr: { [K in keyof E]: string } }) {
  return m;
}

/** `t(key, vars)`: `{name}` placeholders, and `key_one` / `key_other` variants chosen by `vars.count`. */
export function createTranslator<K extends string>(catalog: Record<K, string>, fallback: Record<K, string>, tag: string) {
  let plural: Intl.PluralRules | undefined;
  return (key: K, vars: Vars = {}): string => {
    const pluralKey =
      typeof vars.count === "number" ? (`${key}_${(plural ??= new Intl.PluralRules(tag)).select(vars.count)}` as K) : undefined;
    const template = (pluralKey && catalog[pluralKey]) ?? catalog[key] ?? fallback[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
  };
}

export interface Formatters {
  /** "Tuesday 2 December 2025 at 15:00", in the person's time zone ("1er" for the first of a month in French). */
  dateTime(iso: string): string;
  /** A calendar date (YYYY-MM-DD), as is: "2 Dec 2025". */
  date(isoDate: string): string;
  /** "15:00" */
  time(iso: string): string;
  /** "in 3 days", "yesterday" */
  relativeDays(iso: string): string;
  /** "Tuesday 2 December", "mardi 2 décembre": inside a sentence. */
  day(iso: string): string;
  /** The same, capitalised to start a line: "Mardi 2 décembre". */
  dayTitle(iso: string): string;
  /** "15:00–15:45" */
  timeRange(start: string, end: string): string;
  /** "09:00", in the given zone; "Mon 09:00" when that is another day than in mine. */
  timeIn(iso: string, timeZone: string): string;
  /** "Toronto", for "America/Toronto": where a member's clock is. */
  place(timeZone: string): string;
}

/**
 * Dates and times with Intl, in the person's locale and time zone. Each Intl formatter is built the first time
 * it is used and kept: building one costs milliseconds (locale data), and most screens need few of them.
 */
export function createFormatters(tag: string, timeZone: string): Formatters {
  const cache = new Map<string, Intl.DateTimeFormat>();
  const fmt = (locale: string, options: Intl.DateTimeFormatOptions) => {
    const key = `${locale}|${JSON.stringify(options)}`;
    let f = cache.get(key);
    if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, options)));
    return f;
  };
  let rel: Intl.RelativeTimeFormat | undefined;
  const dt = () => fmt(tag, { dateStyle: "full", timeStyle: "short", timeZone });
  const dy = () => fmt(tag, { weekday: "long", day: "numeric", month: "long", timeZone });
  const tm = (tz = timeZone) => fmt(tag, { timeStyle: "short", timeZone: tz });
  const dayKey = (iso: string, tz: string) =>
    fmt("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
  const on = (f: Intl.DateTimeFormat, iso: string) => formatDate(f, new Date(iso));
  return {
    dateTime: (iso) => on(dt(), iso),
    date: (isoDate) => on(fmt(tag, { dateStyle: "medium", timeZone: "UTC" }), `${isoDate.slice(0, 10)}T00:00:00Z`),
    time: (iso) => tm().format(new Date(iso)),
    relativeDays: (iso) =>
      (rel ??= new Intl.RelativeTimeFormat(tag, { numeric: "auto" })).format(Math.round((Date.parse(iso) - Date.now()) / 86_400_000), "day"),
    day: (iso) => on(dy(), iso),
    dayTitle: (iso) => {
      const text = on(dy(), iso);
      return text.charAt(0).toLocaleUpperCase(tag) + text.slice(1);
    },
    timeRange: (start, end) => formatDateRange(tm(), new Date(start), new Date(end)),
    timeIn: (iso, tz) => {
      const time = tm(tz).format(new Date(iso));
      if (dayKey(iso, tz) === dayKey(iso, timeZone)) return time;
      return `${fmt(tag, { weekday: "short", timeZone: tz }).format(new Date(iso))} ${time}`;
    },
    place: (tz) => (tz.split("/").pop() ?? tz).replaceAll("_", " "),
  };
}
