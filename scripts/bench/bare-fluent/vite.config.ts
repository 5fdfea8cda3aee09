import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// One page per build (`--mode bare` or `--mode signed-in`), so each is one script, sharing no chunk.
export default defineConfig(({ mode }) => ({
  root: import.meta.dirname,
  base: "./",
  plugins: [react()],
  logLevel: "warn",
  build: {
    emptyOutDir: false,
    rollupOptions: { input: { [mode]: `${import.meta.dirname}/${mode === "signed-in" ? "signed-in" : "bare"}.html` } },
  },
}));
