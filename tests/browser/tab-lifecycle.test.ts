import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { DemoTandem, SessionRecord } from "@tandem/core";
import { browserHarness } from "../support/browser-harness";

/**
 * A tandem's lifecycle and sessions as its people see them in the tab (issue 18): ending or pausing asks first and
 * says what becomes of the booked sessions; a session whose meeting ended reads held and a member can say it did not
 * take place; a session moved in Outlook to a time ahead is upcoming with its Join link, a cancelled one to come is
 * not "Past"; declined proposals sit under "Earlier"; a coordinator withdraws a proposal. Screenshots in
 * docs/screenshots/ (tab-lifecycle-*).
 */

const tab = browserHarness();
const { shot } = tab;

const declined = () => tab.api.org.tandems.find((t) => t.status === "declined")!;
const outsideDeclined = (t: DemoTandem) => ![declined().mentorId, ...declined().menteeIds].some((p) => t.mentorId === p || t.menteeIds.includes(p));
/** Active one-to-one tandems whose people are in no other test of this file. */
const actives = () => tab.api.org.tandems.filter((t) => t.status === "active" && t.kind === "tandem" && outsideDeclined(t));
const name = (id: string) => tab.api.org.people.find((p) => p.id === id)!.displayName;

const open = (persona: string, view = "home", lang: "en" | "fr" = "en") => tab.open(persona, view, { lang });

const cardOf = (page: Page, tandemId: string) => page.locator(`[aria-labelledby="tandem-${tandemId}"]`);

/** A session written as Outlook and time left it: what reconciling with Outlook, or a meeting ending, records. */
async function seedSession(tandemId: string, fields: Partial<SessionRecord> & Pick<SessionRecord, "start" | "end" | "status">) {
  const at = new Date().toISOString();
  const session: SessionRecord = {
    id: randomUUID(),
    tandemId,
    timeZone: "Europe/Paris",
    graphEventId: null,
    iCalUId: null,
    joinUrl: null,
    teamsMeetingUnavailable: false,
    recurrence: null,
    seriesId: null,
    createdAt: at,
    updatedAt: at,
    link: null,
    ...fields,
  };
  await tab.api.running.app.repos.sessions.create(tab.api.org.tenantId, session);
  return session;
}
const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

