import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { BrowserContext, Page, Response } from "playwright-core";
import type { Clock, DemoTandem } from "@tandem/core";
import { seriousViolations } from "../support/axe";
import { backgroundBrightness, firstAndSettledLook, localContext, noteFirstLook, watchErrors, type LookParts } from "../support/browser";
import { browserHarness } from "../support/browser-harness";

/**
 * The Outlook task pane in Chromium at a task pane's width, against the real api, Azurite and the Graph
 * simulator: booking a session and a series, the meeting it created, the check-in, both languages, both themes.
 * Outside Outlook the pane runs in local mode (persona switcher; `?eventId=` stands for the meeting Outlook
 * would have opened it on).
 */
/** The api's clock, moved forward to the booked session once it is booked, to check in "after" it. */
let offsetMs = 0;
const clock: Clock = { now: () => new Date(Date.now() + offsetMs).toISOString() };

/** Tandems whose members live in different time zones, the case worth showing. */
let abroad: DemoTandem;
let other: DemoTandem;
const tab = browserHarness({ clock, graph: true });
const { web } = tab;
const person = (id: string) => tab.api.org.people.find((p) => p.id === id)!;

beforeAll(() => {
  const apart = tab.api.org.tandems.filter(
    (t) => t.status === "active" && t.kind === "tandem" && person(t.mentorId).timeZone !== person(t.menteeIds[0]!).timeZone,
  );
  [abroad, other] = apart as [DemoTandem, DemoTandem];
});

const WIDTH = 320;

async function open(
  persona: string,
  {
    lang = "en",
    theme = "light",
    eventId,
    at,
    prepare,
  }: { lang?: "en" | "fr"; theme?: "light" | "dark"; eventId?: string; at?: Date; prepare?: (context: BrowserContext) => Promise<void> } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await localContext(tab.browser, { width: WIDTH, height: 900, locale: lang === "fr" ? "fr-FR" : "en-GB" });
  await allowOfficeTelemetry(context);
  await prepare?.(context);
  if (at) await context.clock.install({ time: at });
  const page = await context.newPage();
  const errors = watchErrors(page);
  const query = new URLSearchParams({ api: tab.api.url, persona, lang, theme, ...(eventId ? { eventId } : {}) });
  await page.goto(`${web}/taskpane.html?${query}`);
  return { page, errors };
}

/**
 * Outside Office, Office.js opens its own telemetry frame from a Microsoft host after three seconds. The test
 * context answers it locally, as it does every other outside request, and empty rather than 404.
 */
const OFFICE_TELEMETRY = /^https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\//;
const allowOfficeTelemetry = (context: BrowserContext) =>
  context.route(OFFICE_TELEMETRY, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "" }));

/** A task pane must never scroll sideways. */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(clientWidth).toBe(WIDTH);
  expect(scrollWidth).toBeLessThanOrEqual(WIDTH);
}

