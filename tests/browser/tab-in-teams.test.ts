import { describe, expect, it } from "vitest";
import { teamsHostPage } from "../support/teams-host";
import { browserHarness } from "../support/browser-harness";

const harness = browserHarness();
const { web } = harness;

describe("the tab inside (a stand-in for) Microsoft Teams", () => {
  it("signs in with the Teams SSO token, follows the Teams locale and theme live, and opens chats through Teams", async () => {
    const tandem = harness.api.org.tandems.find((t) => t.status === "active" && t.kind === "tandem")!;
    const mentee = harness.api.org.people.find((p) => p.id === tandem.menteeIds[0])!;
    const mentor = harness.api.org.people.find((p) => p.id === tandem.mentorId)!;
    const context = await harness.context();
    const page = await context.newPage();
    // The host hands out the person's token, as Teams SSO does.
    const token = await harness.api.token(mentee.id);
    await page.route(`${web}/teams-host.html`, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: teamsHostPage({
          tabUrl: `${web}/tab.html?api=${encodeURIComponent(harness.api.url)}`,
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
