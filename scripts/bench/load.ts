/**
 * `npm run bench -- load [--duration S] [--rate N] [--connections C] [--profile]`: a mixed participant workload on
 * the local product (api in a process of its own, Azurite, the Graph simulator, the demo organisation), driven
 * by autocannon for a fixed duration, next to Azurite alone answering the same storage calls, in one run.
 *
 * The mix (MIX below), over the members of every active tandem and circle, each with their own token: the home
 * screen (GET /me, GET /tandems, a tandem's goals and sessions), a session's check-ins, and two writes (checking in
 * again after a held session, a journal entry): 85% reads, 15% writes. Every tandem has a series of four sessions
 * booked through the api first, so that reading sessions reconciles them with Outlook as in a tenant.
 *
 * 1. The api runs the mix once, unhurried, through a proxy that records its storage calls (calls per request).
 * 2. Azurite alone answers those recorded calls again, as fast as it can (a write's If-Match becomes `*`; a create
 *    sent again answers 409, work of the same kind): the most this machine's storage can give.
 * 3. A fresh api process (directly on Azurite) takes the mix for --duration seconds, at --rate requests per second
 *    (0: as fast as it answers) over --connections connections: throughput, p50, p99, errors and statuses per
 *    request kind, its memory after a full GC at start and end, and every 10 s in between. --profile writes its
 *    CPU profile (node --cpu-prof) to bench-results/ and prints where its time went.
 * The load average is printed with each figure: the machine is shared. Results: bench-results/load.json.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import autocannon from "autocannon";
import { startGraphSimulator } from "@tandem/graph-simulator";
import { loadDemoOrganisation } from "../../api/src/adapters/demo-organisation";
import { freePort, startAzurite } from "../lib/azurite";
import { countingProxy, type RecordedCall } from "../lib/counting-proxy";
import { summariseProfile } from "./cpu-profile";
import type { LoadApiMessage } from "./load-api";

const root = resolve(import.meta.dirname, "../..");

interface Options {
  duration: number;
  rate: number;
  connections: number;
  profile: boolean;
  /** How long Azurite alone is measured: at most the api's duration, at most 30 s. */
  storageDuration: number;
}

