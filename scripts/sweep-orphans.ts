/**
 * `npm run sweep:orphans`: the timer's orphan sweep on demand (ADR 0006). For every tenant the directory sync knows
 * (or `-- --tenant <id>`), the meetings Tandem booked that no session knows are cancelled; prints the log line and
 * the result of each tenant as JSON. Configured from the environment as the api is; without a storage setting it
 * works on the local demo of `npm start` (Azurite on AZURITE_PORT, the Graph simulator on GRAPH_PORT), which must be
 * running. Exits 1 when an orphan could not be cancelled.
 */
import { commandApp } from "./lib/command-app";

const { app, tenants } = await commandApp();
if (!app.sweepOrphans) {
  console.error("The orphan sweep is off: Microsoft Graph has no credentials (AAD_APP_CLIENT_ID, AAD_APP_CLIENT_SECRET).");
  process.exit(2);
}
let failed = 0;
for (const tenant of tenants) {
  const result = await app.sweepOrphans(tenant);
  failed += result.orphans.filter((o) => !o.cancelled).length;
  console.log(JSON.stringify(result, null, 2));
}
process.exit(failed ? 1 : 0);
