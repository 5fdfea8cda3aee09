import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { startTestApi, type TestApi } from "../support/test-api";
import { launchChromium, localContext } from "../support/browser";
import { teamsHostPage } from "../support/teams-host";

let api: TestApi;
let browser: Browser;
const web = inject("webUrl");

beforeAll(async () => {
  api = await startTestApi({ corsOrigins: [web] });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

describe("the tab inside (a stand-in for) Microsoft Teams", () => {
  it("signs in with the Teams SSO token, follows the Teams locale and theme live, and opens chats through Teams", async () => {
    const tandem = api.org.tandems.find((t) => t.status === "active" && t.kind === "tandem")!;
    const mentee = api.org.people.find((p) => p.id === tandem.menteeIds[0])!;
    const mentor = api.org.people.find((p) => p.id === tandem.mentorId)!;
    const context = await localContext(browser);
    const page = await context.newPage();
    // The host hands out the person's token, as Teams SSO does.
    const token = await api.token(mentee.id);
    await page.route(`${web}/teams-host.html`, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: teamsHostPage({
          tabUrl: `${web}/tab.html?api=${encodeURIComponent(api.url)}`,
          token,
          theme: "dark",
          locale: "fr-fr",
          loginHint: mentee.mail,
        }),
      }),
    );
    await page.goto(`${web}/teams-host.html`);
    const tab = page.frameLocator("#tab");

    await tab.getByRole("heading", { name: `Bonjour ${mentee.givenName}` }).waitFor();
    expect(await tab.getByText("Mode local").count()).toBe(0);
    expect(await tab.locator("[data-in-teams]").getAttribute("data-in-teams")).toBe("true");
    expect(await tab.locator("[data-theme]").first().getAttribute("data-theme")).toBe("dark");

    await page.evaluate(() => (window as unknown as { setTeamsTheme(t: string): void }).setTeamsTheme("contrast"));
    await expect.poll(() => tab.locator("[data-theme]").first().getAttribute("data-theme"), { timeout: 10_000 }).toBe("contrast");

    await tab.getByRole("button", { name: `Discuter avec ${mentor.displayName}` }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __opened: string[] }).__opened), { timeout: 10_000 })
      .toEqual([`https://teams.microsoft.com/l/chat/0/0?users=${encodeURIComponent(mentor.mail)}`]);

    const asked = await page.evaluate(() => (window as unknown as { __asked: string[] }).__asked);
    expect(asked).toEqual(expect.arrayContaining(["initialize", "getContext", "authentication.getAuthToken"]));
    await context.close();
  });
});
