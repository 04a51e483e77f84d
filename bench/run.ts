/**
 * `npm run bench`: every measure of performance and load, each figure beside
 * its target. Sections run one after another, each in its own process (own
 * environment, own module cache, no stack left behind by another).
 */
import { spawn } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { repoRoot } from "@testex/local/paths";
import { parseResult, table, type Row } from "./lib/report";

const SECTIONS = [
  { script: "cold-start.ts", what: "1 cold start" },
  { script: "in-process.ts", what: "2-4 DynamoDB cost, API overhead, scale; 6 Lambda memory" },
  { script: "load.ts", what: "5 sustained load; 6 API process memory" },
  { script: "console-size.ts", what: "7 console first-load JavaScript" },
  { script: "import.ts", what: "8 spreadsheet import" },
];

function runSection(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx/esm", join(repoRoot, "bench", script)], {
      cwd: repoRoot,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    // The app logs every request at INFO; only the result line and the last errors are kept.
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => void (stdout = (stdout + chunk.toString()).slice(-1_000_000)));
    child.stderr.on("data", (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const started = Date.now();
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "unknown CPU"}, Node ${process.version}, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} at start`;
console.error(`bench: ${machine}`);
const rows: Row[] = [];
let failed = false;
for (const section of SECTIONS) {
  const at = Date.now();
  console.error(`bench: ${section.what}…`);
  const run = await runSection(section.script);
  const result = parseResult(run.stdout);
  if (run.code !== 0 || !result) {
    failed = true;
    rows.push({ section: section.what, item: "section", figure: "failed", target: "runs", pass: false, note: run.stderr.trim().split("\n").slice(-3).join(" ").slice(0, 300) });
  } else {
    rows.push(...result.rows);
  }
  console.error(`bench: ${section.what} took ${Math.round((Date.now() - at) / 1000)} s`);
}

console.log(`\n${new Date().toISOString()} — ${machine}; whole run ${Math.round((Date.now() - started) / 1000)} s\n`);
console.log(table(rows));
const misses = rows.filter((r) => r.pass === false).length;
console.log(`\n${misses} of ${rows.filter((r) => r.pass !== null).length} targets missed; ${rows.filter((r) => r.figure === "not measured").length} not measured.`);
// Missing a target is a finding, not a crash: the exit code says only whether every section ran.
process.exit(failed ? 1 : 0);
