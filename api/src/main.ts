import { loadConfig, type Config } from "./config";
import { createApp, type TandemApp } from "./app";
import { startLocalHost } from "./host/local-host";
import { startQueueWorker, type QueueWorker } from "./host/queue-worker";
import type { Server } from "node:http";
import type { Clock } from "@tandem/core";

export interface RunningApi {
  app: TandemApp;
  server: Server;
  url: string;
  /** The local worker of the jobs' queue (what the queue trigger is in Azure); null when started without one. */
  worker: QueueWorker | null;
  /** Starts a worker again (after `worker.stop()`), as a restarted process would. */
  startWorker(): QueueWorker;
  close(): Promise<void>;
}

/** Starts the api on the local host (local runs, tests and benchmarks). */
export async function runApi(
  config: Config,
  options: { corsOrigins?: string[]; log?: (line: string) => void; clock?: Clock; worker?: boolean } = {},
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
  const startWorker = () =>
    (running.worker = startQueueWorker({
      queue: app.queue,
      jobs: app.jobs,
      visibilitySeconds: config.jobs.visibilitySeconds,
      retrySeconds: config.jobs.retrySeconds,
      ...(options.log ? { log: options.log } : {}),
    }));
  const running: RunningApi = {
    app,
    server,
    url: `http://localhost:${port}/api`,
    worker: null,
    startWorker,
    close: async () => {
      if (interval) clearInterval(interval);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await running.worker?.stop();
    },
  };
  // The host that serves the app.http handlers runs the queue's too, as the Functions host would (ADR 0010).
  if (options.worker !== false) startWorker();
  return running;
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
