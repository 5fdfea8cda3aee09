import { readFile } from "node:fs/promises";
import { DemoOrganisation } from "@tandem/core";

/**
 * Local mode: the demo organisation's file, for the personas and the seeded program. Its people reach Tandem's
 * directory the way a real tenant's do: the Graph simulator serves them and the directory sync reads them.
 */
export async function loadDemoOrganisation(file: string): Promise<DemoOrganisation> {
  return DemoOrganisation.parse(JSON.parse(await readFile(file, "utf8")));
}
