import { lazy, type ComponentType } from "react";
import { bindI18n, type Locale } from "@tandem/ui";
import { en, type MessageKey } from "./en";
import { fr } from "./fr";

/**
 * The catalogs start with the first screen's strings; `moreMessages()` adds the other views' in place, so every
 * translator already made reads them too.
 */
const catalogs = { en: { ...en }, fr: { ...fr } } as Record<Locale, Record<MessageKey, string>>;

let more: Promise<void> | undefined;

/** Loads the strings of the views beyond the first screen, once. */
export function moreMessages(): Promise<void> {
  return (more ??= import("./more").then(
    (m) => {
      Object.assign(catalogs.en, m.more.en);
      Object.assign(catalogs.fr, m.more.fr);
    },
    (e: unknown) => {
      more = undefined; // a dropped connection: the next view tries again
      throw e;
    },
  ));
}

/**
 * `React.lazy` for the tab's views, dialogs and panels beyond the first screen: the component's code and its
 * strings load together, so nothing renders before its words are there.
 */
// `any`: the same bound as React.lazy's own.
export function lazyView<T extends ComponentType<any>>(load: () => Promise<{ default: T }>) {
  return lazy(() => Promise.all([load(), moreMessages()]).then(([m]) => m));
}

/** The tab's words and formats for one person: their language and their time zone. */
export const { createI18n, useI18n, useT } = bindI18n<MessageKey>(catalogs);
