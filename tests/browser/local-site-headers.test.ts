import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Browser } from "playwright-core";
import { contentSecurityPolicy } from "../../build/site/static-web-app";
import { castOf, startTestApi, type TestApi } from "../support/test-api";
import { launchChromium, localContext } from "../support/browser";

/**
 * The local pages (`npm start`, every browser test) are served with the production site's Content-Security-Policy,
 * so that a page that breaks it breaks here and not first in production. Local runs add only what they need: the
 * api of each test file on a port of its own, and the stand-in for Teams served by the same host, which frames the tab.
 */
const web = inject("webUrl");
let api: TestApi;
let browser: Browser;

beforeAll(async () => {
  api = await startTestApi({ corsOrigins: [web] });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await api?.close();
});

const directives = (csp: string) => new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

describe("the local pages' headers", () => {
  it.each(["tab.html", "taskpane.html"])("give %s the production policy, with the local api and the local Teams stand-in only added", async (page) => {
    const answer = await fetch(`${web}/${page}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
    const local = directives(answer.headers.get("content-security-policy") ?? "");
    const production = directives(contentSecurityPolicy({ apiUrl: "http://localhost:7071/api" }));
    expect([...local.keys()].sort()).toEqual([...production.keys()].sort());
    for (const [name, values] of production) {
      const added = local.get(name)!.filter((v) => !values.includes(v));
      expect(local.get(name), name).toEqual(expect.arrayContaining(values));
      const allowed = name === "connect-src" ? ["http://localhost:*", "http://127.0.0.1:*"] : name === "frame-ancestors" ? ["'self'"] : [];
      expect(added, name).toEqual(allowed);
    }
  });

  it("let the local tab and task pane run without one violation of the policy", async () => {
    const cast = castOf(api.org);
    const context = await localContext(browser);
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI || "inline"}`));
    });
    const page = await context.newPage();
    const query = `api=${encodeURIComponent(api.url)}&persona=${cast.mentee}&lang=en`;
    await page.goto(`${web}/tab.html?${query}`);
    await page.locator(`[aria-labelledby="tandem-${cast.tandem.id}"]`).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    await page.goto(`${web}/taskpane.html?${query}`);
    await page.getByText(/^Tandem with /).first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
    await context.close();
  });
});
