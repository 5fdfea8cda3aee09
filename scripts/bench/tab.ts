/**
 * The Teams tab's weight and speed: the gzip size of what it loads before its first render (production build),
 * and the time from navigation to the first tandem on screen, next to a bare Fluent UI page showing one card,
 * measured in the same run, interleaved (each round starting with another page, a pause between loads), in
 * Debian's Chromium, each load in a fresh (cold) browser context.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildWeb, repoRoot } from "../lib/web";
import { median, pageLoads, ratioInterval } from "./page-loads";

const RUNS = Number(process.env.BENCH_PAGE_RUNS ?? 25);

/** The JavaScript and CSS a page has before it can render: its entry script, modulepreloads, stylesheets and inline CSS. */
async function initialBytes(dir: string, page: string) {
  const html = await readFile(join(dir, page), "utf8");
  const refs = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  let raw = 0;
  let gzip = 0;
  // The CSS written into the page itself counts too (the tab's page has a few rules of its own).
  const inline = Buffer.from([...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join(""));
  const bodies = [...(await Promise.all([...new Set(refs)].map((ref) => readFile(join(dir, ref))))), inline];
  for (const body of bodies.filter((b) => b.length > 0)) {
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files: [...new Set(refs)], raw, gzip };
}

export async function benchTab() {
  const work = await mkdtemp(join(tmpdir(), "tandem-bench-tab-"));
  const prod = join(work, "prod");
  const local = join(work, "local");
  const { build } = await import("vite");
  await buildWeb({ local: false, apiUrl: "https://example.invalid/api", outDir: prod, quiet: true, apps: ["tabs"] });
  await buildWeb({ local: true, apiUrl: "http://localhost:7071/api", outDir: local, quiet: true, apps: ["tabs"] });
  for (const mode of ["bare", "signed-in"])
    await build({ configFile: resolve(import.meta.dirname, "bare-fluent/vite.config.ts"), mode, build: { outDir: local }, logLevel: "warn" });
  const size = await initialBytes(prod, "tab.html");
  const bareSize = await initialBytes(local, "bare.html");

  const pages = await pageLoads([local]);
  const origin = pages.origins[0]!;
  const tab: number[] = [];
  const bare: number[] = [];
  const signedIn: number[] = [];
  try {
    const loads: [() => Promise<number>, number[]][] = [
      [() => pages.timeTo(pages.tabUrl(origin), pages.firstTandem), tab],
      [() => pages.timeTo(`${origin}/bare.html`, "[data-first-card]"), bare],
      [() => pages.timeTo(pages.signedInUrl(origin, "signed-in.html"), "[data-first-card]"), signedIn],
    ];
    for (let i = 0; i < RUNS + 2; i++) {
      // Each round starts with another page, so that none always loads right after the same one.
      for (let k = 0; k < loads.length; k++) {
        const [load, times] = loads[(i + k) % loads.length]!;
        const ms = await load();
        if (i >= 2) times.push(ms);
      }
    }
  } finally {
    await pages.close();
    await rm(work, { recursive: true, force: true });
  }
  const result = {
    initialGzipKiB: +(size.gzip / 1024).toFixed(1),
    initialFiles: size.files,
    bareInitialGzipKiB: +(bareSize.gzip / 1024).toFixed(1),
    firstTandemMs: { median: +median(tab).toFixed(0), runs: tab.map((x) => +x.toFixed(0)) },
    bareFirstCardMs: { median: +median(bare).toFixed(0), runs: bare.map((x) => +x.toFixed(0)) },
    ratio: +(median(tab) / median(bare)).toFixed(2),
    ratioInterval: ratioInterval(tab, bare).map((x) => +x.toFixed(2)),
    signedInBareMs: { median: +median(signedIn).toFixed(0), runs: signedIn.map((x) => +x.toFixed(0)) },
    ratioToSignedInBare: +(median(tab) / median(signedIn)).toFixed(2),
  };
  console.log(`\nTeams tab: ${RUNS} cold loads each, interleaved\n`);
  console.log(`  JavaScript + CSS before first render (gzip)   ${result.initialGzipKiB} KiB   (target <= 200; bare Fluent page ${result.bareInitialGzipKiB} KiB)`);
  console.log(`  navigation -> first tandem (median)          ${result.firstTandemMs.median} ms`);
  console.log(`  navigation -> bare Fluent card (median)      ${result.bareFirstCardMs.median} ms`);
  console.log(`  ratio                                         ${result.ratio}x   (target <= 1.5; 95% interval ${result.ratioInterval.join(" to ")})`);
  console.log(`  navigation -> bare card, signed in + /tandems ${result.signedInBareMs.median} ms   (what signing in and fetching cost)`);
  console.log(`  tab / signed-in bare card                     ${result.ratioToSignedInBare}x`);
  await mkdir(resolve(repoRoot, "bench-results"), { recursive: true });
  await writeFile(resolve(repoRoot, "bench-results/tab.json"), JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2));
}
