import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { afterAll, beforeAll, inject } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startTestApi, type TestApi } from "./test-api";
import { launchChromium, localContext, watchErrors } from "./browser";

/** Where the browser tests write the screenshots the README shows. */
export const shots = resolve(import.meta.dirname, "../../docs/screenshots");

export interface TabLook {
  /** `?lang=`, and the browser's locale that goes with it (fr-FR, en-GB). English by default. */
  lang?: "en" | "fr";
  /** `?theme=` (a Teams theme); the context prefers a dark scheme for "dark". Not in the address when not given. */
  theme?: string;
  width?: number;
  height?: number;
  /** More of the address's query, as `&name=value`. */
  extra?: string;
}

/** A page of a browser test, with the errors it logged. */
export interface Opened {
  page: Page;
  errors: string[];
}

/**
 * What every browser test file starts with: the real api (Azurite, the Graph simulator's directory, the demo
 * organisation) on a port of its own, Chromium, the pages' host; and the tab opened as a persona, on a view, in a
 * language and a theme, the way a person would open it outside Teams (local mode).
 */
export interface BrowserHarness {
  readonly api: TestApi;
  readonly browser: Browser;
  /** The pages' host (web-global-setup.ts). */
  readonly web: string;
  /** A demo persona's id by their display name. */
  named(displayName: string): string;
  /** The tab's address as `persona` on `view`. */
  tabUrl(persona: string | null, view?: string, look?: TabLook): string;
  /** A fresh context (locale, colour scheme and size of the look), local-only (browser.ts). */
  context(look?: TabLook): Promise<BrowserContext>;
  /** The tab as `persona` on `view`, in a fresh context; close it with `page.context().close()`. */
  open(persona: string, view?: string, look?: TabLook): Promise<Opened>;
  /** A full-page screenshot into docs/screenshots/. */
  shot(page: Page, name: string): Promise<void>;
}

/**
 * Starts the api and Chromium before the file's tests (`beforeAll`) and stops them after (`afterAll`). The
 * properties are there from the first test on.
 */
export function browserHarness(options: Parameters<typeof startTestApi>[0] = {}): BrowserHarness {
  const web = inject("webUrl");
  let api: TestApi | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [api, browser] = await Promise.all([startTestApi({ corsOrigins: [web], ...options }), launchChromium(), mkdir(shots, { recursive: true })]);
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not started yet: use it inside a test or a hook`);
    return value;
  };
  const harness: BrowserHarness = {
    get api() {
      return started(api, "the api");
    },
    get browser() {
      return started(browser, "Chromium");
    },
    web,
    named: (displayName) => {
      const person = harness.api.org.people.find((p) => p.displayName === displayName);
      if (!person) throw new Error(`nobody called ${displayName} in the demo organisation`);
      return person.id;
    },
    tabUrl: (persona, view, look = {}) =>
      `${web}/tab.html?api=${encodeURIComponent(harness.api.url)}${persona === null ? "" : `&persona=${persona}`}&lang=${look.lang ?? "en"}` +
      `${look.theme ? `&theme=${look.theme}` : ""}${look.extra ?? ""}${view === undefined ? "" : `#/${view}`}`,
    context: (look = {}) =>
      localContext(harness.browser, {
        width: look.width ?? 1200,
        height: look.height ?? 900,
        locale: look.lang === "fr" ? "fr-FR" : "en-GB",
        colorScheme: look.theme === "dark" ? "dark" : "light",
      }),
    async open(persona, view = "home", look = {}) {
      const context = await harness.context(look);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(harness.tabUrl(persona, view, look));
      return { page, errors };
    },
    shot: async (page, name) => {
      await still(page); // a dialog caught fading in is not what a person sees
      await page.screenshot({ path: resolve(shots, name), fullPage: true });
    },
  };
  return harness;
}

/** Nothing loading any more: the page's requests settled and no part of it busy (`aria-busy`). */
export async function notBusy(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
}

/**
 * Until nothing on the page moves any more (a placeholder fading out, a panel opening): the view a person sees
 * once it stops, rather than a fixed wait. Endless motions (a spinner) do not count; two frames first, so that a
 * motion a render has just asked for has started.
 */
export async function still(page: Page) {
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== "running" || a.effect?.getComputedTiming().iterations === Infinity),
  );
}

/** A view's level-2 heading shown, then nothing loading: its figures, not a placeholder. */
export async function settled(page: Page, heading: string | RegExp) {
  await page.getByRole("heading", { level: 2, name: heading }).first().waitFor({ timeout: 20_000 });
  await notBusy(page);
}

/**
 * What sticks out of the page sideways (nothing, when nothing scrolls sideways), by tag, class, width and text.
 * `outside` names what may stick out (a table in a box that scrolls on its own); `startsOnly` keeps only where it
 * starts: an element sticking out of a parent that does not.
 */
export function overflows(page: Page, o: { outside?: string; startsOnly?: boolean } = {}): Promise<string[]> {
  return page.evaluate(({ outside, startsOnly }) => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const out = (e: Element | null | undefined) => (e?.getBoundingClientRect().right ?? 0) > width + 1;
    return [...document.querySelectorAll("body *")]
      .filter((e) => out(e) && !(outside && e.closest(outside)) && !(startsOnly && out(e.parentElement)))
      .map((e) => `${e.tagName}.${String(e.className).split(" ")[0]} ${Math.round(e.getBoundingClientRect().width)} px: ${e.textContent?.slice(0, 40)}`)
      .slice(0, 10);
  }, { outside: o.outside ?? null, startsOnly: o.startsOnly ?? false });
}
