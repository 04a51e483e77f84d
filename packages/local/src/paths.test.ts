import { join, resolve } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

describe("the local data directory", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("is .testex/ in the checkout by default", async () => {
    vi.stubEnv("TESTEX_DATA_DIR", "");
    const { localDataDir, repoRoot } = await import("./paths");
    expect(localDataDir).toBe(join(repoRoot, ".testex"));
  });

  it("is TESTEX_DATA_DIR when set, so a throwaway stack keeps nothing in the checkout", async () => {
    vi.stubEnv("TESTEX_DATA_DIR", "throwaway/stack");
    const { localDataDir } = await import("./paths");
    expect(localDataDir).toBe(resolve("throwaway/stack"));
  });
});
