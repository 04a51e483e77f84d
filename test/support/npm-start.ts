import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort, repoRoot } from "./local";

/** How long a start may take on a loaded machine; only a failure ever waits this long. */
export const START_TIMEOUT_MS = 180_000;

/** `npm start` as a process manager, an IDE or a script runs it, with its output collected. */
export interface Started {
  npm: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export function npmStart(env: NodeJS.ProcessEnv): Started {
  const npm = spawn("npm", ["start"], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  npm.stdout!.on("data", (chunk) => (output += chunk));
  npm.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => npm.once("exit", (code) => resolve(code)));
  return { npm, output: () => output, exited };
}

/**
 * Where a started stack keeps its data: in memory where the machine offers it. DynamoDB Local
 * persists through SQLite, which syncs every write to disk; on a busy disk the operations
 * guide's wipe and restore of a few hundred items took 25-35 s each, in memory about 1 s.
 */
const dataRoot = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();

/** A shell's environment for a stack of its own: free ports and a fresh data directory, not the test stack's links. */
export async function ownStackEnv(): Promise<{ env: NodeJS.ProcessEnv; dataDir: string; ports: number[] }> {
  const dataDir = mkdtempSync(join(dataRoot, "testex-start-"));
  const ports = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
  const [api, dynamo, s3, ses, sqs, oidc, web] = ports.map(String);
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TESTEX_DATA_DIR: dataDir,
    PORT: api,
    TESTEX_DYNAMODB_PORT: dynamo,
    TESTEX_S3_PORT: s3,
    TESTEX_SES_PORT: ses,
    TESTEX_SQS_PORT: sqs,
    // `npm run token` in a walk-through signs in at this stack's provider.
    TESTEX_OIDC_PORT: oidc,
    // The console it builds and serves.
    TESTEX_WEB_PORT: web,
    // DynamoDB Local's JVM as the test stack's (`shortLived`): C1 only, for a stack that lives a minute.
    JAVA_TOOL_OPTIONS: "-XX:TieredStopAtLevel=1",
  };
  return { env, dataDir, ports };
}

/** Resolves as soon as the output shows `text`, rejects if the process exits first. */
function shows(started: Started, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!started.output().includes(text)) return;
      started.npm.stdout!.off("data", check);
      resolve();
    };
    started.npm.stdout!.on("data", check);
    started.exited.then((code) => reject(new Error(`npm start exited with ${code}:\n${started.output()}`)));
    check();
  });
}

/** Starts `npm start` and resolves once its banner is out (so /health is 200). */
export async function startedStack(env: NodeJS.ProcessEnv): Promise<Started> {
  const started = npmStart(env);
  await shows(started, "TESTEX is running");
  return started;
}

/** Every process below `pid` (Linux `ps`). */
export function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).split("\n").filter(Boolean).map(Number);
  } catch {
    // ps exits 1 when there are none
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/** Stops a started stack the way a person would (SIGINT), and kills what is left if that fails. */
export async function stopStack(started: Started | undefined): Promise<void> {
  if (!started || started.npm.exitCode !== null) return;
  const tree = descendants(started.npm.pid!);
  started.npm.kill("SIGINT");
  const stopped = await Promise.race([started.exited.then(() => true), sleep(30_000).then(() => false)]);
  if (!stopped) {
    for (const pid of tree) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    started.npm.kill("SIGKILL");
  }
}
