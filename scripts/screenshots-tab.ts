/**
 * `node --import tsx scripts/screenshots-tab.ts`: every view of the Teams tab in light and dark, English and
 * French, into docs/screenshots/. It starts its own Azurite and api and serves a local build of the pages.
 */
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildWeb, repoRoot, startWebHost } from "./lib/web";
import { freePort, startAzurite } from "./lib/azurite";
import { loadConfig } from "../api/src/config";
import { runApi } from "../api/src/main";
import { seedDemo } from "../api/src/features/dev/seed";
import { launchChromium, localContext } from "../tests/support/browser";

const out = resolve(repoRoot, "docs/screenshots");
await mkdir(out, { recursive: true });
const dir = await mkdtemp(join(tmpdir(), "tandem-shots-"));
await buildWeb({ local: true, apiUrl: "http://localhost:7071/api", outDir: dir, quiet: true, apps: ["tabs"] });
const azurite = await startAzurite();
const port = await freePort();
const web = await startWebHost({ port, dir });
const origin = `http://localhost:${port}`;
const api = await runApi(
  loadConfig({
    TANDEM_MODE: "local",
    PORT: "0",
    STORAGE_CONNECTION_STRING: azurite.connectionString,
    TABLE_PREFIX: "shots",
    DEMO_ORGANISATION_FILE: resolve(repoRoot, "demo/organisation.json"),
  }),
  { corsOrigins: [origin] },
);
const org = api.app.demo!;
await seedDemo(api.app, org);
// The organisation reaches Tandem as in a real tenant, by the directory sync (booking reads partners' mail from it).
const synced = await api.app.directorySync.sync(org.tenantId, "start");
if (synced?.status !== "done") throw new Error(`the directory sync did not finish: ${JSON.stringify(synced)}`);
// Catherine (the CEO, a mentee) for the learner's views; a mentor for the training.
const mentee = "e260ec44-86df-49cd-be73-b97edc97581e";
const mentor = org.tandems.find((t) => t.menteeIds.includes(mentee) && t.status === "active")!.mentorId;
const shots: [view: string, persona: string][] = [
  ["home", mentee],
  ["sessions", mentee],
  ["profile", mentee],
  ["training", mentor],
  ["journal", mentee],
];
const browser = await launchChromium();
try {
  for (const theme of ["default", "dark"] as const) {
    for (const lang of ["en", "fr"] as const) {
      const context = await localContext(browser, { width: 1100, height: 900, locale: lang === "fr" ? "fr-FR" : "en-GB" });
      const page = await context.newPage();
      for (const [view, persona] of shots) {
        await page.goto(`${origin}/tab.html?api=${encodeURIComponent(api.url)}&persona=${persona}&lang=${lang}&theme=${theme}#/${view}`);
        await page.locator("main h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        if (view === "sessions") {
          await page.locator("[data-session] button").first().click();
          await page.waitForLoadState("networkidle");
        }
        await page.waitForTimeout(400);
        const file = join(out, `tab-${view}-${theme === "default" ? "light" : "dark"}-${lang}.png`);
        await page.screenshot({ path: file });
        console.log(file);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
  web.close();
  await api.close();
  await azurite.stop();
  await rm(dir, { recursive: true, force: true });
}
