import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createRequire } from "node:module";

/** Azurite's well-known development account: public by design, the same on every machine. */
export const AZURITE_ACCOUNT = "devstoreaccount1";
export const AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export const azuriteConnectionString = (port: number, queuePort?: number, host = "127.0.0.1") =>
  `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};TableEndpoint=http://${host}:${port}/${AZURITE_ACCOUNT};` +
  (queuePort ? `QueueEndpoint=http://${host}:${queuePort}/${AZURITE_ACCOUNT};` : "");

export interface Azurite {
  /** The table service's. */
  port: number;
  /** The queue service's: the jobs' queue (ADR 0010). */
  queuePort: number;
  connectionString: string;
  /** Stops with SIGINT so that Azurite saves its data; never SIGKILL. */
  stop(): Promise<void>;
}

/** Ports this process handed out already: two servers of one test never get the same. */
const handedOut = new Set<number>();

/** The kernel's range for the ports it picks itself (outgoing connections, listen(0)). */
function ephemeralStart(): number {
  try {
    return Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]) || 32768;
  } catch {
    return 32768;
  }
}

const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createServer();
    s.once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });

/**
 * A port free now and likely still free when a server binds it seconds later. It is drawn below the kernel's
 * ephemeral range: a port from `listen(0)` is one the kernel also gives to outgoing connections, and with a test
 * suite's thousands of requests one of them took it before `npm start` bound it (EADDRINUSE in CI).
 */
export async function freePort(): Promise<number> {
  const high = Math.min(ephemeralStart(), 32768);
  const low = 20000;
  for (let attempt = 0; high - low > 1000 && attempt < 200; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (handedOut.has(port) || !(await canListen(port))) continue;
    handedOut.add(port);
    return port;
  }
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitUntilListening(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Azurite exited (${child.exitCode}):\n${output()}`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`Azurite did not start at ${url} within 30 s:\n${output()}`);
}

/** One of Azurite's services as a child process; stopped with exactly one SIGINT. */
async function startService(service: "table" | "queue", port: number, location: string | undefined): Promise<() => Promise<void>> {
  const main = createRequire(import.meta.url).resolve(`azurite/dist/src/${service}/main.js`);
  const args = [main, `--${service}Host`, "127.0.0.1", `--${service}Port`, String(port), "--disableTelemetry", "--silent", "--skipApiVersionCheck"];
  if (location) args.push("--location", location);
  else args.push("--inMemoryPersistence");
  // Its own process group: a Ctrl-C in the terminal reaches us only, and we stop Azurite with exactly one
  // SIGINT (a second one would kill it before it saves).
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], detached: true });
  const orphanGuard = () => child.kill("SIGINT");
  process.once("exit", orphanGuard);
  let out = "";
  child.stdout!.on("data", (d) => (out = (out + d).slice(-4000)));
  child.stderr!.on("data", (d) => (out = (out + d).slice(-4000)));
  await waitUntilListening(`http://127.0.0.1:${port}/${AZURITE_ACCOUNT}${service === "table" ? "/Tables" : "?comp=list"}`, child, () => out);
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => child.kill("SIGTERM"), 15_000);
      child.once("exit", () => {
        clearTimeout(timer);
        process.off("exit", orphanGuard);
        resolve();
      });
      child.kill("SIGINT");
    });
}

/**
 * Starts Azurite's table and queue services as child processes: on disk in `location`, or in memory without one.
 * Port 0 picks a free port.
 */
export async function startAzurite(options: { port?: number; queuePort?: number; location?: string } = {}): Promise<Azurite> {
  const port = options.port || (await freePort());
  const queuePort = options.queuePort || (await freePort());
  if (options.location) await mkdir(options.location, { recursive: true });
  const stops = await Promise.all([startService("table", port, options.location), startService("queue", queuePort, options.location)]);
  return {
    port,
    queuePort,
    connectionString: azuriteConnectionString(port, queuePort),
    stop: async () => {
      await Promise.all(stops.map((stop) => stop()));
    },
  };
}
