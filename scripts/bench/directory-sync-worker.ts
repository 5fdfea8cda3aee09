/**
 * One directory sync in a process of its own, so that its peak memory is its own: started by directory.ts with
 * `--max-old-space-size`, it prints one JSON line with the result.
 * Environment: STORAGE_CONNECTION_STRING, TABLE_PREFIX, GRAPH_BASE_URL, DEV_KEY_FILE, TENANT_ID.
 */
import { createTableDirectory } from "../../api/src/adapters/tables/directory";
import { developmentAppTokens, graphDirectorySource } from "../../api/src/adapters/graph/directory-source";
import { directorySync } from "../../api/src/features/directory/sync";
import { createDevIssuer } from "../../api/src/platform/dev-issuer";
import { randomIds, systemClock } from "../../api/src/platform/deps";

const env = process.env;
const issuer = await createDevIssuer(env.DEV_KEY_FILE!);
const store = createTableDirectory({ connectionString: env.STORAGE_CONNECTION_STRING! }, env.TABLE_PREFIX!);
await store.ensureTable();
const source = graphDirectorySource({
  baseUrl: env.GRAPH_BASE_URL!,
  retry: { maxRetries: 5, maxDelaySeconds: 10 },
  tokenFor: developmentAppTokens((c) => issuer.signApp(c)),
});
const sync = directorySync({ store, source, clock: systemClock, ids: randomIds, warn: (m, e) => console.error(m, e) });

let heapPeak = 0;
const sample = setInterval(() => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)), 50);
const start = performance.now();
// A sync that fails (Azurite, on this machine, may stop answering a write in time once a partition holds tens of
// thousands of rows) is resumed from where it stopped, as the next timer would: the runs are counted.
let state = await sync.sync(env.TENANT_ID!, "timer");
let runs = 1;
const errors: string[] = [];
while (state?.status === "failed" && runs < 4) {
  errors.push(state.error ?? "");
  state = await sync.sync(env.TENANT_ID!, "timer");
  runs++;
}
const ms = performance.now() - start;
clearInterval(sample);
heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
console.log(
  JSON.stringify({
    ms,
    status: state?.status ?? "not run",
    error: state?.error ?? null,
    people: state?.people ?? null,
    pages: state?.progress.pages ?? null,
    problemCount: state?.problemCount ?? null,
    runs,
    errors,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    heapPeakMiB: heapPeak / 1024 / 1024,
  }),
);
