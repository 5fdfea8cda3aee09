import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { api } from "@tandem/core";
import { devApi } from "@tandem/core/dev";

const root = resolve(import.meta.dirname, "../..");

/**
 * The bundle Azure runs (api/dist/functions.js, built by `npm test` before the tests) loads on its own and
 * registers one function per route, the jobs' queue trigger and the two timers. Outside the Functions host, @azure/functions says so for each function.
 */
describe("the Azure Functions bundle", () => {
  it("registers every route with app.http, the jobs' queue trigger, the directory sync's timer and the orphan sweep's", async () => {
    const child = spawn(process.execPath, [resolve(root, "api/dist/functions.js")], {
      env: {
        PATH: process.env.PATH,
        TANDEM_MODE: "local",
        STORAGE_CONNECTION_STRING: inject("azuriteConnectionString"),
        TABLE_PREFIX: `b${randomBytes(5).toString("hex")}`,
        DEMO_ORGANISATION_FILE: resolve(root, "demo/organisation.json"),
      },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    expect(output).not.toMatch(/Error/);
    expect(code).toBe(0);
    const registered = [...output.matchAll(/register function "(\w+)"/g)].map((m) => m[1]).sort();
    expect(registered).toEqual([...Object.values(api), ...Object.values(devApi)].map((e) => e.id).concat("directorySync", "jobs", "orphanSweep").sort());
    const bundle = await readFile(resolve(root, "api/dist/functions.js"), "utf8");
    expect(bundle).toMatch(/app\.timer\("directorySync"/);
    expect(bundle).toMatch(/DIRECTORY_SYNC_SCHEDULE/);
    expect(bundle).toMatch(/app\.storageQueue\("jobs"/);
    expect(bundle).toMatch(/app\.timer\("orphanSweep"/);
  });
});
