import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

export interface Running {
  name: string;
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Where test ports are drawn from: below Linux's ephemeral range (32768–60999),
 * which outgoing connections take their local ports from. A port picked there
 * could be taken by a client socket (an SDK call, a health poll) between being
 * found free and its server binding it, and the server would fail to start.
 */
const TEST_PORTS = { from: 20_000, to: 32_000 };

/** A port free right now, outside the ephemeral range (for tests; `npm start` uses fixed ports). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = TEST_PORTS.from + Math.floor(Math.random() * (TEST_PORTS.to - TEST_PORTS.from));
    if (!claim(port)) continue;
    if (await bindable(port)) return port;
    unclaim(port);
  }
  throw new Error(`No free port between ${TEST_PORTS.from} and ${TEST_PORTS.to} after 50 tries.`);
}

/** The claims on ports handed out, shared by every process of this user on the machine. */
const CLAIMS = join(tmpdir(), `testex-port-claims-${userInfo().uid}`);
const claimed = new Set<number>();
let releasedAtExit = false;

/**
 * Longer than any server takes to bind a port handed to it (`npm start` under load: seconds); a claim
 * this old is void, so claims left by killed processes, whose ids the system hands out again, run out.
 */
const CLAIM_LIFETIME_MS = 10 * 60_000;

/**
 * Claims `port` for this process, unless a live process has, recently. A port is found free in one
 * process (a test file's) and bound later, often by another (a stand-in, `npm start`): in between,
 * another test process would find it free too, and one of the two servers would not get it. The
 * claim is a file named after the port that holds this process's id.
 */
function claim(port: number): boolean {
  mkdirSync(CLAIMS, { recursive: true });
  const file = join(CLAIMS, String(port));
  for (let tries = 0; tries < 2; tries++) {
    try {
      writeFileSync(file, String(process.pid), { flag: "wx" });
      claimed.add(port);
      if (!releasedAtExit) {
        releasedAtExit = true;
        process.once("exit", () => {
          for (const port of claimed) unclaim(port);
        });
      }
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let owner: number;
    let since: number;
    try {
      owner = Number(readFileSync(file, "utf8"));
      since = statSync(file).mtimeMs;
    } catch {
      continue; // its owner removed it meanwhile
    }
    // A recent claim stands while its owner lives (no id yet: its owner is still writing it).
    if (Date.now() - since < CLAIM_LIFETIME_MS && (!owner || isAlive(owner))) return false;
    // Its owner ended without removing it (killed), or bound the port long ago: the claim is void.
    rmSync(file, { force: true });
  }
  return false;
}

function unclaim(port: number): void {
  claimed.delete(port);
  rmSync(join(CLAIMS, String(port)), { force: true });
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export async function assertPortFree(port: number, what: string): Promise<void> {
  if (!(await bindable(port))) throw new Error(`Port ${port} for ${what} is in use; set another with the environment variable shown in the README.`);
}

/** What a stand-in prints on stdout once it listens on `endpoint`: the line `startProcess` waits for. */
export const listeningLine = (endpoint: string) => `listening on ${endpoint}`;

/**
 * Starts a child process and resolves once it prints `listeningLine(endpoint)`, or rejects with its output.
 * Its own word, not an answer on the port: another server may have taken the port since it was
 * found free, and would answer in its stead while the child fails to bind.
 */
export async function startProcess(options: {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  endpoint: string;
  timeoutMs?: number;
  /** Messages the child sends over an IPC channel (opened only when this is given). */
  onMessage?: (message: unknown) => void;
}): Promise<Running> {
  const child: ChildProcess = spawn(options.command, options.args, {
    env: { ...process.env, ...options.env },
    stdio: options.onMessage ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
  });
  if (options.onMessage) child.on("message", options.onMessage);
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  let exited = false;
  child.once("exit", () => (exited = true));
  const exit = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const marker = listeningLine(options.endpoint);
  let stdout = "";
  const listening = new Promise<void>((resolve) => {
    const seek = (chunk: Buffer) => {
      // The tail of what came before: the line may arrive in two chunks.
      stdout = stdout.slice(-marker.length) + chunk.toString();
      if (!stdout.includes(marker)) return;
      child.stdout?.off("data", seek);
      resolve();
    };
    child.stdout?.on("data", seek);
  });
  const spawnError = new Promise<never>((_, reject) => child.once("error", reject));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), options.timeoutMs ?? 30_000)));
  const outcome = await Promise.race([listening.then(() => "listening" as const), exit.then(() => "exited" as const), timeout, spawnError]).finally(() => clearTimeout(timer));
  if (outcome === "exited") throw new Error(`${options.name} exited during start:\n${output}`);
  if (outcome === "timeout") {
    child.kill("SIGKILL");
    throw new Error(`${options.name} did not become ready in time:\n${output}`);
  }
  return {
    name: options.name,
    endpoint: options.endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      }),
  };
}

export async function httpAnswers(url: string): Promise<boolean> {
  try {
    // Nothing listening is refused at once; a server that listens but is slow to answer (a loaded
    // machine, a JVM collecting garbage) is still there, so it gets time.
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Whether a process with this pid exists. */
export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it just belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};
