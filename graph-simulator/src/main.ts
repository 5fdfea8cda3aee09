/**
 * The Graph simulator on its own, for manual use:
 *   DEV_JWKS_URL=http://localhost:7071/api/dev/jwks node --import tsx graph-simulator/src/main.ts
 * GRAPH_PORT (7072), DEMO_ORGANISATION_FILE (demo/organisation.json), GRAPH_STATE_FILE (none: in memory).
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { DemoOrganisation } from "@tandem/core";
import { startGraphSimulator } from "./index";

const env = process.env;
const root = resolve(import.meta.dirname, "../..");
const port = Number(env.GRAPH_PORT ?? 7072);
const jwksUrl = env.DEV_JWKS_URL ?? "http://localhost:7071/api/dev/jwks";
const file = resolve(env.DEMO_ORGANISATION_FILE ?? resolve(root, "demo/organisation.json"));
const organisation = DemoOrganisation.parse(JSON.parse(await readFile(file, "utf8")));

const simulator = await startGraphSimulator({
  port,
  organisation,
  jwksUrl,
  ...(env.GRAPH_STATE_FILE ? { stateFile: resolve(env.GRAPH_STATE_FILE) } : {}),
});
console.log(`Graph simulator listening on ${simulator.url} (${organisation.people.length} people; tokens checked against ${jwksUrl}).`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await simulator.stop();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
