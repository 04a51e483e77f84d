import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // Shared test support, above every package (tsconfig.json maps the same alias).
    alias: [{ find: /^#test\/(.*)$/, replacement: fileURLToPath(new URL("./test/support/$1", import.meta.url)) }],
  },
  test: {
    include: ["packages/*/src/**/*.test.{ts,tsx}", "packages/*/test/**/*.test.{ts,tsx}", "test/**/*.test.ts", "infra/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/env.ts"],
    pool: "forks",
    // Most files spend their time waiting on the stand-ins, a browser or a child process, not on a
    // core: three at once keep two cores busy (vitest's default here would be one file at a time).
    maxWorkers: 3,
    // After the usual report, the ten slowest files and tests (all timings in node_modules/.cache/testex/timings.json).
    reporters: ["default", "./test/support/timing-reporter.ts"],
    // What the code under test logs is shown for failing tests only, unless LOG_LEVEL asks for it.
    silent: process.env.LOG_LEVEL ? false : "passed-only",
    // Deadlines here only catch a hang. A sound test can take a minute on a loaded 2-core machine
    // (a table export under a second suite's load did), and that must not fail it.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // The same for `expect.poll` without a timeout of its own (vitest's default is 1 s): under a second
    // run's load, a file worker or a stand-in's event takes seconds.
    expect: { poll: { timeout: 60_000 } },
  },
});
