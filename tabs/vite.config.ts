import { defineConfig } from "vite";
import { preloadApp } from "../scripts/lib/preload-app.ts";
import { webAppConfig } from "../scripts/lib/web-app-config.ts";

/** The tab's page: a small entry that signs in, and the app it preloads (ADR 0007). */
export default defineConfig(({ mode }) =>
  webAppConfig({ dir: import.meta.dirname, page: "tab", mode, plugins: [preloadApp("/src/app/root.tsx")] }),
);
