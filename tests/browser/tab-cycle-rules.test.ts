import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { publicationKeyOf, type CycleView, type MatchingRunView } from "@tandem/core";
import { laterCycle, ok } from "../support/test-api";
import { browserHarness, notBusy } from "../support/browser-harness";
import { seriousViolations } from "../support/axe";
import { tandemIdOf } from "../../api/src/features/matching/publish";

/**
 * The cycle a coordinator sets before a run, in Chromium against the real api (issue 14): the weights and rules edited
 * with the keyboard alone and saved; a publication cut short finished after the page was reloaded (the run's own
 * Idempotency-Key); a participant enrolling in the cycle open for matching from their profile.
 */
const tab = browserHarness();
const { shot } = tab;
const aurelie = () => tab.named("Aurélie Vasseur");
/** The tab in the light theme, as a coordinator or a participant leaves it. */
const open = (persona: string, view: string, lang: "en" | "fr" = "en") => tab.open(persona, view, { lang, theme: "default" });

async function openCycle(name: string, matching: Record<string, unknown> = {}): Promise<CycleView> {
  return ok(
    await tab.api.as(aurelie())("createCycle", {
      body: {
        name,
        ...laterCycle(),
        cadence: { everyWeeks: 2, sessionMinutes: 45 },
        matching: { maxMenteesPerMentor: 3, allowSameDepartment: false, requireCommonLanguage: true, ...matching },
      },
    }),
  );
}

/** Opens the console's Matching section on a cycle chosen by name. */
async function matchingOf(page: Page, cycleName: string) {
  await page.getByRole("heading", { level: 2, name: "Weights and rules of this cycle" }).waitFor({ timeout: 20_000 });
  const picker = page.getByRole("combobox", { name: "Cycle" });
  const value = await picker.evaluate((s: HTMLSelectElement, n: string) => [...s.options].find((o) => o.text.startsWith(n))!.value, cycleName);
  await picker.selectOption(value);
  await notBusy(page);
}

describe("a coordinator sets a cycle's weights and rules, then runs and publishes", () => {
  it("edits the weights and rules with the keyboard alone, saves them before a run, and the api holds them", async () => {
    const cycle = await openCycle("Cycle clavier");
    const { page, errors } = await open(aurelie(), "program/matching");
    await matchingOf(page, "Cycle clavier");

    const overlap = page.getByRole("slider", { name: "Working hours in common" });
    await overlap.focus();
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    expect(await overlap.getAttribute("aria-valuetext")).toMatch(/\(20\)$/);
    await page.getByRole("switch", { name: /^Pairs from earlier cycles/ }).focus();
    await page.keyboard.press("Space");
    await page.getByRole("spinbutton", { name: "Mentees per mentor at most" }).focus();
    await page.keyboard.press("ArrowUp");
    await page.getByRole("radio", { name: "The best fit, then most people matched" }).focus();
    await page.keyboard.press("Space");
    expect(await page.getByText("Changes not saved yet.").count()).toBe(1);
    expect(await page.getByRole("button", { name: "Run the matching" }).isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "tab-matching-rules-light-en.png");

    await page.getByRole("button", { name: "Save the rules" }).focus();
    await page.keyboard.press("Enter");
    await page.getByText("Rules saved: the next run uses them.").waitFor();
    expect(await page.getByRole("button", { name: "Run the matching" }).isDisabled()).toBe(false);
    const saved = ok(await tab.api.as(aurelie())("listCycles")).items.find((c) => c.id === cycle.id)!;
    expect(saved.matching).toMatchObject({ objective: "best-fit", allowRepeatPairs: true, maxMenteesPerMentor: 4, weights: { ...cycle.matching.weights, overlap: 20 } });
    expect(saved.etag).not.toBe(cycle.etag);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("finishes a publication cut short, after the page was reloaded, instead of refusing it", async () => {
    const cycle = await openCycle("Cycle repris", { allowCircles: false });
    const started = ok(await tab.api.as(aurelie())("startMatchingRun", { body: { cycleId: cycle.id } }));
    let run: MatchingRunView;
    for (;;) {
      run = ok(await tab.api.as(aurelie())("getMatchingRun", { params: { runId: started.id } }));
      if (run.status !== "running") break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(run.proposals.length).toBeGreaterThanOrEqual(2);
    // The console started publishing and the page was closed; the job then gave up after one tandem (storage away):
    // the run's key claimed and committed, one tandem written, the reason kept.
    const { repos } = tab.api.running.app;
    const tenant = tab.api.org.tenantId;
    const ids = run.proposals.map((p) => tandemIdOf(run.id, p));
    const stored = (await repos.runs.get(tenant, run.id))!;
    await repos.runs.put(tenant, { ...stored.value, publication: { key: publicationKeyOf(run.id), startedAt: new Date().toISOString(), publishedAt: null, by: aurelie(), tandemIds: ids, written: 1, error: "Publishing stopped after 5 attempts: Storage is not answering.", committed: true } }, stored.etag);
    const first = run.proposals[0]!;
    const now = new Date().toISOString();
    await repos.tandems.create(tenant, { id: ids[0]!, kind: first.kind, cycleId: cycle.id, mentorId: first.mentorId, menteeIds: first.menteeIds, status: "proposed", acceptedBy: [], history: [{ at: now, by: aurelie(), action: "propose" }], createdAt: now, updatedAt: now });

    const { page, errors } = await open(aurelie(), "program/matching");
    await matchingOf(page, "Cycle repris");
    await page.getByRole("button", { name: "Finish publishing", exact: true }).click();
    const done = page.getByText(/^Published: \d+ tandems? and 0 circles\.$/);
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toContain(`Published: ${run.proposals.length} tandems`);
    const tandems = ok(await tab.api.as(aurelie())("listTandems", { query: { scope: "all" } })).items.filter((t) => t.cycleId === cycle.id);
    expect(tandems.map((t) => t.id).sort()).toEqual([...ids].sort());
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe("a participant enrols in the cycle open for matching", () => {
  it("enrols from their profile, in French, and GET /me says so", async () => {
    // A senior of the program who did not enrol in Cycle 3 (it matches only its newcomers).
    const cycle3 = tab.api.org.cycles.find((c) => c.name.startsWith("Cycle 3"))!;
    const senior = tab.api.org.people.find((p) => p.profile?.programRoles.join() === "mentee" && !cycle3.enrolled.includes(p.id) && !p.coordinator)!;
    const { page, errors } = await open(senior.id, "profile", "fr");
    const card = page.getByRole("region", { name: /^Cycle 3 : service client et IA est ouvert à l’appariement$/ });
    await card.waitFor({ timeout: 20_000 });
    expect(await card.getByRole("status").textContent()).toMatch(/^Ce cycle n’apparie que les personnes qui s’y inscrivent/);
    expect(await seriousViolations(page)).toEqual([]);
    await shot(page, "tab-profile-enrolment-light-fr.png");
    await card.getByRole("button", { name: "M’inscrire à ce cycle" }).click();
    await page.getByText("Votre inscription\u202f: mentoré (j’apprends).").waitFor();
    expect(ok(await tab.api.as(senior.id)("getMe")).enrolments).toEqual([{ cycleId: cycle3.id, roles: ["mentee"] }]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
