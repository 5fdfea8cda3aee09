import { describe, expect, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { watchErrors } from "../support/browser";
import { seriousViolations } from "../support/axe";
import { browserHarness, still } from "../support/browser-harness";

/**
 * Language and layout as a person notices them: every view of the tab and the add-in at a phone's width (Teams
 * mobile, 375 px) and narrower (320 px) without sideways scrolling, the add-in in the system's high contrast with
 * axe clean, and French validation messages next to their fields.
 */
const tab = browserHarness();
const { named, shot, tabUrl, web } = tab;
const widths = [320, 375] as const;

/** A mentor who also learns, in an active tandem: every participant view has something to show. */
const participant = () => {
  const mentors = new Set(tab.api.org.tandems.filter((t) => t.status === "active").map((t) => t.mentorId));
  return tab.api.org.people.find((p) => mentors.has(p.id) && p.profile?.programRoles.includes("mentor"))!.id;
};

async function context(width: number, o: { lang?: "en" | "fr"; forcedColors?: boolean } = {}): Promise<BrowserContext> {
  const c = await tab.context({ width, height: 800, ...(o.lang ? { lang: o.lang } : {}) });
  if (o.forcedColors) await c.newPage().then(async (p) => (await p.emulateMedia({ forcedColors: "active" }), p.close()));
  return c;
}

/** The view, settled: its heading there, nothing loading. */
async function settle(page: Page) {
  await page.locator("main h1").first().waitFor({ timeout: 20_000 });
  await page.waitForLoadState("networkidle");
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
  await still(page);
}

/** The page's width and what it scrolls to, and what sticks out when it does (by tag, class and text). */
const sideways = (page: Page) =>
  page.evaluate(() => {
    const root = document.scrollingElement!;
    const width = root.clientWidth;
    const out =
      root.scrollWidth <= width
        ? []
        : [...document.querySelectorAll("body *")]
            // Where it starts: an element sticking out of a parent that does not.
            .filter((e) => e.getBoundingClientRect().right > width + 1 && (e.parentElement?.getBoundingClientRect().right ?? 0) <= width + 1)
            .map((e) => `${e.tagName}.${String(e.className).slice(0, 60)} (${Math.round(e.getBoundingClientRect().width)} px): ${e.textContent?.slice(0, 40)}`)
            .slice(0, 6);
    return { scrollWidth: root.scrollWidth, clientWidth: width, out };
  });

const tabViews = [
  ["participant", "home"],
  ["participant", "sessions"],
  ["participant", "profile"],
  ["participant", "training"],
  ["participant", "journal"],
  ["manager", "team"],
  ["coordinator", "program/health"],
  ["coordinator", "program/matching"],
  ["coordinator", "program/demand"],
  ["coordinator", "program/tandems"],
  ["coordinator", "program/catalogue"],
] as const;

describe("the tab at a phone's width", () => {
  for (const width of widths) {
    it(`scrolls no view sideways at ${width} px, in French`, async () => {
      const who = { participant: participant(), manager: named("Richard Hollis"), coordinator: named("Aurélie Vasseur") };
      const c = await context(width, { lang: "fr" });
      const page = await c.newPage();
      const errors = watchErrors(page);
      const found: Record<string, unknown> = {};
      for (const [persona, view] of tabViews) {
        await page.goto(tabUrl(who[persona], view, { lang: "fr" }));
        await settle(page);
        if (view === "sessions") await page.locator("[data-session] button").first().click();
        const s = await sideways(page);
        if (s.scrollWidth > s.clientWidth) found[view] = s;
        if (width === 320 && ["home", "sessions", "program/matching"].includes(view)) {
          await shot(page, `tab-${view.replace("program/", "")}-narrow-${width}-fr.png`);
        }
      }
      await c.close();
      expect(found).toEqual({});
      expect(errors).toEqual([]);
    });
  }

  it("shows French validation messages next to their fields, not zod's English under « Something went wrong »", async () => {
    const c = await context(375, { lang: "fr" });
    const page = await c.newPage();
    await page.goto(tabUrl(named("Aurélie Vasseur"), "program/catalogue", { lang: "fr" }));
    await settle(page);
    const form = page.getByRole("form", { name: "Un nouveau cycle" });
    await form.getByRole("textbox", { name: /Nom/ }).fill("Cycle d'essai");
    await form.getByLabel(/Début/).fill("2027-03-01");
    await form.getByLabel(/Fin/).fill("2027-01-01");
    await form.getByRole("button", { name: /Créer|Ajouter/ }).click();
    const ends = form.locator(".fui-Field").filter({ has: page.getByLabel(/Fin/) });
    await expect.poll(() => ends.textContent()).toContain("Un cycle se termine après avoir commencé\u202f: choisissez une date plus tardive.");

    // The api's own refusal, worded from the kind of problem: a session of 200 minutes is longer than a cycle allows.
    await form.getByLabel(/Fin/).fill("2027-06-30");
    await form.getByRole("spinbutton", { name: /Minutes/ }).fill("200");
    await form.getByRole("button", { name: /Créer|Ajouter/ }).click();
    const minutes = form.locator(".fui-Field").filter({ has: page.getByRole("spinbutton", { name: /Minutes/ }) });
    await expect.poll(() => minutes.textContent()).toMatch(/Indiquez \d+ ou moins\./);
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).not.toMatch(/Too big|Too small|expected|Something went wrong|Un problème est survenu/);
    await shot(page, "tab-catalogue-validation-fr.png");
    await c.close();
  });
});

describe("the add-in at a task pane's and a phone's width, in the system's high contrast", () => {
  for (const width of widths) {
    it(`follows high contrast, scrolls nothing sideways at ${width} px and leaves axe nothing serious`, async () => {
      const c = await context(width, { lang: "fr", forcedColors: true });
      await c.route(/^https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com\//, (r) => r.fulfill({ status: 200, contentType: "text/html", body: "" }));
      const page = await c.newPage();
      await page.emulateMedia({ forcedColors: "active" });
      await page.goto(`${web}/taskpane.html?${new URLSearchParams({ api: tab.api.url, persona: participant(), lang: "fr" })}`);
      await page.getByRole("heading", { level: 1 }).waitFor({ state: "attached", timeout: 20_000 });
      await page.getByRole("button", { name: /Trouver|Chercher/ }).first().waitFor({ timeout: 20_000 });
      await page.waitForLoadState("networkidle");
      // Fluent's high-contrast theme (its black canvas), whatever light theme the pane would otherwise start with.
      const canvas = () => page.evaluate(() => getComputedStyle(document.querySelector(".fui-FluentProvider")!).getPropertyValue("--colorNeutralBackground1").trim().toLowerCase());
      await expect.poll(canvas).toBe("#000000");
      const s = await sideways(page);
      expect(s.out).toEqual([]);
      expect(s.scrollWidth).toBeLessThanOrEqual(s.clientWidth);
      expect(await seriousViolations(page)).toEqual([]);
      if (width === 320) await shot(page, "addin-book-contrast-fr.png");
      await c.close();
    });
  }
});
