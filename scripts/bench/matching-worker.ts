/**
 * One size of the matching benchmark in a process of its own, so that its peak memory is its own. Started by
 * matching.ts; prints one JSON line.
 * - `engine SIZE RUNS`: generates the cohort, then runs the engine RUNS times (wall and CPU time of each, the
 *   process's peak resident memory, before and after), and the greedy baseline on the same candidate pairs.
 * - `highs SIZE SECONDS`: HiGHS's optimum on the same candidate pairs, within a time limit.
 */
import { matchCohort, prepareMatching, type PreparedMatching } from "@tandem/core";
import { generateCohort } from "./matching-cohort";
import { highsOptimum } from "../../core/test/matching/oracle";

const [mode, sizeArg, arg] = process.argv.slice(2);
const size = Number(sizeArg);
const input = generateCohort({ people: size, seed: 20_260_907 });
const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Sort the pairs by fit, best first (ties by mentee then mentor), and take each one whose mentee and mentor are free. */
function greedy(p: PreparedMatching) {
  const c = p.candidates;
  const order = Array.from({ length: c.count }, (_, k) => k).sort((a, b) => c.units[b]! - c.units[a]! || a - b);
  const taken = new Uint8Array(p.cohort.mentees.length);
  const left = Int32Array.from(p.placesLeft);
  let matched = 0;
  let fitUnits = 0;
  for (const k of order) {
    const i = c.mentee[k]!;
    const j = c.mentor[k]!;
    if (taken[i] || left[j]! <= 0) continue;
    taken[i] = 1;
    left[j]!--;
    matched++;
    fitUnits += c.units[k]!;
  }
  return { matched, fitUnits };
}

if (mode === "engine") {
  const runs = Number(arg ?? 3);
  const rssBefore = process.memoryUsage().rss;
  const times: { wallMs: number; cpuMs: number; phases: Record<string, number> }[] = [];
  let last: ReturnType<typeof matchCohort> | null = null;
  let firstRunMaxRss = 0;
  for (let r = 0; r < runs; r++) {
    last = null;
    const cpu = process.cpuUsage();
    const t = performance.now();
    last = matchCohort(input);
    const wallMs = performance.now() - t;
    times.push({ wallMs, cpuMs: process.cpuUsage(cpu).user / 1000, phases: last.stats.ms });
    // The first run's peak is one run's; later runs add the garbage of the ones before until the collector runs.
    if (r === 0) firstRunMaxRss = process.resourceUsage().maxRSS * 1024;
  }
  const run = last!;
  const free = run.result.proposals.flatMap((p) => p.pairs).filter((p) => !p.pinned);
  const prepared = prepareMatching(input);
  const gt = performance.now();
  const g = greedy(prepared);
  const greedyMs = performance.now() - gt;
  console.log(
    JSON.stringify({
      size,
      mentees: run.result.summary.mentees,
      mentors: run.result.summary.mentors,
      places: Array.from(prepared.placesLeft).reduce((s, x) => s + x, 0),
      candidatePairs: run.stats.candidatePairs,
      pivots: run.stats.pivots,
      times,
      rssBeforeMiB: mib(rssBefore),
      maxRssMiB: mib(firstRunMaxRss),
      engine: { matched: free.length, fitUnits: free.reduce((t, p) => t + Math.round(p.score * 10), 0), unmatched: run.result.summary.unmatched },
      greedy: { ...g, ms: greedyMs },
    }),
  );
} else if (mode === "highs") {
  const p = prepareMatching(input);
  const c = p.candidates;
  const result = await highsOptimum(
    { mentees: p.cohort.mentees.length, mentors: p.cohort.mentors.length, places: p.placesLeft, mentee: c.mentee, mentor: c.mentor, units: c.units },
    input.cycle.matching.objective,
    { timeLimitSeconds: Number(arg ?? 120) },
  );
  console.log(JSON.stringify({ size, highs: result, maxRssMiB: mib(process.resourceUsage().maxRSS * 1024) }));
} else {
  throw new Error(`unknown mode ${mode}`);
}
