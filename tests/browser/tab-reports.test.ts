import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { seriousViolations } from "../support/axe";
import { browserHarness, overflows as sticking, settled } from "../support/browser-harness";

/**
 * The reports' views in Chromium, against the real api, Azurite and the Graph simulator's directory (synced as in a
 * tenant): a manager's team, a team under the minimum group size, a coordinator's program, in each theme and
 * language, with axe, from the keyboard alone; the screenshots land in docs/screenshots/ (tab-team-*, tab-program-*).
 */

const tab = browserHarness();
const { open, named, shot } = tab;
const themes = [
  ["default", "light"],
  ["dark", "dark"],
  ["contrast", "contrast"],
] as const;

/** The demo's personas: a manager of ten (Sales), a manager of three (Finance), a coordinator who manages one. */
const richard = () => named("Richard Hollis");
const alain = () => named("Alain Moreau");
const aurelie = () => named("Aurélie Vasseur");
/** Someone in the program who manages nobody and coordinates nothing. */
const participant = () => {
  const managers = new Set(tab.api.org.people.map((p) => p.managerId));
  return tab.api.org.people.find((p) => p.profile?.programRoles.includes("mentor") && !p.coordinator && !managers.has(p.id))!.id;
};

/** What sticks out of the page sideways (none: nothing scrolls sideways), but what scrolls on its own. */
const overflows = (page: Page) => sticking(page, { outside: "[data-scrolls]" });

describe("the reports' views in the tab", () => {
  for (const [theme, name] of themes) {
    for (const lang of ["en", "fr"] as const) {
      it(`a manager's team and a coordinator's program, ${name}, ${lang}: axe finds no serious issue`, async () => {
        const words = lang === "en" ? { team: "My team", program: "Program", figures: "Key figures" } : { team: "Mon équipe", program: "Programme", figures: "Chiffres clés" };

        const team = await open(richard(), "team", { lang, theme });
        await settled(team.page, words.figures);
        await team.page.getByRole("heading", { level: 1, name: words.team }).waitFor();
        expect(await team.page.getByRole("img").count()).toBeGreaterThanOrEqual(2);
        // Open one chart's table, so that axe judges it too.
        await team.page.getByRole("button", { name: lang === "en" ? "Show the figures as a table" : "Afficher les chiffres en tableau" }).first().click();
        expect(await seriousViolations(team.page)).toEqual([]);
        expect(await overflows(team.page)).toEqual([]);
        await shot(team.page, `tab-team-${name}-${lang}.png`);
        expect(team.errors).toEqual([]);
        await team.page.context().close();

        const program = await open(aurelie(), "program", { lang, theme });
        await settled(program.page, words.figures);
        await program.page.getByRole("heading", { level: 1, name: words.program }).waitFor();
        expect(await seriousViolations(program.page)).toEqual([]);
        expect(await overflows(program.page)).toEqual([]);
        await shot(program.page, `tab-program-${name}-${lang}.png`);
        expect(program.errors).toEqual([]);
        await program.page.context().close();
      });
    }
  }

  it("keeps a narrow tab readable: nothing scrolls sideways at 480 px", async () => {
    for (const [persona, view] of [
      [richard(), "team"],
      [aurelie(), "program"],
    ] as const) {
      const { page } = await open(persona, view, { width: 480 });
      await settled(page, "Key figures");
      expect(await overflows(page)).toEqual([]);
      await shot(page, `tab-${view}-narrow-en.png`);
      await page.context().close();
    }
  });

  it("shows the demo's team of three as too small, with who is enrolled, and no chart", async () => {
    const { page, errors } = await open(alain(), "team");
    await settled(page, "Key figures");
    await page.getByText("Your team is too small for team figures").waitFor();
    expect(await page.getByRole("img").count()).toBe(0);
    const held = page.getByRole("group", { name: "Sessions held" });
    expect(await held.textContent()).toContain("Hidden");
    expect(await held.textContent()).not.toMatch(/\d(?! people)/);
    expect(await page.getByRole("table", { name: "People in my team" }).getByRole("row").count()).toBe(4);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("saves the French CSV of the period chosen, as the api writes it for Excel", async () => {
    const { page } = await open(richard(), "team", { lang: "fr" });
    await settled(page, "Chiffres clés");
    await page.getByRole("radio", { name: "12 derniers mois" }).check();
    await settled(page, "Chiffres clés");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Télécharger en CSV" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("tandem-equipe-365.csv");
    const bytes = await readFile((await file.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8");
    expect(text).toContain("Découpage;");
    expect(text).toContain("Personne;Service;Inscrit;Rôle");
    await page.context().close();
  });

  it("from the keyboard alone: reach My team, change the period, reach a chart's table", async () => {
    const { page } = await open(richard(), "home");
    await page.locator("main h1").first().waitFor();
    await page.waitForLoadState("networkidle");
    // What has the focus: its role and its name as a person hears it (a radio button's is its label's).
    const focused = () =>
      page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        if (!e) return "";
        const role = e.getAttribute("role") ?? (e instanceof HTMLInputElement ? e.type : e.tagName.toLowerCase());
        const name = e instanceof HTMLInputElement ? [...(e.labels ?? [])].map((l) => l.textContent).join(" ") : e.textContent;
        return `${role}:${name?.trim().slice(0, 60)}`;
      });
    const tabUntil = async (match: RegExp) => {
      for (let i = 0; i < 60; i++) {
        if (match.test(await focused())) return;
        await page.keyboard.press("Tab");
      }
      throw new Error(`never reached ${match} by Tab; last ${await focused()}`);
    };
    await tabUntil(/^tab:Home/);
    for (let i = 0; i < 8 && !/^tab:My team/.test(await focused()); i++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await settled(page, "Key figures");
    expect(page.url()).toContain("#/team");

    await tabUntil(/^radio:Last 90 days/);
    const asked = page.waitForRequest((r) => r.url().includes("/reports/team?period=365"));
    await page.keyboard.press("ArrowRight");
    await asked;
    await settled(page, "Key figures");
    expect(await page.getByRole("radio", { name: "Last 12 months" }).isChecked()).toBe(true);

    await tabUntil(/^button:Show the figures as a table/);
    await page.keyboard.press("Enter");
    const table = page.getByRole("table", { name: "Sessions held against what the cadence expects" });
    await table.waitFor();
    expect(await table.getByRole("row").count()).toBeGreaterThan(2);
    await page.context().close();
  });

  it("shows the entries to those they are for: none to a participant, My team without Program to a manager", async () => {
    const nav = async (persona: string) => {
      const { page } = await open(persona, "program");
      await page.locator("main h1").first().waitFor();
      const tabs: string[] = [];
      for (const name of ["My team", "Program"]) if ((await page.getByRole("tab", { name }).count()) > 0) tabs.push(name);
      const heading = await page.locator("main h1").first().textContent();
      await page.context().close();
      return { tabs, heading };
    };
    const mentor = await nav(participant());
    expect(mentor.tabs).not.toContain("My team");
    expect(mentor.tabs).not.toContain("Program");
    // A link to the program opens home for someone who is not a coordinator.
    expect(mentor.heading).not.toBe("Program");
    const manager = await nav(richard());
    expect(manager.tabs).toContain("My team");
    expect(manager.tabs).not.toContain("Program");
    expect(manager.heading).not.toBe("Program");
    const coordinator = await nav(aurelie());
    expect(coordinator.tabs).toContain("Program");
    expect(coordinator.heading).toBe("Program");
  });
});
