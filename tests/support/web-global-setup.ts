import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildWeb, startWebHost } from "../../scripts/lib/web";
import { localSiteHeaders } from "../../build/site/static-web-app";
import { freePort } from "../../scripts/lib/azurite";

declare module "vitest" {
  export interface ProvidedContext {
    webUrl: string;
  }
}

/** Builds the local-mode pages once per run and serves them as the static site does, with its headers. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), "tandem-web-"));
  await buildWeb({ local: true, apiUrl: "http://localhost:7071/api", outDir: dir, quiet: true });
  const port = await freePort();
  // The production site's Content-Security-Policy, so that a violation shows up here: the api of each test file
  // runs on a port of its own, and the stand-in for Teams is served by this host (tab-in-teams.test.ts).
  const siteHeaders = await localSiteHeaders(dir, {
    apiUrl: "http://localhost:7071/api",
    moreApiOrigins: ["http://localhost:*", "http://127.0.0.1:*"],
    moreFrameAncestors: ["'self'"],
  });
  const server = await startWebHost({ port, dir, siteHeaders });
  project.provide("webUrl", `http://localhost:${port}`);
  return async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await rm(dir, { recursive: true, force: true });
  };
}
