import { lazy, type ComponentType } from "react";
import { bindI18n, type Locale } from "@tandem/ui";
import { en, type MessageKey } from "./en";
import { fr } from "./fr";

/**
 * The catalogs start with the first screen's strings; `moreMessages()` and `reportMessages()` add the other views'
 * in place, so every translator already made reads them too.
 */
const catalogs = { en: { ...en }, fr: { ...fr } } as Record<Locale, Record<MessageKey, string>>;

type Catalogs = { en: Record<string, string>; fr: Record<string, string> };

/** A chunk of strings added to the catalogs in place, once. */
export function messagesChunk(load: () => Promise<Catalogs>): () => Promise<void> {
  let loading: Promise<void> | undefined;
  return () =>
    (loading ??= load().then(
      (m) => {
        Object.assign(catalogs.en, m.en);
        Object.assign(catalogs.fr, m.fr);
      },
      (e: unknown) => {
        loading = undefined; // a dropped connection: the next view tries again
        throw e;
      },
    ));
}

/** Loads the strings of the views beyond the first screen, once. */
export const moreMessages = messagesChunk(() => import("./more").then((m) => m.more));

/**
 * The reports' strings (the manager's team, the coordinator's area): a chunk of their own, loaded with those views
 * only, so that the participants' views do not carry them.
 */
export const reportMessages = messagesChunk(() => import("./reports").then((m) => m.reports));

/**
 * `React.lazy` for the tab's views, dialogs and panels beyond the first screen: the component's code and its
 * strings load together, so nothing renders before its words are there. `strings`: chunks of strings beyond the
 * views' common one (`reportMessages`).
 */
// `any`: the same bound as React.lazy's own.
export function lazyView<T extends ComponentType<any>>(load: () => Promise<{ default: T }>, ...strings: (() => Promise<void>)[]) {
  return lazy(() => Promise.all([load(), moreMessages(), ...strings.map((s) => s())]).then(([m]) => m));
}

/** The tab's words and formats for one person: their language and their time zone. */
export const { createI18n, useI18n, useT } = bindI18n<MessageKey>(catalogs);
