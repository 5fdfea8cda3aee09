import { readFile, readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/** The web shell's own package: what it imports, it declares; and it stays clear of the hosts' SDKs. */
const ui = resolve(import.meta.dirname, "..");

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [])),
  );
  return nested.flat();
}

/** The packages a file imports, statically or dynamically: "@scope/name" or "name", without subpaths. */
async function importedPackages(file: string): Promise<string[]> {
  const code = await readFile(file, "utf8");
  const specifiers = [...code.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)["']([^"']+)["']/g)].map((m) => m[1]!);
  return specifiers.filter((s) => !s.startsWith(".") && !s.startsWith("node:")).map((s) => s.split("/").slice(0, s.startsWith("@") ? 2 : 1).join("/"));
}

describe("ui/package.json", () => {
  it("declares every package the shell, its testing helpers and its tests import", async () => {
    const manifest = JSON.parse(await readFile(join(ui, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
    const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies }));
    const files = [...(await sources(join(ui, "src"))), ...(await sources(join(ui, "testing"))), ...(await sources(join(ui, "test")))];
    const imported = new Set((await Promise.all(files.map(importedPackages))).flat());
    expect(imported.size).toBeGreaterThan(3);
    expect([...imported].filter((p) => !declared.has(p)).sort()).toEqual([]);
    // Each app wraps its host's SDK once and passes the shell what it needs through shell/host.ts.
    expect([...imported].filter((p) => /teams-js|office-js|office-addin/.test(p))).toEqual([]);
    expect([...declared].filter((p) => /teams-js|office-js|office-addin/.test(p))).toEqual([]);
  });
});
