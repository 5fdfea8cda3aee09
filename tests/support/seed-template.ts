import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { TableClient, TableServiceClient, type TableTransaction } from "@azure/data-tables";
import type { DemoOrganisation } from "@tandem/core";
import { startGraphSimulator } from "@tandem/graph-simulator";
import { loadConfig } from "../../api/src/config";
import { runApi } from "../../api/src/main";
import { seedDemo } from "../../api/src/features/dev/seed";
import { freePort } from "../../scripts/lib/azurite";

/**
 * The demo organisation seeded and its directory synced once per run, in tables of their own: each test api that
 * would seed the same (no clock, no simulator of its own, no settings) copies these rows instead of writing them again
 * through the services, which took most of a test file's start (ten to twenty seconds on a busy two-core machine;
 * the copy, a few hundred rows in batches, well under one).
 */
export interface SeedTemplate {
  prefix: string;
  /** The instant the template was seeded at: its dates are offsets from it. */
  seededAt: string;
  /** The origin of the simulator it synced from, in the directory's stored links. */
  graphOrigin: string;
}

const root = resolve(import.meta.dirname, "../..");

/** The configuration every test api shares (test-api.ts), on these tables and this simulator. */
export const testConfig = (connectionString: string, prefix: string, graphPort: number, env: Record<string, string> = {}) =>
  loadConfig({
    TANDEM_MODE: "local",
    PORT: "0",
    STORAGE_CONNECTION_STRING: connectionString,
    TABLE_PREFIX: prefix,
    DEMO_ORGANISATION_FILE: resolve(root, "demo/organisation.json"),
    GRAPH_BASE_URL: `http://localhost:${graphPort}/v1.0`,
    GRAPH_MAX_RETRY_DELAY_SECONDS: "2",
    ...env,
  });

/** Seeds the template as startTestApi seeds a test api: the demo, then the directory synced from the simulator. */
export async function seedTemplate(connectionString: string): Promise<SeedTemplate> {
  const prefix = `tpl${randomBytes(5).toString("hex")}`;
  const graphPort = await freePort();
  const running = await runApi(testConfig(connectionString, prefix, graphPort), { worker: false });
  const org = running.app.demo!;
  const simulator = await startGraphSimulator({ port: graphPort, organisation: org, jwks: running.app.devIssuer!.jwks() });
  try {
    const seededAt = new Date();
    await seedDemo(running.app, org, seededAt);
    const synced = await running.app.directorySync.sync(org.tenantId, "start");
    if (synced?.status !== "done") throw new Error(`the template's directory sync did not finish: ${JSON.stringify(synced)}`);
    return { prefix, seededAt: seededAt.toISOString(), graphOrigin: `http://localhost:${graphPort}` };
  } finally {
    await running.close();
    await simulator.stop();
  }
}

/**
 * Whether a seed now would write what the template holds: the demo's dates are whole days from "now" in each
 * person's and each session's time zone, and no demo session starts or ends within two days of it, so a template
 * of the same day everywhere is the same seed (but for the creation time of a few rows, minutes apart).
 */
export function templateFits(template: SeedTemplate, org: DemoOrganisation, now = new Date()): boolean {
  const zones = new Set<string>(["UTC", ...org.people.map((p) => p.timeZone), ...org.tandems.flatMap((t) => t.sessions.map((s) => s.timeZone))]);
  const day = (instant: Date, timeZone: string) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
  const seededAt = new Date(template.seededAt);
  return [...zones].every((z) => day(seededAt, z) === day(now, z));
}

/** Settings of a test api that change neither what a seed writes nor the directory sync: its template fits. */
const SEED_NEUTRAL = new Set([
  "JOBS_RETRY_SECONDS",
  "JOBS_VISIBILITY_SECONDS",
  "JOBS_PUBLICATION_SLICE",
  "REPORTS_MIN_GROUP_SIZE",
  "STORAGE_TIMEOUT_SECONDS",
  "HEALTH_TIMEOUT_SECONDS",
  // The same Azurite through another door (storage-stall.test.ts's proxy): the copy goes through it too.
  "STORAGE_CONNECTION_STRING",
]);
export const seedNeutral = (env: Record<string, string> = {}) => Object.keys(env).every((k) => SEED_NEUTRAL.has(k));

/**
 * Copies the template's rows (in the storage of `template`) into the tables of `prefix` (which the api created, in
 * the storage of `to`), the simulator's links moved to `graphOrigin`.
 */
export async function copyTemplate(template: SeedTemplate & { connectionString: string }, to: { connectionString: string; prefix: string; graphOrigin: string }) {
  const { connectionString } = template;
  const { prefix, graphOrigin } = to;
  const service = TableServiceClient.fromConnectionString(connectionString, { allowInsecureConnection: true });
  const names: string[] = [];
  for await (const t of service.listTables()) if (t.name?.startsWith(template.prefix)) names.push(t.name.slice(template.prefix.length));
  await Promise.all(
    names.map(async (name) => {
      const from = TableClient.fromConnectionString(connectionString, template.prefix + name, { allowInsecureConnection: true });
      const into = TableClient.fromConnectionString(to.connectionString, prefix + name, { allowInsecureConnection: true });
      const partitions = new Map<string, Record<string, unknown>[]>();
      // As stored, every value with its type (Int64 stays Int64), and the simulator's address where a row keeps it.
      for await (const e of from.listEntities({ disableTypeConversion: true })) {
        const row: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(e)) {
          if (k === "etag" || k === "timestamp" || k === "Timestamp" || k.startsWith("odata.")) continue;
          const typed = v as { value: unknown; type: string } | string;
          row[k] =
            typeof typed === "string"
              ? typed.replaceAll(template.graphOrigin, graphOrigin)
              : typed.type === "String" && typeof typed.value === "string"
                ? { ...typed, value: typed.value.replaceAll(template.graphOrigin, graphOrigin) }
                : typed;
        }
        const key = row.partitionKey as string;
        partitions.set(key, [...(partitions.get(key) ?? []), row]);
      }
      for (const rows of partitions.values()) {
        for (let i = 0; i < rows.length; i += 100) {
          const batch: TableTransaction["actions"] = rows.slice(i, i + 100).map((r) => ["create", r as { partitionKey: string; rowKey: string }]);
          await into.submitTransaction(batch);
        }
      }
    }),
  );
}
