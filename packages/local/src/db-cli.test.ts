import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { freePort } from "@testex/aws-local/process";

const cli = fileURLToPath(new URL("./db-cli.ts", import.meta.url));
// As `npm run db` runs it: Node with tsx's loader.
const run = (args: string[], options: { env: NodeJS.ProcessEnv }) => promisify(execFile)(process.execPath, ["--import", "tsx/esm", cli, ...args], options);

describe("npm run db", () => {
  // What \`npx sst shell --stage <name> -- npm run db -- …\` provides: the stage's links and its AWS
  // (here the test stack's links and stand-ins), while nothing answers on the local ports.
  const inStageShell = async () => ({
    ...process.env,
    TESTEX_DYNAMODB_PORT: String(await freePort()),
    TESTEX_S3_PORT: String(await freePort()),
  });

  it("exports a deployed stage's table through its links when run inside sst shell", async () => {
    const { stdout } = await run(["export"], { env: await inStageShell() });
    expect(stdout).toMatch(/export/i);
    expect(stdout).toContain(JSON.parse(process.env.SST_RESOURCE_Backups!).name);
  }, 60_000);

  it("refuses to wipe a deployed stage's table", async () => {
    const failure = await run(["wipe", "--yes"], { env: await inStageShell() }).catch((error: { code: number; stderr: string }) => error);
    expect("code" in failure && failure.code).toBe(1);
    expect((failure as { stderr: string }).stderr).toContain("wipe is for the local table only");
  }, 60_000);

  it("says that the local stack is not running, and where it looked, when nothing answers", async () => {
    const [dynamo, s3] = [await freePort(), await freePort()];
    const local = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("SST_RESOURCE_")));
    const failure = await run(["export"], {
      env: { ...local, TESTEX_DYNAMODB_PORT: String(dynamo), TESTEX_S3_PORT: String(s3) },
    }).catch((error: { code: number; stderr: string }) => error);

    expect("code" in failure && failure.code).toBe(1);
    expect((failure as { stderr: string }).stderr).toContain("The local stack is not running");
    expect((failure as { stderr: string }).stderr).toContain(`127.0.0.1:${dynamo}`);
    expect((failure as { stderr: string }).stderr).toContain("npm start");
  });
});
