import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.{ts,tsx}", "packages/*/test/**/*.test.{ts,tsx}", "infra/**/*.test.ts"],
    globalSetup: ["packages/local/src/vitest-global-setup.ts"],
    setupFiles: ["packages/local/src/vitest-env.ts"],
    pool: "forks",
    // What the code under test logs is shown for failing tests only, unless LOG_LEVEL asks for it.
    silent: process.env.LOG_LEVEL ? false : "passed-only",
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
