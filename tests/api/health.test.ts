import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../api/src/config";
import { runApi } from "../../api/src/main";
import { startAzurite } from "../../scripts/lib/azurite";

const root = resolve(import.meta.dirname, "../..");

describe("GET /api/health", () => {
  it("answers 200 while storage answers and 503 problem+json once it stops", async () => {
    const azurite = await startAzurite();
    const running = await runApi(
      loadConfig({
        TANDEM_MODE: "local",
        PORT: "0",
        STORAGE_CONNECTION_STRING: azurite.connectionString,
        DEMO_ORGANISATION_FILE: resolve(root, "demo/organisation.json"),
      }),
    );
    try {
      const up = await fetch(`${running.url}/health`);
      expect(up.status).toBe(200);
      expect(await up.json()).toEqual({ status: "ok", storage: "ok" });

      await azurite.stop();
      const down = await fetch(`${running.url}/health`);
      expect(down.status).toBe(503);
      expect(down.headers.get("content-type")).toBe("application/problem+json");
      expect(down.headers.get("retry-after")).toBeTruthy();
      const problem = (await down.json()) as { status: number; code: string; detail: string };
      expect(problem).toMatchObject({ status: 503, code: "unavailable" });
      expect(problem.detail).toMatch(/storage/i);
    } finally {
      await running.close();
      await azurite.stop();
    }
  });
});
