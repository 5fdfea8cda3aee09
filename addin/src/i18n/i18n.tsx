import { bindI18n, localeOf, type I18n as AppI18n, type Locale, type Vars } from "@tandem/ui";
import { en, type MessageKey } from "./en";
import { fr } from "./fr";

export { localeOf, type Locale, type Vars };

/** The task pane's words and formats for one person: their language and their time zone. */
export type I18n = AppI18n<MessageKey>;

export const { createI18n, I18nProvider, useI18n, useT } = bindI18n<MessageKey>({ en, fr });
