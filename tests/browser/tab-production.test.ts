import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildWeb } from "../../scripts/lib/web";

describe("the production build of the tab", () => {
  it("carries no local-mode code, and its first load carries no zod, starts signing in from a small entry, takes four files and resolves its styles at build time", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tandem-tab-prod-"));
    try {
      await buildWeb({ local: false, apiUrl: "https://example.invalid/api", outDir: dir, quiet: true, apps: ["tabs"] });
      const assets = await readdir(join(dir, "assets"));
      // Local mode's persona bar comes in a chunk of its own in local builds (ui/src/local/PersonaBar.tsx).
      expect(assets.some((f) => f.includes("PersonaBar"))).toBe(false);
      const js = (await Promise.all(assets.filter((f) => f.endsWith(".js")).map((f) => readFile(join(dir, "assets", f), "utf8")))).join("\n");
      expect(js).toContain("https://example.invalid/api");
      for (const local of ["tandem.local.persona", "/dev/token", "/dev/personas", "no development token", "Choose a person of the demo organisation"]) {
        expect(js.includes(local), local).toBe(false);
      }
      // React's production build, not its development one.
      expect(js.includes("Do not call Hooks inside useEffect"), "React development build").toBe(false);

      // The first screen loads neither zod nor any view but home: the page names what it loads first.
      const html = await readFile(join(dir, "tab.html"), "utf8");
      const first = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
      expect(first.length).toBeGreaterThan(1);
      // Few files: the entry, Rolldown's runtime, the app's module and one chunk with all it needs first (the
      // static site serves HTTP/1.1, six requests at a time).
      expect(first.length, first.join(" ")).toBeLessThanOrEqual(4);
      const firstJs = (await Promise.all(first.map((f) => readFile(join(dir, f), "utf8")))).join("\n");
      // zod 4 keeps its internals under `_zod` and names its error class; both survive minification.
      expect(firstJs.includes("_zod"), "zod in the first load").toBe(false);
      expect(firstJs.includes("ZodError"), "zod in the first load").toBe(false);
      expect(js.includes("_zod"), "zod still loads with the forms").toBe(true);
      // The reports' views (a manager's team, a coordinator's program) and their strings load when opened.
      for (const reports of ["Nobody reports to you yet", "Tandems at risk", "reports.chart.showTable"]) {
        expect(firstJs.includes(reports), `${reports} in the first load`).toBe(false);
        expect(js.includes(reports), `${reports} in the build`).toBe(true);
      }
      // The sign-in starts from the entry script, before the app is evaluated.
      const entry = html.match(/<script type="module" crossorigin src="\.\/(assets\/[^"]+\.js)"/)![1]!;
      const entryJs = await readFile(join(dir, entry), "utf8");
      expect(entryJs).toContain("/tandems");
      // Small: React, Fluent UI and the views come after, in chunks the page preloads.
      expect(entryJs.length).toBeLessThan(20_000);
      expect(entryJs.includes("react.transitional.element"), "React in the entry").toBe(false);
      // Self-contained: no static import, so it runs as soon as it arrives, not after the app's chunks.
      expect(/(^|[;\n])import[\s{*]/.test(entryJs), "a static import in the entry").toBe(false);
      for (const chunk of first.filter((f) => f !== entry)) expect(html).toContain(`<link rel="modulepreload" crossorigin href="./${chunk}">`);
      // Our styles come resolved at build time, as Fluent's do: Griffel's style compiler stays out of the first
      // load, and with it rtl-css-js, which flips rules for right-to-left pages (one of its patterns, as minified).
      expect(firstJs.includes(String.raw`(translateX\\s*\\(\\s*)`), "Griffel's style compiler in the first load").toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
