import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/** Debian's Chromium; no test tool downloads a browser here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Debian's Chromium, headless. `localOnly` makes it resolve no name but this machine's, so nothing can leave it,
 * without intercepting requests: the benchmarks use it, because `context.route` sends every request of the page
 * through this Node process (the one running the api), which slows most the pages that make the most requests.
 */
export async function launchChromium(options: { localOnly?: boolean; args?: string[] } = {}): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      ...(options.localOnly ? ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"] : []),
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      ...(options.args ?? []),
    ],
  });
  if (options.localOnly) localOnly.add(browser);
  return browser;
}

const localOnly = new WeakSet<Browser>();

/**
 * A browser context that reaches this machine only, so no test depends on, or leaks to, the internet: anything
 * else (the teams-js domain list on a CDN, for instance) is answered locally, or, in a browser launched
 * local-only, cannot be resolved at all.
 */
export async function localContext(
  browser: Browser,
  options: { width?: number; height?: number; locale?: string; timezoneId?: string; colorScheme?: "light" | "dark" } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1200, height: options.height ?? 900 },
    locale: options.locale ?? "en-GB",
    timezoneId: options.timezoneId ?? "Europe/Paris",
    colorScheme: options.colorScheme ?? "light",
  });
  // A browser launched local-only cannot reach beyond this machine already.
  if (localOnly.has(browser)) return context;
  await context.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, (route) => {
    const url = route.request().url();
    if (url.includes("validDomains")) return route.fulfill({ status: 200, contentType: "application/json", body: '{"validOrigins":[]}' });
    return route.fulfill({ status: 404, body: "" });
  });
  return context;
}

/** Collects console errors and failed requests of a page, to assert a clean run. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Parts of a page to look at: each a selector (its first match) and the computed CSS properties to read. */
export type LookParts = Record<string, [selector: string, properties: string[]]>;
type Look = Record<string, string>;

/**
 * Notes how the parts look at the moment `selector` first enters the document of any page of the context: before
 * the browser paints it, since a MutationObserver runs before the next frame. `firstAndSettledLook` reads them
 * again once the page has settled: a page whose styles, or theme, arrive after its first render looks different
 * in the two (an unstyled frame, a flash of another theme).
 */
export async function noteFirstLook(context: BrowserContext, selector: string, parts: LookParts) {
  await context.addInitScript(
    ({ selector, parts }: { selector: string; parts: LookParts }) => {
      const w = window as unknown as { look(): Record<string, string>; firstLook?: Record<string, string> };
      w.look = () =>
        Object.fromEntries(
          Object.entries(parts).map(([name, [sel, properties]]) => {
            const element = document.querySelector(sel);
            if (!element) return [name, "missing"];
            const style = getComputedStyle(element);
            return [name, properties.map((p) => `${p}:${style.getPropertyValue(p)}`).join(";")];
          }),
        );
      const observer = new MutationObserver(() => {
        if (!document.querySelector(selector)) return;
        observer.disconnect();
        w.firstLook = w.look();
      });
      observer.observe(document, { childList: true, subtree: true });
    },
    { selector, parts },
  );
}

/** The look `noteFirstLook` noted, and the same parts once the page's requests have settled. */
export async function firstAndSettledLook(page: Page): Promise<{ first: Look; settled: Look }> {
  await page.waitForLoadState("networkidle");
  return page.evaluate(() => {
    const w = window as unknown as { look(): Record<string, string>; firstLook?: Record<string, string> };
    return { first: w.firstLook ?? {}, settled: w.look() };
  });
}

/** The sum of the red, green and blue of a `background-color:rgb(...)` in a look: under 3 x 96 reads as dark. */
export function backgroundBrightness(look: string): number {
  const rgb = look.match(/background-color:rgba?\((\d+), (\d+), (\d+)/);
  if (!rgb) throw new Error(`no background colour in ${look}`);
  return rgb.slice(1, 4).reduce((sum, c) => sum + Number(c), 0);
}
