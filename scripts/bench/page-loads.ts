import { startWebHost } from "../lib/web";
import { freePort, startAzurite } from "../lib/azurite";
import { localApiSettings } from "../lib/local-settings";
import { loadConfig } from "../../api/src/config";
import { runApi } from "../../api/src/main";
import { seedDemo } from "../../api/src/features/dev/seed";
import { launchChromium, localContext } from "../../tests/support/browser";

/** A pause between loads (see timeTo). */
const SETTLE_MS = 300;

/** What a page says on its console when the awaited selector appears. */
const SEEN = "tandem-bench: seen";

/**
 * What the tab's benchmarks share: built pages served from folders, one api on Azurite with the demo
 * organisation (allowing those pages' origins), Debian's Chromium (resolving only this machine's names, with no
 * request interception to slow the pages), and the time from navigation until a selector is on screen, each load
 * in a fresh (cold) browser context.
 */
export async function pageLoads(dirs: string[]) {
  const azurite = await startAzurite();
  const hosts = await Promise.all(
    dirs.map(async (dir) => {
      const port = await freePort();
      return { server: await startWebHost({ port, dir }), origin: `http://localhost:${port}` };
    }),
  );
  const api = await runApi(
    loadConfig(localApiSettings(azurite.connectionString, "benchpages")),
    { corsOrigins: hosts.map((h) => h.origin) },
  );
  const org = api.app.demo!;
  await seedDemo(api.app, org);
  const mentee = org.tandems.find((t) => t.status === "active")!.menteeIds[0]!;
  const browser = await launchChromium({ localOnly: true });
  const signedInUrl = (origin: string, page: string) =>
    `${origin}/${page}?api=${encodeURIComponent(api.url)}&persona=${mentee}&lang=en`;

  /**
   * Milliseconds from navigation until `selector` is in the page. The page itself notes the moment and says so on
   * its console: nothing of the harness runs in the page while it loads. (`waitForSelector` evaluates
   * Playwright's 330 kB injected script on the page's main thread, 40 to 50 ms here, as soon as it is called: in
   * the middle of a page that renders after its requests, but after a page that renders as its script runs.)
   */
  const timeTo = async (url: string, selector: string) => {
    const context = await localContext(browser);
    const page = await context.newPage();
    await page.addInitScript(
      ({ sel, said }: { sel: string; said: string }) => {
        const w = window as unknown as { __seen?: number };
        const observer = new MutationObserver(() => {
          if (w.__seen !== undefined || !document.querySelector(sel)) return;
          w.__seen = performance.now();
          observer.disconnect();
          console.debug(said);
        });
        observer.observe(document, { childList: true, subtree: true });
      },
      { sel: selector, said: SEEN },
    );
    const seen = new Promise<void>((resolveSeen, reject) => {
      const timer = setTimeout(() => reject(new Error(`${selector} did not appear within 30 s at ${url}`)), 30_000);
      page.on("console", (message) => {
        if (message.text() !== SEEN) return;
        clearTimeout(timer);
        resolveSeen();
      });
    });
    await page.goto(url, { waitUntil: "commit" });
    await seen;
    const ms = await page.evaluate(() => (window as unknown as { __seen: number }).__seen);
    await context.close();
    // What the closed page left running (the api answering its last requests, the renderer exiting) settles
    // before the next load starts, so that no page's time carries the page before it.
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return ms;
  };

  return {
    origins: hosts.map((h) => h.origin),
    /** A page on one of the origins, told the api and signed in as a mentee with an active tandem. */
    signedInUrl,
    /** The tab's page, so. */
    tabUrl: (origin: string) => signedInUrl(origin, "tab.html"),
    /** What the tab's first screen is waiting for: a tandem's card. */
    firstTandem: '[aria-labelledby^="tandem-"]',
    timeTo,
    async close() {
      await browser.close();
      for (const h of hosts) h.server.close();
      await api.close();
      await azurite.stop();
    },
  };
}

export const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;

/**
 * How far the ratio of medians could move from this run's loads alone: the 2.5th and 97.5th percentiles of the
 * ratio over resamples of each page's loads (a percentile bootstrap, with a fixed seed so a run reads the same).
 */
export function ratioInterval(a: number[], b: number[], resamples = 2000): [number, number] {
  let seed = 1;
  // Park and Miller's generator: the product stays below 2^53, exact in a double.
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  const resample = (xs: number[]) => xs.map(() => xs[Math.floor(random() * xs.length)]!);
  const ratios = Array.from({ length: resamples }, () => median(resample(a)) / median(resample(b))).sort((x, y) => x - y);
  return [ratios[Math.floor(resamples * 0.025)]!, ratios[Math.floor(resamples * 0.975)]!];
}
