import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { api } from "@tandem/core";
import { devRoutes } from "@tandem/core/dev/routes";
import { ROOT } from "../../scripts/lib/app-package";

/**
 * The README describes main as it is: every route of the contracts in its routes table, every variable the api's
 * configuration reads in its configuration table, every npm script, every top-level folder of the layout. A route,
 * a variable or a script added without a word there fails here; what the README says of each stays a reviewer's job.
 */
const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const section = (title: string) => {
  const start = readme.indexOf(`\n## ${title}\n`);
  expect(start, title).toBeGreaterThan(0);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
};

/** The routes table's first cells, as (methods, path) pairs: "`GET\|POST /api/me/journal`", "`PUT .../checkins/me`". */
function documentedRoutes(): { methods: string[]; path: string }[] {
  const table = section("Try the api").split("\n").filter((l) => l.startsWith("| `"));
  return table.flatMap((row) =>
    [...row.split(" | ")[0]!.matchAll(/`([A-Z|\\]+) ([^`?]+)[^`]*`/g)].map((m) => ({ methods: m[1]!.split(/\\?\|/), path: m[2]!.trim() })),
  );
}

describe("the README", () => {
  it("lists every route of the contracts in its routes table", () => {
    const documented = documentedRoutes();
    const routes = [...Object.values(api), ...Object.values(devRoutes)].map((e) => ({ method: e.method, path: `/api${e.path}` }));
    const missing = routes.filter(
      (r) => !documented.some((d) => d.methods.includes(r.method) && (d.path === r.path || (d.path.startsWith("...") && r.path.endsWith(d.path.slice(3))))),
    );
    expect(missing).toEqual([]);
  });

  it("names every variable the api's configuration reads", () => {
    const config = readFileSync(join(ROOT, "api/src/config.ts"), "utf8");
    const env = config.slice(config.indexOf("const Env = z.object({"), config.indexOf("export type Config"));
    const variables = [...env.matchAll(/^ {2}(\w+): z/gm)].map((m) => m[1]!);
    expect(variables.length).toBeGreaterThan(30);
    const described = section("Configuration");
    expect(variables.filter((v) => !described.includes(`\`${v}\``))).toEqual([]);
  });

  it("names every npm script", () => {
    const { scripts } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const said = (name: string) => (name === "start" || name === "test" ? readme.includes(`npm ${name}`) : readme.includes(`npm run ${name}`));
    expect(Object.keys(scripts).filter((s) => !said(s))).toEqual([]);
  });

  it("places every top-level folder in its layout", () => {
    const layout = section("Layout");
    // What git ignores (node_modules, bench-results, the local data) is made, not laid out.
    const ignored = new Set(readFileSync(join(ROOT, ".gitignore"), "utf8").split("\n").map((l) => l.trim().replace(/^\/|\/$/g, "")));
    const folders = readdirSync(ROOT, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !ignored.has(e.name))
      .map((e) => e.name);
    expect(folders.filter((f) => !new RegExp(`^${f}/`, "m").test(layout.replace(/^```\n/m, ""))).sort()).toEqual([]);
  });
});
