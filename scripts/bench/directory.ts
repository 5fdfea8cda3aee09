/**
 * The directory sync and the reads it serves, on generated organisations of 5,000 and 50,000 people:
 * - a whole sync against the Graph simulator over HTTP, in a process of its own capped at 256 MB of heap: time,
 *   Graph requests, peak memory; then a sync of a few changes (only what changed is read);
 * - a manager's reports (a team of about 50 deep in the tree, the one the changes moved just below the top, and a team
 *   of about 2,000), a chain of managers and a person, served from storage, next to a raw point read, interleaved; and
 *   the storage calls each makes, counted by a proxy in front of Azurite, in both organisations.
 * Results: a table on stdout and bench-results/directory.json.
 */
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { TableClient } from "@azure/data-tables";
import type { DemoOrganisation } from "@tandem/core";
import { generateOrganisation, startGraphSimulator } from "@tandem/graph-simulator";
import { TREE_DEPTH, createTableDirectory, personPartition, treePartition } from "../../api/src/adapters/tables/directory";
import { createDevIssuer } from "../../api/src/platform/dev-issuer";
import { azuriteConnectionString, startAzurite } from "../lib/azurite";
import { countingProxy } from "../lib/counting-proxy";

const root = resolve(import.meta.dirname, "../..");
const SIZES = (process.env.BENCH_DIRECTORY_SIZES ?? "5000,50000").split(",").map(Number);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
/**
 * Past 5,000 people, rounds of reads: a team in the tree's top levels is 16 queries, and Azurite scans the whole table
 * for each (about a second at 50,000), so 200 rounds would take longer than the sync.
 */
const LARGE_ITERATIONS = Number(process.env.BENCH_DIRECTORY_LARGE_ITERATIONS ?? 50);
const HEAP_MB = 256;
const RAW_UP_TO = Number(process.env.BENCH_DIRECTORY_RAW_UP_TO ?? 5000);

interface SyncResult {
  ms: number;
  status: string;
  error: string | null;
  people: number | null;
  pages: number | null;
  problemCount: number | null;
  runs: number;
  errors: string[];
  maxRssMiB: number;
  heapPeakMiB: number;
}

function runWorker(env: Record<string, string>): Promise<SyncResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, "--import", "tsx", resolve(import.meta.dirname, "directory-sync-worker.ts")], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !line.startsWith("{")) fail(new Error(`the sync worker exited ${code}:\n${err}\n${out}`));
      else done(JSON.parse(line) as SyncResult);
    });
  });
}

/** The manager whose team (direct and indirect reports) is closest to `size`, among those `eligible` lets in. */
export function pick(org: DemoOrganisation, size: number, eligible: (id: string) => boolean = () => true) {
  const reports = new Map<string, string[]>();
  for (const p of org.people) if (p.managerId) reports.set(p.managerId, [...(reports.get(p.managerId) ?? []), p.id]);
  const teamSize = new Map<string, number>();
  const sizeOf = (id: string): number => {
    const known = teamSize.get(id);
    if (known !== undefined) return known;
    let n = 0;
    const stack = [...(reports.get(id) ?? [])];
    while (stack.length) {
      const x = stack.pop()!;
      n++;
      stack.push(...(reports.get(x) ?? []));
    }
    teamSize.set(id, n);
    return n;
  };
  let best: string | null = null;
  for (const p of org.people) if (eligible(p.id) && (best === null || Math.abs(sizeOf(p.id) - size) < Math.abs(sizeOf(best) - size))) best = p.id;
  if (best === null) throw new Error("no manager fits");
  return { id: best, size: sizeOf(best) };
}

function deepest(org: DemoOrganisation) {
  const byId = new Map(org.people.map((p) => [p.id, p]));
  const depth = (id: string) => {
    let d = 0;
    for (let m = byId.get(id)?.managerId; m && d < 1000; m = byId.get(m)?.managerId) d++;
    return d;
  };
  let best = org.people[0]!;
  let bestDepth = 0;
  for (const p of org.people.slice(-500)) {
    const d = depth(p.id);
    if (d > bestDepth) [best, bestDepth] = [p, d];
  }
  return { id: best.id, depth: bestDepth };
}

/**
 * The least a first sync writes, straight to storage: each person merged once as Graph's pages come, their tree
 * row, their place; in the directory's partitions, in transactions of 100 of one partition, four at once, as the sync
 * does. The floor the sync is measured against.
 */
