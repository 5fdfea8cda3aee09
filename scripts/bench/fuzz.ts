/**
 * `npm run bench -- fuzz [--requests N]`: the property-based test of tests/api/fuzz.test.ts with a large budget
 * (10,000 requests by default, half invalid, spread evenly over every route), against the api, Azurite and the
 * Graph simulator of this machine, seeded with the demo organisation. Invalid requests go first, all of them
 * between two snapshots of the stored data; then the valid ones. Prints the answers by status and every kind of
 * failure with an example; writes bench-results/fuzz.json. Exits non-zero when anything failed.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { startGraphSimulator } from "@tandem/graph-simulator";
import { loadConfig } from "../../api/src/config";
import { runApi } from "../../api/src/main";
import { seedDemo } from "../../api/src/features/dev/seed";
import { freePort, startAzurite } from "../lib/azurite";
import { localApiSettings } from "../lib/local-settings";
import {
  describeRequest,
  differences,
  operationsOf,
  poolsOf,
  requestsOf,
  send,
  snapshot,
  validators,
  type FuzzRequest,
} from "../../tests/support/openapi-fuzz";

const root = resolve(import.meta.dirname, "../..");

export async function benchFuzz(args: string[] = []) {
  const i = args.indexOf("--requests");
  const budget = i >= 0 ? Number(args[i + 1]) : 10_000;
  const azurite = await startAzurite();
  const graphPort = await freePort();
  const prefix = `fuzz${randomBytes(3).toString("hex")}`;
  const failures: string[] = [];
  const running = await runApi(
    loadConfig(
      localApiSettings(azurite.connectionString, prefix, {
        GRAPH_BASE_URL: `http://localhost:${graphPort}/v1.0`,
        GRAPH_MAX_RETRY_DELAY_SECONDS: "2",
      }),
    ),
    { log: (line) => void (line.includes("failed") && failures.push(line.slice(0, 600))) },
  );
  const org = running.app.demo!;
  const graph = await startGraphSimulator({ port: graphPort, organisation: org, jwks: running.app.devIssuer!.jwks() });
  try {
    await seedDemo(running.app, org);
    const synced = await running.app.directorySync.sync(org.tenantId, "start");
    if (synced?.status !== "done") throw new Error(`the directory sync did not finish: ${JSON.stringify(synced)}`);
    const token = async (personaId: string) => {
      const r = await fetch(`${running.url}/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ personaId }) });
      return ((await r.json()) as { token: string }).token;
    };
    // A mentee of an active tandem, and a coordinator outside it (as tests/support/test-api.ts's castOf).
    const tandem = org.tandems.find((t) => t.status === "active" && t.kind === "tandem")!;
    const coordinator = org.people.find((p) => p.coordinator && p.id !== tandem.mentorId && !tandem.menteeIds.includes(p.id))!;
    const tokens = { member: await token(tandem.menteeIds[0]!), coordinator: await token(coordinator.id) };
    const doc = (await (await fetch(`${running.url}/openapi.json`)).json()) as Record<string, any>;
    const operations = operationsOf(doc);
    const check = validators(doc);
    const pools = poolsOf(org, tandem.id);

    const results: Record<string, { requests: number; byStatus: Record<string, number>; failures: Record<string, { count: number; example: string }> }> = {};
    const phase = async (valid: boolean, perOperation: number) => {
      const name = valid ? "valid" : "invalid";
      const out = (results[name] = { requests: 0, byStatus: {} as Record<string, number>, failures: {} as Record<string, { count: number; example: string }> });
      for (const operation of operations) {
        const arb = requestsOf(doc, operation, pools, valid, check.refuses);
        if (!arb) continue;
        for (const r of fc.sample(arb, perOperation) as FuzzRequest[]) {
          const answer = await send(running.url, r, tokens);
          out.requests++;
          out.byStatus[answer.status] = (out.byStatus[answer.status] ?? 0) + 1;
          const wrong = check.check(r, answer);
          if (wrong) {
            const key = `${operation.id}: ${wrong.replace(/[0-9a-f-]{36}/g, "…").slice(0, 160)}`;
            const f = (out.failures[key] ??= { count: 0, example: `${describeRequest(r)} -> ${answer.status} ${answer.text.slice(0, 300)}` });
            f.count++;
          }
        }
      }
    };
    const started = performance.now();
    const before = await snapshot(azurite.connectionString, prefix);
    await phase(false, Math.ceil(budget / 2 / operations.length));
    const changed = differences(before, await snapshot(azurite.connectionString, prefix));
    await phase(true, Math.ceil(budget / 2 / operations.length));
    const seconds = (performance.now() - started) / 1000;

    let failed = changed.length > 0 || failures.length > 0;
    for (const [name, r] of Object.entries(results)) {
      console.log(`\n${name} requests: ${r.requests}; answers by status: ${Object.entries(r.byStatus).map(([s, n]) => `${s}: ${n}`).join(", ")}`);
      for (const [k, f] of Object.entries(r.failures)) {
        failed = true;
        console.log(`  FAILED ${f.count}x ${k}\n    e.g. ${f.example}`);
      }
    }
    console.log(`\nstored data after the invalid requests: ${changed.length ? `CHANGED\n  ${changed.slice(0, 20).join("\n  ")}` : "unchanged"}`);
    if (failures.length) console.log(`the api logged failures:\n  ${failures.slice(0, 20).join("\n  ")}`);
    console.log(`${Object.values(results).reduce((n, r) => n + r.requests, 0)} requests in ${seconds.toFixed(0)} s`);
    await mkdir(resolve(root, "bench-results"), { recursive: true });
    await writeFile(resolve(root, "bench-results/fuzz.json"), JSON.stringify({ at: new Date().toISOString(), budget, results, changed, logged: failures }, null, 2));
    if (failed) process.exitCode = 1;
  } finally {
    await running.close();
    await graph.stop();
    await azurite.stop();
  }
}
