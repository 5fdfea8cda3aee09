import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

export default defineConfig({
  test: {
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    projects: [
      {
        // Component tests of the Teams tab's views, in happy-dom, with a thin fake of the api client.
        plugins: [react()],
        define: { __TANDEM_LOCAL__: "false" },
        test: {
          name: "tabs",
          include: ["tabs/test/**/*.test.{ts,tsx}"],
          environment: "happy-dom",
          setupFiles: ["tests/support/testing-library-setup.ts"],
          // Typing through Fluent in happy-dom is slow on a busy two-core machine.
          testTimeout: 30_000,
        },
      },
      {
        // Component tests of the Outlook task pane, in happy-dom, with a thin fake of the api client and
        // office-addin-mock for Office.js.
        plugins: [react()],
        define: { __TANDEM_LOCAL__: "false" },
        test: {
          name: "addin",
          include: ["addin/test/**/*.test.{ts,tsx}"],
          environment: "happy-dom",
          setupFiles: ["tests/support/testing-library-setup.ts"],
          testTimeout: 30_000,
        },
      },
      {
        // The web shell the tab and the add-in share, in happy-dom, with a stand-in host and a stubbed fetch.
        plugins: [react()],
        define: { __TANDEM_LOCAL__: "false" },
        test: {
          name: "ui",
          include: ["ui/test/**/*.test.{ts,tsx}"],
          environment: "happy-dom",
          setupFiles: ["tests/support/testing-library-setup.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "core",
          include: ["core/test/**/*.test.ts", "graph-simulator/test/**/*.test.ts", "tests/package/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "api",
          include: ["api/test/**/*.test.ts", "tests/api/**/*.test.ts", "tests/start/**/*.test.ts"],
          globalSetup: ["tests/support/azurite-global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          globalSetup: ["tests/support/azurite-global-setup.ts", "tests/support/web-global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
