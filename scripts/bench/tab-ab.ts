/**
 * A/B for the tab's first screen: two local builds loaded in turn, each load in a fresh (cold) Chromium context,
 * against the same api and Azurite; prints the median time from navigation to the first tandem of each.
 *
 *   node --import tsx scripts/bench/tab-ab.ts --build DIR    builds the working tree's tab (local mode) into DIR
 *   node --import tsx scripts/bench/tab-ab.ts DIR_A DIR_B    compares two such builds: each median, their ratio with a 95%
 *     interval, every load in bench-results/tab-ab.json (BENCH_PAGE_RUNS, default 25; on a shared 2-core machine one
 *     run's ratio moves by about 10%: judge by the interval, and by more than one run)
 */
import { mkdir, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { buildWeb, repoRoot } from "../lib/web";
import { median, pageLoads, ratioInterval } from "./page-loads";

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
const [low, high] = ratioInterval(times[1], times[0]);
console.log(`  B/A ${(b / a).toFixed(2)} (95% interval ${low.toFixed(2)} to ${high.toFixed(2)})`);
await mkdir(resolve(repoRoot, "bench-results"), { recursive: true });
const runs = (k: 0 | 1) => ({ dir: resolve(args[k]!), median: +[a, b][k]!.toFixed(0), runs: times[k].map((x) => +x.toFixed(0)) });
const result = { at: new Date().toISOString(), a: runs(0), b: runs(1), ratio: +(b / a).toFixed(2), ratioInterval: [+low.toFixed(2), +high.toFixed(2)] };
await writeFile(resolve(repoRoot, "bench-results/tab-ab.json"), JSON.stringify(result, null, 2));
