/**
 * 1. Cold start: every Lambda bundled as SST bundles it, imported by a fresh
 * `node` process, against the hello-world Hono handler in the same run.
 * Rounds alternate between bundles so background load hits all alike.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { localEnvironment, localResources } from "@testex/local/environment";
import { BASELINE, HANDLERS, bundle, heaviestPackages, type Bundle } from "./lib/bundle";
import { runNode } from "./lib/node-child";
import { emit, type Row } from "./lib/report";
import { median, round } from "./lib/stats";

const ROUNDS = Number(process.env.BENCH_COLD_ROUNDS ?? 21);
const MAX_RATIO = 2.6;
const MAX_API_BYTES = 1024 * 1024;

// What a deployed function sees; nothing is contacted at import, so the endpoints need not answer.
const lambdaEnv = localEnvironment(
  { dynamo: "http://127.0.0.1:9", s3: "http://127.0.0.1:9", ses: "http://127.0.0.1:9", sqs: "http://127.0.0.1:9" },
  localResources("bench", "bench-secret-0123456789abcdefghijklmnop"),
);

async function importTime(target: Bundle): Promise<number> {
  const run = await runNode(`await import(${JSON.stringify(pathToFileURL(target.file).href)});`, lambdaEnv);
  if (run.code !== 0) throw new Error(`importing ${target.name} failed:\n${run.stderr.slice(-2000)}`);
  return run.ms;
}

async function main() {
  const outDir = mkdtempSync(join(tmpdir(), "testex-bench-bundles-"));
  try {
    const baseline = await bundle(BASELINE.name, BASELINE.entry, outDir);
    const handlers = await Promise.all(Object.entries(HANDLERS).map(([name, entry]) => bundle(name, entry, outDir)));
    const all = [baseline, ...handlers];
    const samples = new Map<string, number[]>(all.map((b) => [b.name, []]));
    for (const b of all) await importTime(b); // warm the file cache
    for (let round = 0; round < ROUNDS; round++) {
      for (const b of round % 2 ? [...all].reverse() : all) samples.get(b.name)!.push(await importTime(b));
    }
    const base = median(samples.get(baseline.name)!);
    const rows: Row[] = [
      {
        section: "1 cold start",
        item: `${baseline.name} (reference)`,
        figure: `${round(base, 0)} ms, ${round(baseline.bytes / 1024, 0)} KB`,
        target: "–",
        pass: null,
        note: `median of ${ROUNDS} whole-process imports`,
      },
    ];
    const details: Record<string, unknown> = { baselineMs: base, rounds: ROUNDS };
    for (const b of handlers) {
      const ms = median(samples.get(b.name)!);
      const ratio = ms / base;
      const isApi = b.name === "api";
      const pass = ratio <= MAX_RATIO && (!isApi || b.bytes <= MAX_API_BYTES);
      const top = heaviestPackages(b);
      details[b.name] = { ms, ratio, bytes: b.bytes, top };
      rows.push({
        section: "1 cold start",
        item: `${b.name} import`,
        figure: `${round(ratio)}× (${round(ms, 0)} ms), ${round(b.bytes / 1024, 0)} KB`,
        target: isApi ? `≤ ${MAX_RATIO}×, ≤ 1024 KB` : `≤ ${MAX_RATIO}×`,
        pass,
        note: pass ? undefined : `heaviest: ${top.map((t) => `${t.module} ${t.kb} KB`).join(", ")}`,
      });
    }
    emit({ rows, details });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
