/**
 * `npm run build:web`: the production pages of the tab and the add-in in dist/web, for the static site.
 * TANDEM_API_URL is the deployed api's base URL (ending with /api).
 */
import { resolve } from "node:path";
import { buildWeb, repoRoot } from "./lib/web";

const apiUrl = process.env.TANDEM_API_URL;
if (!apiUrl || !/^https:\/\/.+\/api$/.test(apiUrl)) {
  console.error("Set TANDEM_API_URL to the api's https base URL, ending with /api (for example https://tandem-api.azurewebsites.net/api).");
  process.exit(1);
}
await buildWeb({ local: false, apiUrl, outDir: resolve(repoRoot, "dist/web") });
