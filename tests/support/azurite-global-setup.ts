import type { TestProject } from "vitest/node";
import { startAzurite } from "../../scripts/lib/azurite";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

/** One real Azurite (in memory) for the whole api test run; each test file uses its own tables. */
export default async function setup(project: TestProject) {
  const azurite = await startAzurite();
  project.provide("azuriteConnectionString", azurite.connectionString);
  return () => azurite.stop();
}
