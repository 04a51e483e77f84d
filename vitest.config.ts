import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.{ts,tsx}", "packages/*/test/**/*.test.{ts,tsx}", "infra/**/*.test.ts"],
    globalSetup: ["packages/local/src/vitest-global-setup.ts"],
    setupFiles: ["packages/local/src/vitest-env.ts"],
    pool: "forks",
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