/** axe-core in the page: no serious or critical violation. */
async function expectAccessible(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

const isBooking = (r: Response) => r.request().method() === "POST" && /\/tandems\/[^/]+\/sessions$/.test(new URL(r.url()).pathname);

/** What the first booking created: the organizer's event, to open the pane "on" it. */
let booked: { eventId: string; start: string; end: string; tandemId: string } | null = null;

describe("the Outlook add-in's task pane in Chromium, 320 px wide", () => {
  it("lets a mentor find times shown in both clocks and book one, in English, without sideways scrolling", async () => {
    const mentee = person(abroad.menteeIds[0]!);
    const { page, errors } = await open(abroad.mentorId);
    await page.getByText(`Tandem with ${mentee.displayName}`).waitFor();
    await expectNoSidewaysScroll(page);

    await page.getByRole("button", { name: "Find times" }).click();
    const slots = page.getByRole("radio");
    await slots.first().waitFor({ timeout: 30_000 });
    const firstLabel = (await page.locator(".fui-Radio").first().textContent())!;
    expect(firstLabel).toMatch(/\d{2}:\d{2}–\d{2}:\d{2} for you/);
    const city = mentee.timeZone.split("/").pop()!.replaceAll("_", " ");
    expect(firstLabel).toContain(`for ${mentee.displayName} (${city} time)`);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);

    await slots.first().check();
    await page.getByRole("region", { name: "Agenda" }).waitFor();
    const booking = page.waitForResponse(isBooking);
    await page.getByRole("button", { name: "Book this session" }).click();
    const response = await booking;
    expect(response.status()).toBe(201);
    expect(response.request().headers()["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
    const [session] = (await response.json()).items as { graphEventId: string; start: string; end: string; tandemId: string; joinUrl: string }[];
    booked = { eventId: session!.graphEventId, start: session!.start, end: session!.end, tandemId: session!.tandemId };

    await page.getByText("Booked", { exact: true }).waitFor();
    await page.getByText("Added to everyone's calendar, with a Teams meeting.").waitFor();
    expect(await page.getByRole("link", { name: "Join the Teams meeting" }).getAttribute("href")).toBe(session!.joinUrl);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("books a series at the program's cadence, in French and in the dark theme", async () => {
    const { page, errors } = await open(other.mentorId, { lang: "fr", theme: "dark" });
    await page.getByRole("heading", { name: "Réserver une séance" }).waitFor();
    await page.getByRole("button", { name: "Trouver des créneaux" }).click();
    await page.getByRole("radio").first().waitFor({ timeout: 30_000 });
    expect(await page.locator(".fui-Radio").first().textContent()).toMatch(/pour vous.*\(heure locale, /);
    await page.getByRole("radio").first().check();

    await page.getByRole("switch", { name: "En faire une série (séances régulières)" }).check();
    await page.getByText("Toutes les 2 semaines, au rythme du programme.").waitFor();
    await page.getByRole("spinbutton", { name: "Nombre de séances" }).fill("4");
    await page.getByRole("spinbutton", { name: "Nombre de séances" }).press("Tab");
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);

    const booking = page.waitForResponse(isBooking);
    await page.getByRole("button", { name: "Réserver 4 séances" }).click();
    const response = await booking;
    expect(response.status()).toBe(201);
    expect(JSON.parse(response.request().postData()!)).toMatchObject({ recurrence: { everyWeeks: 2, occurrences: 4 } });

    await page.getByText("Réservé", { exact: true }).waitFor();
    await page.getByText("Ajouté à l'agenda de chacun, avec une réunion Teams.").waitFor();
    await page.getByText(/^4 séances, toutes les 2 semaines, jusqu'au /).waitFor();
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("opened on the booked meeting after it started, shows the goals and takes the check-in", async () => {
    expect(booked, "the first test booked a session").not.toBeNull();
    // Ten minutes into the session, for the api and for the page.
    const during = new Date(Date.parse(booked!.start) + 10 * 60_000);
    offsetMs = during.getTime() - Date.now();
    const { page, errors } = await open(abroad.mentorId, { eventId: booked!.eventId, at: during });

    await page.getByRole("heading", { name: "Tandem session" }).waitFor();
    expect(await page.getByRole("tab", { name: "This meeting" }).getAttribute("aria-selected")).toBe("true");
    const goals = page.getByRole("region", { name: "Learning goals" });
    const active = abroad.goals.filter((g) => g.status === "in_progress" || g.status === "not_started");
    expect(active.length).toBeGreaterThan(0);
    for (const g of active) await goals.getByText(g.title).waitFor();
    await page.getByRole("region", { name: "Last time" }).waitFor();
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);

    await page.getByRole("button", { name: "Check in" }).click();
    await page.getByLabel("What I learned").fill("Mon mentoré prépare mieux avec un ordre du jour.");
    await page.getByLabel("What I will try before next time").fill("Envoyer l'ordre du jour la veille.");
    await page.getByRole("radio", { name: "5 out of 5" }).click();
    await expectNoSidewaysScroll(page);
    const saved = page.waitForResponse((r) => r.request().method() === "PUT" && r.url().includes("/checkins/me"));
    await page.getByRole("button", { name: "Save" }).click();
    expect((await saved).status()).toBe(200);
    await page.getByText("Check-in saved. Thank you!").waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows the meeting in French and dark, accessible", async () => {
    const during = new Date(Date.parse(booked!.start) + 10 * 60_000);
    const { page, errors } = await open(abroad.mentorId, { eventId: booked!.eventId, at: during, lang: "fr", theme: "dark" });
    await page.getByRole("heading", { name: "Séance de tandem" }).waitFor();
    await page.getByRole("region", { name: "Objectifs d'apprentissage" }).waitFor();
    // The mentor checked in in the previous test: the pane offers to change it.
    await page.getByText("Vous avez fait le bilan de cette séance. Vous pouvez encore modifier vos réponses.").waitFor();
    await page.getByRole("button", { name: "Modifier mon bilan" }).waitFor();
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows the booking view styled from the moment it appears, in the light and the dark theme alike", async () => {
    const booking = 'section[aria-labelledby="book-title"]';
    const parts: LookParts = {
      page: [`[data-theme]:has(${booking})`, ["background-color", "color", "font-family"]],
      section: [booking, ["display", "row-gap", "min-width"]],
      heading: ["#book-title", ["font-size", "font-weight", "margin-top"]],
      field: [`${booking} input`, ["border-bottom-color", "font-size", "color"]],
      button: [`${booking} button`, ["display", "color", "background-color", "border-top-left-radius"]],
    };
    const backgrounds: Record<string, string> = {};
    for (const theme of ["light", "dark"] as const) {
      const { page, errors } = await open(abroad.mentorId, { theme, prepare: (context) => noteFirstLook(context, booking, parts) });
      await page.getByRole("button", { name: "Find times" }).waitFor();
      const { first, settled } = await firstAndSettledLook(page);
      expect(first).toEqual(settled);
      expect(first.section).toContain("display:grid");
      expect(Object.values(first)).not.toContain("missing");
      expect(errors).toEqual([]);
      backgrounds[theme] = first.page!;
      await page.context().close();
    }
    // The dark pane is dark from its first frame: no light theme first.
    expect(backgroundBrightness(backgrounds.dark!)).toBeLessThan(3 * 96);
    expect(backgroundBrightness(backgrounds.light!)).toBeGreaterThan(3 * 160);
  });

  it("says when the meeting is not a Tandem session, and offers to book one", async () => {
    const { page, errors } = await open(abroad.mentorId, { eventId: "AAMkAGNvdEFUYW5kZW1NZWV0aW5nAAA=" });
    await page.getByText("This meeting is not a Tandem session").waitFor();
    await page.getByRole("button", { name: "Book a Tandem session" }).click();
    await page.getByRole("button", { name: "Find times" }).waitFor();
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    expect(errors.filter((e) => !e.includes("404"))).toEqual([]);
    await page.context().close();
  });

  it("loads Office.js from the page's own host, never from a CDN, and keeps running outside Outlook", async () => {
    const context = await localContext(tab.browser, { width: WIDTH });
    await allowOfficeTelemetry(context);
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${web}/taskpane.html?${new URLSearchParams({ api: tab.api.url, persona: abroad.mentorId })}`);
    await page.getByRole("button", { name: "Find times" }).waitFor();
    expect(requests.some((u) => u.startsWith(`${web}/office-js/office.js`))).toBe(true);
    expect(requests.filter((u) => !u.startsWith(web) && !u.startsWith(tab.api.url) && !OFFICE_TELEMETRY.test(u))).toEqual([]);
    expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe("object");
    await context.close();
  });

  it("lets Office.js frame its telemetry proxy under the page's policy, so a pane left open logs no violation", async () => {
    const { page, errors } = await open(abroad.mentorId);
    await page.getByRole("button", { name: "Find times" }).waitFor();
    // Office.js frames it a few seconds after it starts; a policy that refuses it makes no request at all.
    await page.waitForRequest(OFFICE_TELEMETRY, { timeout: 20_000 });
    await page.waitForLoadState("networkidle");
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe("the production build of the task pane", () => {
  it("loads Office.js from Microsoft's CDN before the app, and carries no local-mode code", async () => {
    const { build } = await import("vite");
    const dir = await mkdtemp(join(tmpdir(), "tandem-addin-prod-"));
    const before = process.env.VITE_API_URL;
    process.env.VITE_API_URL = "https://example.invalid/api";
    try {
      await build({
        configFile: resolve(import.meta.dirname, "../../addin/vite.config.ts"),
        mode: "production",
        logLevel: "error",
        build: { outDir: dir },
      });
      const html = await readFile(join(dir, "taskpane.html"), "utf8");
      const office = html.indexOf('<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>');
      expect(office).toBeGreaterThan(-1);
      expect(office).toBeLessThan(html.indexOf('<script type="module"'));
      expect(html).not.toContain("/office-js/");

      const assets = await readdir(join(dir, "assets"));
      expect(assets.every((f) => f.startsWith("taskpane-"))).toBe(true);
      // Local mode's persona bar comes in a chunk of its own in local builds (ui/src/local/PersonaBar.tsx).
      expect(assets.some((f) => f.includes("PersonaBar"))).toBe(false);
      const js = (await Promise.all(assets.filter((f) => f.endsWith(".js")).map((f) => readFile(join(dir, "assets", f), "utf8")))).join("\n");
      expect(js).toContain("https://example.invalid/api");
      // The persona switcher and the development sign-in: its storage key and its messages to the developer.
      for (const local of ["tandem.local.persona", "the local api did not list its personas", "no development token", "/dev/token", "/dev/personas", "Choose a person of the demo organisation"]) {
        expect(js).not.toContain(local);
      }
    } finally {
      if (before === undefined) delete process.env.VITE_API_URL;
      else process.env.VITE_API_URL = before;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
