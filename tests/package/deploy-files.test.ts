import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { copySiteFiles, PackageError, ROOT, stageApi } from "../../scripts/lib/app-package";

let dirs: string[] = [];
const temp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe("the static site", () => {
  it("serves every URL the manifest points at, besides the tab and task pane pages the web build makes", () => {
    const site = temp("tandem-site-");
    copySiteFiles(site);
    const manifest = readFileSync(join(ROOT, "appPackage", "manifest.json"), "utf8");
    const paths = new Set([...manifest.matchAll(/"\$\{\{TAB_ENDPOINT\}\}\/([^"]+)"/g)].map((m) => m[1]!));
    const fromWebBuild = new Set(["tab.html", "taskpane.html"]);
    const missing = [...paths].filter((p) => !fromWebBuild.has(p) && !existsSync(join(site, p)));
    expect(missing).toEqual([]);
    expect([...paths].filter((p) => p.startsWith("icons/")).length).toBeGreaterThanOrEqual(5);
    expect(readFileSync(join(site, "privacy.html"), "utf8")).toContain('lang="fr"');
  });
});

describe("staging the api for azureFunctions/zipDeploy", () => {
  /** A repository with just what stageApi reads: the api's package.json, host.json, its build, the root lockfile. */
  function repo(built: boolean): string {
    const root = temp("tandem-repo-");
    mkdirSync(join(root, "api"), { recursive: true });
    cpSync(join(ROOT, "api", "package.json"), join(root, "api", "package.json"));
    cpSync(join(ROOT, "api", "host.json"), join(root, "api", "host.json"));
    cpSync(join(ROOT, "package-lock.json"), join(root, "package-lock.json"));
    if (built) {
      mkdirSync(join(root, "api", "dist"));
      writeFileSync(join(root, "api", "dist", "functions.js"), "export {};\n");
      writeFileSync(join(root, "api", "dist", "functions.js.map"), "{}\n");
    }
    return root;
  }

  it("copies package.json, host.json and dist/, with the dependencies at the versions of the root lockfile", () => {
    const root = repo(true);
    const out = join(root, "dist", "api");
    stageApi(out, root);
    expect(readdirSync(out).sort()).toEqual(["dist", "host.json", "package.json"]);
    expect(readdirSync(join(out, "dist")).sort()).toEqual(["functions.js", "functions.js.map"]);
    const source = JSON.parse(readFileSync(join(ROOT, "api", "package.json"), "utf8")) as { main: string; type: string; dependencies: Record<string, string> };
    const staged = JSON.parse(readFileSync(join(out, "package.json"), "utf8")) as Record<string, unknown> & { dependencies: Record<string, string> };
    expect(staged).toMatchObject({ main: source.main, type: source.type });
    expect(staged).not.toHaveProperty("devDependencies");
    expect(staged).not.toHaveProperty("scripts");
    expect(Object.keys(staged.dependencies).sort()).toEqual(Object.keys(source.dependencies).sort());
    const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version: string }> };
    for (const [name, version] of Object.entries(staged.dependencies)) {
      expect(version, name).toBe((lock.packages[`api/node_modules/${name}`] ?? lock.packages[`node_modules/${name}`])!.version);
    }
    expect(readFileSync(join(out, "host.json"), "utf8")).toBe(readFileSync(join(ROOT, "api", "host.json"), "utf8"));
  });

  it("refuses to stage an api that was not built, and says how to build it", () => {
    const root = repo(false);
    expect(() => stageApi(join(root, "dist", "api"), root)).toThrow(PackageError);
    expect(() => stageApi(join(root, "dist", "api"), root)).toThrow(/npm run build -w @tandem\/api/);
  });
});
