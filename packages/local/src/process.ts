import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export interface Running {
  name: string;
  endpoint: string;
  stop(): Promise<void>;
}

/** A port the OS says is free right now (for tests; `npm start` uses fixed ports). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", () => reject(new Error(`Port ${port} for ${what} is in use; set another with the environment variable shown in the README.`)));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
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
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}