async function rawWrites(connectionString: string, people: number): Promise<number> {
  const table = `raw${randomBytes(4).toString("hex")}`;
  const client = TableClient.fromConnectionString(connectionString, table, { allowInsecureConnection: true });
  await client.createTable();
  const pad = (i: number) => String(i).padStart(6, "0");
  const person = (i: number) => ({ partitionKey: personPartition("t", pad(i)), rowKey: pad(i), displayName: `Person ${i}`, mail: `p${i}@x.example`, jobTitle: "Engineer", department: "R&D", officeLocation: "Paris", managerId: pad(Math.floor(i / 8)) });
  const rounds: ((i: number) => Record<string, unknown>)[] = [
    (i) => person(i),
    (i) => ({ partitionKey: treePartition("t", `0|${pad(i)}`), rowKey: `0|${pad(i)}`, d: JSON.stringify(person(i)) }),
    (i) => ({ partitionKey: personPartition("t", pad(i)), rowKey: pad(i), key: i.toString(36), path: `0|${pad(i)}`, chain: "[]", directReports: 0, pending: false }),
  ];
  const start = performance.now();
  for (const row of rounds) {
    // Graph's pages of 200 people, each page's rows grouped by partition.
    const batches: number[][] = [];
    for (let page = 0; page < people; page += 200) {
      const groups = new Map<string, number[]>();
      for (let i = page; i < Math.min(people, page + 200); i++) {
        const pk = row(i).partitionKey as string;
        groups.set(pk, [...(groups.get(pk) ?? []), i]);
      }
      for (const g of groups.values()) for (let k = 0; k < g.length; k += 100) batches.push(g.slice(k, k + 100));
    }
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < batches.length) {
          const b = batches[next++]!;
          await client.submitTransaction(b.map((i) => ["upsert", row(i) as { partitionKey: string; rowKey: string }, "Merge"]));
        }
      }),
    );
  }
  const ms = performance.now() - start;
  await client.deleteTable();
  return ms;
}

/** Whether `id` reports, directly or not, to `manager`. */
function isBelow(byId: Map<string, { managerId: string | null }>, id: string, manager: string): boolean {
  for (let m = byId.get(id)?.managerId; m; m = byId.get(m)?.managerId) if (m === manager) return true;
  return false;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))]!;

