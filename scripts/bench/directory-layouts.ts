/**
 * `npm run bench -- directory-layouts`: what Azurite does with the directory's candidate layouts (ADR 0002,
 * docs/benchmarks.md), raw rows through @azure/data-tables, no sync: person rows merged as Graph's pages come (200 a
 * page) into one partition or spread over buckets; the tree written in one partition in path order or spread over
 * buckets; and a range query's time as the table grows. Sizes: BENCH_LAYOUT_SIZES (default 10000,50000).
 */
import { randomBytes } from "node:crypto";
import { TableClient, type TransactionAction } from "@azure/data-tables";
import { startAzurite } from "../lib/azurite";

const SIZES = (process.env.BENCH_LAYOUT_SIZES ?? "10000,50000").split(",").map(Number);
/** One partition past this many rows takes Azurite too long to be worth measuring (it grows with the square). */
const ONE_PARTITION_UP_TO = Number(process.env.BENCH_LAYOUT_ONE_PARTITION_UP_TO ?? 10000);

const pad = (i: number) => String(i).padStart(7, "0");
const hash = (s: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
};

async function writeGrouped(client: TableClient, rows: { partitionKey: string; rowKey: string }[], pageSize: number) {
  const batches: TransactionAction[][] = [];
  for (let i = 0; i < rows.length; i += pageSize) {
    const groups = new Map<string, TransactionAction[]>();
    for (const r of rows.slice(i, i + pageSize)) {
      const g = groups.get(r.partitionKey) ?? [];
      g.push(["upsert", r, "Merge"]);
      groups.set(r.partitionKey, g);
    }
    for (const g of groups.values()) for (let k = 0; k < g.length; k += 100) batches.push(g.slice(k, k + 100));
  }
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < batches.length) await client.submitTransaction(batches[next++]!);
    }),
  );
  return { ms: performance.now() - start, transactions: batches.length };
}

export async function benchDirectoryLayouts() {
  const azurite = await startAzurite();
  try {
    for (const size of SIZES) {
      const person = (i: number, pk: string) => ({ partitionKey: pk, rowKey: `id-${pad(i)}`, displayName: `Person ${i}`, mail: `p${i}@x.example`, jobTitle: "Engineer", department: "R&D", managerId: `id-${pad(Math.floor(i / 8))}` });
      const ids = Array.from({ length: size }, (_, i) => i);
      const layouts: [string, (i: number) => string][] = [
        ...(size <= ONE_PARTITION_UP_TO ? [["1 partition", () => "t"] as [string, (i: number) => string]] : []),
        ["16 buckets", (i) => `t|${hash(`id-${pad(i)}`) % 16}`],
        ["64 buckets", (i) => `t|${hash(`id-${pad(i)}`) % 64}`],
      ];
      for (const [name, pk] of layouts) {
        const client = TableClient.fromConnectionString(azurite.connectionString, `l${randomBytes(4).toString("hex")}`, { allowInsecureConnection: true });
        await client.createTable();
        const pages = await writeGrouped(client, ids.map((i) => person(i, pk(i))), 200);
        const whole = await writeGrouped(client, ids.map((i) => person(i, pk(i))), 1000);
        const q = performance.now();
        let n = 0;
        for await (const _ of client.listEntities({ queryOptions: { filter: `PartitionKey eq '${pk(0)}' and RowKey gt 'id-0000000' and RowKey lt 'id-0000050'` } })) n++;
        const queryMs = performance.now() - q;
        console.log(
          `${size} person rows, ${name}: merged page by page (200) ${(pages.ms / 1000).toFixed(1)} s in ${pages.transactions} transactions; ` +
            `merged again in pages of 1,000 ${(whole.ms / 1000).toFixed(1)} s in ${whole.transactions}; a range query ${queryMs.toFixed(1)} ms (${n} rows)`,
        );
        await client.deleteTable();
      }
    }
  } finally {
    await azurite.stop();
  }
}
