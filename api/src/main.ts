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
    ...(options.log ? { log: (m, e) => options.log!(`${m}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`) } : {}),
  });
  const server = await startLocalHost({
    port: config.port,
    routes: app.routes,
    maxBodyBytes: config.maxBodyBytes,
    ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const port = (server.address() as { port: number }).port;
  return {
    app,
    server,
    url: `http://localhost:${port}/api`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// Run directly: `tsx api/src/main.ts` with the configuration in the environment.
if (import.meta.url === `file://${process.argv[1]}`) {
  const running = await runApi(loadConfig(), { log: (l) => console.log(l) });
  console.log(`Tandem api listening on ${running.url}`);
}
