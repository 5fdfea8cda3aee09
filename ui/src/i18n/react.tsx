import { createContext, useContext, useMemo, type ReactNode } from "react";
import { createFormatters, createTranslator, localeOf, type Formatters, type Locale, type Vars } from "./i18n";
import { sharedMessages, type ShellMessageKey } from "./messages";
import type { CheckInMessageKey } from "../check-in/messages";

/** An app's words and formats for one person: their language and their time zone. */
export interface I18n<K extends string> extends Formatters {
  locale: Locale;
  /** The BCP 47 tag for Intl (keeps the region the host gave, e.g. fr-CA). */
  tag: string;
  /** The signed-in person's time zone: every time is shown in it unless another zone is named. */
  timeZone: string;
  t(key: K, vars?: Vars): string;
}

/** What the shell's own components translate, so every app's catalogs hold it. */
export type UiMessageKey = ShellMessageKey | CheckInMessageKey;

/**
 * One context for whichever app the page runs, so that the shell's components (ErrorNotice, the check-in fields,
 * the local-mode bar) read the same words and formats as the app's views.
 */
const I18nContext = createContext<I18n<string>>({
  locale: "en",
  tag: "en",
  timeZone: "UTC",
  t: createTranslator<string>(sharedMessages.en, sharedMessages.en, "en"),
  ...createFormatters("en", "UTC"),
});

export function I18nProvider<K extends string>({ value, children }: { value: I18n<K>; children: ReactNode }) {
  return <I18nContext.Provider value={value as I18n<string>}>{children}</I18nContext.Provider>;
}

/** The shell's own view of the page's i18n: the keys every app's catalogs hold. */
export const useUiI18n = () => useContext(I18nContext) as I18n<UiMessageKey>;

/** For keys an app hands the shell (ErrorNotice's words for a call site), typed by the app where it names them. */
export const usePageI18n = () => useContext(I18nContext);

/**
 * An app's typed view of the page's i18n, bound to its catalogs (English is the source and the fallback): each app
 * (the tab, the add-in) calls this once and exports what it returns. The catalogs must hold the shell's words.
 */
export function bindI18n<K extends string>(catalogs: Record<Locale, Record<K | UiMessageKey, string>>) {
  function createI18n(tag: string, timeZone: string): I18n<K> {
    const locale = localeOf(tag);
    return { locale, tag, timeZone, t: createTranslator(catalogs[locale], catalogs.en, tag), ...createFormatters(tag, timeZone) };
  }
  const useI18n = () => useContext(I18nContext) as I18n<K>;
  /** Shorthand for components that only translate. */
  function useT() {
    const i18n = useI18n();
    return useMemo(() => i18n.t, [i18n]);
  }
  return { createI18n, useI18n, useT };
}
