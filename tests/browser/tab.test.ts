import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { trainingModules, type DemoTandem } from "@tandem/core";
import { backgroundBrightness, firstAndSettledLook, noteFirstLook, watchErrors, type LookParts } from "../support/browser";
import { browserHarness } from "../support/browser-harness";

const tab = browserHarness();
const { open, tabUrl } = tab;
/** An active tandem whose mentee has not checked in on the last session yet, as the demo has one. */
let cast: { tandem: DemoTandem; mentor: string; mentee: string };

beforeAll(() => {
  const tandem = tab.api.org.tandems.find((t) => {
    const held = t.sessions.filter((s) => s.status === "held").sort((a, b) => b.daysFromNow - a.daysFromNow)[0];
    return t.status === "active" && t.kind === "tandem" && held && !held.checkIns.some((c) => c.personId === t.menteeIds[0]);
  })!;
  cast = { tandem, mentor: tandem.mentorId, mentee: tandem.menteeIds[0]! };
});

const name = (id: string) => tab.api.org.people.find((p) => p.id === id)!.displayName;

const card = (page: Page) => page.locator(`[aria-labelledby="tandem-${cast.tandem.id}"]`);
/** The most recent held session: the one the "how did it go?" prompt asks about. */
const lastHeld = () =>
  [...cast.tandem.sessions].filter((s) => s.status === "held").sort((a, b) => b.daysFromNow - a.daysFromNow)[0]!;
const sessionCard = (page: Page) => page.locator(`[data-session="${lastHeld().id}"]`);

