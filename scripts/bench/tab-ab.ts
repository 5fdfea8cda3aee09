/**
 * A/B for the tab's first screen: two local builds loaded in turn, each load in a fresh (cold) Chromium context,
 * against the same api and Azurite; prints the median time from navigation to the first tandem of each.
 *
 *   node --import tsx scripts/bench/tab-ab.ts --build DIR    builds the working tree's tab (local mode) into DIR
 *   node --import tsx scripts/bench/tab-ab.ts DIR_A DIR_B    compares two such builds (BENCH_PAGE_RUNS, default 25: single differences under about 5% are noise on a shared machine)
 */
import { resolve } from "node:path";
import { buildWeb } from "../lib/web";
import { median, pageLoads } from "./page-loads";

const args = process.argv.slice(2);
if (args[0] === "--build" && args[1]) {
  await buildWeb({ local: true, apiUrl: "http://localhost:7071/api", outDir: resolve(args[1]), quiet: true, apps: ["tabs"] });
  process.exit(0);
}
if (args.length !== 2) {
  console.error("usage: tab-ab.ts --build DIR | tab-ab.ts DIR_A DIR_B");
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 25);
const pages = await pageLoads(args.map((dir) => resolve(dir)));
const times: [number[], number[]] = [[], []];
try {
  for (let i = 0; i < RUNS + 2; i++) {
    // Alternate which goes first, so neither always loads on a machine the other just warmed.
    for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const ms = await pages.timeTo(pages.tabUrl(pages.origins[k]!), pages.firstTandem);
      if (i >= 2) times[k]!.push(ms);
    }
  }
} finally {
  await pages.close();
}
const [a, b] = times.map(median) as [number, number];
console.log(`\nfirst tandem, ${RUNS} cold loads each, alternated`);
console.log(`  A ${args[0]}: ${a.toFixed(0)} ms (median)`);
console.log(`  B ${args[1]}: ${b.toFixed(0)} ms (median)`);
console.log(`  B/A ${(b / a).toFixed(2)}`);
