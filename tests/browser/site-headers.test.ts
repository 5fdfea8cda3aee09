import { mkdtemp, readFile, rm } from "node:fs/promises";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Frame, Page } from "playwright-core";
import { buildWeb, officeJsDir, startWebHost } from "../../scripts/lib/web";
import { freePort } from "../../scripts/lib/azurite";
import { FRAME_ANCESTORS, type StaticWebAppConfig } from "../../build/site/static-web-app";
import { startTestApi, type TestApi } from "../support/test-api";
import { launchChromium, localContext } from "../support/browser";
import { teamsHostPage } from "../support/teams-host";

/**
 * The production pages served with the headers of their staticwebapp.config.json, as Azure Static Web Apps serves
 * them, in Chromium: the tab inside a stand-in for Teams served from Teams' own origin (so frame-ancestors is the
 * real check), every view opened, and the add-in's task pane with Office.js answered from the npm package at the
 * CDN's address. Chromium reports each Content-Security-Policy violation as a `securitypolicyviolation` event.
 */
let api: TestApi;
let browser: Browser;
let server: Server;
let site: string;
let dir: string;
let config: StaticWebAppConfig;
const ENTRA = { clientId: "11111111-2222-3333-4444-555555555555", scope: "api://tandem.example/11111111-2222-3333-4444-555555555555/access_as_user" };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "tandem-site-headers-"));
  const port = await freePort();
  site = `http://localhost:${port}`;
  api = await startTestApi({ corsOrigins: [site] });
  // As `teamsapp deploy` builds it: the api's address, and the Entra app the add-in's nested app authentication names.
  await buildWeb({ local: false, apiUrl: api.url, outDir: dir, quiet: true, entra: ENTRA });
  config = JSON.parse(await readFile(join(dir, "staticwebapp.config.json"), "utf8")) as StaticWebAppConfig;
  server = await startWebHost({ port, dir, siteHeaders: config });
  // The stand-in for Teams is served at Teams' public address, and frames the site served from this machine: the
  // checks browsers make before a public page reaches a local address would stop it (Teams and the site are
  // both public in production).
  browser = await launchChromium({ args: ["--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessForNavigations,PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests"] });
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  await api?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const VIOLATIONS = () => {
  (window as unknown as { __csp: string[] }).__csp = [];
  document.addEventListener("securitypolicyviolation", (e) =>
    (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`),
  );
};
const violations = (frame: Page | Frame) => frame.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

describe("the production site's headers", () => {
  it("give the pages a Content-Security-Policy that frames them only in Microsoft 365 hosts, and caches hashed assets for a year", async () => {
    const csp = config.globalHeaders["Content-Security-Policy"]!;
    expect(csp).toContain(`connect-src 'self' ${new URL(api.url).origin}`);
    expect(csp).toMatch(/script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).toMatch(/frame-ancestors https:\/\/teams\.microsoft\.com /);
    const page = await fetch(`${site}/tab.html`);
    expect(page.headers.get("content-security-policy")).toBe(csp);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    const asset = (await page.text()).match(/src="\.\/(assets\/[^"]+\.js)"/)![1]!;
    expect((await fetch(`${site}/${asset}`)).headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("let Teams frame the tab, whose every view runs without one violation, and keep any other site from framing it", async () => {
    const tandem = api.org.tandems.find((t) => t.status === "active" && t.kind === "tandem")!;
    const mentee = api.org.people.find((p) => p.id === tandem.menteeIds[0])!;
    const context = await localContext(browser);
    await context.addInitScript(VIOLATIONS);
    const page = await context.newPage();
    const host = "https://teams.microsoft.com/tandem-test-host.html";
    expect(FRAME_ANCESTORS).toContain(new URL(host).origin);
    await page.route(host, async (route) =>
      route.fulfill({
        contentType: "text/html",
        body: teamsHostPage({ tabUrl: `${site}/tab.html`, token: await api.token(mentee.id), theme: "default", locale: "en-gb", loginHint: mentee.mail }),
      }),
    );
    await page.goto(host);
    const frame = () => page.frames().find((f) => f.url().startsWith(`${site}/tab.html`))!;
    const tab = page.frameLocator("#tab");
    await tab.getByRole("heading", { name: `Hello, ${mentee.givenName}` }).waitFor();
    for (const [name, ready] of [
      ["Sessions", tab.getByRole("heading", { name: "Past" })],
      ["My profile", tab.getByRole("heading", { name: "My profile" }).first()],
      ["Take stock", tab.getByRole("heading", { name: "Take stock" }).first()],
    ] as const) {
      await tab.getByRole("tab", { name }).click();
      await ready.waitFor();
    }
    expect(await violations(frame())).toEqual([]);

    // Another site's frame: Chromium refuses to render the tab in it.
    const elsewhere = await context.newPage();
    const blocked: string[] = [];
    elsewhere.on("console", (m) => {
      if (/frame-ancestors/.test(m.text())) blocked.push(m.text());
    });
    await elsewhere.route("https://example.test/", (route) =>
      route.fulfill({ contentType: "text/html", body: `<iframe id="tab" src="${site}/tab.html"></iframe>` }),
    );
    await elsewhere.goto("https://example.test/");
    await expect.poll(() => blocked.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await context.close();
  });

  it("load the add-in's task pane and Office.js from its CDN address without one violation", async () => {
    const context = await localContext(browser);
    await context.addInitScript(VIOLATIONS);
    const page = await context.newPage();
    // Office.js at the CDN's address, answered from the npm package: nothing leaves the machine.
    await page.route("https://appsforoffice.microsoft.com/lib/1/hosted/**", async (route) => {
      const name = new URL(route.request().url()).pathname.replace("/lib/1/hosted/", "");
      try {
        route.fulfill({ contentType: "text/javascript", body: await readFile(join(officeJsDir(), name)) });
      } catch {
        route.fulfill({ status: 404, body: "" });
      }
    });
    const loaded: string[] = [];
    page.on("requestfinished", (r) => loaded.push(r.url()));
    await page.goto(`${site}/taskpane.html`);
    // Outside Outlook the pane says where it belongs.
    await page.getByText(/Outlook/).first().waitFor();
    expect(loaded).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    expect(await violations(page)).toEqual([]);
    await context.close();
  });

  describe("the add-in's sign-in, in a stand-in for Outlook", () => {
    /**
     * A thin stand-in for Outlook on the web, which cannot run here: Office.js at its CDN address answered with a
     * small script that says the host is Outlook, whether it supports nested app authentication (the NestedAppAuth
     * requirement set), and what Office SSO's getAccessToken gives; and the nested app authentication bridge
     * Outlook puts in the page, answering MSAL's JSON requests with a token for the api. Both record what they
     * were asked.
     */
    function fakeOutlook(o: { nestedAppAuth: boolean; bridgeToken: string | null; ssoToken: string | null }) {
      return `
window.__asked = { bridge: [], sso: [] };
const o = ${JSON.stringify(o)};
const listeners = new Set();
window.nestedAppAuthBridge = {
  addEventListener: (_, l) => listeners.add(l),
  removeEventListener: (_, l) => listeners.delete(l),
  postMessage: (message) => {
    const r = JSON.parse(message);
    window.__asked.bridge.push({ method: r.method, scope: r.tokenParams && r.tokenParams.scope, clientId: r.tokenParams && r.tokenParams.clientId });
    const reply = (body) => setTimeout(() => listeners.forEach((l) => l(JSON.stringify({ messageType: "NestedAppAuthResponse", requestId: r.requestId, ...body }))), 0);
    if (r.method === "GetInitContext") return reply({ success: true, initContext: { sdkName: "Outlook (test host)", sdkVersion: "1.0", capabilities: { queryAccount: false } } });
    if (!o.bridgeToken) return reply({ success: false, error: { status: "PERSISTENT_ERROR", code: "host_refused" } });
    const b64 = (x) => btoa(JSON.stringify(x)).split("=").join("").split("+").join("-").split("/").join("_");
    const now = Math.floor(Date.now() / 1000);
    const idToken = b64({ alg: "none" }) + "." + b64({ aud: r.tokenParams.clientId, tid: "t", oid: "o", preferred_username: "someone@contoso.example", iss: "https://login.microsoftonline.com/t/v2.0", iat: now, exp: now + 3600 }) + ".";
    reply({ success: true, token: { access_token: o.bridgeToken, expires_in: 3600, id_token: idToken, properties: null, scope: r.tokenParams.scope },
      account: { homeAccountId: "o.t", environment: "login.microsoftonline.com", tenantId: "t", localAccountId: "o", username: "someone@contoso.example" } });
  },
};
window.Office = {
  HostType: { Outlook: "Outlook" },
  AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
  MailboxEnums: { ItemType: { Message: "message", Appointment: "appointment" }, RestVersion: { v2_0: "v2.0" } },
  onReady: () => Promise.resolve({ host: "Outlook", platform: "OfficeOnline" }),
  context: {
    displayLanguage: "en-GB",
    officeTheme: { bodyBackgroundColor: "#FFFFFF" },
    requirements: { isSetSupported: (name, version) => o.nestedAppAuth && name === "NestedAppAuth" && version === "1.1" },
    mailbox: { item: null, convertToRestId: (id) => id },
  },
  auth: {
    getAccessToken: (options) => {
      window.__asked.sso.push(options);
      return o.ssoToken ? Promise.resolve(o.ssoToken) : Promise.reject({ code: 13012, message: "API is not supported in this platform." });
    },
  },
};`;
    }

    async function pane(o: { nestedAppAuth: boolean; bridge: boolean; sso: boolean }) {
      const tandem = api.org.tandems.find((t) => t.status === "active" && t.kind === "tandem")!;
      const mentor = api.org.people.find((p) => p.id === tandem.mentorId)!;
      const mentee = api.org.people.find((p) => p.id === tandem.menteeIds[0])!;
      const token = await api.token(mentor.id);
      const context = await localContext(browser);
      await context.addInitScript(VIOLATIONS);
      const page = await context.newPage();
      const script = fakeOutlook({ nestedAppAuth: o.nestedAppAuth, bridgeToken: o.bridge ? token : null, ssoToken: o.sso ? token : null });
      await page.route("https://appsforoffice.microsoft.com/lib/1/hosted/office.js", (route) => route.fulfill({ contentType: "text/javascript", body: script }));
      await page.goto(`${site}/taskpane.html`);
      const asked = () => page.evaluate(() => (window as unknown as { __asked: { bridge: { method: string; scope?: string; clientId?: string }[]; sso: unknown[] } }).__asked);
      // Signed in: the pane shows, from the api, whom the mentor can book with.
      const signedIn = () => page.getByText(mentee.displayName).first().waitFor();
      return { page, context, asked, signedIn };
    }

    it("signs in through Outlook's nested app authentication for the api's scope, without Office SSO", async () => {
      const { page, context, asked, signedIn } = await pane({ nestedAppAuth: true, bridge: true, sso: true });
      await signedIn();
      const { bridge, sso } = await asked();
      expect(bridge.find((r) => r.method === "GetToken")).toMatchObject({ clientId: ENTRA.clientId, scope: expect.stringContaining(ENTRA.scope) });
      expect(sso).toEqual([]);
      expect(await violations(page)).toEqual([]);
      await context.close();
    });

    it("falls back to Office SSO, for the api only, where Outlook has no nested app authentication", async () => {
      const { context, asked, signedIn } = await pane({ nestedAppAuth: false, bridge: false, sso: true });
      await signedIn();
      const { bridge, sso } = await asked();
      expect(bridge).toEqual([]);
      // Asked for each call (Office keeps the token), always for the api only: never forMSGraphAccess.
      expect(sso.length).toBeGreaterThan(0);
      for (const options of sso) expect(options).toEqual({ allowSignInPrompt: true, allowConsentPrompt: true });
      await context.close();
    });

    it("says what to do when neither works", async () => {
      const { page, context, asked } = await pane({ nestedAppAuth: true, bridge: false, sso: false });
      await page.getByText(/Outlook could not sign you in to Tandem \(error 13012\)\..*IT admin/).waitFor();
      const { bridge, sso } = await asked();
      expect(bridge.some((r) => r.method === "GetToken")).toBe(true);
      expect(sso).toHaveLength(1);
      await context.close();
    });
  });
});