function parseOptions(args: string[]): Options {
  const value = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    if (i < 0) return fallback;
    const n = Number(args[i + 1]);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} takes a number, not ${args[i + 1]}`);
    return n;
  };
  const duration = value("duration", 30);
  return {
    duration,
    rate: value("rate", 0),
    connections: value("connections", 32),
    profile: args.includes("--profile"),
    storageDuration: Math.min(duration, 30),
  };
}

/** Who does what: a member of an active tandem, their token, and a held session they may check in to. */
interface Member {
  token: string;
  tandemId: string;
  heldSessionId: string;
}

interface Request {
  method: "GET" | "PUT" | "POST";
  path: string;
  body?: unknown;
}

/** The documented mix: weights in percent. */
const MIX: { name: string; weight: number; request(m: Member): Request }[] = [
  { name: "GET /me", weight: 15, request: () => ({ method: "GET", path: "/me" }) },
  { name: "GET /tandems", weight: 15, request: () => ({ method: "GET", path: "/tandems" }) },
  { name: "GET goals", weight: 20, request: (m) => ({ method: "GET", path: `/tandems/${m.tandemId}/goals` }) },
  { name: "GET sessions", weight: 20, request: (m) => ({ method: "GET", path: `/tandems/${m.tandemId}/sessions` }) },
  {
    name: "GET check-ins",
    weight: 15,
    request: (m) => ({ method: "GET", path: `/tandems/${m.tandemId}/sessions/${m.heldSessionId}/checkins` }),
  },
  {
    name: "PUT my check-in",
    weight: 10,
    request: (m) => ({
      method: "PUT",
      path: `/tandems/${m.tandemId}/sessions/${m.heldSessionId}/checkins/me`,
      body: { learned: "Les raccourcis de Teams", willTry: "Épingler le canal du projet", rating: 1 + Math.floor(Math.random() * 5) },
    }),
  },
  {
    name: "POST journal entry",
    weight: 5,
    request: () => ({ method: "POST", path: "/me/journal", body: { prompt: "tried", body: "J'ai essayé Copilot pour résumer une réunion." } }),
  },
];

function pick<T>(xs: readonly T[]): T {
  return xs[Math.floor(Math.random() * xs.length)]!;
}

function pickOp() {
  let r = Math.random() * 100;
  for (const op of MIX) if ((r -= op.weight) < 0) return op;
  return MIX[MIX.length - 1]!;
}

interface ApiProcess {
  url: string;
  jwks: unknown;
  pid: number;
  seed(): Promise<void>;
  memory(): Promise<{ rss: number; heapUsed: number }>;
  /** The event loop's delay and the GC's pauses since the last call (ms). */
  pauses(): Promise<Extract<LoadApiMessage, { type: "pauses" }>>;
  stop(): Promise<string>;
}

/** Forks load-api.ts with `env`; `execArgv` adds node flags (--cpu-prof). */
async function startApi(env: Record<string, string>, execArgv: string[] = []): Promise<ApiProcess> {
  const child: ChildProcess = fork(resolve(import.meta.dirname, "load-api.ts"), [], {
    execArgv: ["--import", "tsx", "--expose-gc", ...execArgv],
    env: { ...process.env, ...env },
    stdio: ["ignore", "inherit", "pipe", "ipc"],
  });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr = (stderr + d).slice(-8000)));
  const next = <T extends LoadApiMessage["type"]>(type: T) =>
    new Promise<Extract<LoadApiMessage, { type: T }>>((resolvePromise, reject) => {
      const onMessage = (m: LoadApiMessage) => {
        if (m.type === "failed") return done(() => reject(new Error(m.error)));
        if (m.type === type) done(() => resolvePromise(m as Extract<LoadApiMessage, { type: T }>));
      };
      const onExit = (code: number | null) => done(() => reject(new Error(`the api exited (${code}):\n${stderr}`)));
      const done = (f: () => void) => {
        child.off("message", onMessage);
        child.off("exit", onExit);
        f();
      };
      child.on("message", onMessage);
      child.on("exit", onExit);
    });
  const ready = await next("ready");
  return {
    url: ready.url,
    jwks: ready.jwks,
    pid: child.pid!,
    async seed() {
      const seeded = next("seeded");
      child.send({ type: "seed" });
      await seeded;
    },
    async memory() {
      const m = next("memory");
      child.send({ type: "memory" });
      return m;
    },
    async pauses() {
      const m = next("pauses");
      child.send({ type: "pauses" });
      return m;
    },
    stop: () =>
      new Promise<string>((resolvePromise) => {
        child.once("exit", () => resolvePromise(stderr));
        child.send({ type: "stop" });
      }),
  };
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(" ");
const mb = (bytes: number) => Math.round(bytes / 1048576);

export async function benchLoad(args: string[] = []) {
  const options = parseOptions(args);
  const azurite = await startAzurite();
  const proxy = await countingProxy(azurite.port, { record: true });
  const graphPort = await freePort();
  const keyDir = await mkdtemp(join(tmpdir(), "tandem-load-"));
  const profileDir = resolve(root, "bench-results/load-profile");
  const prefix = `load${randomBytes(3).toString("hex")}`;
  const env = (storagePort: number) => ({
    STORAGE_CONNECTION_STRING: azurite.connectionString.replace(`:${azurite.port}/`, `:${storagePort}/`),
    TABLE_PREFIX: prefix,
    DEMO_ORGANISATION_FILE: resolve(root, "demo/organisation.json"),
    DEV_KEY_FILE: join(keyDir, "dev-issuer.jwk.json"),
    GRAPH_BASE_URL: `http://localhost:${graphPort}/v1.0`,
  });
  const recordingEnv = env(proxy.port);
  const org = await loadDemoOrganisation(recordingEnv.DEMO_ORGANISATION_FILE);
  let api = await startApi(recordingEnv);
  const graph = await startGraphSimulator({ port: graphPort, organisation: org, jwks: api.jwks as never });
  try {
    await api.seed();
    const call = async (token: string | null, r: Request, headers: Record<string, string> = {}) => {
      const res = await fetch(`${api.url}${r.path}`, {
        method: r.method,
        headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}), ...(r.body ? { "content-type": "application/json" } : {}) },
        body: r.body ? JSON.stringify(r.body) : undefined,
      });
      const json = (await res.json().catch(() => undefined)) as any;
      return { status: res.status, json };
    };
    const tokens = new Map<string, string>();
    const tokenOf = async (personaId: string) => {
      if (!tokens.has(personaId)) {
        const r = await call(null, { method: "POST", path: "/dev/token", body: { personaId } });
        if (r.status !== 200) throw new Error(`no token for ${personaId}: ${JSON.stringify(r.json)}`);
        tokens.set(personaId, r.json.token);
      }
      return tokens.get(personaId)!;
    };

    // Every active tandem gets a series in Outlook, booked by its mentor: its sessions are then watched.
    const active = org.tandems.filter((t) => t.status === "active");
    let series = 0;
    for (const t of active) {
      const token = await tokenOf(t.mentorId);
      const found = await call(token, { method: "POST", path: `/tandems/${t.id}/suggestions`, body: { days: 14 } });
      for (const slot of found.json?.slots ?? []) {
        const booked = await call(
          token,
          { method: "POST", path: `/tandems/${t.id}/sessions`, body: { start: slot.start, end: slot.end, recurrence: { everyWeeks: 2, occurrences: 4 } } },
          { "idempotency-key": randomUUID() },
        );
        if (booked.status === 201) {
          series++;
          break;
        }
      }
    }
    // A member and one of their held sessions each; a connection writes only its own check-in, since one person
    // checking in twice at once gets 412 by design (ADR 0002: the version read guards the write).
    const members: Member[] = [];
    const writers: Member[] = [];
    for (const t of active) {
      const held = t.sessions.filter((s) => s.status === "held").map((s) => s.id);
      if (!held.length) continue;
      for (const person of [t.mentorId, ...t.menteeIds]) {
        const token = await tokenOf(person);
        members.push({ token, tandemId: t.id, heldSessionId: pick(held) });
        for (const heldSessionId of held) writers.push({ token, tandemId: t.id, heldSessionId });
      }
    }
    if (writers.length < options.connections) throw new Error(`at most ${writers.length} connections: one check-in each`);
    console.log(`${members.length} members of ${active.length} active tandems and circles; ${series} series booked in Outlook`);

    // 1. The storage calls of the mix, recorded once the api is warm (each organizer's first read of a series learns
    // its occurrences' ids, once).
    for (const m of members) await call(m.token, { method: "GET", path: `/tandems/${m.tandemId}/sessions` });
    const recordRequests = 400;
    const recorded: RecordedCall[] = [];
    const callsByKind = new Map<string, { requests: number; calls: number; what: Map<string, number> }>();
    for (let i = 0; i < recordRequests; i++) {
      const member = pick(members);
      const op = pickOp();
      proxy.reset();
      const r = await call(member.token, op.request(member));
      if (r.status >= 400) throw new Error(`recording: ${r.status} ${JSON.stringify(r.json)}`);
      const calls = proxy.recorded();
      recorded.push(...calls);
      const kind = callsByKind.get(op.name) ?? { requests: 0, calls: 0, what: new Map() };
      kind.requests++;
      kind.calls += calls.length;
      for (const c of calls) {
        const what = `${c.method} ${storageTarget(c.path)}`;
        kind.what.set(what, (kind.what.get(what) ?? 0) + 1);
      }
      callsByKind.set(op.name, kind);
    }
    const callsPerRequest = recorded.length / recordRequests;
    console.log("storage calls per request:");
    for (const [name, k] of callsByKind) {
      const what = [...k.what].map(([w, n]) => `${w} ${(n / k.requests).toFixed(1)}`).join(", ");
      console.log(`  ${name.padEnd(20)} ${(k.calls / k.requests).toFixed(1).padStart(5)}  (${what})`);
    }
    await api.stop();

    // 2. Azurite alone, the same calls.
    const storage = await storageAlone(azurite.port, recorded, options);
    console.log(
      `Azurite alone: ${storage.rps.toFixed(0)} storage calls/s (${callsPerRequest.toFixed(2)} per api request: ` +
        `${(storage.rps / callsPerRequest).toFixed(0)} api requests/s at most), p50 ${storage.p50} ms, p99 ${storage.p99} ms; load ${storage.load}`,
    );

    // 3. The api under the mix.
    if (options.profile) await rm(profileDir, { recursive: true, force: true });
    api = await startApi(env(azurite.port), options.profile ? ["--cpu-prof", "--cpu-prof-dir", profileDir] : []);
    const runner = mixRunner(api.url, members, writers);
    await runner.run({ duration: 5, connections: options.connections, rate: 0 }); // warm-up, not counted
    const memoryAtStart = await api.memory();
    await api.pauses();
    const loadAtStart = load();
    const samples: { at: number; rssMB: number; heapMB: number }[] = [];
    const started = Date.now();
    const sampler = setInterval(() => {
      void api.memory().then((m) => samples.push({ at: Math.round((Date.now() - started) / 1000), rssMB: mb(m.rss), heapMB: mb(m.heapUsed) }));
    }, 10_000);
    const result = await runner.run({ duration: options.duration, connections: options.connections, rate: options.rate });
    clearInterval(sampler);
    const loadAtEnd = load();
    const pauses = await api.pauses();
    const memoryAtEnd = await api.memory();
    const apiErrors = await api.stop();

    const summary = {
      at: new Date().toISOString(),
      node: process.version,
      options,
      mix: Object.fromEntries(MIX.map((m) => [m.name, m.weight])),
      members: members.length,
      api: {
        requestsPerSecond: Math.round(result.total / options.duration),
        p50: result.p50,
        p99: result.p99,
        total: result.total,
        errors: result.errors,
        timeouts: result.timeouts,
        statuses: result.statuses,
        latencyByKind: result.latency,
        load: { start: loadAtStart, end: loadAtEnd },
        eventLoopDelay: pauses.loop,
        gc: pauses.gc,
        memory: {
          start: { rssMB: mb(memoryAtStart.rss), heapMB: mb(memoryAtStart.heapUsed) },
          end: { rssMB: mb(memoryAtEnd.rss), heapMB: mb(memoryAtEnd.heapUsed) },
          samples,
        },
      },
      storage: { ...storage, callsPerRequest, apiRequestsPerSecondAtMost: Math.round(storage.rps / callsPerRequest) },
    };

    console.log(`\nThe api under the mix: ${options.duration} s, ${options.rate ? `${options.rate} requests/s` : "as fast as it answers"}, ${options.connections} connections`);
    console.log(`  throughput      ${summary.api.requestsPerSecond} requests/s (${result.total} requests)`);
    console.log(`  latency         p50 ${result.p50} ms, p99 ${result.p99} ms`);
    console.log(`  errors          ${result.errors} connection errors, ${result.timeouts} timeouts, ${result.non2xx} answers not 2xx`);
    for (const [name, statuses] of Object.entries(result.statuses)) {
      const l = result.latency[name];
      console.log(`    ${name.padEnd(20)} ${JSON.stringify(statuses)}${l ? `, p50 ${l.p50} ms, p99 ${l.p99} ms` : ""}`);
    }
    console.log(`  memory (after GC) rss ${summary.api.memory.start.rssMB} -> ${summary.api.memory.end.rssMB} MB, heap ${summary.api.memory.start.heapMB} -> ${summary.api.memory.end.heapMB} MB`);
    console.log(`  memory every 10 s ${samples.map((s) => `${s.rssMB}/${s.heapMB}`).join(" ")} (rss/heap MB)`);
    console.log(`  event loop delay p50 ${pauses.loop.p50} ms, p99 ${pauses.loop.p99} ms, max ${pauses.loop.max} ms`);
    console.log(`  GC pauses       ${Object.entries(pauses.gc).map(([k, g]) => `${k} ${g.count}x, ${Math.round(g.totalMs)} ms in all, longest ${Math.round(g.maxMs)} ms`).join("; ")}`);
    console.log(`  load average    ${loadAtStart} at start, ${loadAtEnd} at end`);
    console.log(`  next to Azurite alone: ${summary.storage.apiRequestsPerSecondAtMost} api requests/s at most (${(summary.api.requestsPerSecond / summary.storage.apiRequestsPerSecondAtMost).toFixed(2)} of it)`);
    if (apiErrors.trim()) console.log(`\nthe api logged failures:\n${apiErrors.trim()}`);

    if (options.profile) {
      const file = (await readdir(profileDir)).find((f) => f.endsWith(".cpuprofile"));
      if (file) console.log(`\nwhere the api's time went (${join(profileDir, file)}):\n${await summariseProfile(join(profileDir, file))}`);
    }
    await mkdir(resolve(root, "bench-results"), { recursive: true });
    await writeFile(resolve(root, "bench-results/load.json"), JSON.stringify(summary, null, 2));
  } finally {
    await graph.stop();
    proxy.close();
    await azurite.stop();
    await rm(keyDir, { recursive: true, force: true });
  }
}

