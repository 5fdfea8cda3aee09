import { resolve } from "node:path";
import { loadConfig } from "../../api/src/config";
import { createApp, type TandemApp } from "../../api/src/app";
import { azuriteConnectionString } from "./azurite";

const root = resolve(import.meta.dirname, "../..");

/**
 * The api's app for a one-off command (`reports:rebuild`, `sweep:orphans`), configured from the environment as the
 * api is. Without a storage setting it works on the local demo of `npm start`, which must be running: Azurite's table
 * and queue services on AZURITE_PORT and AZURITE_QUEUE_PORT, the Graph simulator on GRAPH_PORT. The tenants are
 * `-- --tenant <id>`'s, or every tenant the directory sync knows.
 */
export async function commandApp(): Promise<{ app: TandemApp; tenants: string[] }> {
  const env = process.env;
  const local = !env.STORAGE_CONNECTION_STRING && !env.STORAGE_ACCOUNT_URL;
  const config = loadConfig(
    local
      ? {
          ...env,
          TANDEM_MODE: "local",
          STORAGE_CONNECTION_STRING: azuriteConnectionString(Number(env.AZURITE_PORT ?? 10002), Number(env.AZURITE_QUEUE_PORT ?? 10001)),
          GRAPH_BASE_URL: env.GRAPH_BASE_URL ?? `http://localhost:${env.GRAPH_PORT ?? 7072}/v1.0`,
          DEMO_ORGANISATION_FILE: env.DEMO_ORGANISATION_FILE ?? resolve(root, "demo/organisation.json"),
          DEV_KEY_FILE: resolve(root, env.TANDEM_DATA_DIR ?? ".local", "dev-issuer.jwk.json"),
        }
      : env,
  );
  const app = await createApp(config);
  const at = process.argv.indexOf("--tenant");
  const tenants = at >= 0 ? [process.argv[at + 1]!] : await app.directoryTenants();
  return { app, tenants };
}
