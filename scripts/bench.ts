/**
 * `npm run bench`: every benchmark of the project, one after the other, each measuring side by side in one
 * run and writing bench-results/<name>.json. `npm run bench -- api` runs one of them; options after the names
 * go to the benchmarks that take them (`npm run bench -- load --rate 100 --duration 600`).
 */
import { benchApi } from "./bench/api";
import { benchBooking } from "./bench/booking";
import { benchDirectory } from "./bench/directory";
import { benchDirectoryLayouts } from "./bench/directory-layouts";
import { benchFuzz } from "./bench/fuzz";
import { benchLoad } from "./bench/load";
import { benchMatching } from "./bench/matching";
import { benchReports } from "./bench/reports";
import { benchTab } from "./bench/tab";

const benches: Record<string, (options: string[]) => Promise<void>> = {
  api: benchApi,
  booking: benchBooking,
  directory: benchDirectory,
  "directory-layouts": benchDirectoryLayouts,
  fuzz: benchFuzz,
  load: benchLoad,
  matching: benchMatching,
  reports: benchReports,
  tab: benchTab,
};

/** Experiments behind a decision (docs/benchmarks.md), and the fuzzer's long run: only when named. */
const ASKED_ONLY = new Set(["directory-layouts", "fuzz"]);

const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith("--"));
const only = firstOption < 0 ? args : args.slice(0, firstOption);
const options = firstOption < 0 ? [] : args.slice(firstOption);
for (const [name, run] of Object.entries(benches)) {
  if (only.length ? !only.includes(name) : ASKED_ONLY.has(name)) continue;
  console.log(`\n=== ${name}`);
  await run(options);
}
