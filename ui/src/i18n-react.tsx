import { createContext, useContext, useMemo, type ReactNode } from "react";
import { createFormatters, createTranslator, localeOf, type Formatters, type Locale, type Vars } from "./i18n";

/** An app's words and formats for one person: their language and their time zone. */
export interface I18n<K extends string> extends Formatters {
  locale: Locale;
  /** The BCP 47 tag for Intl (keeps the region the host gave, e.g. fr-CA). */
  tag: string;
  /** The signed-in person's time zone: every time is shown in it unless another zone is named. */
  timeZone: string;
  t(key: K, vars?: Vars): string;
}

/**
 * The React side of an app's i18n, bound to its catalogs (English is the source and the fallback): each app
 * (the tab, the add-in) calls this once and exports what it returns.
 */
export function bindI18n<K extends string>(catalogs: Record<Locale, Record<K, string>>) {
  function createI18n(tag: string, timeZone: string): I18n<K> {
    const locale = localeOf(tag);
    return { locale, tag, timeZone, t: createTranslator(catalogs[locale], catalogs.en, tag), ...createFormatters(tag, timeZone) };
  }
  const I18nContext = createContext<I18n<K>>(createI18n("en", "UTC"));
  function I18nProvider({ value, children }: { value: I18n<K>; children: ReactNode }) {
    return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
  }
  const useI18n = () => useContext(I18nContext);
  /** Shorthand for components that only translate. */
  function useT() {
    const i18n = useI18n();
    return useMemo(() => i18n.t, [i18n]);
  }
  return { createI18n, I18nProvider, useI18n, useT };
}
