/**
 * `npm run sweep:orphans`: the timer's orphan sweep on demand (ADR 0006). For every tenant the directory sync knows
 * (or `-- --tenant <id>`), the meetings Tandem booked that no session knows are cancelled; prints the log line and
 * the result of each tenant as JSON. Configured from the environment as the api is; without a storage setting it
 * works on the local demo of `npm start` (Azurite on AZURITE_PORT, the Graph simulator on GRAPH_PORT), which must be
 * running. Exits 1 when an orphan could not be cancelled.
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
        STORAGE_CONNECTION_STRING: azuriteConnectionString(Number(env.AZURITE_PORT ?? 10002)),
        GRAPH_BASE_URL: env.GRAPH_BASE_URL ?? `http://localhost:${env.GRAPH_PORT ?? 7072}/v1.0`,
        DEMO_ORGANISATION_FILE: env.DEMO_ORGANISATION_FILE ?? resolve(root, "demo/organisation.json"),
        DEV_KEY_FILE: resolve(root, env.TANDEM_DATA_DIR ?? ".local", "dev-issuer.jwk.json"),
      }
    : env,
);
const app = await createApp(config);
if (!app.sweepOrphans) {
  console.error("The orphan sweep is off: Microsoft Graph has no credentials (AAD_APP_CLIENT_ID, AAD_APP_CLIENT_SECRET).");
  process.exit(2);
}
const at = process.argv.indexOf("--tenant");
const tenants = at >= 0 ? [process.argv[at + 1]!] : await app.directoryTenants();
let failed = 0;
for (const tenant of tenants) {
  const result = await app.sweepOrphans(tenant);
  failed += result.orphans.filter((o) => !o.cancelled).length;
  console.log(JSON.stringify(result, null, 2));
}
process.exit(failed ? 1 : 0);
