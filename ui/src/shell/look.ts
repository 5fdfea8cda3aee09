import type { Settling } from "../api/settling";
import { localeOf } from "../i18n/i18n";
import { askedLook } from "../local/page";
import type { Started } from "./boot";
import type { HostSession } from "./host";

/**
 * The theme and the language tag a page starts with: the host's when it has already answered, otherwise what a
 * local page's address asks for, otherwise the host's light theme and the browser's language. `?lang=en` in an
 * en-GB browser keeps British dates and times.
 */
export function initialLook<T extends string, H extends HostSession<T>>(
  started: Settling<Started<H, unknown>>,
  themes: readonly [T, ...T[]],
): { theme: T; tag: string } {
  const host = started.value?.state === "signed-in" ? started.value.host : null;
  const asked = __TANDEM_LOCAL__ ? askedLook(themes) : null;
  return { theme: host?.theme ?? asked?.theme ?? themes[0], tag: host?.locale ?? tagFor(asked?.lang ?? null) };
}

/** The browser's own tag when it speaks the language chosen (keeping its region), the bare language otherwise. */
export function tagFor(lang: string | null): string {
  const browser = navigator.language || "en";
  return lang && localeOf(browser) !== lang ? lang : browser;
}
