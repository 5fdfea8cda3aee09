import { defineConfig, type Plugin } from "vite";
import { webAppConfig } from "../build/vite/web-app-config.ts";

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

/** The Outlook task pane's page, with Office.js loaded before it. */
export default defineConfig(({ mode }) =>
  webAppConfig({ dir: import.meta.dirname, page: "taskpane", mode, plugins: [officeJs(mode === "localdev")] }),
);
