import { createServer, type Server } from "node:http";
import { existsSync } from "node:fs";
import { readFile, rm, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { createRequire } from "node:module";
import { headersFor, writeStaticWebAppConfig, type StaticWebAppConfig } from "../../build/site/static-web-app.ts";

const root = resolve(import.meta.dirname, "../..");

/** The front ends that make up the static site: each builds its pages into the same folder. */
export const webApps = ["tabs", "addin"].filter((w) => existsSync(resolve(root, w, "vite.config.ts")));

/**
 * Builds the tab and the add-in pages into one folder, as the static site serves them. `local` builds carry
 * the local-mode extras (persona switcher, development sign-in); production builds do not.
 */
export async function buildWeb(options: {
  local: boolean;
  apiUrl: string;
  outDir: string;
  quiet?: boolean;
  apps?: string[];
  /** The Entra app the add-in's nested app authentication asks a token from (production builds). */
  entra?: { clientId: string; scope: string };
}) {
  const { build } = await import("vite");
  await rm(options.outDir, { recursive: true, force: true });
  process.env.VITE_API_URL = options.apiUrl;
  process.env.VITE_ENTRA_CLIENT_ID = options.entra?.clientId ?? "";
  process.env.VITE_API_SCOPE = options.entra?.scope ?? "";
  // A production build is one whoever starts it (a test runner sets NODE_ENV=test): React's production build.
  const nodeEnv = process.env.NODE_ENV;
  if (!options.local) process.env.NODE_ENV = "production";
  try {
    for (const app of options.apps ?? webApps) {
      await build({
        configFile: resolve(root, app, "vite.config.ts"),
        mode: options.local ? "localdev" : "production",
        logLevel: options.quiet ? "warn" : "info",
        build: { outDir: options.outDir },
      });
    }
    // Azure Static Web Apps reads its headers (Content-Security-Policy...) from the site's root.
    if (!options.local) await writeStaticWebAppConfig(options.outDir, options.apiUrl);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".xml": "application/xml; charset=utf-8",
};

/** Office.js comes from the @microsoft/office-js package, never from a CDN, locally and in tests. */
export const officeJsDir = () =>
  resolve(createRequire(import.meta.url).resolve("@microsoft/office-js/package.json"), "../dist");

/**
 * Serves the built pages like the production static site does, plus /office-js/ from the npm package.
 * Only files under the given folders are served. With `siteHeaders`, every answer carries the headers the
 * production build's staticwebapp.config.json gives it, as Azure Static Web Apps would.
 */
export function startWebHost(options: { port: number; dir: string; host?: string; siteHeaders?: StaticWebAppConfig }): Promise<Server> {
  const mounts: [string, string][] = [
    ["/office-js/", officeJsDir()],
    // The add-in's icons, as the production site has them (the manifest points at /icons/).
    ["/icons/", resolve(root, "appPackage/assets")],
    ["/", resolve(options.dir)],
  ];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    const [prefix, dir] = mounts.find(([p]) => path.startsWith(p))!;
    const file = normalize(join(dir, path.slice(prefix.length) || "index.html"));
    try {
      if (!file.startsWith(dir) || !(await stat(file)).isFile()) throw new Error("not a file");
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": types[extname(file)] ?? "application/octet-stream",
        "cache-control": extname(file) === ".html" ? "no-cache" : "public, max-age=3600",
        "x-content-type-options": "nosniff",
        // Header names are case-insensitive: the site's own replace these defaults.
        ...Object.fromEntries(Object.entries(options.siteHeaders ? headersFor(options.siteHeaders, path) : {}).map(([k, v]) => [k.toLowerCase(), v])),
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      res.end("Not found");
    }
  });
  return new Promise((resolvePromise, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", () => resolvePromise(server));
  });
}

export { root as repoRoot };
