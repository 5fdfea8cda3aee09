import { defineConfig, type Plugin } from "vite";
import react from "@vitejs/plugin-react";
import { resolve } from "node:path";

/** Add-ins must load Office.js from Microsoft's CDN; locally it comes from the @microsoft/office-js package. */
export const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
export const OFFICE_JS_LOCAL = "/office-js/office.js";

const PLACEHOLDER = "<!-- office.js -->";

/**
 * Office.js is a classic script that must run before the app: a plain <script> in place of the placeholder in
 * taskpane.html, written after Vite's own processing so that it is never bundled. Which one is decided at
 * build time.
 */
function officeJs(local: boolean): Plugin {
  return {
    name: "tandem-office-js",
    transformIndexHtml: {
      order: "post",
      handler(html) {
        if (!html.includes(PLACEHOLDER)) throw new Error(`taskpane.html lost its ${PLACEHOLDER} placeholder`);
        return html.replace(PLACEHOLDER, `<script src="${local ? OFFICE_JS_LOCAL : OFFICE_JS_CDN}"></script>`);
      },
    },
  };
}

/**
 * The Outlook task pane. `--mode localdev` (npm start, tests) builds the local-mode extras (persona switcher,
 * development sign-in) into .local/web; the production build goes to dist/web and contains none of them. Both
 * share the folder with the tab's pages, so every asset name starts with `taskpane-`.
 */
export default defineConfig(({ mode }) => ({
  root: import.meta.dirname,
  base: "./",
  plugins: [react(), officeJs(mode === "localdev")],
  define: {
    __TANDEM_LOCAL__: JSON.stringify(mode === "localdev"),
  },
  build: {
    outDir: resolve(import.meta.dirname, mode === "localdev" ? "../.local/web" : "../dist/web"),
    emptyOutDir: false,
    sourcemap: true,
    rollupOptions: {
      input: { taskpane: resolve(import.meta.dirname, "taskpane.html") },
      output: {
        entryFileNames: "assets/taskpane-[hash].js",
        chunkFileNames: "assets/taskpane-[name]-[hash].js",
        assetFileNames: "assets/taskpane-[name]-[hash][extname]",
      },
    },
  },
}));
