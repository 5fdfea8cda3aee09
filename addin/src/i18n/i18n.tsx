import { createContext, useContext, useMemo, type ReactNode } from "react";
import { createFormatters, createTranslator, localeOf, type Formatters, type Locale, type Vars } from "@tandem/ui";
import { en, type MessageKey } from "./en";
import { fr } from "./fr";

export { localeOf, type Locale, type Vars };

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, fr };

/** The task pane's words and formats for one person: their language and their time zone. */
export interface I18n extends Formatters {
  locale: Locale;
  /** The BCP 47 tag for Intl (keeps the region the host gave, e.g. fr-CA). */
  tag: string;
  /** The signed-in person's time zone: every time is shown in it unless another zone is named. */
  timeZone: string;
  t(key: MessageKey, vars?: Vars): string;
}

export function createI18n(tag: string, timeZone: string): I18n {
  const locale = localeOf(tag);
  return { locale, tag, timeZone, t: createTranslator(catalogs[locale], en, tag), ...createFormatters(tag, timeZone) };
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