export async function benchDirectory() {
  const azurite = await startAzurite();
  const proxy = await countingProxy(azurite.port);
  const dir = await mkdtemp(join(tmpdir(), "tandem-bench-directory-"));
  const keyFile = join(dir, "dev-issuer.jwk.json");
  const issuer = await createDevIssuer(keyFile);
  const results: Record<string, unknown> = {};
  const latency: Record<string, Record<string, { median: number; p99: number }>> = {};
  const calls: Record<string, Record<string, number>> = {};
  try {
    for (const size of SIZES) {
      const org = generateOrganisation({ people: size, seed: `bench-${size}` });
      const started = performance.now();
      const sim = await startGraphSimulator({ port: 0, organisation: org, jwks: issuer.jwks() });
      const simStartMs = performance.now() - started;
      const prefix = `dir${randomBytes(3).toString("hex")}`;
      const env = {
        STORAGE_CONNECTION_STRING: azurite.connectionString,
        TABLE_PREFIX: prefix,
        GRAPH_BASE_URL: sim.url,
        DEV_KEY_FILE: keyFile,
        TENANT_ID: org.tenantId,
      };
      try {
        sim.requests.reset();
        const full = await runWorker(env);
        const fullRequests = sim.requests.snapshot().total;
        if (full.status !== "done" || full.people !== size) throw new Error(`the sync of ${size} did not finish: ${JSON.stringify(full)}`);

        // A day's changes: a hire, a leaver, a manager who moves with their team.
        const team = pick(org, 50);
        const newManager = org.people.find((p) => p.managerId === null)!.id;
        sim.directory.update(team.id, { managerId: newManager });
        sim.directory.remove(org.people.at(-1)!.id, { permanent: true });
        sim.directory.add({ displayName: "New Hire", mail: "new.hire@generated.example", managerId: team.id });
        sim.requests.reset();
        const delta = await runWorker(env);
        const deltaRequests = sim.requests.snapshot().total;
        // Azurite's writes slow down as a partition grows (it scans the partition's rows for each): at 50,000 the
        // floor takes as long as the sync itself, so it is measured up to RAW_UP_TO people unless asked for.
        const floor = size <= RAW_UP_TO ? await rawWrites(azurite.connectionString, size) : null;
        results[`sync of ${size}`] = {
          simulatorStartMs: simStartMs,
          full: { ...full, graphRequests: fullRequests },
          changes: { ...delta, graphRequests: deltaRequests },
          rawWritesMs: floor,
        };
        console.log(
          `sync of ${size}: ${(full.ms / 1000).toFixed(1)} s${full.runs > 1 ? ` in ${full.runs} runs (resumed after: ${full.errors.join("; ")})` : ""}, ${fullRequests} Graph requests, peak RSS ${full.maxRssMiB.toFixed(0)} MiB (heap ${full.heapPeakMiB.toFixed(0)} MiB, capped at ${HEAP_MB}); ` +
            `3 changes: ${(delta.ms / 1000).toFixed(2)} s, ${deltaRequests} Graph request(s)\n` +
            (floor === null
              ? `  raw writes not measured at this size (BENCH_DIRECTORY_RAW_UP_TO=${size} to measure them)`
              : `  raw: the ${3 * size} row writes a first sync needs (3 a person, transactions of 100, 4 at once): ${(floor / 1000).toFixed(1)} s; the sync takes ${(full.ms / floor).toFixed(2)}x that`),
        );
      } finally {
        await sim.stop();
      }

      // Reads, as request paths make them.
      const directory = createTableDirectory({ connectionString: azurite.connectionString }, prefix);
      const counted = createTableDirectory({ connectionString: azuriteConnectionString(proxy.port) }, prefix);
      const raw = TableClient.fromConnectionString(azurite.connectionString, `${prefix}Directory`, { allowInsecureConnection: true });
      const t = org.tenantId;
      // The team of about 50 that the day's changes moved to just below the top reads every tree partition; one as
      // deep as the tree's partition depth or deeper, a single one (ADR 0002).
      const moved = pick(org, 50);
      const byId = new Map(org.people.map((p) => [p.id, p]));
      const depthOf = (id: string) => {
        let d = 1;
        for (let m = byId.get(id)?.managerId; m && d < 1000; m = byId.get(m)?.managerId) d++;
        return d;
      };
      const small = pick(org, 50, (id) => id !== moved.id && depthOf(id) >= TREE_DEPTH && !isBelow(byId, id, moved.id));
      const large = pick(org, 2000);
      const deep = deepest(org);
      const series: Record<string, (d: typeof directory) => Promise<unknown>> = {
        "raw point read": () => raw.getEntity(personPartition(t, deep.id), deep.id),
        person: (d) => d.person(t, deep.id),
        [`chain of ${deep.depth} managers`]: (d) => d.managerChainOf(t, deep.id),
        [`team of ${small.size}, depth ${depthOf(small.id)}`]: (d) => d.reportsOf(t, small.id),
        [`team of ${moved.size + 1}, depth 2`]: (d) => d.reportsOf(t, moved.id),
        [`team of ${large.size}, depth ${depthOf(large.id)}`]: (d) => d.reportsOf(t, large.id),
      };
      calls[size] = {};
      for (const [name, run] of Object.entries(series)) {
        if (name === "raw point read") continue;
        proxy.reset();
        await run(counted);
        calls[size]![name] = proxy.count();
      }
      const samples: Record<string, number[]> = Object.fromEntries(Object.keys(series).map((k) => [k, []]));
      const iterations = size > 5000 ? Math.min(ITERATIONS, LARGE_ITERATIONS) : ITERATIONS;
      for (let i = 0; i < iterations + 10; i++) {
        for (const [name, run] of Object.entries(series)) {
          const s = performance.now();
          await run(directory);
          if (i >= 10) samples[name]!.push(performance.now() - s);
        }
      }
      latency[size] = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, { median: median(xs), p99: p99(xs) }]));
      console.log(`\nreads in the organisation of ${size} (${iterations} each, interleaved)`);
      console.log(`${"series".padEnd(34)} ${"median ms".padStart(10)} ${"p99 ms".padStart(10)} ${"x point read".padStart(13)} ${"storage calls".padStart(14)}`);
      const base = latency[size]!["raw point read"]!.median;
      for (const [k, v] of Object.entries(latency[size]!)) {
        console.log(
          `${k.padEnd(34)} ${v.median.toFixed(2).padStart(10)} ${v.p99.toFixed(2).padStart(10)} ${(v.median / base).toFixed(2).padStart(12)}x ${String(calls[size]![k] ?? 1).padStart(14)}`,
        );
      }
    }
  } finally {
    proxy.close();
    await azurite.stop();
    await rm(dir, { recursive: true, force: true });
  }
  await mkdir(resolve(root, "bench-results"), { recursive: true });
  await writeFile(resolve(root, "bench-results/directory.json"), JSON.stringify({ at: new Date().toISOString(), node: process.version, results, latency, calls }, null, 2));
}