describe("the Teams tab in Chromium, against the real api and Azurite", () => {
  const title = `Run my first poll in Teams ${Date.now()}`;

  it("lets a mentee create a goal and move its progress, and keeps it across a reload", async () => {
    const { page, errors } = await open(cast.mentee);
    await card(page).getByText(name(cast.mentor)).first().waitFor();

    await card(page).getByRole("button", { name: "Add a goal" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox", { name: /^Goal/ }).fill(title);
    await dialog.getByRole("combobox", { name: /^Skill/ }).click();
    await page.getByRole("option").first().click();
    await dialog.getByLabel("Success criterion").fill("I run a poll in my next team meeting without help.");
    await dialog.getByLabel(/^Target date/).fill("2027-03-31");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "hidden" });
    await card(page).getByText(title).waitFor();

    const slider = card(page).getByRole("slider", { name: `Progress of “${title}”` });
    await slider.focus();
    const saved = page.waitForResponse((r) => r.request().method() === "PATCH" && r.url().includes("/goals/"));
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    expect((await saved).status()).toBe(200);

    await page.reload();
    await expect.poll(() => card(page).getByRole("slider", { name: `Progress of “${title}”` }).inputValue(), { timeout: 15_000 }).toBe("30");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("lets the mentee check in after a session and write a private and a shared note", async () => {
    const { page, errors } = await open(cast.mentee, "sessions");
    if (await page.getByRole("combobox", { name: "Tandem" }).isVisible()) {
      await page.getByRole("combobox", { name: "Tandem" }).click();
      await page.getByRole("option", { name: name(cast.mentor) }).click();
    }
    await page.getByRole("button", { name: "Check in" }).first().click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("What I learned").fill("Polls live in the meeting chat, not in a separate app.");
    await dialog.getByLabel("What I will try before next time").fill("A poll at Monday's team meeting.");
    await dialog.getByRole("radio", { name: "4 out of 5" }).click();
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByText("How did your last session go?").waitFor({ state: "hidden" });

    const session = sessionCard(page);
    await session.getByRole("button", { name: "Check-ins and notes" }).click();
    await session.getByText("Polls live in the meeting chat").waitFor();

    for (const [text, visibility] of [
      ["Private: I was nervous about sharing my screen.", "Visible to me only (private)"],
      ["Shared: next time, breakout rooms.", "Visible to my tandem (shared)"],
    ] as const) {
      const draft = session.getByLabel("Add a note");
      await expect.poll(() => draft.inputValue(), { timeout: 15_000 }).toBe("");
      await draft.fill(text);
      await session.getByRole("radio", { name: visibility }).check();
      const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/notes"));
      await session.getByRole("button", { name: "Save note" }).click();
      expect((await saved).status()).toBe(201);
      await session.getByText(text).waitFor();
    }
    await session.locator('[data-note-visibility="private"]').getByText("Private: only you").waitFor();
    // After a shared note, the next one starts private again.
    expect(await session.getByRole("radio", { name: "Visible to me only (private)" }).isChecked()).toBe(true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("shows the mentor the mentee's progress and shared note, never the private note", async () => {
    const { page, errors } = await open(cast.mentor);
    await card(page).getByText(title).waitFor();
    await expect
      .poll(() => card(page).getByRole("slider", { name: `Progress of “${title}”` }).inputValue(), { timeout: 15_000 })
      .toBe("30");

    await page.getByRole("tab", { name: "Sessions" }).click();
    if (await page.getByRole("combobox", { name: "Tandem" }).isVisible()) {
      await page.getByRole("combobox", { name: "Tandem" }).click();
      await page.getByRole("option", { name: name(cast.mentee) }).click();
    }
    const session = sessionCard(page);
    await session.getByRole("button", { name: "Check-ins and notes" }).click();
    await session.getByText("Shared: next time, breakout rooms.").waitFor();
    await session.getByText("Polls live in the meeting chat").waitFor();
    expect(await page.content()).not.toContain("I was nervous about sharing my screen");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("moves between sections with the keyboard alone, the focused section in sight", async () => {
    const { page, errors } = await open(cast.mentee);
    await card(page).waitFor();
    const focused = (tab: string) => page.getByRole("tab", { name: tab }).evaluate((el) => el === document.activeElement);
    // Tab reaches the sections (on the current one); the arrow keys move between them; Enter opens one.
    for (let i = 0; i < 25 && !(await focused("Home")); i++) await page.keyboard.press("Tab");
    expect(await focused("Home")).toBe(true);
    await page.keyboard.press("ArrowRight");
    expect(await focused("Sessions")).toBe(true);
    // Fluent's focus ring on a tab: a 2 px ring (a box shadow) in the focus colour, on keyboard focus only.
    const ring = (tab: string) => page.getByRole("tab", { name: tab }).evaluate((el) => getComputedStyle(el).boxShadow);
    expect(await ring("Sessions")).toMatch(/0px 0px 0px 2px/);
    expect(await ring("Home")).not.toMatch(/0px 0px 0px 2px/);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Past" }).waitFor();
    expect(await page.getByRole("tab", { name: "Sessions" }).getAttribute("aria-selected")).toBe("true");
    expect(page.url()).toMatch(/#\/sessions$/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("tells of a change made elsewhere (412) and recovers with a reload", async () => {
    const first = await open(cast.mentee);
    const second = await open(cast.mentee);
    for (const p of [first.page, second.page]) await card(p).getByText(title).waitFor();

    const slider = card(second.page).getByRole("slider", { name: `Progress of “${title}”` });
    await slider.focus();
    const saved = second.page.waitForResponse((r) => r.request().method() === "PATCH");
    await second.page.keyboard.press("ArrowRight");
    expect((await saved).status()).toBe(200);

    await card(first.page).getByRole("button", { name: `Edit goal: ${title}` }).click();
    const dialog = first.page.getByRole("dialog");
    await dialog.getByLabel("Success criterion").fill("Changed in the first window.");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.getByText(/changed elsewhere/).waitFor();

    await dialog.getByRole("button", { name: "Reload" }).click();
    await dialog.waitFor({ state: "hidden" });
    await expect
      .poll(() => card(first.page).getByRole("slider", { name: `Progress of “${title}”` }).inputValue(), { timeout: 15_000 })
      .toBe("40");
    await first.page.context().close();
    await second.page.context().close();
  });

  it("in local mode, asks whom to sign in as when the address names nobody known, and remembers the choice", async () => {
    const context = await tab.context();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const base = tabUrl(null);

    for (const address of [base, `${base}&persona=00000000-0000-4000-8000-000000000000`]) {
      await page.goto(address);
      await page.getByText("Choose a person of the demo organisation to sign in as.").waitFor();
      expect(await page.locator('[aria-labelledby^="tandem-"]').count()).toBe(0);
      expect(await page.getByRole("alert").count()).toBe(0);
    }

    await page.getByRole("combobox", { name: "Signed in as" }).click();
    await page.getByRole("option", { name: new RegExp(`^${name(cast.mentee)} ·`) }).click();
    await card(page).getByText(name(cast.mentor)).first().waitFor();
    expect(new URL(page.url()).searchParams.get("persona")).toBe(cast.mentee);

    // The next visit, without a persona in the address, signs in as the one chosen last.
    await page.goto(base);
    await card(page).getByText(name(cast.mentor)).first().waitFor();
    await expect.poll(() => page.getByRole("combobox", { name: "Signed in as" }).textContent()).toContain(name(cast.mentee));
    // The one error: the browser reporting the api's 404 for the unknown persona.
    expect(errors).toEqual(["console: Failed to load resource: the server responded with a status of 404 (Not Found)"]);
    await context.close();
  });
  /** The first screen's parts whose look tells styled from unstyled, and one theme from another. */
  const firstScreen: LookParts = {
    page: ['[data-theme]:has([aria-labelledby^="tandem-"])', ["background-color", "color", "font-family"]],
    card: ['[aria-labelledby^="tandem-"]', ["display", "padding-top", "background-color", "border-top-left-radius", "box-shadow"]],
    heading: ['[aria-labelledby^="tandem-"] h2', ["font-size", "font-weight", "line-height"]],
    button: ['[aria-labelledby^="tandem-"] button', ["display", "color", "background-color", "border-top-left-radius"]],
    section: ['[role="tab"][aria-selected="true"]', ["color", "font-weight", "padding-left"]],
  };

  it("shows a mentee's first tandem styled from the moment it appears, in the light and the dark theme alike", async () => {
    const context = await tab.context();
    await noteFirstLook(context, '[aria-labelledby^="tandem-"]', firstScreen);
    const pages: Record<string, Record<string, string>> = {};
    for (const theme of ["default", "dark"]) {
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(tabUrl(cast.mentee, undefined, { theme }));
      await card(page).getByText(name(cast.mentor)).first().waitFor();
      // Nothing of what the first screen shows looks different once everything has loaded and settled.
      const { first, settled } = await firstAndSettledLook(page);
      expect(first).toEqual(settled);
      expect(first.card).toContain("display:grid");
      expect(first.card).not.toContain("background-color:rgba(0, 0, 0, 0)");
      expect(await page.locator("[data-theme]").first().getAttribute("data-theme")).toBe(theme);
      expect(errors).toEqual([]);
      pages[theme] = first;
      await page.close();
    }
    // The dark page is dark from its first frame: no light theme first.
    expect(backgroundBrightness(pages.dark!.page!)).toBeLessThan(3 * 96);
    expect(backgroundBrightness(pages.default!.page!)).toBeGreaterThan(3 * 160);
    await context.close();
  });

  it("shows a mentor's first screen styled from the moment a tandem appears, the training notice and its actions too", async () => {
    const context = await tab.context();
    await noteFirstLook(context, '[aria-labelledby^="tandem-"]', {
      ...firstScreen,
      // A mentor who has not finished the training is told so above the tandems, with a way to it.
      notice: [".fui-MessageBar", ["display", "background-color", "border-top-left-radius", "padding-left"]],
    });
    // A mentor who has not finished the training, with a tandem proposed to them, as the demo has one.
    const proposed = tab.api.org.tandems.find((t) => {
      const mentor = tab.api.org.people.find((p) => p.id === t.mentorId)!;
      return t.status === "proposed" && (mentor.profile?.trainingCompleted.length ?? 0) < trainingModules.length;
    })!;
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(tabUrl(proposed.mentorId));
    await page.locator(`[aria-labelledby="tandem-${proposed.id}"]`).getByRole("button", { name: "Accept" }).waitFor();
    const { first, settled } = await firstAndSettledLook(page);
    expect(first).toEqual(settled);
    expect(first.card).toContain("display:grid");
    expect(first.notice).not.toBe("missing");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("keeps Fluent's cascade order as other views add their styles", async () => {
    const { page, errors } = await open(cast.mentee);
    await card(page).getByText(name(cast.mentor)).first().waitFor();
    const rules = () =>
      page.evaluate(() =>
        [...document.head.querySelectorAll<HTMLStyleElement>("style[data-make-styles-bucket]")].reduce((n, s) => n + (s.sheet?.cssRules.length ?? 0), 0),
      );
    const before = await rules();
    // Other views insert their rules as they come, each in its bucket's place: Griffel orders its buckets (base,
    // then :link ... :active, then at-rules and media queries) and, within one, by priority (shorthands first).
    for (const [tab, ready] of [
      ["Sessions", page.getByRole("heading", { name: "Past" })],
      ["My profile", page.getByRole("heading", { name: "My profile" }).first()],
    ] as const) {
      await page.getByRole("tab", { name: tab }).click();
      await ready.waitFor();
    }
    expect(await rules()).toBeGreaterThan(before);
    const buckets = await page.evaluate(() =>
      [...document.head.querySelectorAll<HTMLStyleElement>("style[data-make-styles-bucket]")].map((s) => ({
        bucket: s.dataset.makeStylesBucket!,
        priority: Number(s.dataset.priority ?? 0),
      })),
    );
    const order = ["r", "d", "l", "v", "w", "f", "i", "h", "a", "s", "k", "t", "m", "c", "x"];
    for (let i = 1; i < buckets.length; i++) {
      const [a, b] = [buckets[i - 1]!, buckets[i]!];
      const rank = order.indexOf(b.bucket) - order.indexOf(a.bucket);
      expect(rank, JSON.stringify(buckets)).toBeGreaterThanOrEqual(0);
      if (rank === 0 && a.bucket !== "m") expect(b.priority, JSON.stringify(buckets)).toBeGreaterThanOrEqual(a.priority);
    }
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
