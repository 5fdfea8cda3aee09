/**
 * `npm start`: the whole product offline. Azurite (data kept in .local/azurite), the api in local mode with the
 * development issuer, the Graph simulator (booked meetings kept in .local/graph-simulator.json) unless
 * GRAPH_BASE_URL points elsewhere, the demo organisation seeded. Ctrl-C stops everything; Azurite gets SIGINT
 * and saves.
 */
import { resolve } from "node:path";
import { loadConfig } from "../api/src/config";
import { runApi } from "../api/src/main";
import { seedDemo } from "../api/src/features/dev/seed";
import { personasOf } from "../api/src/features/dev/routes";
import { startAzurite } from "./lib/azurite";
import { startGraphSimulator, type GraphSimulator } from "@tandem/graph-simulator";
import { buildWeb, startWebHost, webApps } from "./lib/web";
import { localSiteHeaders } from "../build/site/static-web-app";

const root = resolve(import.meta.dirname, "..");
const env = process.env;
const apiPort = Number(env.API_PORT ?? env.PORT ?? 7071);
const azuritePort = Number(env.AZURITE_PORT ?? 10002);
const azuriteQueuePort = Number(env.AZURITE_QUEUE_PORT ?? 10001);
const webPort = Number(env.WEB_PORT ?? 53000);
const graphPort = Number(env.GRAPH_PORT ?? 7072);
// A Graph-compatible endpoint already chosen (another simulator, a test tenant's proxy) is kept as is.
const ownGraph = !env.GRAPH_BASE_URL;
const graphUrl = env.GRAPH_BASE_URL ?? `http://localhost:${graphPort}/v1.0`;
const dataDir = resolve(root, env.TANDEM_DATA_DIR ?? ".local");

const log = (line: string) => console.log(`\x1b[2m${line}\x1b[0m`);

const azurite = await startAzurite({ port: azuritePort, queuePort: azuriteQueuePort, location: resolve(dataDir, "azurite") }).catch((e) => {
  console.error(`Could not start Azurite on ports ${azuritePort} and ${azuriteQueuePort} (set AZURITE_PORT and AZURITE_QUEUE_PORT to use others):\n${e.message}`);
  process.exit(1);
});

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping Tandem…");
  web?.close();
  await api?.close();
  await graph?.stop();
  await azurite.stop();
  console.log(`Stopped. Your data is in ${resolve(dataDir, "azurite")}${ownGraph ? ` and ${resolve(dataDir, "graph-simulator.json")}` : ""}.`);
  process.exit(code);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

let api: Awaited<ReturnType<typeof runApi>> | undefined;
let web: Awaited<ReturnType<typeof startWebHost>> | undefined;
let graph: GraphSimulator | undefined;
try {
  const config = loadConfig({
    ...env,
    TANDEM_MODE: "local",
    PORT: String(apiPort),
    STORAGE_CONNECTION_STRING: azurite.connectionString,
    DEMO_ORGANISATION_FILE: env.DEMO_ORGANISATION_FILE ?? resolve(root, "demo/organisation.json"),
    DEV_KEY_FILE: resolve(dataDir, "dev-issuer.jwk.json"),
    GRAPH_BASE_URL: graphUrl,
  });
  api = await runApi(config, {
    corsOrigins: [`http://localhost:${webPort}`, `http://127.0.0.1:${webPort}`],
    log: env.TANDEM_LOG === "1" ? log : undefined,
  });
  const org = api.app.demo!;
  if (ownGraph) {
    // After the api: the simulator trusts the api's development issuer, whose keys the api holds.
    graph = await startGraphSimulator({
      port: graphPort,
      host: "127.0.0.1",
      organisation: org,
      jwks: api.app.devIssuer!.jwks(),
      stateFile: resolve(dataDir, "graph-simulator.json"),
    }).catch((e) => {
      throw new Error(`Could not start the Graph simulator on port ${graphPort} (set GRAPH_PORT to use another):\n${e.message}`);
    });
  }
  const webDir = resolve(dataDir, "web");
  console.log("Building the tab and the add-in pages…");
  await buildWeb({ local: true, apiUrl: `http://localhost:${apiPort}/api`, outDir: webDir, quiet: true });
  // The production site's headers (its Content-Security-Policy with this api's origin), so that a page that breaks
  // the policy breaks here first.
  const siteHeaders = await localSiteHeaders(webDir, { apiUrl: `http://localhost:${apiPort}/api` });
  web = await startWebHost({ port: webPort, dir: webDir, siteHeaders });
  const seeded = await seedDemo(api.app, org);
  // The organisation reaches Tandem as in a real tenant: from Graph (here the simulator) by the directory sync.
  const synced = await api.app.directorySync.sync(org.tenantId, "start").catch((e: unknown) => {
    console.error(`The directory sync failed: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  });
  const directoryLine =
    synced?.status === "done"
      ? `${synced.people} people synced from Microsoft Graph${ownGraph ? " (the simulator)" : ""}${synced.problemCount ? `, ${synced.problemCount} problem(s): GET ${`http://localhost:${apiPort}/api`}/directory/sync as a coordinator` : ""}`
      : `not synced (${synced?.error ?? "another sync is running"})`;

  const personas = personasOf(org);
  const pick = (role: string) => personas.filter((p) => p.roles.includes(role as never)).slice(0, 2);
  const show = [...pick("mentee"), ...pick("mentor"), ...pick("manager").filter((p) => !p.roles.includes("mentee")), ...pick("coordinator")];
  const seen = new Set<string>();
  const base = `http://localhost:${apiPort}/api`;
  const pages = `http://localhost:${webPort}`;
  console.log(`
Tandem is running offline.

  Teams tab    ${pages}/tab.html${webApps.includes("addin") ? `\n  Outlook add-in ${pages}/taskpane.html` : ""}
               (outside Teams and Outlook, a persona switcher signs you in; add ?persona=<id>&lang=fr&theme=dark)
  api          ${base}
  health       ${base}/health
  OpenAPI      ${base}/openapi.json
  personas     ${base}/dev/personas
  storage      Azurite on 127.0.0.1:${azurite.port} (tables) and :${azurite.queuePort} (the jobs' queue), data in ${resolve(dataDir, "azurite")}
  Graph        ${graphUrl}${ownGraph ? ` (simulator, controls at http://localhost:${graphPort}/_simulator/requests and /_simulator/faults)` : " (from GRAPH_BASE_URL)"}

Demo organisation: ${org.tenantName}, ${org.people.length} people (${seeded.created} items created, ${seeded.existing} already there).
Directory: ${directoryLine}.
Personas to try (all of them: GET ${base}/dev/personas):`);
  for (const p of show) {
    if (seen.has(p.id)) continue;
    seen.add(p.id);
    console.log(`  ${p.displayName.padEnd(24)} ${p.roles.join(", ").padEnd(28)} ${p.id}`);
  }
  const first = show[0]!;
  console.log(`
Try it:
  TOKEN=$(curl -s -X POST ${base}/dev/token -H 'content-type: application/json' \\
    -d '{"personaId":"${first.id}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).token')
  curl -s ${base}/tandems -H "authorization: Bearer $TOKEN"

Press Ctrl-C to stop.`);
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  await stop(1);
}
