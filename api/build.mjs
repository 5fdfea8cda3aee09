// Bundles the Functions entry point for Azure: the workspace's TypeScript (api and core) in one file, the
// npm dependencies left to node_modules as the Functions host expects.
import { build } from "esbuild";
import { readFile } from "node:fs/promises";

const pkg = JSON.parse(await readFile(new URL("./package.json", import.meta.url), "utf8"));
await build({
  entryPoints: [new URL("./src/functions.ts", import.meta.url).pathname],
  outfile: new URL("./dist/functions.js", import.meta.url).pathname,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: true,
  external: Object.keys(pkg.dependencies ?? {}),
  logLevel: "warning",
});
