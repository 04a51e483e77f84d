/**
 * `npm test` after the system check: the type checks (`npm run typecheck`) and
 * the test suites (`vitest run`, with any arguments given) at the same time.
 * Most test files spend their time waiting on servers, a browser or a child
 * process, so the checks use the cores the suites leave idle instead of
 * running first. The suites report as they go; the checks' output follows
 * once both are done. Fails if either fails.
 */
import { spawn } from "node:child_process";
import path from "node:path";

const started = performance.now();
const seconds = () => `${((performance.now() - started) / 1000).toFixed(0)} s`;

/**
 * Every Node process of the run (test files' workers, the infra's offline runs, `npm start`, the CLIs)
 * loads the same large dependencies (the AWS SDK, Pulumi, Hono): Node's on-disk code cache lets the
 * first compile each module and the rest read the result. Beside the installed modules, so a fresh
 * install starts clean; Node keys each entry by the file's content and its own version.
 */
const env = { ...process.env, NODE_COMPILE_CACHE: process.env.NODE_COMPILE_CACHE ?? path.resolve("node_modules/.cache/testex/node-compile") };

function run(command: string, args: string[], quiet: boolean): { exited: Promise<number>; output: () => string; took: () => string } {
  const child = spawn(command, args, { env, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
  let output = "";
  let took = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number>((resolve) =>
    child.once("exit", (code, signal) => {
      took = seconds();
      resolve(code ?? (signal ? 1 : 0));
    }),
  );
  return { exited, output: () => output, took: () => took };
}

const checks = run("npm", ["run", "-s", "typecheck"], true);
const suites = run("vitest", ["run", ...process.argv.slice(2)], false);
const [checked, tested] = await Promise.all([checks.exited, suites.exited]);

if (checked !== 0) process.stdout.write(`\n${checks.output()}\n`);
process.stdout.write(` Type checks (app, console, infra) ${checked === 0 ? "passed" : "FAILED"} after ${checks.took()}; npm test took ${seconds()}\n`);
process.exit(checked !== 0 || tested !== 0 ? 1 : 0);
