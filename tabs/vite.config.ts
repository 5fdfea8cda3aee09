import { defineConfig } from "vite";
import { preloadApp } from "../build/vite/preload-app.ts";
import { withAppInOneChunk } from "../build/vite/app-chunk.ts";
import { webAppConfig } from "../build/vite/web-app-config.ts";

/** The tab's page: a small entry that signs in, and the app it preloads, in one chunk (ADR 0007). */
export default defineConfig(async ({ command, mode }) => {
  const config = webAppConfig({ dir: import.meta.dirname, page: "tab", mode, plugins: [preloadApp("/src/app/root.tsx")] });
  if (command !== "build") return config;
  return withAppInOneChunk({ ...config, mode }, "/src/app/root.tsx");
});
