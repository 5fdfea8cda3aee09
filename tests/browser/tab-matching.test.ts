import { describe, expect, it } from "vitest";
import { ok } from "../support/test-api";
import { seriousViolations } from "../support/axe";
import { browserHarness, notBusy, overflows, settled } from "../support/browser-harness";

/**
 * The coordinator's console in Chromium, against the real api, Azurite and the Graph simulator's directory (synced as
 * in a tenant), on the demo's "Cycle 3", open for matching: Program → Matching, run, the circle, an unmatched reason,
 * why not the pair inside a reporting chain, publish; then participants of the published proposals read why, accept,
 * decline with a reason. axe on every section; screenshots in docs/screenshots/ (tab-matching-*, tab-demand-*...).
 */

const tab = browserHarness();
const { open, shot } = tab;
const aurelie = () => tab.named("Aurélie Vasseur");
const cycle3 = () => tab.api.org.cycles.find((c) => c.name.startsWith("Cycle 3"))!;

describe("the coordinator runs Cycle 3 from the tab, and participants answer", () => {
  // Before the run is published: the demand of the cycle as the coordinator first finds it.
  const sections = {
    demand: { en: "Demand and supply by skill", fr: "Demande et offre par compétence" },
    tandems: { en: "Tandems and circles", fr: "Tandems et cercles" },
    catalogue: { en: "Skills", fr: "Compétences" },
  } as const;
  for (const [section, table] of Object.entries(sections)) {
    for (const [theme, name, lang] of [
      ["default", "light", "en"],
      ["dark", "dark", "fr"],
      ["contrast", "contrast", "en"],
    ] as const) {
      it(`shows the ${section} section, ${name}, ${lang}: its table, and axe finds no serious issue`, async () => {
        const { page, errors } = await open(aurelie(), `program/${section}`, { lang, theme });
        await page.getByRole("table", { name: table[lang] }).waitFor({ timeout: 20_000 });
        await notBusy(page);
        if (section === "demand") {
          // The chart's own table too, so that axe judges it.
          await page.getByRole("button", { name: lang === "en" ? "Show the figures as a table" : "Afficher les chiffres en tableau" }).click();
          expect(await page.getByRole("img", { name: lang === "en" ? /^Requests and free places, by skill/ : /^Demandes et places libres, par compétence/ }).count()).toBe(1);
        }
        expect(await seriousViolations(page)).toEqual([]);
        await shot(page, `tab-${section}-${name}-${lang}.png`);
        expect(errors).toEqual([]);
        await page.context().close();
      });
    }
  }

  it("opens Program → Matching, runs, reads the circle and a reason, asks why not, publishes; participants read why, accept and decline", async () => {
    const { page, errors } = await open(aurelie(), "program");
    await page.getByRole("heading", { level: 1, name: "Program" }).waitFor({ timeout: 20_000 });
    await page.getByRole("tab", { name: "Matching" }).click();
    await settled(page, "Weights and rules of this cycle");
    expect(page.url()).toContain("#/program/matching");
    // The cycle open for matching is chosen.
    expect(await page.getByRole("combobox", { name: "Cycle" }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]!.textContent)).toContain("Cycle 3");
    await page.getByText("No matching run for this cycle yet.").waitFor();

    await page.getByRole("button", { name: "Run the matching" }).click();
    await page.getByRole("heading", { level: 2, name: "Publish the proposals" }).waitFor({ timeout: 30_000 });

    // The circle: Nina Lopez with the seniors who ask for AI meeting recaps; its parts in words.
    const circle = page.locator("[data-proposal=circle]").filter({ hasText: "Nina Lopez with" });
    expect(await circle.count()).toBe(1);
    expect(await circle.textContent()).toMatch(/Circle/);
    expect(await circle.locator("li li").count()).toBeGreaterThanOrEqual(10);
    // Someone left out, with the reason in words.
    const karim = page.getByRole("table", { name: /^Without a proposal/ }).getByRole("row", { name: /Karim Belkacem/ });
    expect(await karim.textContent()).toContain("Managing online reviews: no mentor teaches it this cycle.");

    // Why not Sacha Morel for Laurence Bonnet, his own manager's manager line: a reporting chain.
    await page.getByRole("combobox", { name: "Mentor" }).selectOption({ label: "Sacha Morel" });
    await page.getByRole("combobox", { name: "Mentee" }).selectOption({ label: "Laurence Bonnet" });
    await page.getByRole("button", { name: "Ask why" }).click();
    const answer = page.getByText(/reporting chain/).last();
    await answer.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "tab-matching-light-en.png");

    await page.getByRole("button", { name: "Publish", exact: true }).click();
    const done = page.getByText(/^Published: \d+ tandems? and \d+ circles?\.$/);
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toMatch(/and 2 circles\./);
    expect(errors).toEqual([]);
    await page.context().close();

    // The proposals reach their people with their reasons.
    const tandems = ok(await tab.api.as(aurelie())("listTandems", { query: { scope: "all" } })).items.filter((t) => t.cycleId === cycle3().id && t.status === "proposed" && t.kind === "tandem");
    expect(tandems.length).toBeGreaterThanOrEqual(2);
    const [first, second] = tandems as [(typeof tandems)[0], (typeof tandems)[0]];
    const mentorName = (t: (typeof tandems)[0]) => t.members.find((m) => m.role === "mentor")!.displayName;

    const accepting = await open(first.menteeIds[0]!, "home");
    const card = accepting.page.getByRole("group", { name: mentorName(first) });
    await card.getByRole("heading", { name: "Why this proposal" }).waitFor({ timeout: 20_000 });
    expect(await card.textContent()).toMatch(/Fit: \d+ \/ 100/);
    expect(await card.locator("ul li").count()).toBe(5);
    expect(await seriousViolations(accepting.page)).toEqual([]);
    await shot(accepting.page, "tab-proposal-light-en.png");
    await card.getByRole("button", { name: "Accept" }).click();
    await card.getByText("Waiting for everyone to accept.").waitFor();
    expect(accepting.errors).toEqual([]);
    await accepting.page.context().close();

    const declining = await open(second.menteeIds[0]!, "home", { lang: "fr" });
    const other = declining.page.getByRole("group", { name: mentorName(second) });
    await other.getByRole("heading", { name: "Pourquoi cette proposition" }).waitFor({ timeout: 20_000 });
    await other.getByRole("button", { name: "Décliner" }).click();
    await declining.page.getByRole("dialog").getByRole("textbox").fill("Je suis déjà accompagné sur ce sujet.");
    await declining.page.getByRole("dialog").getByRole("button", { name: "Décliner" }).click();
    await other.getByText("Décliné", { exact: true }).waitFor();
    expect(declining.errors).toEqual([]);
    await declining.page.context().close();

    const after = ok(await tab.api.as(aurelie())("listTandems", { query: { scope: "all" } })).items;
    expect(after.find((t) => t.id === first.id)!.acceptedBy).toEqual([first.menteeIds[0]]);
    expect(after.find((t) => t.id === second.id)).toMatchObject({ status: "declined", declineReason: "Je suis déjà accompagné sur ce sujet." });
  });

  for (const [theme, name] of [
    ["default", "light"],
    ["dark", "dark"],
    ["contrast", "contrast"],
  ] as const) {
    for (const lang of ["en", "fr"] as const) {
      it(`shows the published run in the matching section, ${name}, ${lang}: axe finds no serious issue`, async () => {
        const { page, errors } = await open(aurelie(), "program/matching", { lang, theme });
        await settled(page, lang === "en" ? /^Proposals/ : /^Propositions/);
        expect(await seriousViolations(page)).toEqual([]);
        await shot(page, `tab-matching-${name}-${lang}${name === "light" && lang === "en" ? "-published" : ""}.png`);
        expect(errors).toEqual([]);
        await page.context().close();
      });
    }
  }


  it("keeps the matching section readable in a narrow tab: nothing scrolls sideways at 480 px", async () => {
    const { page, errors } = await open(aurelie(), "program/matching", { lang: "fr", width: 480 });
    await settled(page, "Poids et règles de ce cycle");
    await shot(page, "tab-matching-narrow-fr.png");
    expect(await overflows(page, { outside: "nav", startsOnly: true })).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
