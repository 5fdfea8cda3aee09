import { createContext, useContext, useMemo, type ReactNode } from "react";
import { en, type MessageKey } from "./en";
import { fr } from "./fr";

export type Locale = "en" | "fr";
const catalogs: Record<Locale, Record<MessageKey, string>> = { en, fr };

/** Teams gives "fr-fr", "fr-ca", "en-gb"...: anything French reads French, everything else English. */
export const localeOf = (tag: string | null | undefined): Locale => (tag?.toLowerCase().startsWith("fr") ? "fr" : "en");

export type Vars = Record<string, string | number>;

export interface I18n {
  locale: Locale;
  /** The BCP 47 tag for Intl (keeps the region Teams gave, e.g. fr-CA). */
  tag: string;
  timeZone: string;
  t(key: MessageKey, vars?: Vars): string;
  dateTime(iso: string): string;
  date(isoDate: string): string;
  time(iso: string): string;
  relativeDays(iso: string): string;
}

export function createI18n(tag: string, timeZone: string): I18n {
  const locale = localeOf(tag);
  const catalog = catalogs[locale];
  const plural = new Intl.PluralRules(tag);
  const dt = new Intl.DateTimeFormat(tag, { dateStyle: "full", timeStyle: "short", timeZone });
  const d = new Intl.DateTimeFormat(tag, { dateStyle: "medium", timeZone: "UTC" });
  const tm = new Intl.DateTimeFormat(tag, { timeStyle: "short", timeZone });
  const rel = new Intl.RelativeTimeFormat(tag, { numeric: "auto" });
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
    date: (isoDate) => d.format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`)),
    time: (iso) => tm.format(new Date(iso)),
    relativeDays: (iso) => {
      const days = Math.round((Date.parse(iso) - Date.now()) / 86_400_000);
      return rel.format(days, "day");
    },
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
