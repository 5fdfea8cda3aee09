/**
 * `npm run build:web`: the production pages of the tab and the add-in in dist/web, for the static site.
 * TANDEM_API_URL is the deployed api's base URL (ending with /api). TANDEM_CLIENT_ID and TANDEM_API_SCOPE name the
 * Entra app and its scope for the add-in's nested app authentication; without them it signs in with Office SSO.
 */
import { resolve } from "node:path";
import { buildWeb, repoRoot } from "./lib/web";

const apiUrl = process.env.TANDEM_API_URL;
if (!apiUrl || !/^https:\/\/.+\/api$/.test(apiUrl)) {
  console.error("Set TANDEM_API_URL to the api's https base URL, ending with /api (for example https://tandem-api.azurewebsites.net/api).");
  process.exit(1);
}
const clientId = process.env.TANDEM_CLIENT_ID?.trim();
const scope = process.env.TANDEM_API_SCOPE?.trim();
if (scope && !/^api:\/\/.+\/access_as_user$/.test(scope)) {
  console.error("TANDEM_API_SCOPE is the api's scope, api://<site host>/<client id>/access_as_user.");
  process.exit(1);
}
await buildWeb({ local: false, apiUrl, outDir: resolve(repoRoot, "dist/web"), entra: clientId && scope ? { clientId, scope } : undefined });
