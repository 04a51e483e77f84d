/**
 * 1. Cold start: every Lambda bundled as SST bundles it, imported by a fresh
 * `node` process, against the hello-world Hono handler in the same run.
 * Rounds alternate between bundles so background load hits all alike.
 *
 * Two environments. The target is judged as the issue's reference points were
 * taken: the machine's own environment, whose NODE_EXTRA_CA_CERTS makes every
 * Node start read a CA file (≈35 ms here, the same for every bundle). The bare
 * figure (PATH only, as in a Lambda sandbox) is shown beside it: the constant
 * is gone, so every ratio is larger. Both are real; neither is hidden.
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
  localResources("bench", "http://127.0.0.1:9"),
);

async function importTime(target: Bundle, inherit: boolean): Promise<number> {
  const run = await runNode(`await import(${JSON.stringify(pathToFileURL(target.file).href)});`, lambdaEnv, 60_000, inherit);
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
    const bare = new Map<string, number[]>(all.map((b) => [b.name, []]));
    for (const b of all) await importTime(b, true); // warm the file cache
    for (let round = 0; round < ROUNDS; round++) {
      for (const b of round % 2 ? [...all].reverse() : all) {
        samples.get(b.name)!.push(await importTime(b, true));
        bare.get(b.name)!.push(await importTime(b, false));
      }
    }
    const base = median(samples.get(baseline.name)!);
    const bareBase = median(bare.get(baseline.name)!);
    const rows: Row[] = [
      {
        section: "1 cold start",
        item: `${baseline.name} (reference)`,
        figure: `${round(base, 0)} ms, ${round(baseline.bytes / 1024, 0)} KB`,
        target: "–",
        pass: null,
        note: `median of ${ROUNDS} whole-process imports; bare environment ${round(bareBase, 0)} ms`,
      },
    ];
    const details: Record<string, unknown> = { baselineMs: base, rounds: ROUNDS };
    for (const b of handlers) {
      const ms = median(samples.get(b.name)!);
      const ratio = ms / base;
      const bareRatio = median(bare.get(b.name)!) / bareBase;
      const isApi = b.name === "api";
      const pass = ratio <= MAX_RATIO && (!isApi || b.bytes <= MAX_API_BYTES);
      const top = heaviestPackages(b);
      details[b.name] = { ms, ratio, bareRatio, bytes: b.bytes, totalBytes: b.totalBytes, top };
      rows.push({
        section: "1 cold start",
        item: `${b.name} import`,
        figure: `${round(ratio)}× (${round(ms, 0)} ms), ${round(b.bytes / 1024, 0)} KB at start (${round(b.totalBytes / 1024, 0)} KB in all)`,
        target: isApi ? `≤ ${MAX_RATIO}×, ≤ 1024 KB` : `≤ ${MAX_RATIO}×`,
        pass,
        note: `bare environment ${round(bareRatio)}×${pass ? "" : `; heaviest: ${top.map((t) => `${t.module} ${t.kb} KB`).join(", ")}`}`,
      });
    }
    emit({ rows, details });
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main();
