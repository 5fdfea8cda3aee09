import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * The production site's headers, as Azure Static Web Apps serves them from `staticwebapp.config.json` at the root
 * of what is deployed (docs/adr/0004). Written by the production web build next to the pages, because two parts
 * of the policy are only known then: the api's origin (connect-src), and whether a page carries an inline script
 * (refused).
 */

/** Where Office.js comes from in production: add-ins must load it from Microsoft's CDN (addin/vite.config.ts). */
export const OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com";
/** Office.js's telemetry proxy, the frame it opens in the task pane (its win32 and fallback scripts name it). */
export const OFFICE_TELEMETRY_ORIGIN = "https://telemetryservice.firstpartyapps.oaspapps.com";

/**
 * The hosts allowed to frame the pages: Teams, the Microsoft 365 app and Outlook on the web, old and new domains
 * (Microsoft's "tab requirements" list, with *.cloud.microsoft for the hosts moving there). Outlook on the desktop
 * runs the task pane in a web view of its own, which is not a frame.
 */
export const FRAME_ANCESTORS = [
  "https://teams.microsoft.com",
  "https://*.teams.microsoft.com",
  "https://*.cloud.microsoft",
  "https://*.microsoft365.com",
  "https://*.office.com",
  "https://outlook.office.com",
  "https://outlook.office365.com",
  "https://outlook.live.com",
  "https://*.officeapps.live.com",
] as const;

/**
 * Sign-in endpoints the add-in's MSAL client may call when it is not brokered by the host (nested app
 * authentication falls back to Entra ID's own endpoints).
 */
export const SIGN_IN_ORIGINS = ["https://login.microsoftonline.com"] as const;

/** The Teams JavaScript library reads its list of valid host domains from Microsoft's CDN as it starts. */
export const TEAMS_JS_ORIGIN = "https://res.cdn.office.net";

export interface StaticWebAppConfig {
  globalHeaders: Record<string, string>;
  routes: { route: string; headers?: Record<string, string>; rewrite?: string }[];
  mimeTypes: Record<string, string>;
}

/** Inline scripts are refused by the policy: a page that has one is a build mistake, caught here. */
function refuseInlineScripts(pages: Record<string, string>) {
  for (const [name, html] of Object.entries(pages)) {
    for (const m of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)) {
      if (!/\ssrc=/.test(m[1] ?? "") && m[2]!.trim()) throw new Error(`${name} has an inline script, which the site's Content-Security-Policy refuses`);
    }
  }
}

export interface PolicyOptions {
  apiUrl: string;
  /**
   * Local runs only: more origins the pages may call as the api (the browser tests start an api per file, on a port
   * of its own, so they name a host with any port: `http://localhost:*`).
   */
  moreApiOrigins?: string[];
  /** Local runs only: more pages that may frame the site (the stand-in for Teams, served by the site itself: 'self'). */
  moreFrameAncestors?: string[];
}

export function contentSecurityPolicy(options: PolicyOptions): string {
  const api = new URL(options.apiUrl).origin;
  const directives: [string, ...string[]][] = [
    ["default-src", "'self'"],
    ["script-src", "'self'", OFFICE_JS_ORIGIN],
    // Fluent UI's styles are rules Griffel writes into <style> elements it creates as components mount: inline
    // styles, which a static site cannot give a per-response nonce. Styles cannot run code; scripts stay strict.
    ["style-src", "'self'", "'unsafe-inline'"],
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'", api, ...(options.moreApiOrigins ?? []), TEAMS_JS_ORIGIN, ...SIGN_IN_ORIGINS],
    // MSAL's fallback sign-in may open Entra ID's page in a popup. The one frame is Office.js's own: in Outlook on
    // Windows (and outside Office) it frames its telemetry proxy after a few seconds, and refusing it only fills the
    // console with a violation on every pane left open.
    ["frame-src", OFFICE_TELEMETRY_ORIGIN],
    ["object-src", "'none'"],
    ["base-uri", "'self'"],
    ["form-action", "'none'"],
    ["frame-ancestors", ...(options.moreFrameAncestors ?? []), ...FRAME_ANCESTORS],
  ];
  return directives.map((d) => d.join(" ")).join("; ");
}

export function staticWebAppConfig(options: PolicyOptions & { pages: Record<string, string> }): StaticWebAppConfig {
  refuseInlineScripts(options.pages);
  const csp = contentSecurityPolicy(options);
  return {
    globalHeaders: {
      "Content-Security-Policy": csp,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
      "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
      // The pages themselves change with each deployment; the browser asks again each time.
      "Cache-Control": "no-cache",
    },
    routes: [
      // Hashed assets never change under their name: cached for a year. Icons and policy pages for a day.
      { route: "/assets/*", headers: { "Cache-Control": "public, max-age=31536000, immutable" } },
      { route: "/icons/*", headers: { "Cache-Control": "public, max-age=86400" } },
      { route: "/", rewrite: "/tab.html" },
    ],
    mimeTypes: { ".map": "application/json" },
  };
}

const pagesIn = async (dir: string) => {
  const names = (await readdir(dir)).filter((f) => f.endsWith(".html"));
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n), "utf8")] as const)));
};

/** Writes `staticwebapp.config.json` for the built pages in `dir`. */
export async function writeStaticWebAppConfig(dir: string, apiUrl: string): Promise<StaticWebAppConfig> {
  const config = staticWebAppConfig({ apiUrl, pages: await pagesIn(dir) });
  await writeFile(join(dir, "staticwebapp.config.json"), `${JSON.stringify(config, null, 2)}\n`);
  return config;
}

/**
 * The headers of the production site for a local build in `dir` (`npm start`, the browser tests), so that a page
 * that breaks the policy breaks locally too: the same policy, with the local api's origin, and what only local runs
 * need (`PolicyOptions`). Nothing is written next to the pages: a local build is never deployed.
 */
export async function localSiteHeaders(dir: string, options: PolicyOptions): Promise<StaticWebAppConfig> {
  return staticWebAppConfig({ ...options, pages: await pagesIn(dir) });
}

/** The headers the site answers `path` with: the global ones, then those of the first route that matches. */
export function headersFor(config: StaticWebAppConfig, path: string): Record<string, string> {
  const route = config.routes.find((r) => r.headers && (r.route.endsWith("/*") ? path.startsWith(r.route.slice(0, -1)) : path === r.route));
  return { ...config.globalHeaders, ...route?.headers };
}
