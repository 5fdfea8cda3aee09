import type { PluginOption, UserConfig } from "vite";
import react from "@vitejs/plugin-react";
import { resolve } from "node:path";
import { griffelStyles } from "./griffel.ts";

/**
 * What the tab's and the add-in's Vite configs share. `--mode localdev` (npm start, tests) builds the local-mode
 * extras (persona switcher, development sign-in) into .local/web; the production build goes to dist/web and
 * contains none of them. Both apps build into the same folder, so every asset name starts with the page's name.
 */
export function webAppConfig(options: { dir: string; page: string; mode: string; plugins?: PluginOption[] }): UserConfig {
  const local = options.mode === "localdev";
  return {
    root: options.dir,
    base: "./",
    plugins: [react(), griffelStyles(), ...(options.plugins ?? [])],
    define: { __TANDEM_LOCAL__: JSON.stringify(local) },
    // Zod without its eval-compiled parsers, which the production site's Content-Security-Policy refuses.
    resolve: { alias: [{ find: /^zod$/, replacement: resolve(import.meta.dirname, "zod-jitless.ts") }] },
    build: {
      outDir: resolve(options.dir, local ? "../.local/web" : "../dist/web"),
      emptyOutDir: false,
      sourcemap: true,
      rollupOptions: {
        input: { [options.page]: resolve(options.dir, `${options.page}.html`) },
        output: {
          entryFileNames: `assets/${options.page}-[hash].js`,
          chunkFileNames: `assets/${options.page}-[name]-[hash].js`,
          assetFileNames: `assets/${options.page}-[name]-[hash][extname]`,
        },
      },
    },
  };
}
