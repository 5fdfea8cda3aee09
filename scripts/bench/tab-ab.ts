/**
 * A/B for the tab's first screen: two local builds loaded in turn, each load in a fresh (cold) Chromium context,
 * against the same api and Azurite; prints the median time from navigation to the first tandem of each.
 *
 *   node --import tsx scripts/bench/tab-ab.ts --build DIR    builds the working tree's tab (local mode) into DIR
 *   node --import tsx scripts/bench/tab-ab.ts DIR_A DIR_B    compares two such builds (BENCH_PAGE_RUNS, default 15)
 */
import { resolve } from "node:path";
import { buildWeb, repoRoot, startWebHost } from "../lib/web";
import { freePort, startAzurite } from "../lib/azurite";
import { loadConfig } from "../../api/src/config";
import { runApi } from "../../api/src/main";
import { seedDemo } from "../../api/src/features/dev/seed";
import { launchChromium, localContext } from "../../tests/support/browser";

const args = process.argv.slice(2);
if (args[0] === "--build" && args[1]) {
  await buildWeb({ local: true, apiUrl: "http://localhost:7071/api", outDir: resolve(args[1]), quiet: true, apps: ["tabs"] });
  process.exit(0);
}
if (args.length !== 2) {
  console.error("usage: tab-ab.ts --build DIR | tab-ab.ts DIR_A DIR_B");
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 15);
const azurite = await startAzurite();
const hosts = await Promise.all(
  args.map(async (dir) => {
    const port = await freePort();
    return { server: await startWebHost({ port, dir: resolve(dir) }), origin: `http://localhost:${port}` };
  }),
);
const api = await runApi(
  loadConfig({
    TANDEM_MODE: "local",
    PORT: "0",
    STORAGE_CONNECTION_STRING: azurite.connectionString,
    TABLE_PREFIX: "benchab",
    DEMO_ORGANISATION_FILE: resolve(repoRoot, "demo/organisation.json"),
  }),
  { corsOrigins: hosts.map((h) => h.origin) },
);
const org = api.app.demo!;
await seedDemo(api.app.repos, org);
const mentee = org.tandems.find((t) => t.status === "active")!.menteeIds[0]!;
const browser = await launchChromium();
const selector = '[aria-labelledby^="tandem-"]';

const firstTandem = async (origin: string) => {
  const context = await localContext(browser);
  const page = await context.newPage();
  await page.addInitScript((sel: string) => {
    const w = window as unknown as { __seen?: number };
    new MutationObserver(() => {
      if (w.__seen === undefined && document.querySelector(sel)) w.__seen = performance.now();
    }).observe(document, { childList: true, subtree: true });
  }, selector);
  await page.goto(`${origin}/tab.html?api=${encodeURIComponent(api.url)}&persona=${mentee}&lang=en`);
  await page.waitForSelector(selector);
  const ms = await page.evaluate(() => (window as unknown as { __seen: number }).__seen);
  await context.close();
  return ms;
};

const times: [number[], number[]] = [[], []];
try {
  for (let i = 0; i < RUNS + 2; i++) {
    // Alternate which goes first, so neither always loads on a machine the other just warmed.
    const order = i % 2 === 0 ? [0, 1] : [1, 0];
    for (const k of order) {
      const ms = await firstTandem(hosts[k]!.origin);
      if (i >= 2) times[k]!.push(ms);
    }
  }
} finally {
  await browser.close();
  for (const h of hosts) h.server.close();
  await api.close();
  await azurite.stop();
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const [a, b] = times.map(median) as [number, number];
console.log(`\nfirst tandem, ${RUNS} cold loads each, alternated`);
console.log(`  A ${args[0]}: ${a.toFixed(0)} ms (median)`);
console.log(`  B ${args[1]}: ${b.toFixed(0)} ms (median)`);
console.log(`  B/A ${(b / a).toFixed(2)}`);
