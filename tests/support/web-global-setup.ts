import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildWeb, startWebHost } from "../../scripts/lib/web";
import { freePort } from "../../scripts/lib/azurite";

declare module "vitest" {
  export interface ProvidedContext {
    webUrl: string;
  }
}

/** Builds the local-mode pages once per run and serves them as the static site does. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), "tandem-web-"));
  await buildWeb({ local: true, apiUrl: "http://localhost:7071/api", outDir: dir, quiet: true });
  const port = await freePort();
  const server = await startWebHost({ port, dir });
  project.provide("webUrl", `http://localhost:${port}`);
  return async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await rm(dir, { recursive: true, force: true });
  };
}
