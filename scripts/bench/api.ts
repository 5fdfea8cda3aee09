/**
 * What the api costs over the storage round trips it needs, measured side by side in one run.
 * Azurite and the api run on this machine; requests are sent one at a time, interleaved round-robin, so that
 * machine noise hits every series alike. Results: a table on stdout and bench-results/api.json.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { TableClient, odata } from "@azure/data-tables";
import { loadConfig } from "../../api/src/config";
import { runApi } from "../../api/src/main";
import { seedDemo } from "../../api/src/features/dev/seed";
import { tableNames } from "../../api/src/adapters/tables/repositories";
import { startAzurite } from "../lib/azurite";
import { localApiSettings } from "../lib/local-settings";

const root = resolve(import.meta.dirname, "../..");
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 400);
const WARMUP = 40;

export async function benchApi() {
  const azurite = await startAzurite();
  const prefix = `bench${randomBytes(3).toString("hex")}`;
  const running = await runApi(
    loadConfig(localApiSettings(azurite.connectionString, prefix)),
  );
  try {
    const org = running.app.demo!;
    await seedDemo(running.app, org);
    const t = org.tenantId;
    const tandem = org.tandems.find((x) => x.status === "active" && x.kind === "tandem" && x.goals.length > 1)!;
    const mentee = tandem.menteeIds[0]!;
    const token = (
      (await (
        await fetch(`${running.url}/dev/token`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ personaId: mentee }),
        })
      ).json()) as { token: string }
    ).token;

    const names = tableNames(prefix);
    const opts = { allowInsecureConnection: true };
    const tandems = TableClient.fromConnectionString(azurite.connectionString, names.tandems, opts);
    const memberships = TableClient.fromConnectionString(azurite.connectionString, names.memberships, opts);
    const items = TableClient.fromConnectionString(azurite.connectionString, names.items, opts);
    const drain = async (it: AsyncIterable<unknown>) => {
      const out: unknown[] = [];
      for await (const x of it) out.push(x);
      return out;
    };
    const get = async (path: string) => {
      const r = await fetch(`${running.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      if (r.status !== 200) throw new Error(`${path}: ${r.status}`);
      await r.arrayBuffer();
    };

    const series: Record<string, () => Promise<unknown>> = {
      "raw point read (1 round trip)": () => tandems.getEntity(t, tandem.id),
      // What GET /tandems needs: the caller's membership partition, then their tandems by point reads in parallel.
      "raw: membership query + point reads": async () => {
        const rows = (await drain(
          memberships.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${`${t}|${mentee}`}` } }),
        )) as { rowKey: string }[];
        await Promise.all(rows.map((r) => tandems.getEntity(t, r.rowKey)));
      },
      "api GET /tandems": () => get("/tandems"),
      // What GET /tandems/{id}/goals needs: the tandem (who may see it) and its goals from one partition, at once.
      "raw: point read + goals query": () =>
        Promise.all([
          tandems.getEntity(t, tandem.id),
          drain(
            items.listEntities({
              queryOptions: {
                filter: odata`PartitionKey eq ${`${t}|${tandem.id}`} and RowKey ge 'goal|' and RowKey lt ${"goal|\uffff"}`,
              },
            }),
          ),
        ]),
      "api GET /tandems/{id}/goals": () => get(`/tandems/${tandem.id}/goals`),
    };

    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(series).map((k) => [k, []]));
    for (let i = 0; i < WARMUP + ITERATIONS; i++) {
      for (const [name, run] of Object.entries(series)) {
        const start = performance.now();
        await run();
        const ms = performance.now() - start;
        if (i >= WARMUP) samples[name]!.push(ms);
      }
    }

    const pct = (xs: number[], p: number) => {
      const s = [...xs].sort((a, b) => a - b);
      return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
    };
    const stats = Object.fromEntries(
      Object.entries(samples).map(([k, xs]) => [k, { median: pct(xs, 50), p99: pct(xs, 99) }]),
    );
    const ratio = (a: string, b: string, p: "median" | "p99") => stats[a]![p] / stats[b]![p];
    const ratios = {
      "GET /tandems vs the round trips it needs (median)": ratio("api GET /tandems", "raw: membership query + point reads", "median"),
      "GET /tandems vs the round trips it needs (p99)": ratio("api GET /tandems", "raw: membership query + point reads", "p99"),
      "GET goals vs the round trips it needs (median)": ratio("api GET /tandems/{id}/goals", "raw: point read + goals query", "median"),
      "GET goals vs the round trips it needs (p99)": ratio("api GET /tandems/{id}/goals", "raw: point read + goals query", "p99"),
      "GET /tandems vs one point read (median)": ratio("api GET /tandems", "raw point read (1 round trip)", "median"),
      "GET goals vs one point read (median)": ratio("api GET /tandems/{id}/goals", "raw point read (1 round trip)", "median"),
    };

    console.log(`\nTandem api on Azurite: ${ITERATIONS} requests per series after ${WARMUP} warm-up, interleaved\n`);
    console.log(`${"series".padEnd(40)} ${"median ms".padStart(10)} ${"p99 ms".padStart(10)}`);
    for (const [k, s] of Object.entries(stats)) {
      console.log(`${k.padEnd(40)} ${s.median.toFixed(2).padStart(10)} ${s.p99.toFixed(2).padStart(10)}`);
    }
    console.log("\nratios (target: the api adds at most 2x over the storage round trips it needs)");
    for (const [k, v] of Object.entries(ratios)) console.log(`  ${k.padEnd(52)} ${v.toFixed(2)}x`);

    await mkdir(resolve(root, "bench-results"), { recursive: true });
    await writeFile(
      resolve(root, "bench-results/api.json"),
      JSON.stringify({ at: new Date().toISOString(), node: process.version, iterations: ITERATIONS, stats, ratios }, null, 2),
    );
  } finally {
    await running.close();
    await azurite.stop();
  }
}
