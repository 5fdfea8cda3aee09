import { createContext, useContext, useMemo, type ReactNode } from "react";
import { en, type MessageKey } from "./en";
import { fr } from "./fr";

export type Locale = "en" | "fr";
const catalogs: Record<Locale, Record<MessageKey, string>> = { en, fr };

/** Outlook gives "fr-FR", "fr-CA", "en-GB"...: anything French reads French, everything else English. */
export const localeOf = (tag: string | null | undefined): Locale => (tag?.toLowerCase().startsWith("fr") ? "fr" : "en");

export type Vars = Record<string, string | number>;

export interface I18n {
  locale: Locale;
  /** The BCP 47 tag for Intl (keeps the region Outlook gave, e.g. fr-CA). */
  tag: string;
  /** The signed-in person's time zone: every time is shown in it unless another zone is named. */
  timeZone: string;
  t(key: MessageKey, vars?: Vars): string;
  /** "Tuesday 2 December 2025 at 15:00" */
  dateTime(iso: string): string;
  /** "Tuesday 2 December", "mardi 2 décembre": inside a sentence. */
  day(iso: string): string;
  /** The same, capitalised to start a line: "Mardi 2 décembre". */
  dayTitle(iso: string): string;
  /** A calendar date (YYYY-MM-DD), as is: "2 Dec 2025" */
  date(isoDate: string): string;
  /** "15:00–15:45" */
  timeRange(start: string, end: string): string;
  /** "09:00", in the given zone; "Mon 09:00" when that is another day than in mine. */
  timeIn(iso: string, timeZone: string): string;
  /** "Toronto", for "America/Toronto": where a member's clock is. */
  place(timeZone: string): string;
}

export function createI18n(tag: string, timeZone: string): I18n {
  const locale = localeOf(tag);
  const catalog = catalogs[locale];
  const plural = new Intl.PluralRules(tag);
  const dt = new Intl.DateTimeFormat(tag, { dateStyle: "full", timeStyle: "short", timeZone });
  const dy = new Intl.DateTimeFormat(tag, { weekday: "long", day: "numeric", month: "long", timeZone });
  const d = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: "UTC" });
  const tm = new Intl.DateTimeFormat(tag, { timeStyle: "short", timeZone });
  const dayKey = (iso: string, tz: string) =>
    new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(iso));
  const t = (key: MessageKey, vars: Vars = {}) => {
    const pluralKey = typeof vars.count === "number" ? (`${key}_${plural.select(vars.count)}` as MessageKey) : undefined;
    const template = (pluralKey && catalog[pluralKey]) ?? catalog[key] ?? en[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
  };
  return {
    locale,
    tag,
    timeZone,
    t,
    dateTime: (iso) => dt.format(new Date(iso)),
    day: (iso) => dy.format(new Date(iso)),
    dayTitle: (iso) => {
      const text = dy.format(new Date(iso));
      return text.charAt(0).toLocaleUpperCase(tag) + text.slice(1);
    },
    date: (isoDate) => d.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
    timeRange: (start, end) => tm.formatRange(new Date(start), new Date(end)),
    timeIn: (iso, tz) => {
      const time = new Intl.DateTimeFormat(tag, { timeStyle: "short", timeZone: tz }).format(new Date(iso));
      if (dayKey(iso, tz) === dayKey(iso, timeZone)) return time;
      return `${new Intl.DateTimeFormat(tag, { weekday: "short", timeZone: tz }).format(new Date(iso))} ${time}`;
    },
    place: (tz) => (tz.split("/").pop() ?? tz).replaceAll("_", " "),
  };
}

const I18nContext = createContext<I18n>(createI18n("en", "UTC"));

export function I18nProvider({ value, children }: { value: I18n; children: ReactNode }) {
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = () => useContext(I18nContext);

/** Shorthand for components that only translate. */
export function useT() {
  const i18n = useI18n();
  return useMemo(() => i18n.t, [i18n]);
}
