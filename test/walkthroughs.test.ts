import { spawn } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "#test/local";
import { ownStackEnv, START_TIMEOUT_MS, startedStack, stopStack, type Started } from "#test/npm-start";

/**
 * The docs whose fenced `sh` blocks are walk-throughs: each doc's blocks run
 * in order, in one bash, against a started `npm start`, exactly as written.
 * A block fenced `sh not-run` is skipped (starting the stack, running the
 * tests). A curl may answer an error status only where its line says which,
 * in a comment (`# 409 version.conflict`).
 */
const WALKTHROUGHS = ["README.md", "docs/termination.md", "docs/files.md", "docs/operations.md", "docs/integration.md"];

export const shBlocks = (markdown: string) => [...markdown.matchAll(/^```sh[ \t]*\n([\s\S]*?)^```[ \t]*$/gm)].map((match) => match[1]!);

/** The error statuses a walk-through's lines announce, e.g. `# 409 version.conflict`. */
const announcedErrors = (script: string) =>
  script.split("\n").flatMap((line) => (/\bcurl\b/.test(line) ? [...line.matchAll(/#.*?\b([45]\d\d)\b/g)].map((m) => Number(m[1])) : []));

// Every curl also reports its status on stderr, so a walk-through cannot go wrong quietly.
const PRELUDE = `set -euo pipefail
curl() { command curl -w '%{stderr}walkthrough-status %{http_code}\\n' "$@"; }
`;

function runBash(script: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const bash = spawn("bash", ["-c", PRELUDE + script], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    bash.stdout.on("data", (chunk) => (stdout += chunk));
    bash.stderr.on("data", (chunk) => (stderr += chunk));
    bash.once("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("the docs' walk-throughs, run as written against npm start", () => {
  let stack: Started;
  let env: NodeJS.ProcessEnv;
  let dataDir: string;

  beforeAll(async () => {
    ({ env, dataDir } = await ownStackEnv());
    // Hourly, as in AWS, rather than npm start's every minute: a reminder written between the
    // operations guide's wipe and restore would make the table the restore expects empty not empty.
    env.TESTEX_SCHEDULER_INTERVAL_MS = String(60 * 60_000);
    stack = await startedStack(env);
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    await stopStack(stack);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(WALKTHROUGHS)("%s", async (doc) => {
    const script = shBlocks(readFileSync(join(repoRoot, doc), "utf8")).join("\n");
    expect(script, `${doc} has no sh blocks`).not.toBe("");
    const { code, stdout, stderr } = await runBash(script, env);
    const statuses = [...stderr.matchAll(/walkthrough-status (\d{3})/g)].map((m) => Number(m[1]));
    const errors = statuses.filter((status) => status < 200 || status >= 400);
    const transcript = `exit ${code}\n--- stdout\n${stdout.slice(-6000)}\n--- stderr\n${stderr.slice(-6000)}\n--- npm start\n${stack.output().slice(-3000)}`;
    expect(code, transcript).toBe(0);
    expect(errors.sort(), transcript).toEqual(announcedErrors(script).sort());
  }, 600_000);
});
