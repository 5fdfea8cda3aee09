import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { resolve } from "node:path";
import { preloadApp } from "../scripts/lib/preload-app.ts";

/**
 * The tab's pages. `--mode localdev` (npm start) builds the local-mode extras (persona switcher, development
 * sign-in) into .local/web; the production build goes to dist/web and contains none of them.
 */
export default defineConfig(({ mode }) => ({
  root: import.meta.dirname,
  base: "./",
  plugins: [react(), preloadApp("/src/app/root.tsx")],
  define: {
    __TANDEM_LOCAL__: JSON.stringify(mode === "localdev"),
  },
  build: {
    outDir: resolve(import.meta.dirname, mode === "localdev" ? "../.local/web" : "../dist/web"),
    emptyOutDir: false,
    sourcemap: true,
    rollupOptions: {
      input: { tab: resolve(import.meta.dirname, "tab.html") },
      output: {
        entryFileNames: "assets/tab-[hash].js",
        chunkFileNames: "assets/tab-[name]-[hash].js",
        assetFileNames: "assets/tab-[name]-[hash][extname]",
      },
    },
  },
}));
