/**
 * The api of the load benchmark, in a process of its own (forked by load.ts with IPC), so that its memory and CPU
 * profile are its own and not the load generator's. Configuration comes from the environment, as in production.
 * Messages: "seed" (the demo organisation and the directory sync), "memory" (after a full GC when --expose-gc),
 * "stop" (exits, which writes the CPU profile when started with --cpu-prof).
 */
import { monitorEventLoopDelay, PerformanceObserver, constants } from "node:perf_hooks";
import { loadConfig } from "../../api/src/config";
import { runApi } from "../../api/src/main";
import { seedDemo } from "../../api/src/features/dev/seed";

export type LoadApiMessage =
  | { type: "ready"; url: string; jwks: unknown }
  | { type: "seeded" }
  | { type: "memory"; rss: number; heapUsed: number; heapTotal: number; external: number }
  | { type: "pauses"; loop: { p50: number; p99: number; max: number }; gc: Record<string, { count: number; totalMs: number; maxMs: number }> }
  | { type: "failed"; error: string };

const send = (m: LoadApiMessage) => process.send!(m);
const failures: string[] = [];
const running = await runApi(loadConfig({ ...process.env, TANDEM_MODE: "local", PORT: "0" }), {
  // Unexpected failures only (what the api logs as "failed"), kept short: the parent prints them.
  log: (line) => {
    if (line.includes("failed") && failures.length < 20) failures.push(line.slice(0, 400));
  },
});
// Long pauses: how late the event loop ran its timers, and the garbage collector's pauses by kind, since "pauses".
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const gcKinds: Record<number, string> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: "minor",
  [constants.NODE_PERFORMANCE_GC_MAJOR]: "major",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental",
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weakcb",
};
let gc: Record<string, { count: number; totalMs: number; maxMs: number }> = {};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    const kind = gcKinds[(e as { detail?: { kind?: number } }).detail?.kind ?? -1] ?? "other";
    const g = (gc[kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
    g.count++;
    g.totalMs += e.duration;
    g.maxMs = Math.max(g.maxMs, e.duration);
  }
}).observe({ entryTypes: ["gc"] });

send({ type: "ready", url: running.url, jwks: running.app.devIssuer!.jwks() });

process.on("message", async (m: { type: string }) => {
  try {
    if (m.type === "seed") {
      const org = running.app.demo!;
      await seedDemo(running.app, org);
      const synced = await running.app.directorySync.sync(org.tenantId, "start");
      if (synced?.status !== "done") throw new Error(`the directory sync did not finish: ${JSON.stringify(synced)}`);
      send({ type: "seeded" });
    } else if (m.type === "memory") {
      (globalThis as { gc?: () => void }).gc?.();
      const u = process.memoryUsage();
      send({ type: "memory", rss: u.rss, heapUsed: u.heapUsed, heapTotal: u.heapTotal, external: u.external });
    } else if (m.type === "pauses") {
      const ms = (ns: number) => Math.round(ns / 1e5) / 10;
      send({ type: "pauses", loop: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) }, gc });
      loop.reset();
      gc = {};
    } else if (m.type === "stop") {
      for (const f of failures) console.error(f);
      await running.close();
      process.exit(0);
    }
  } catch (e) {
    send({ type: "failed", error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
