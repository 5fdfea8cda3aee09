import { bindI18n } from "@tandem/ui";
import { en, type MessageKey } from "./en";
import { fr } from "./fr";

/** The task pane's words and formats for one person: their language and their time zone. */
export const { createI18n, useI18n, useT } = bindI18n<MessageKey>({ en, fr });
