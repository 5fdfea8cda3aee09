import { loadConfig, type Config } from "./config";
import { createApp, type TandemApp } from "./app";
import { startLocalHost } from "./host/local-host";
import type { Server } from "node:http";
import type { Clock } from "@tandem/core";

export interface RunningApi {
  app: TandemApp;
  server: Server;
  url: string;
  close(): Promise<void>;
}

/** Starts the api on the local host (local runs, tests and benchmarks). */
export async function runApi(
  config: Config,
  options: { corsOrigins?: string[]; log?: (line: string) => void; clock?: Clock } = {},
): Promise<RunningApi> {
  const app = await createApp(config, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.log ? { log: (m, e) => options.log!(e === null ? m : `${m}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`) } : {}),
  });
  const server = await startLocalHost({
    port: config.port,
    routes: app.routes,
    maxBodyBytes: config.maxBodyBytes,
    ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const port = (server.address() as { port: number }).port;
  // The timer's stand-in (functions.ts runs the orphan sweep on a schedule): every ORPHAN_SWEEP_INTERVAL_SECONDS.
  const sweep = app.sweepOrphans;
  const interval =
    sweep && config.orphans.localIntervalMs > 0
      ? setInterval(() => void sweepAll(app).catch((e) => console.warn("the orphan sweep failed", e)), config.orphans.localIntervalMs).unref()
      : null;
  return {
    app,
    server,
    url: `http://localhost:${port}/api`,
    close: () =>
      new Promise<void>((resolve) => {
        if (interval) clearInterval(interval);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** One sweep of every tenant the directory timer knows, one after the other: the job's output. */
export async function sweepAll(app: TandemApp) {
  if (!app.sweepOrphans) throw new Error("The orphan sweep is off: Microsoft Graph has no credentials.");
  const results = [];
  for (const tenantId of await app.directoryTenants()) results.push(await app.sweepOrphans(tenantId));
  return results;
}

// Run directly: `tsx api/src/main.ts` with the configuration in the environment.
if (import.meta.url === `file://${process.argv[1]}`) {
  const running = await runApi(loadConfig(), { log: (l) => console.log(l) });
  console.log(`Tandem api listening on ${running.url}`);
}
