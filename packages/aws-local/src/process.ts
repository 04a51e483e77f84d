import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

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
/** Ports already handed out by this process: found free but perhaps not bound yet, so never handed out twice. */
const handedOut = new Set<number>();

/** A port free right now, outside the ephemeral range (for tests; `npm start` uses fixed ports). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = TEST_PORTS.from + Math.floor(Math.random() * (TEST_PORTS.to - TEST_PORTS.from));
    if (handedOut.has(port) || !(await bindable(port))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`No free port between ${TEST_PORTS.from} and ${TEST_PORTS.to} after 50 tries.`);
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

/** Starts a child process and resolves once `ready()` answers, or rejects with its output. */
export async function startProcess(options: {
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  endpoint: string;
  ready: () => Promise<boolean>;
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
  const spawnError = new Promise<never>((_, reject) => child.once("error", reject));

  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  for (;;) {
    if (exited) throw new Error(`${options.name} exited during start:\n${output}`);
    if (await Promise.race([options.ready().catch(() => false), spawnError])) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.name} did not become ready in time:\n${output}`);
    }
    await sleep(100);
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
