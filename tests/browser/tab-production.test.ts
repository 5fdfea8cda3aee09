import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildWeb } from "../../scripts/lib/web";

describe("the production build of the tab", () => {
  it("carries no local-mode code: no persona switcher, no development sign-in", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tandem-tab-prod-"));
    try {
      await buildWeb({ local: false, apiUrl: "https://example.invalid/api", outDir: dir, quiet: true, apps: ["tabs"] });
      const assets = await readdir(join(dir, "assets"));
      expect(assets.some((f) => f.includes("local-mode"))).toBe(false);
      const js = (await Promise.all(assets.filter((f) => f.endsWith(".js")).map((f) => readFile(join(dir, "assets", f), "utf8")))).join("\n");
      expect(js).toContain("https://example.invalid/api");
      for (const local of ["tandem.local.persona", "/dev/token", "/dev/personas", "no development token"]) {
        expect(js.includes(local), local).toBe(false);
      }
      // React's production build, not its development one.
      expect(js.includes("Do not call Hooks inside useEffect"), "React development build").toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