describe("the tab's lifecycle and sessions in Chromium, against the real api and Azurite", () => {
  it("asks before ending or pausing a tandem, says what becomes of its booked sessions, and keeps the tandem as it was on Cancel", async () => {
    const t = actives()[0]!;
    const { page, errors } = await open(t.mentorId);
    const card = cardOf(page, t.id);
    await card.getByText("Active", { exact: true }).waitFor();
    const transitions: string[] = [];
    page.on("request", (r) => r.url().includes("/transitions") && transitions.push(r.method()));

    await card.getByRole("button", { name: "Mark as completed" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: "End the tandem?" }).waitFor();
    await dialog.getByRole("heading", { name: "Booked sessions" }).waitFor();
    await expect.poll(() => dialog.textContent()).toMatch(/to come stays? in everyone's Outlook calendar|No session is booked ahead/);
    await shot(page, "tab-lifecycle-end-light-en.png");
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(transitions).toEqual([]);
    expect(await card.getByText("Active", { exact: true }).isVisible()).toBe(true);

    await card.getByRole("button", { name: "Pause" }).click();
    await dialog.getByRole("heading", { name: "Pause the tandem?" }).waitFor();
    await dialog.getByLabel(/^Why\? \(optional\)/).fill("A busy quarter for both of us");
    await dialog.getByRole("button", { name: "Pause" }).click();
    await dialog.waitFor({ state: "hidden" });
    await card.getByText("Paused", { exact: true }).waitFor();
    expect(transitions).toEqual(["POST"]);
    expect(errors).toEqual([]);
    await page.context().close();

    // The mentee, in French, is asked too before ending it.
    const fr = await open(t.menteeIds[0]!, "home", "fr");
    const carte = cardOf(fr.page, t.id);
    await carte.getByText("En pause", { exact: true }).waitFor();
    await carte.getByRole("button", { name: "Marquer comme terminé" }).click();
    const dialogue = fr.page.getByRole("dialog");
    await dialogue.getByRole("heading", { name: "Terminer le tandem\u202f?" }).waitFor();
    await dialogue.getByRole("heading", { name: "Séances réservées" }).waitFor();
    await expect.poll(() => dialogue.textContent()).toMatch(/à venir reste|Aucune séance n'est prévue/);
    await shot(fr.page, "tab-lifecycle-end-light-fr.png");
    await dialogue.getByRole("button", { name: "Annuler" }).click();
    await dialogue.waitFor({ state: "hidden" });
    expect(fr.errors).toEqual([]);
    await fr.page.context().close();
  });

  it("counts an ended session as held, lets a member say it did not take place, keeps a moved session upcoming with its Join link and a cancelled one out of Past", async () => {
    const t = actives()[1]!;
    const joinUrl = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_moved%40thread.v2/0";
    const ended = await seedSession(t.id, { start: hoursFromNow(-3), end: hoursFromNow(-2.25), status: "scheduled" });
    const moved = await seedSession(t.id, { start: hoursFromNow(2), end: hoursFromNow(2.75), status: "moved", joinUrl });
    const cancelled = await seedSession(t.id, { start: hoursFromNow(5), end: hoursFromNow(5.75), status: "cancelled", joinUrl });

    const { page, errors } = await open(t.menteeIds[0]!);
    // Home's "Next session" is the moved one, today.
    const card = cardOf(page, t.id);
    await expect.poll(() => card.getByRole("heading", { name: "Next session" }).locator("..").textContent(), { timeout: 15_000 }).toContain("(today)");

    await page.goto(page.url().replace("#/home", "#/sessions"));
    if (await page.getByRole("combobox", { name: "Tandem" }).isVisible()) {
      await page.getByRole("combobox", { name: "Tandem" }).click();
      await page.getByRole("option", { name: name(t.mentorId) }).click();
    }
    const upcoming = page.locator('section[aria-labelledby="upcoming"]');
    const past = page.locator('section[aria-labelledby="past"]');
    const movedCard = upcoming.locator(`[data-session="${moved.id}"]`);
    await movedCard.getByText("Moved").waitFor();
    expect(await movedCard.getByRole("link", { name: "Join in Teams" }).getAttribute("href")).toBe(joinUrl);
    const cancelledCard = upcoming.locator(`[data-session="${cancelled.id}"]`);
    await cancelledCard.getByText("Cancelled").waitFor();
    expect(await cancelledCard.getByRole("link").count()).toBe(0);
    expect(await past.locator(`[data-session="${cancelled.id}"]`).count()).toBe(0);

    const endedCard = past.locator(`[data-session="${ended.id}"]`);
    await endedCard.getByText("Held", { exact: true }).waitFor();
    await endedCard.getByRole("button", { name: "Check-ins and notes" }).click();
    await endedCard.getByRole("button", { name: "It did not take place" }).waitFor();
    await shot(page, "tab-lifecycle-sessions-light-en.png");
    await endedCard.getByRole("button", { name: "It did not take place" }).click();
    await endedCard.getByText("Did not take place", { exact: true }).waitFor();
    await endedCard.getByRole("button", { name: "It took place after all" }).click();
    await endedCard.getByText("Held", { exact: true }).waitFor();
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("lists a declined proposal under Earlier, below the active tandem", async () => {
    const d = declined();
    const inIt = (t: DemoTandem, p: string) => t.mentorId === p || t.menteeIds.includes(p);
    // A member of the declined proposal who also has a tandem under way.
    const active = tab.api.org.tandems.find((t) => ["active", "accepted", "paused"].includes(t.status) && [d.mentorId, ...d.menteeIds].some((p) => inIt(t, p)))!;
    const who = [d.mentorId, ...d.menteeIds].find((p) => inIt(active, p))!;
    const { page, errors } = await open(who);
    const earlier = page.locator('section[aria-labelledby="home-earlier"]');
    await earlier.getByRole("heading", { name: "Earlier" }).waitFor();
    await earlier.locator(`[aria-labelledby="tandem-${d.id}"]`).getByText("Declined", { exact: true }).waitFor();
    const activeCard = cardOf(page, active.id);
    await activeCard.waitFor();
    expect(await earlier.locator(`[aria-labelledby="tandem-${active.id}"]`).count()).toBe(0);
    // Earlier comes after the active tandem on the page.
    const [activeTop, earlierTop] = [(await activeCard.boundingBox())!.y, (await earlier.boundingBox())!.y];
    expect(earlierTop).toBeGreaterThan(activeTop);
    await shot(page, "tab-lifecycle-earlier-light-en.png");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("lets a coordinator withdraw a proposal from the program's tandems, after asking", async () => {
    const proposal = tab.api.org.tandems.find((t) => t.status === "proposed")!;
    const coordinator = tab.api.org.people.find((p) => p.coordinator)!.id;
    const { page, errors } = await open(coordinator, "program/tandems");
    const row = page.locator(`[data-tandem="${proposal.id}"]`);
    await row.getByText("Proposed", { exact: true }).waitFor();
    await row.getByRole("button", { name: /^Withdraw the proposal of / }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("heading", { name: "Withdraw this proposal?" }).waitFor();
    await dialog.getByLabel(/^Why\? \(optional\)/).fill("The mentor is moving to another team");
    await dialog.getByRole("button", { name: "Withdraw" }).click();
    await dialog.waitFor({ state: "hidden" });
    await row.getByText("Withdrawn", { exact: true }).waitFor();
    expect(await row.getByRole("button").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
