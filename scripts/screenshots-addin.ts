/**
 * `node --import tsx scripts/screenshots-addin.ts`: pictures of the Outlook task pane at 320 px, light and dark,
 * English and French, into docs/screenshots/addin-<view>-<theme>-<lang>.png. Starts what the browser tests start
 * (Azurite in memory, the api in local mode with the Graph simulator, the local-mode pages), books real sessions
 * and checks in, so every picture shows what a person would see.
 */
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import type { Clock, DemoTandem } from "@tandem/core";
import { startGraphSimulator } from "@tandem/graph-simulator";
import { loadConfig } from "../api/src/config";
import { runApi } from "../api/src/main";
import { seedDemo } from "../api/src/features/dev/seed";
import { freePort, startAzurite } from "./lib/azurite";
import { buildWeb, startWebHost } from "./lib/web";
import { launchChromium, localContext } from "../tests/support/browser";

const root = resolve(import.meta.dirname, "..");
const outDir = resolve(root, "docs/screenshots");
const WIDTH = 320;

/** Moved into a booked session to show the check-in, which opens once a session has started. */
let offsetMs = 0;
const clock: Clock = { now: () => new Date(Date.now() + offsetMs).toISOString() };

const azurite = await startAzurite();
const graphPort = await freePort();
const webPort = await freePort();
const web = `http://localhost:${webPort}`;
const config = loadConfig({
  TANDEM_MODE: "local",
  PORT: "0",
  STORAGE_CONNECTION_STRING: azurite.connectionString,
  TABLE_PREFIX: `shots${Date.now().toString(36)}`,
  DEMO_ORGANISATION_FILE: resolve(root, "demo/organisation.json"),
  GRAPH_BASE_URL: `http://127.0.0.1:${graphPort}/v1.0`,
});
const api = await runApi(config, { clock, corsOrigins: [web] });
const org = api.app.demo!;
const graph = await startGraphSimulator({ port: graphPort, organisation: org, jwksUrl: `${api.url}/dev/jwks` });
await seedDemo(api.app, org);
// The organisation reaches Tandem as in a real tenant, by the directory sync (booking reads partners' mail from it).
const synced = await api.app.directorySync.sync(org.tenantId, "start");
if (synced?.status !== "done") throw new Error(`the directory sync did not finish: ${JSON.stringify(synced)}`);
const dir = await mkdtemp(join(tmpdir(), "tandem-shots-"));
await buildWeb({ local: true, apiUrl: api.url, outDir: dir, quiet: true });
const server = await startWebHost({ port: webPort, dir });
const browser = await launchChromium();
await mkdir(outDir, { recursive: true });

const person = (id: string) => org.people.find((p) => p.id === id)!;
// A tandem across time zones (Paris and Montréal, say): the booking view shows both clocks.
const tandem: DemoTandem = org.tandems.find(
  (t) => t.status === "active" && t.kind === "tandem" && person(t.mentorId).timeZone !== person(t.menteeIds[0]!).timeZone,
)!;

type Lang = "en" | "fr";
type Theme = "light" | "dark";
const words = {
  en: { find: "Find times", series: "Make it a series (systematic sessions)", book: /^Book/, booked: "Booked", checkIn: "Check in", notTandem: "This meeting is not a Tandem session" },
  fr: { find: "Trouver des créneaux", series: "En faire une série (séances régulières)", book: /^Réserver/, booked: "Réservé", checkIn: "Faire le bilan", notTandem: "Cette réunion n'est pas une séance Tandem" },
};

async function open(lang: Lang, theme: Theme, extra: Record<string, string> = {}, at?: Date): Promise<Page> {
  const context = await localContext(browser, { width: WIDTH, height: 640, locale: lang === "fr" ? "fr-FR" : "en-GB", colorScheme: theme });
  if (at) await context.clock.install({ time: at });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error(`  page error: ${e.message}`));
  const query = new URLSearchParams({ api: api.url, persona: tandem.mentorId, lang, theme, ...extra });
  await page.goto(`${web}/taskpane.html?${query}`);
  return page;
}

async function shoot(page: Page, name: string) {
  // Let Fluent's transitions settle, and the caret not blink into the picture.
  await page.waitForTimeout(400);
  const path = resolve(outDir, `addin-${name}.png`);
  await page.screenshot({ path, fullPage: true, caret: "hide", animations: "disabled" });
  console.log(`  ${path.slice(root.length + 1)}`);
}

let firstBooking: { eventId: string; start: string } | null = null;
try {
  console.log("Taking pictures of the add-in at 320 px:");
  for (const lang of ["en", "fr"] as const) {
    for (const theme of ["light", "dark"] as const) {
      const w = words[lang];
      const suffix = `${theme}-${lang}`;

      // Booking: times in both clocks, one picked, made a series, the agenda from the goals.
      const page = await open(lang, theme);
      await page.getByRole("button", { name: w.find }).click();
      await page.getByRole("radio").first().waitFor({ timeout: 30_000 });
      await page.getByRole("radio").first().check();
      await page.getByRole("switch", { name: w.series }).check();
      await shoot(page, `book-${suffix}`);

      // Booked, in everyone's calendar.
      const response = page.waitForResponse((r) => r.request().method() === "POST" && /\/sessions$/.test(r.url()));
      await page.getByRole("button", { name: w.book }).click();
      const items = (await (await response).json()).items as { graphEventId: string; start: string }[];
      firstBooking ??= { eventId: items[0]!.graphEventId, start: items[0]!.start };
      await page.getByText(w.booked, { exact: true }).waitFor();
      await shoot(page, `booked-${suffix}`);
      await page.context().close();

      // Opened on the booked meeting, ten minutes in: the goals, last time's check-ins, the check-in.
      const during = new Date(Date.parse(firstBooking.start) + 10 * 60_000);
      offsetMs = during.getTime() - Date.now();
      const meeting = await open(lang, theme, { eventId: firstBooking.eventId }, during);
      await meeting.getByRole("button", { name: w.checkIn }).waitFor();
      await shoot(meeting, `meeting-${suffix}`);
      await meeting.getByRole("button", { name: w.checkIn }).click();
      await meeting.getByRole("radio").nth(3).waitFor();
      await shoot(meeting, `checkin-${suffix}`);
      await meeting.context().close();
      offsetMs = 0;

      // Opened on a meeting Tandem does not know.
      const foreign = await open(lang, theme, { eventId: "AAMkAGNvdEFUYW5kZW1NZWV0aW5nAAA=" });
      await foreign.getByText(w.notTandem).waitFor();
      await shoot(foreign, `not-tandem-${suffix}`);
      await foreign.context().close();
    }
  }
} finally {
  await browser.close();
  server.close();
  await graph.stop();
  await api.close();
  await azurite.stop();
  await rm(dir, { recursive: true, force: true });
}
