import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { freePort } from "./process";

const run = promisify(execFile);
const cli = fileURLToPath(new URL("./db-cli.ts", import.meta.url));
const tsx = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));

describe("npm run db", () => {
  it("says that the local stack is not running, and where it looked, when nothing answers", async () => {
    const [dynamo, s3] = [await freePort(), await freePort()];
    const failure = await run(tsx, [cli, "export"], {
      env: { ...process.env, TESTEX_DYNAMODB_PORT: String(dynamo), TESTEX_S3_PORT: String(s3) },
    }).catch((error: { code: number; stderr: string }) => error);

    expect("code" in failure && failure.code).toBe(1);
    expect((failure as { stderr: string }).stderr).toContain("The local stack is not running");
    expect((failure as { stderr: string }).stderr).toContain(`127.0.0.1:${dynamo}`);
    expect((failure as { stderr: string }).stderr).toContain("npm start");
  });
});
