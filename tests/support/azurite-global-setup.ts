import type { TestProject } from "vitest/node";
import { startAzurite } from "../../scripts/lib/azurite";
import { seedTemplate, type SeedTemplate } from "./seed-template";

declare module "vitest" {
  export interface ProvidedContext {
    azuriteConnectionString: string;
    /** The demo seeded once for the run (seed-template.ts). */
    seedTemplate: SeedTemplate;
  }
}

/**
 * One real Azurite (in memory) for the whole api test run; each test file uses its own tables, most of them a copy
 * of the demo seeded here once.
 */
export default async function setup(project: TestProject) {
  const azurite = await startAzurite();
  project.provide("azuriteConnectionString", azurite.connectionString);
  project.provide("seedTemplate", await seedTemplate(azurite.connectionString));
  return () => azurite.stop();
}