/** A storage call's table and kind, without keys: `Tandems(pk,rk)`, `TandemItems()` (a query), `$batch`. */
function storageTarget(path: string): string {
  const p = decodeURIComponent(path.split("?")[0]!.replace(/^\/[^/]+\//, ""));
  const table = /^([A-Za-z0-9$]+)/.exec(p)?.[1] ?? p;
  const name = table.replace(/^load[0-9a-f]{6}/, "");
  return p.includes("(PartitionKey=") ? `${name}(pk,rk)` : p.includes("()") || path.includes("$filter") ? `${name}()` : name;
}

interface RunResult {
  total: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Per request kind, answers by status. */
  statuses: Record<string, Record<string, number>>;
  /** Per request kind, from the request's setup to its answer (ms). */
  latency: Record<string, { p50: number; p99: number }>;
}

/** Runs the mix against the api: each request a random member and a random kind, by weight; writes by the connection's own. */
function mixRunner(url: string, members: Member[], writers: Member[]) {
  const base = new URL(url);
  // autocannon clears a connection's context before each request when, as here, there is one request to loop over:
  // a writer is taken from this pool for one check-in and given back with its answer (one whose answer never came
  // stays out), so no two check-ins of one member are ever in flight at once (the lone 412s of earlier runs).
  const free = [...writers];
  return {
    run: (o: { duration: number; connections: number; rate: number }) =>
      new Promise<RunResult>((resolvePromise, reject) => {
        const statuses: Record<string, Record<string, number>> = {};
        const latencies: Record<string, number[]> = {};
        const instance = autocannon(
          {
            url: base.origin,
            connections: o.connections,
            duration: o.duration,
            ...(o.rate ? { overallRate: o.rate } : {}),
            requests: [
              {
                setupRequest: (req: any, context: any) => {
                  let op = pickOp();
                  if (op.name === "PUT my check-in") {
                    context.writer = free.shift();
                    if (!context.writer) op = MIX[0]!;
                  }
                  const member = op.name === "PUT my check-in" ? context.writer : pick(members);
                  context.sentAt = performance.now();
                  const r = op.request(member);
                  context.op = op.name;
                  return {
                    ...req,
                    method: r.method,
                    path: `${base.pathname}${r.path}`,
                    headers: {
                      authorization: `Bearer ${member.token}`,
                      ...(r.body ? { "content-type": "application/json" } : {}),
                    },
                    body: r.body ? JSON.stringify(r.body) : undefined,
                  };
                },
                onResponse: (status: number, _body: string, context: any) => {
                  if (context.writer) free.push(context.writer);
                  (latencies[context.op] ??= []).push(performance.now() - context.sentAt);
                  const byStatus = (statuses[context.op] ??= {});
                  byStatus[status] = (byStatus[status] ?? 0) + 1;
                },
              },
            ],
          },
          (err: Error | null, r: autocannon.Result) => {
            if (err) return reject(err);
            resolvePromise({
              total: r.requests.total,
              p50: r.latency.p50,
              p99: r.latency.p99,
              errors: r.errors,
              timeouts: r.timeouts,
              non2xx: r.non2xx,
              statuses,
              latency: Object.fromEntries(
                Object.entries(latencies).map(([name, ms]) => {
                  ms.sort((a, b) => a - b);
                  const at = (q: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!);
                  return [name, { p50: at(0.5), p99: at(0.99) }];
                }),
              ),
            });
          },
        );
        process.once("SIGINT", () => instance.stop());
      }),
  };
}

/** Azurite answering the recorded calls again, over the same connections, as fast as it can. */
async function storageAlone(port: number, calls: RecordedCall[], options: Options) {
  const requests = calls.map((c) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(c.headers)) {
      if (typeof v === "string" && !["host", "connection", "content-length"].includes(k)) headers[k] = v;
    }
    // Table Storage's Shared Key signs the verb, Content-MD5, Content-Type, date and resource: not If-Match.
    if (headers["if-match"] && headers["if-match"] !== "*") headers["if-match"] = "*";
    return { method: c.method as "GET", path: c.path, headers, ...(c.body.length ? { body: c.body } : {}) };
  });
  const loadAtStart = load();
  const r = await autocannon({ url: `http://127.0.0.1:${port}`, connections: options.connections, duration: options.storageDuration, requests });
  return {
    rps: r.requests.total / options.storageDuration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors,
    statuses: { "2xx": r["2xx"], "4xx": r["4xx"], "5xx": r["5xx"] },
    load: `${loadAtStart} at start, ${load()} at end`,
  };
}
