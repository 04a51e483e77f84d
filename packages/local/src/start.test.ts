import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "./paths";
import { freePort } from "./process";

/** `npm start` as a process manager, an IDE or a script runs it: its own ports and data, signalled by PID. */
interface Started {
  npm: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const START_TIMEOUT_MS = 180_000;

function npmStart(env: NodeJS.ProcessEnv): Started {
  const npm = spawn("npm", ["start"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  npm.stdout!.on("data", (chunk) => (output += chunk));
  npm.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
  return { npm, output: () => output, exited };
}

async function until(condition: () => boolean, what: string, output: () => string) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen; output:\n${output()}`);
    await sleep(200);
  }
}

/** Every process below `pid` (Linux `ps`). */
function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    // ps exits 1 when there are none
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

const listening = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });

describe("npm start", () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let ports: number[];
  let first: Started;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "testex-start-"));
    ports = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const [api, dynamo, s3, ses, sqs] = ports.map(String);
    // Only what a shell would have, not the test stack's links.
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TESTEX_DATA_DIR: dataDir,
      PORT: api,
      TESTEX_DYNAMODB_PORT: dynamo,
      TESTEX_S3_PORT: s3,
      TESTEX_SES_PORT: ses,
      TESTEX_SQS_PORT: sqs,
    };
    first = npmStart(env);
    await until(() => first.output().includes("TESTEX is running"), "the banner", first.output);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    if (first?.npm.exitCode === null) {
      for (const pid of descendants(first.npm.pid!)) process.kill(pid, "SIGKILL");
      first.npm.kill("SIGKILL");
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows its banner only once GET /health answers 200", async () => {
    const output = first.output();
    expect(output.indexOf("GET /health is 200")).toBeGreaterThan(-1);
    expect(output.indexOf("GET /health is 200")).toBeLessThan(output.indexOf("TESTEX is running"));
    expect((await fetch(`http://127.0.0.1:${ports[0]}/health`)).status).toBe(200);
  });

  it("reports each stand-in as it becomes ready, with its time", () => {
    for (const name of ["DynamoDB Local", "S3 (s3rver)", "SES (aws-ses-v2-local)", "SQS"]) {
      expect(first.output()).toMatch(new RegExp(`${name.replace(/[()]/g, "\\$&")}.* ready on http://127\\.0\\.0\\.1:\\d+ \\(\\d+\\.\\d s\\)`));
    }
  });

  it("keeps its data directory private to its user", () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it("refuses a second start on the same data, saying where the first one runs", async () => {
    const second = npmStart(env);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`TESTEX is already running on ${dataDir} (pid ${descendants(first.npm.pid!)[0]})`);
    expect(second.output()).toContain(`http://localhost:${ports[0]}/`);
  }, START_TIMEOUT_MS);

  it("stops every process and port it started when only npm's PID gets SIGTERM, and says so", async () => {
    const tree = descendants(first.npm.pid!);
    expect(tree.length).toBeGreaterThan(1);
    process.kill(first.npm.pid!, "SIGTERM");
    await first.exited;
    await until(() => tree.every((pid) => !alive(pid)), "every process stopping", first.output);
    expect(first.output()).toMatch(/everything stopped \(\d+\.\d s\)/);
    for (const port of ports) expect(await listening(port)).toBe(false);
  }, START_TIMEOUT_MS);
});
