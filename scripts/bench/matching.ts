/**
 * The matching engine on generated cohorts of 1,000, 5,000 and 50,000 people (matching-cohort.ts), side by side with
 * HiGHS's optimum on the same candidate pairs (the oracle, in WebAssembly, with a time limit) and a greedy baseline
 * (best fit first). Each size runs in a process of its own so that its peak memory is its own: the engine several
 * times (time of each, wall and CPU), then HiGHS in another process. Results: a table on stdout and
 * bench-results/matching.json. BENCH_MATCHING_SIZES=1000,5000 picks sizes; BENCH_HIGHS_SECONDS caps HiGHS (120).
 */
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");
const SIZES = (process.env.BENCH_MATCHING_SIZES ?? "1000,5000,50000").split(",").map(Number);
const HIGHS_SECONDS = Number(process.env.BENCH_HIGHS_SECONDS ?? 120);
const runsFor = (size: number) => (size >= 50_000 ? 5 : 9);

function worker(args: string[]): Promise<Record<string, unknown>> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", resolve(import.meta.dirname, "matching-worker.ts"), ...args], { cwd: root, env: process.env });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !line.startsWith("{")) fail(new Error(`the matching worker (${args.join(" ")}) exited ${code}:\n${err}\n${out}`));
      else done(JSON.parse(line) as Record<string, unknown>);
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (x: number) => `${Math.round(x)} ms`;
const points = (units: number) => (units / 10).toLocaleString("en-US", { maximumFractionDigits: 1 });

interface EngineResult {
  size: number;
  mentees: number;
  mentors: number;
  places: number;
  candidatePairs: number;
  pivots: number;
  times: { wallMs: number; cpuMs: number; phases: Record<string, number> }[];
  rssBeforeMiB: number;
  maxRssMiB: number;
  engine: { matched: number; fitUnits: number; unmatched: number };
  greedy: { matched: number; fitUnits: number; ms: number };
}
type HighsResult = { highs: { matched: number; fitUnits: number; integral: boolean; ms: number } | "time_limit"; maxRssMiB: number };

export async function benchMatching(): Promise<void> {
  const results: { engine: EngineResult; highs: HighsResult }[] = [];
  for (const size of SIZES) {
    const engine = (await worker(["engine", String(size), String(runsFor(size))])) as unknown as EngineResult;
    const highs = (await worker(["highs", String(size), String(HIGHS_SECONDS)])) as unknown as HighsResult;
    results.push({ engine, highs });
    const wall = engine.times.map((t) => t.wallMs);
    const cpu = engine.times.map((t) => t.cpuMs);
    const h = highs.highs;
    const phases = Object.keys(engine.times[0]!.phases).map((k) => `${k} ${ms(median(engine.times.map((t) => t.phases[k]!)))}`).join(", ");
    console.log(
      `\n${size.toLocaleString("en-US")} people: ${engine.mentees} mentees, ${engine.mentors} mentors (${engine.places} places), ` +
        `${engine.candidatePairs.toLocaleString("en-US")} candidate pairs (${(engine.candidatePairs / engine.mentees).toFixed(1)} per mentee), ${engine.pivots.toLocaleString("en-US")} pivots`,
    );
    console.table({
      engine: {
        "time (median)": ms(median(wall)),
        "time (min–max)": `${ms(Math.min(...wall))}–${ms(Math.max(...wall))}`,
        "CPU (median)": ms(median(cpu)),
        "peak memory": `${engine.maxRssMiB} MiB (input: ${engine.rssBeforeMiB} MiB)`,
        matched: engine.engine.matched,
        "total fit": points(engine.engine.fitUnits),
      },
      HiGHS: h === "time_limit"
        ? { "time (median)": `> ${HIGHS_SECONDS} s (stopped)`, "peak memory": `${highs.maxRssMiB} MiB` }
        : { "time (median)": ms(h.ms), "peak memory": `${highs.maxRssMiB} MiB`, matched: h.matched, "total fit": points(h.fitUnits), integral: h.integral },
      greedy: { "time (median)": ms(engine.greedy.ms), matched: engine.greedy.matched, "total fit": points(engine.greedy.fitUnits) },
    });
    console.log(`engine phases (median): ${phases}; ${engine.times.length} runs`);
    if (h !== "time_limit") {
      const same = h.matched === engine.engine.matched && h.fitUnits === engine.engine.fitUnits;
      console.log(same ? "the engine's optimum equals HiGHS's" : `DIFFERENT from HiGHS: ${JSON.stringify({ engine: engine.engine, highs: h })}`);
      if (!same) process.exitCode = 1;
    }
  }
  await mkdir(resolve(root, "bench-results"), { recursive: true });
  await writeFile(resolve(root, "bench-results/matching.json"), JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) await benchMatching();
