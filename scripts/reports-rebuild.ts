/**
 * `npm run reports:rebuild`: recomputes the report aggregates from the raw data, for every tenant the directory
 * sync knows (or `-- --tenant <id>`), lands the recomputation and prints every difference it found. The api's
 * configuration comes from the environment, as the api's own (STORAGE_CONNECTION_STRING or STORAGE_ACCOUNT_URL,
 * TABLE_PREFIX, ...). Without a storage setting it works on the local demo of `npm start` (Azurite on AZURITE_PORT,
 * 10002 by default), which must be running. Exits 1 when differences remain (writes kept coming meanwhile).
 */
import { resolve } from "node:path";
import { loadConfig } from "../api/src/config";
import { createApp } from "../api/src/app";
import { azuriteConnectionString } from "./lib/azurite";

const root = resolve(import.meta.dirname, "..");
const env = process.env;
const local = !env.STORAGE_CONNECTION_STRING && !env.STORAGE_ACCOUNT_URL;
const config = loadConfig(
  local
    ? {
        ...env,
        TANDEM_MODE: "local",
        STORAGE_CONNECTION_STRING: azuriteConnectionString(Number(env.AZURITE_PORT ?? 10002), Number(env.AZURITE_QUEUE_PORT ?? 10001)),
        DEMO_ORGANISATION_FILE: env.DEMO_ORGANISATION_FILE ?? resolve(root, "demo/organisation.json"),
        DEV_KEY_FILE: resolve(root, env.TANDEM_DATA_DIR ?? ".local", "dev-issuer.jwk.json"),
      }
    : env,
);
const app = await createApp(config);
const at = process.argv.indexOf("--tenant");
const tenants = at >= 0 ? [process.argv[at + 1]!] : await app.directoryTenants();

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
