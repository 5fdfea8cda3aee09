/**
 * `npm run reports:rebuild`: recomputes the report aggregates from the raw data, for every tenant the directory
 * sync knows (or `-- --tenant <id>`), lands the recomputation and prints every difference it found. The api's
 * configuration comes from the environment, as the api's own (STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL,
 * TABLE_PREFIX, ...). Without a storage setting it works on the local demo of `npm start` (Azurite on AZURITE_PORT,
 * 10002 by default), which must be running. Exits 1 when differences remain (writes kept coming meanwhile).
 */
import { commandApp } from "./lib/command-app";

const { app, tenants } = await commandApp();

let remaining = 0;
for (const tenant of tenants) {
  const started = performance.now();
  const r = await app.aggregates.rebuild(tenant);
  remaining += r.remaining;
  console.log(
    `${tenant}: ${r.tandems} tandems, ${r.people} people recomputed in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `${r.differences.length} difference(s) found and repaired${r.remaining ? `, ${r.remaining} left (writes kept coming: run it again)` : ""}`,
  );
  for (const d of r.differences) {
    const where = [`${d.kind} row`, d.personId && `of ${d.personId}`, d.tandemId && `tandem ${d.tandemId}`, d.month].filter(Boolean).join(" ");
    console.log(`  ${where}: ${d.field} was ${JSON.stringify(d.stored)}, is ${JSON.stringify(d.expected)}`);
  }
}
process.exit(remaining ? 1 : 0);
