import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startStack } from "@testex/local/stack";

declare module "vitest" {
  export interface ProvidedContext {
    stackEnv: Record<string, string>;
  }
}

/** One in-memory stack for the whole run: real DynamoDB Local, S3, SES, SQS and OpenID Provider on random ports. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(join(tmpdir(), "testex-test-"));
  const stack = await startStack({
    stage: "test",
    dataDir,
    persistent: false,
    shortLived: true,
    // Generous, so a loaded machine never fails a health check; the test of a timeout waits this long once.
    settings: { healthTimeoutMs: 5_000 },
  });
  project.provide("stackEnv", stack.env);
  return async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
