/**
 * `npm run bench`: every benchmark of the project, one after the other, each measuring side by side in one
 * run and writing bench-results/<name>.json. `npm run bench -- api` runs one of them.
 */
import { benchApi } from "./bench/api";
import { benchBooking } from "./bench/booking";
import { benchDirectory } from "./bench/directory";
import { benchDirectoryLayouts } from "./bench/directory-layouts";
import { benchMatching } from "./bench/matching";
import { benchReports } from "./bench/reports";
import { benchTab } from "./bench/tab";

const benches: Record<string, () => Promise<void>> = {
  api: benchApi,
  booking: benchBooking,
  directory: benchDirectory,
  "directory-layouts": benchDirectoryLayouts,
  matching: benchMatching,
  reports: benchReports,
  tab: benchTab,
};

/** Experiments behind a decision (docs/benchmarks.md), run only when named. */
const ASKED_ONLY = new Set(["directory-layouts"]);

const only = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) {
  if (only.length ? !only.includes(name) : ASKED_ONLY.has(name)) continue;
  console.log(`\n=== ${name}`);
  await run();
}
