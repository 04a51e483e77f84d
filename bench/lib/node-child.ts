import { spawn } from "node:child_process";

export interface ChildRun {
  ms: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs an ES module snippet in a fresh `node` process; `ms` is the whole process, spawn to exit.
 * `inherit` keeps this machine's environment (e.g. NODE_EXTRA_CA_CERTS, which Node reads at
 * every start); otherwise the child sees only PATH, HOME and `env`, as a Lambda sandbox would.
 * `nodeOptions` go before the script (e.g. `--cpu-prof`).
 */
export function runNode(script: string, env: Record<string, string>, timeoutMs = 60_000, inherit = false, nodeOptions: string[] = []): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...nodeOptions, "--input-type=module", "-e", script], {
      env: { ...(inherit ? process.env : { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" }), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - started, code, stdout, stderr });
    });
  });
}
