import { describe, expect, it } from "vitest";
import { seriousViolations } from "../support/axe";
import { browserHarness, still } from "../support/browser-harness";

const tab = browserHarness();
const views = ["home", "sessions", "profile", "training", "journal"] as const;
const themes = ["default", "dark", "contrast"] as const;

/** A mentor who also learns: every view of the tab has something to show. */
const persona = () => {
  const mentors = new Set(tab.api.org.tandems.filter((t) => t.status === "active").map((t) => t.mentorId));
  return tab.api.org.people.find((p) => mentors.has(p.id) && p.profile?.programRoles.includes("mentor"))!.id;
};

describe("the tab is accessible (axe-core, no serious or critical issue)", () => {
  for (const theme of themes) {
    it(`in the ${theme} theme, on every view`, async () => {
      const context = await tab.context({ theme });
      const page = await context.newPage();
      const found: Record<string, unknown> = {};
      for (const view of views) {
        await page.goto(tab.tabUrl(persona(), view, { theme }));
        await page.locator("main h1").first().waitFor();
        await page.waitForLoadState("networkidle");
        if (view === "sessions") await page.locator("[data-session] button").first().click();
        // Judge the settled view, not a loading placeholder on its way out.
        await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0);
        await still(page);
        const violations = await seriousViolations(page);
        if (violations.length) found[view] = violations;
      }
      await context.close();
      expect(found).toEqual({});
    });
  }
});
