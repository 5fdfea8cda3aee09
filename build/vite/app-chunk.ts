import { build, type Rollup, type UserConfig } from "vite";
import { staticallyReached } from "./preload-app.ts";

/**
 * The app's first load in one chunk. Left alone, Rolldown splits what the first screen needs by how the lazy views
 * share it (React with the catalogs, tabster, the Griffel runtime, Button...): nine files, which a page served over
 * HTTP/1.1, as a storage static website is, fetches six at a time. A first build, not written, tells which modules
 * the app (`app`, the module the entry imports dynamically, e.g. "/src/app/root.tsx") loads before its first
 * render; the build proper gathers them in one chunk, "app", that the lazy views import from.
 * Measured side by side (tab-ab.ts, 25 cold loads each, two runs): first tandem 484 and 558 ms, against 611 and 609.
 */
export async function withAppInOneChunk(config: UserConfig, app: string): Promise<UserConfig> {
  const first = await build({ ...config, configFile: false, logLevel: "silent", build: { ...config.build, write: false } });
  const output = (Array.isArray(first) ? first : [first]) as Rollup.RollupOutput[];
  const bundle: Rollup.OutputBundle = Object.fromEntries(output.flatMap((o) => o.output).map((c) => [c.fileName, c]));
  const chunks = Object.values(bundle).flatMap((c) => (c.type === "chunk" ? [c] : []));
  const reach = (file: string) => staticallyReached(bundle, file);
  const target = chunks.find((c) => c.facadeModuleId?.endsWith(app));
  if (!target) throw new Error(`withAppInOneChunk: no chunk for ${app}`);
  // What the entry loads itself stays with it; the app's own module stays the chunk the entry imports.
  const entry = new Set(chunks.filter((c) => c.isEntry).flatMap((c) => [...reach(c.fileName)]));
  const modules = new Set(
    [...reach(target.fileName)]
      .filter((f) => !entry.has(f))
      .flatMap((f) => (bundle[f] as Rollup.OutputChunk).moduleIds)
      .filter((id) => id !== target.facadeModuleId),
  );
  const outputOptions = config.build?.rollupOptions?.output;
  if (Array.isArray(outputOptions)) throw new Error("withAppInOneChunk: one output expected");
  return {
    ...config,
    build: {
      ...config.build,
      // The app chunk is the first screen's React, Fluent UI and code together, about 600 kB (175 kB gzip), on purpose.
      chunkSizeWarningLimit: 800,
      rollupOptions: {
        ...config.build?.rollupOptions,
        output: {
          ...outputOptions,
          codeSplitting: { includeDependenciesRecursively: false, groups: [{ name: "app", test: (id: string) => modules.has(id) }] },
        },
      },
    },
  };
}
