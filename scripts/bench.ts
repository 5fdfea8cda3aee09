/**
 * `npm run bench`: every benchmark of the project, one after the other, each measuring side by side in one
 * run and writing bench-results/<name>.json. `npm run bench -- api` runs one of them.
 */
import { benchApi } from "./bench/api";
import { benchBooking } from "./bench/booking";
import { benchDirectory } from "./bench/directory";
import { benchMatching } from "./bench/matching";
import { benchReports } from "./bench/reports";
import { benchTab } from "./bench/tab";

const benches: Record<string, () => Promise<void>> = {
  api: benchApi,
  booking: benchBooking,
  directory: benchDirectory,
  matching: benchMatching,
  reports: benchReports,
  tab: benchTab,
};

const only = process.argv.slice(2);
for (const [name, run] of Object.entries(benches)) {
  if (only.length && !only.includes(name)) continue;
  console.log(`\n=== ${name}`);
  await run();
}
