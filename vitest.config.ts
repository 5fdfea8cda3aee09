import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    projects: [
      {
        test: {
          name: "core",
          include: ["core/test/**/*.test.ts"],
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
    ],
  },
});
