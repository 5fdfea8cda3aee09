import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { startTestApi, type TestApi } from "../support/test-api";
import { launchChromium, localContext } from "../support/browser";
import { seriousViolations } from "../support/axe";

let api: TestApi;
let browser: Browser;
const web = inject("webUrl");
const views = ["home", "sessions", "profile", "training", "journal"] as const;
const themes = ["default", "dark", "contrast"] as const;

beforeAll(async () => {
  api = await startTestApi({ corsOrigins: [web] });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

/** A mentor who also learns: every view of the tab has something to show. */
const persona = () => {
  const mentors = new Set(api.org.tandems.filter((t) => t.status === "active").map((t) => t.mentorId));
  return api.org.people.find((p) => mentors.has(p.id) && p.profile?.programRoles.includes("mentor"))!.id;
};

describe("the tab is accessible (axe-core, no serious or critical issue)", () => {
  for (const theme of themes) {
    it(`in the ${theme} theme, on every view`, async () => {
      const context = await localContext(browser, { colorScheme: theme === "dark" ? "dark" : "light" });
      const page = await context.newPage();
      const found: Record<string, unknown> = {};
      for (const view of views) {
        await page.goto(`${web}/tab.html?api=${encodeURIComponent(api.url)}&persona=${persona()}&lang=en&theme=${theme}#/${view}`);
        await page.locator("main h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        if (view === "sessions") await page.locator("[data-session] button").first().click();
        // Judge the settled view, not a loading placeholder on its way out.
        await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
        await page.waitForTimeout(300);
        const violations = await seriousViolations(page);
        if (violations.length) found[view] = violations;
      }
      await context.close();
      expect(found).toEqual({});
    });
  }
});
